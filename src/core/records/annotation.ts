/** The `annotation` kind: what the person noted about a moment or a span (tags, notes, rest mode). */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of an `annotation` record. */
export type AnnotationData = RecordDataBase & {
  /** Free text of a note. */
  text?: string | null;
  /** Tag names of a note. */
  tags?: string[];
  /** A tag's type code (`tag_generic_nocaffeine` ...). */
  tag_type_code?: string | null;
  /** The person's own name for a custom tag. */
  custom_name?: string | null;
  comment?: string | null;
  /** Last local day of a span that continues past its first. */
  end_day?: string | null;
  duration_seconds?: number | null;
  /** Episodes of a rest-mode period. */
  episode_count?: number;
};
