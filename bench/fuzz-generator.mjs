// Tool-call generation for the fuzzer: seeded, from each tool's advertised input JSON Schema, by
// mutation of a valid call (wrong types, extremes, odd days, traversal strings, unicode, long
// strings and lists, unknown and missing arguments).
//
// Safety: export_data writes files, and this may run as root. Its `path` is therefore only ever
// one of `exportTargets` (all inside the fuzz's temp root): names under the exports folder, and
// escapes (`..`, an absolute path, a symlink) that land in `<root>/outside`, where the fuzzer
// looks for files that should never have been written. No generated path names a system file.

/** A seeded PRNG (mulberry32): the same seed gives the same calls. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

const WRONG_TYPES = [null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1, 2], { a: 1 }, 'null', '[object Object]'];
const NUMBERS = [0, -0, -1, 1, 2 ** 31, -(2 ** 31), 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e15, 1e308, -1e308, 5e-324, 0.5, 99999999999];
const DAYS = [
  '9999-12-31',
  '0001-01-01',
  '0000-00-00',
  '2024-02-30',
  '2024-13-01',
  '1970-01-01',
  '2008-12-31',
  '2009-01-01',
  '2100-01-01',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '+275760-09-13',
  '2024-06-15T25:61:00Z',
  '2024-06-15T00:00:00.000000000000000001Z',
  '',
  ' 2024-06-01',
];
const TRAVERSAL = [
  '../../../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc',
  'file:///etc/passwd',
  '~/.ssh/authorized_keys',
  'daily_sleep\u0000.csv',
  '/dev/zero',
  'C:\\Windows\\System32',
  '\\\\server\\share',
  '$(touch /tmp/x)',
  '`id`',
  '; rm -rf /',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '%s%s%s%n',
];
const UNICODE = [
  '😀'.repeat(50),
  '\u202egnp.exe',
  'a\u200bb\u200cc\u200d',
  '\ud800',
  '\udfff\ud800',
  'e\u0301\u0301\u0301\u0301',
  'Ω≈ç√∫˜µ≤≥÷',
  '田中さんにあげて下さい',
  '\u0000\u0001\u0002',
  '\ufeffdaily_sleep',
  'ДАННЫЕ',
  '\t\n\r',
];

/** Every string that may be tried as export_data's `path` (see the safety note above). */
export function exportTargets(index) {
  return [
    `fuzz-${index}.csv`,
    `nested/dir-${index}/out.jsonl`,
    `../../../outside/relative-${index}.csv`,
    `__ROOT__/outside/absolute-${index}.csv`,
    `link-out/via-symlink-${index}.csv`,
    `__ROOT__/outside/dir-${index}`,
    '../wearables.db',
    '../tokens.json',
    `unicode-${index}-😀-\u202e.csv`,
    `${'n'.repeat(300)}.csv`,
  ];
}

