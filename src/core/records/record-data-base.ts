/** What every canonical record's `data` may carry besides its kind's fields. */

/** Fields common to the `data` of every kind. */
export type RecordDataBase = {
  /**
   * Top-level fields of the provider document that did not match its schema: they were left
   * out of `data` (every other field was normalized; `raw` keeps the whole document).
   */
  schema_mismatch_fields?: string[];
};
