/**
 * The compact per-day answer shape: column names once, one row per day, units once. A row holds
 * only values (`["2024-06-01", 82, 27000, ...]`), so a 30-day answer costs a few bytes per number
 * instead of ~545 bytes per night of repeated keys and ids. The first column is always `day`,
 * which, with the answer's one `source`, traces every number to a day and a device.
 */
import { z } from 'zod';

/** One value of a row: a number, a short string (day, clock time, id), a flag or null. */
export type Cell = string | number | boolean | null;

/** A column: its name, its unit (when it has one) and how to read it from an item. */
export interface Column<Item> {
  name: string;
  unit?: string;
  value(item: Item): Cell;
}

/** The table part of an answer. */
export interface DayTable {
  columns: string[];
  units: Record<string, string>;
  rows: Cell[][];
}

/** Builds the table of `items` (already one per day, in day order) with `columns`. */
export function buildDayTable<Item>(items: readonly Item[], columns: readonly Column<Item>[]): DayTable {
  const units: Record<string, string> = {};
  for (const column of columns) if (column.unit) units[column.name] = column.unit;
  return {
    columns: columns.map((column) => column.name),
    units,
    rows: items.map((item) => columns.map((column) => column.value(item))),
  };
}

/** Output schema of the table fields; `columns` says what the tool's columns are. */
export function dayTableShape(columns: string, order = 'oldest first') {
  return {
    columns: z.array(z.string()).describe(`Column names, in row order: ${columns}`),
    units: z.record(z.string(), z.string()).describe('Unit of each column that has one.'),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).describe(`One row per day or record, ${order}; values in column order.`),
  };
}

/** The `include_ids` input of the table tools. */
export const includeIdsInput = z
  .boolean()
  .optional()
  .describe('Add the document id column(s) (default false).');

/** The local wall-clock time (`HH:MM`) of an ISO-8601 instant written with its own offset. */
export function clockTime(iso: string | null): string | null {
  if (!iso) return null;
  const match = /T(\d{2}:\d{2})/.exec(iso);
  return match?.[1] ?? null;
}