function dayText(rnd, today, daysBack) {
  const offset = rnd.int(-daysBack, 3);
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** A valid value of `schema` (enums, days near `today`, numbers in range, short names). */
export function validValue(schema, rnd, context) {
  const branch = Array.isArray(schema.anyOf) ? rnd.pick(schema.anyOf) : schema;
  if (Array.isArray(branch.enum)) return rnd.pick(branch.enum);
  if (branch.const !== undefined) return branch.const;
  switch (branch.type) {
    case 'boolean':
      // `fresh`/`full` spend provider quota; a model asking for them every other call is not the common case.
      return rnd.chance(context.quotaFlag ? context.quotaFlagRate : 0.5);
    case 'integer':
    case 'number': {
      const min = typeof branch.minimum === 'number' ? branch.minimum : 0;
      const max = typeof branch.maximum === 'number' ? Math.min(branch.maximum, min + 200) : min + 200;
      return rnd.int(min, max);
    }
    case 'array': {
      const count = rnd.int(1, Math.min(3, branch.maxItems ?? 3));
      return Array.from({ length: count }, () => validValue(branch.items ?? { type: 'string' }, rnd, context));
    }
    case 'string':
      if (branch.format === 'date') return dayText(rnd, context.today, context.daysBack);
      if (branch.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (branch.pattern === '^\\d{1,19}$') return String(rnd.int(1, 1000));
      return rnd.pick(context.names);
    default:
      return rnd.pick(context.names);
  }
}

function isDayField(name, schema) {
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : [schema];
  return branches.some((branch) => branch.format === 'date') || /(^|_)(date|start|end|since|until)$/.test(name);
}

function longString(rnd) {
  const length = rnd.pick([1_000, 5_000, 20_000, 100_000]);
  return rnd.pick(['x', 'é', '😀', '../']).repeat(length).slice(0, length);
}

/** The valid base call of a tool: required fields always, optional ones at random. */
function baseArgs(tool, rnd, context) {
  const properties = tool.inputSchema.properties ?? {};
  const required = new Set(tool.inputSchema.required ?? []);
  const args = {};
  for (const [name, schema] of Object.entries(properties)) {
    const quotaFlag = name === 'fresh' || name === 'full';
    if (required.has(name) || rnd.chance(0.4)) args[name] = validValue(schema, rnd, { ...context, quotaFlag });
  }
  return args;
}

const STRATEGIES = ['valid', 'type', 'number', 'day', 'traversal', 'unicode', 'long', 'extra', 'missing', 'shape'];

/** Applies one mutation strategy to a valid base call; returns `{ strategy, args }`. */
function mutate(tool, rnd, context, strategy) {
  const properties = tool.inputSchema.properties ?? {};
  const names = Object.keys(properties);
  const args = baseArgs(tool, rnd, context);
  const field = names.length > 0 ? rnd.pick(names) : undefined;
  const stringFields = names.filter((name) => JSON.stringify(properties[name]).includes('"string"'));
  const dayFields = names.filter((name) => isDayField(name, properties[name]));
  const numberFields = names.filter((name) => /"(integer|number)"/.test(JSON.stringify(properties[name])));
  switch (strategy) {
    case 'type':
      if (field) args[field] = rnd.pick(WRONG_TYPES);
      break;
    case 'number':
      if (numberFields.length > 0) args[rnd.pick(numberFields)] = rnd.pick(NUMBERS);
      break;
    case 'day':
      if (dayFields.length > 0) args[rnd.pick(dayFields)] = rnd.pick(DAYS);
      break;
    case 'traversal':
      if (stringFields.length > 0) args[rnd.pick(stringFields)] = rnd.pick(TRAVERSAL);
      break;
    case 'unicode':
      if (stringFields.length > 0) args[rnd.pick(stringFields)] = rnd.pick(UNICODE);
      break;
    case 'long':
      if (field && properties[field].type === 'array') args[field] = Array.from({ length: rnd.pick([101, 5_000]) }, () => validValue(properties[field].items ?? {}, rnd, context));
      else if (stringFields.length > 0) args[rnd.pick(stringFields)] = longString(rnd);
      break;
    case 'extra': {
      const count = rnd.pick([1, 3, 200, 5_000]);
      for (let index = 0; index < count; index += 1) args[`extra_${index}`] = rnd.pick(WRONG_TYPES);
      break;
    }
    case 'missing': {
      const required = tool.inputSchema.required ?? [];
      if (required.length > 0) delete args[rnd.pick(required)];
      else if (field) delete args[field];
      break;
    }
    case 'shape':
      return { strategy, args: rnd.pick([null, [], 'arguments', 42, [args], { arguments: args }]) };
    default:
      break;
  }
  return { strategy, args };
}

/**
 * The `index`-th generated call over `tools`, deterministic for a seed. `context` holds `today`,
 * `daysBack` (valid days lie up to this many days back), `quotaFlagRate` (how often `fresh`/`full`
 * are true), `names` (plausible resource/metric names) and `root` (where export targets live).
 */
export function generateCall(tools, rnd, context, index) {
  // Every 10th call goes to export_data, the one tool that writes files, so its paths get tried often.
  const exporter = tools.find((candidate) => candidate.name === 'export_data');
  const tool = exporter && index >= tools.length && index % 10 === 5 ? exporter : tools[index % tools.length];
  const strategy = index < tools.length ? 'valid' : rnd.pick(STRATEGIES);
  const call = mutate(tool, rnd, context, strategy);
  if (tool.name === 'export_data' && call.args && typeof call.args === 'object' && !Array.isArray(call.args) && 'path' in call.args) {
    // Never a generated path: only the targets inside the temp root (see the safety note above).
    call.args.path = rnd.pick(exportTargets(index)).replace('__ROOT__', context.root);
  }
  return { tool: tool.name, ...call };
}
