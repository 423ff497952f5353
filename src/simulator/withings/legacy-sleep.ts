/**
 * The 2020-era `v2/sleep getsummary` item, as recorded in
 * shared/specs/recorded/withings/sleep_getsummary_legacy_1.json: only the seven basic data fields
 * (no totals, score, heart rate or breathing), `model` 32, no hash_deviceid / created / model_id.
 * The legacy service ignores `data_fields`.
 */
export function legacySleepSummary(item: Record<string, unknown>): Record<string, unknown> {
  const data = (item.data ?? {}) as Record<string, unknown>;
  return {
    id: item.id,
    timezone: item.timezone,
    model: 32,
    startdate: item.startdate,
    enddate: item.enddate,
    date: item.date,
    modified: item.modified,
    data: {
      wakeupduration: data.wakeupduration,
      lightsleepduration: data.lightsleepduration,
      deepsleepduration: data.deepsleepduration,
      wakeupcount: data.wakeupcount,
      durationtosleep: data.sleep_latency,
      remsleepduration: data.remsleepduration,
      durationtowakeup: data.wakeup_latency,
    },
  };
}
