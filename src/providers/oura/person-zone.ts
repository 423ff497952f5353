/**
 * Oura records in the person's zone. Readiness and daily sleep are stamped `T00:00:00+00:00`
 * whatever the zone (recorded daily_readiness_page_1.json / daily_sleep_page_1.json of a -05:00
 * user), so they carry no offset of their own: they take the latest offset Oura reported for the
 * person (span documents, daily_activity's local 04:00 timestamp). When nothing was reported yet,
 * the same window's daily_activity is asked once to learn it.
 */
import type { ProviderPage } from '../provider.js';
import type { ReportedZone } from '../reported-zone.js';

/** Notes the offsets a page's records report. */
export function noteOffsets(page: ProviderPage, zone: ReportedZone<string>): void {
  for (const record of page.records) {
    if (record.tzOffset !== null) zone.note(Date.parse(record.start ?? `${record.day ?? ''}T12:00:00${record.tzOffset}`), record.tzOffset);
  }
}

/** Whether a page has dated records without an offset. */
export function lacksOffsets(page: ProviderPage): boolean {
  return page.records.some((record) => record.tzOffset === null && record.day !== null);
}

/** Notes the page's offsets and gives records without one the person's latest, when known. */
export function inPersonZone(page: ProviderPage, zone: ReportedZone<string>): ProviderPage {
  noteOffsets(page, zone);
  const offset = zone.latest();
  if (offset === null || !lacksOffsets(page)) return page;
  return { ...page, records: page.records.map((record) => (record.tzOffset === null && record.day !== null ? { ...record, tzOffset: offset } : record)) };
}

/**
 * Notes every offset the pages of another collection (daily_activity) report. Best effort: if
 * that lookup fails (no such scope, a hiccup), the offset stays unknown and the sync goes on.
 */
export async function learnOffsets(pages: AsyncIterable<ProviderPage>, zone: ReportedZone<string>): Promise<void> {
  try {
    for await (const page of pages) noteOffsets(page, zone);
  } catch {
    // Unknown stays unknown (null), never a guessed +00:00.
  }
}
