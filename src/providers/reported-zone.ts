/**
 * The person's zone as a provider last reported it: the zone (an offset `-05:00` or an IANA name)
 * carried by the newest record seen so far. Records that carry no zone of their own (day
 * documents stamped `T00:00:00+00:00`, sleep segments without an offset) belong to the person's zone,
 * never the server's. One per provider instance; pure state, no I/O.
 */
export interface ReportedZone<Zone> {
  /** Notes that a record of instant `atMs` was reported in `zone`. */
  note(atMs: number, zone: Zone): void;
  /** The zone of the newest record noted, or null before any. */
  latest(): Zone | null;
}

/** A fresh, empty reported zone. */
export function createReportedZone<Zone>(): ReportedZone<Zone> {
  let newest: { atMs: number; zone: Zone } | null = null;
  return {
    note(atMs, zone) {
      if (!Number.isFinite(atMs)) return;
      if (newest === null || atMs >= newest.atMs) newest = { atMs, zone };
    },
    latest: () => newest?.zone ?? null,
  };
}
