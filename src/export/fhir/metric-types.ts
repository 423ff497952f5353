/** The shapes of the FHIR mapping table (`metrics.ts`) and of its per-provider sources (`sources/`). */
import type { FieldOf, NumberField, RecordDataByKind, RecordKind } from '../../core/records/record.js';
import type { ProviderId } from '../../core/types.js';

export interface MetricCoding {
  system: string;
  code: string;
  display: string;
}

export interface MetricDefinition {
  /** Stable metric name (also the code in the project system). */
  metric: string;
  display: string;
  /** First coding is the primary one; more are added beside it (oxygen saturation: 59408-5 + 2708-6). */
  codings: readonly MetricCoding[];
  /** UCUM code and its human display. */
  unit: { code: string; display: string };
  category?: 'vital-signs' | 'activity';
  /** The FHIR R4 vital-signs profile the Observation conforms to (declared in `meta.profile`). */
  profile?: string;
  /** Panel components (blood pressure): each has its own coding and the value of one field. */
  components?: readonly { key: string; coding: MetricCoding }[];
}

/** A test on one canonical `data` field of a record (`data[field] === equals`). */
export interface RecordRule {
  field: string;
  equals: unknown;
}

/** Where a metric's values come from. */
export interface MetricSource {
  metric: string;
  provider: ProviderId;
  /** The provider resource (a `document` resource, or a `series` resource such as `heartrate`). */
  resource: string;
  /**
   * The canonical `data` field holding the value (documents without components); a list means
   * the first field with a number (a body temperature, else a skin temperature).
   */
  field?: string | readonly string[];
  /** Component key → canonical `data` field (panels). */
  componentFields?: Readonly<Record<string, string>>;
  /** Factor from the stored unit to the metric unit (`height_m` → cm: 100). */
  scale?: number;
  /** Records matching any rule give no observation (a weight goal, a guest on the scale). */
  skipWhen?: readonly RecordRule[];
  /** Only records matching every rule give an observation (e.g. `score_state` SCORED). */
  onlyWhen?: readonly RecordRule[];
  /** A `data` field naming the device model (`Body Cardio`), shown after the provider in `device`. */
  deviceField?: string;
  /** The kind of the resource's records (declared through `kindSource`); absent for a series. */
  kind?: RecordKind;
}

/** A test on one field of a record of kind `K`. */
export interface KindRule<K extends RecordKind> {
  field: FieldOf<RecordDataByKind[K], unknown>;
  equals: unknown;
}

/** A document source of kind `K`: every field it names is a field of the kind, of the right type. */
export interface KindSourceDeclaration<K extends RecordKind> {
  metric: string;
  provider: ProviderId;
  resource: string;
  field?: NumberField<K> | readonly NumberField<K>[];
  componentFields?: Readonly<Record<string, NumberField<K>>>;
  scale?: number;
  skipWhen?: readonly KindRule<K>[];
  onlyWhen?: readonly KindRule<K>[];
  deviceField?: FieldOf<RecordDataByKind[K], string>;
}

/** Declares a document source whose records are of `kind`, checking its field names against the kind. */
export function kindSource<K extends RecordKind>(kind: K, declaration: KindSourceDeclaration<K>): MetricSource {
  return { ...declaration, kind };
}
