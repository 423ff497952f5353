/**
 * Which files an export writes: resolved from the providers' `resources` declarations only, so a
 * provider added later exports without changes here.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WearablesError } from '../core/errors.js';
import type { LocalDay, ProviderId } from '../core/types.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import { resourceSpec } from '../providers/provider.js';
import type { StoreReader } from '../store/store.js';
import { FORMAT_EXTENSIONS, type ExportFormat } from './export-types.js';

/** One file of an export. */
export interface ExportTarget {
  provider: Provider;
  spec: ResourceSpec;
  path: string;
}

export interface TargetRequest {
  store: StoreReader;
  providers: ReadonlyMap<ProviderId, Provider>;
  provider?: ProviderId;
  kind: string;
  format: ExportFormat;
  out: string;
  /** Resources that can be written in this format (FHIR: those with a mapping). */
  supports: (provider: Provider, spec: ResourceSpec) => boolean;
  /** How a path is named in messages (the tool: relative to its export root). */
  describe: (path: string) => string;
}

/** The file name used for one resource inside an `all` directory. */
export function fileNameFor(provider: ProviderId, resource: string, format: ExportFormat): string {
  return `${provider}-${resource}${FORMAT_EXTENSIONS[format]}`;
}

/** Resolves the target files of an export (validating provider, kind and `out`). */
export async function resolveTargets(request: TargetRequest): Promise<ExportTarget[]> {
  if (!request.out) throw new WearablesError('VALIDATION_ERROR', 'No output path given.', { hint: 'Pass out (--out) with a file or directory path.' });
  if (request.kind === 'all') return resolveAll(request);
  const provider = pickProvider(request);
  const spec = resourceSpec(provider, request.kind);
  if (!request.supports(provider, spec)) {
    throw new WearablesError('VALIDATION_ERROR', `${provider.id}/${spec.name} cannot be exported as ${request.format}.`, {
      hint: `Export it as csv, jsonl or parquet, or pick a resource with FHIR observations.`,
    });
  }
  if (await isDirectory(request.out)) {
    throw new WearablesError('VALIDATION_ERROR', `${request.describe(request.out)} is a directory; a single resource is written to a file.`, {
      hint: `Pass a file path such as ${request.describe(join(request.out, fileNameFor(provider.id, spec.name, request.format)))}.`,
    });
  }
  await makeDirectory(dirname(request.out), request.describe);
  return [{ provider, spec, path: request.out }];
}

async function resolveAll(request: TargetRequest): Promise<ExportTarget[]> {
  const providers = request.provider ? [providerById(request.providers, request.provider)] : await providersWithData(request);
  const targets: ExportTarget[] = [];
  for (const provider of providers) {
    for (const spec of provider.resources) {
      if (!request.supports(provider, spec)) continue;
      targets.push({ provider, spec, path: join(request.out, fileNameFor(provider.id, spec.name, request.format)) });
    }
  }
  if (await isFile(request.out)) {
    throw new WearablesError('VALIDATION_ERROR', `${request.describe(request.out)} is a file; kind "all" writes one file per resource into a directory.`, {
      hint: 'Pass a directory path (it is created if missing).',
    });
  }
  await makeDirectory(request.out, request.describe);
  return targets;
}

function pickProvider(request: TargetRequest): Provider {
  if (request.provider) return providerById(request.providers, request.provider);
  const declaring = [...request.providers.values()].filter((provider) => provider.resources.some((spec) => spec.name === request.kind));
  const [only] = declaring;
  if (declaring.length === 1 && only) return only;
  if (declaring.length === 0) {
    throw new WearablesError('VALIDATION_ERROR', `No provider has a resource named "${request.kind}".`, { hint: kindHint(request.providers) });
  }
  throw new WearablesError('VALIDATION_ERROR', `Several providers have a resource named "${request.kind}".`, {
    hint: `Pass provider (--provider): ${declaring.map((provider) => provider.id).join(' or ')}.`,
  });
}

/** The kinds `kind` accepts (bare resource names), and which of them also need a provider. */
function kindHint(providers: ReadonlyMap<ProviderId, Provider>): string {
  const owners = new Map<string, ProviderId[]>();
  for (const provider of providers.values()) for (const spec of provider.resources) owners.set(spec.name, [...(owners.get(spec.name) ?? []), provider.id]);
  const shared = [...owners].filter(([, ids]) => ids.length > 1);
  const sharedText = shared.length > 0 ? ` (${shared.map(([name, ids]) => `${name}: also pass provider (--provider) ${ids.join(' or ')}`).join('; ')})` : '';
  return `Use "all" or one of: ${[...owners.keys()].join(', ')}${sharedText}.`;
}

function providerById(providers: ReadonlyMap<ProviderId, Provider>, id: ProviderId): Provider {
  const provider = providers.get(id);
  if (provider) return provider;
  throw new WearablesError('VALIDATION_ERROR', `Provider "${id}" is not available.`, {
    hint: `Use one of: ${[...providers.keys()].join(', ') || '(none registered)'}.`,
  });
}

/** Providers with at least one stored record or sample (for `all` without a provider). */
async function providersWithData(request: TargetRequest): Promise<Provider[]> {
  const stats = await request.store.stats();
  const withData = new Set<ProviderId>([
    ...stats.records.filter((row) => row.count > 0).map((row) => row.provider),
    ...stats.samples.filter((row) => row.count > 0).map((row) => row.provider),
  ]);
  const providers = [...request.providers.values()].filter((provider) => withData.has(provider.id));
  if (providers.length === 0) {
    throw new WearablesError('NOT_FOUND', 'The local cache holds no data to export.', {
      hint: 'Run `wearables-mcp sync` first, or pass provider (--provider) to write empty files.',
    });
  }
  return providers;
}

/** Creates missing folders 0700 (folders that already exist are the user's and keep their mode). */
async function makeDirectory(path: string, describe: (path: string) => string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new WearablesError('FILE_ERROR', `Cannot create the directory ${describe(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Choose an output path inside a writable directory.',
      cause: error,
    });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/** Epoch-ms bounds of an inclusive local-day range (server time zone), for series resources. */
export function dayRangeToEpoch(start: LocalDay | undefined, end: LocalDay | undefined): { start: number; end: number } {
  const midnight = (day: LocalDay): number => new Date(`${day}T00:00:00`).getTime();
  const next = (day: LocalDay): number => {
    const date = new Date(`${day}T12:00:00`);
    date.setDate(date.getDate() + 1);
    return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  };
  return { start: start ? midnight(start) : 0, end: end ? next(end) : Number.MAX_SAFE_INTEGER };
}
