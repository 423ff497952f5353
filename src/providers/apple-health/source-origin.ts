/**
 * Where a HealthKit sample came from. HealthKit also stores what other apps wrote into it: the
 * Oura, WHOOP and Withings (Health Mate) apps copy their nights, weigh-ins and heart rate there.
 * Those copies are recognised by the writing app's name and tagged with the provider they copy,
 * so Apple's own day values are built from Apple's own sensors and typed-in data only (see
 * `day-priority.ts`), and a night or a weigh-in a connected provider already delivers directly is
 * never counted a second time under Apple Health.
 */

/** Apple's own origins, best first, then other apps; a copy names the provider it copies. */
export type SourceOrigin = 'apple_watch' | 'iphone' | 'app' | `copy:${string}`;

/** Priority classes of Apple's own origins (index into per-class accumulators); copies have none. */
export const ORIGIN_CLASSES = ['apple_watch', 'iphone', 'app'] as const;
export type OriginClass = (typeof ORIGIN_CLASSES)[number];

/**
 * Apps that copy a directly connectable provider's data into HealthKit, matched on the writing
 * app's name (`sourceName`) or the device's manufacturer. The value is that provider's id.
 */
const COPYING_APPS: ReadonlyArray<{ pattern: RegExp; provider: string }> = [
  { pattern: /(^|[^a-z])oura([^a-z]|$)/i, provider: 'oura' },
  { pattern: /(^|[^a-z])whoop([^a-z]|$)/i, provider: 'whoop' },
  { pattern: /health mate|withings/i, provider: 'withings' },
];

/** The device description's `name:` part (`<<HKDevice: 0x…>, name:Apple Watch, manufacturer:…>`). */
export function deviceName(device: string | undefined): string {
  if (!device) return '';
  const start = device.indexOf('name:');
  if (start < 0) return '';
  const end = device.indexOf(',', start);
  return device.slice(start + 5, end < 0 ? undefined : end);
}

function deviceManufacturer(device: string | undefined): string {
  if (!device) return '';
  const start = device.indexOf('manufacturer:');
  if (start < 0) return '';
  const end = device.indexOf(',', start);
  return device.slice(start + 13, end < 0 ? undefined : end);
}

/** Classifies one sample's writer from its `sourceName` and `device` attributes (pure). */
export function classifyOrigin(sourceName: string | undefined, device: string | undefined): SourceOrigin {
  const name = sourceName ?? '';
  const manufacturer = deviceManufacturer(device);
  for (const app of COPYING_APPS) {
    if (app.pattern.test(name) || app.pattern.test(manufacturer)) return `copy:${app.provider}`;
  }
  const model = deviceName(device);
  if (/watch/i.test(model) || /apple watch/i.test(name)) return 'apple_watch';
  if (/iphone/i.test(model) || /iphone/i.test(name)) return 'iphone';
  return 'app';
}

/** The provider a copy came from (`oura`), or null for Apple's own and other apps' samples. */
export function copiedProvider(origin: SourceOrigin): string | null {
  return origin.startsWith('copy:') ? origin.slice(5) : null;
}

/** The priority class index of an origin (0 = best), or -1 for a copy (never in Apple's day values). */
export function originClass(origin: SourceOrigin): number {
  return (ORIGIN_CLASSES as readonly string[]).indexOf(origin);
}

/**
 * Memoises `classifyOrigin` per (sourceName, device): an export repeats a handful of writers
 * across millions of samples.
 */
export function createOriginCache(): (sourceName: string | undefined, device: string | undefined) => SourceOrigin {
  // Two levels instead of one concatenated key: no new string to build and hash per sample.
  const cache = new Map<string, Map<string, SourceOrigin>>();
  let size = 0;
  return (sourceName = '', device = '') => {
    let byDevice = cache.get(sourceName);
    let origin = byDevice?.get(device);
    if (origin === undefined) {
      origin = classifyOrigin(sourceName, device);
      // Bounded: a hostile file with a new device string per record cannot grow it without end.
      if (size < 10_000) {
        if (!byDevice) cache.set(sourceName, (byDevice = new Map()));
        byDevice.set(device, origin);
        size++;
      }
    }
    return origin;
  };
}

/**
 * The device description without the object address HealthKit prints into it
 * (`<<HKDevice: 0x283e4c8c0>, name:…`): the address differs in every export, and a raw payload
 * that changed with it would turn every re-import into an update.
 */
export function stableDevice(device: string | undefined): string | null {
  return device ? device.replace(/^<<HKDevice: 0x[0-9a-fA-F]+>, /, '<').trim() : null;
}
