/**
 * The deploy files, checked without a container runtime: the Dockerfile's stages (every COPY
 * source exists and passes .dockerignore, the final stage runs as a non-root user with no
 * compiler or install step and takes node_modules from the `npm ci --omit=dev` stage, the
 * HEALTHCHECK asks a route the server answers without a token, EXPOSE and PORT agree), the
 * compose file (PostgreSQL and two app instances with the same environment on the same
 * DATABASE_URL), and docs/deploy.md (every variable compose uses, .env.example lists and the
 * source reads is documented).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_MODULES } from '../../src/providers/registry.js';
import { envPrefix } from '../../src/providers/provider-module.js';
import { startHttpHarness, type HttpHarness } from '../http/support/http-harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Dockerfile instructions by stage (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, base = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ name, base, instructions: [] });
    } else if (stages.length === 0) args.push(instruction);
    else stages.at(-1)?.instructions.push(instruction);
  }
  return { args, stages };
}

/** Whether `path` reaches the build context under .dockerignore (patterns in order, `!` re-includes). */
function passesDockerignore(path: string, patterns: readonly string[]): boolean {
  let included = true;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/\/+$/, '');
    const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/.*)?$`);
    if (regex.test(path)) included = negated;
  }
  return included;
}

function filesUnder(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path.split(sep).join('/')];
  });
}

/** `services.<name>` blocks of compose.yaml: image, build, environment, ports (the subset it uses). */
function parseCompose(text: string): Map<string, { lines: string[]; environment: Map<string, string>; ports: string[] }> {
  const services = new Map<string, { lines: string[]; environment: Map<string, string>; ports: string[] }>();
  let inServices = false;
  let current: string | undefined;
  let section: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inServices = line.startsWith('services:');
      current = undefined;
      continue;
    }
    if (!inServices || line.trim() === '' || line.trim().startsWith('#')) continue;
    const service = /^ {2}([a-z0-9_-]+):\s*$/.exec(line);
    if (service?.[1]) {
      current = service[1];
      services.set(current, { lines: [], environment: new Map(), ports: [] });
      continue;
    }
    const entry = current ? services.get(current) : undefined;
    if (!entry) continue;
    entry.lines.push(line);
    const key = /^ {4}([a-z_]+):/.exec(line);
    if (key?.[1]) section = key[1];
    const variable = /^ {6}([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (section === 'environment' && variable?.[1]) entry.environment.set(variable[1], variable[2] ?? '');
    const port = /^ {6}- "(.*)"$/.exec(line);
    if (section === 'ports' && port?.[1]) entry.ports.push(port[1]);
  }
  return services;
}

/** Variables the source reads from the environment. */
function variablesReadBySource(): string[] {
  const names = new Set<string>();
  for (const file of filesUnder('src')) {
    const text = read(file);
    for (const match of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]|\(env, '([A-Z][A-Z0-9_]+)'/g)) names.add(match[1] ?? match[2] ?? match[3] ?? '');
  }
  for (const module of PROVIDER_MODULES) {
    for (const suffix of ['CLIENT_ID', 'CLIENT_SECRET', 'API_BASE_URL', 'AUTH_BASE_URL', 'REDIRECT_URI']) names.add(`${envPrefix(module.id)}_${suffix}`);
  }
  // The system's own, read to find a browser or an executable.
  for (const system of ['PATH', 'DISPLAY', 'WAYLAND_DISPLAY']) names.delete(system);
  return [...names].sort();
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const final = dockerfile.stages.at(-1)!;
const ignore = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
const deployDoc = read('docs/deploy.md');
const documented = (name: string) => deployDoc.includes(`\`${name}\``);

describe('Dockerfile', () => {
  it('builds in stages and ends on a clean runtime stage', () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(['build', 'deps', 'runtime']);
    expect(dockerfile.stages.map((stage) => stage.base)).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${RUNTIME_IMAGE}']);
    const defaults = new Map(dockerfile.args.filter((arg) => arg.keyword === 'ARG').map((arg) => arg.args.split('=') as [string, string]));
    expect(defaults.get('NODE_IMAGE')).toMatch(/^node:(20|22|24)-/);
    // By default the runtime is the build's Node.js image: the same version runs what was built.
    expect(defaults.get('RUNTIME_IMAGE')).toBe(defaults.get('NODE_IMAGE'));
  });

  it('copies only sources that exist and reach the build context', () => {
    const copies = dockerfile.stages.flatMap((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'COPY' && !instruction.args.startsWith('--from')));
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      const sources = copy.args.split(' ').slice(0, -1);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        const files = statSync(join(ROOT, source)).isDirectory() ? filesUnder(source) : [source];
        for (const file of files) expect(passesDockerignore(file, ignore), `${file} is excluded by .dockerignore`).toBe(true);
      }
    }
    // Secrets and local data never reach the builder.
    for (const path of ['.env', 'node_modules/x', 'test/http/fhir-api.test.ts', 'dist/bin/wearables-mcp.js', '.git/config']) expect(passesDockerignore(path, ignore), path).toBe(false);
  });

  it('runs as a non-root user with no build tool, node_modules from the npm ci --omit=dev stage', () => {
    const user = final.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1)?.args ?? '';
    expect(user).not.toBe('');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const useradd = final.instructions.find((instruction) => instruction.keyword === 'RUN' && instruction.args.includes('useradd'))?.args ?? '';
    expect(useradd).toContain(`useradd --system --uid 10001 --gid ${user}`);
    for (const run of final.instructions.filter((instruction) => instruction.keyword === 'RUN')) {
      expect(run.args).not.toMatch(/apt-get install|npm (ci|install)|\bg\+\+|\bmake\b|python3/);
    }
    const modules = final.instructions.find((instruction) => instruction.keyword === 'COPY' && instruction.args.includes('node_modules'))?.args ?? '';
    const from = /--from=(\S+)/.exec(modules)?.[1];
    const deps = dockerfile.stages.find((stage) => stage.name === from);
    expect(deps?.instructions.some((instruction) => instruction.keyword === 'RUN' && /npm ci --omit=dev/.test(instruction.args))).toBe(true);
    // The build stage's node_modules (dev dependencies, compilers' output) is never copied.
    expect(final.instructions.filter((instruction) => instruction.keyword === 'COPY' && instruction.args.includes('--from=build')).map((instruction) => instruction.args)).toEqual([
      '--from=build /app/dist/bin ./dist/bin',
      '--from=build /app/dist/tool-manifest.json ./dist/tool-manifest.json',
    ]);
  });

  it('starts the bundled CLI that the build writes, on the port it exposes', () => {
    const entrypoint = JSON.parse(final.instructions.find((instruction) => instruction.keyword === 'ENTRYPOINT')?.args ?? '[]') as string[];
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(entrypoint).toEqual(['node', pkg.bin['wearables-mcp']]);
    expect(JSON.parse(final.instructions.find((instruction) => instruction.keyword === 'CMD')?.args ?? '[]')).toEqual(['serve', '--http']);
    const env = final.instructions.find((instruction) => instruction.keyword === 'ENV')?.args ?? '';
    expect(env).toMatch(/PORT=3001/);
    expect(env).toMatch(/HTTP_HOST=0\.0\.0\.0/);
    expect(final.instructions.find((instruction) => instruction.keyword === 'EXPOSE')?.args).toBe('3001');
  });

  describe('HEALTHCHECK', () => {
    let harness: HttpHarness;
    beforeAll(async () => {
      harness = await startHttpHarness();
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('asks a route the server answers 200 without a token', async () => {
      const healthcheck = final.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args ?? '';
      const path = /127\.0\.0\.1:'\+\(process\.env\.PORT\|\|3001\)\+'(\/[a-z]+)'/.exec(healthcheck)?.[1];
      expect(path).toBe('/health');
      const response = await fetch(new URL(path ?? '/', harness.server.url));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe('ok');
    });
  });
});

describe('compose.yaml', () => {
  const services = parseCompose(read('compose.yaml'));

  it('runs PostgreSQL and two app instances with the same environment on the same DATABASE_URL', () => {
    expect([...services.keys()]).toEqual(['postgres', 'app1', 'app2']);
    const [app1, app2] = [services.get('app1')!, services.get('app2')!];
    expect([...app1.environment]).toEqual([...app2.environment]);
    expect(app1.environment.get('DATABASE_URL')).toMatch(/^postgres:\/\/wearables:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/wearables$/);
    expect(app1.lines.some((line) => line.trim() === 'build: .')).toBe(true);
    for (const app of [app1, app2]) {
      expect(app.lines.some((line) => line.trim() === 'image: wearables-mcp:local')).toBe(true);
      expect(app.lines.some((line) => line.trim() === 'condition: service_healthy')).toBe(true);
    }
    expect(app1.ports.map((port) => port.split(':').at(-1))).toEqual(['3001']);
    expect(new Set([...app1.ports, ...app2.ports].map((port) => port.split(':').slice(0, 2).join(':'))).size).toBe(2);
    // Secrets come from the environment of whoever starts it, never from the file.
    for (const name of ['WEARABLES_MCP_ENCRYPTION_KEY', 'AUTH_TOKEN']) expect(app1.environment.get(name)).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
  });

  it('documents every variable it passes or interpolates', () => {
    const text = read('compose.yaml');
    const names = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1] ?? ''));
    for (const service of services.values()) for (const name of service.environment.keys()) if (!name.startsWith('POSTGRES_')) names.add(name);
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(documented(name), `${name} in docs/deploy.md`).toBe(true);
  });
});

describe('docs/deploy.md', () => {
  it('documents every variable the source reads and .env.example lists', () => {
    const fromSource = variablesReadBySource();
    expect(fromSource).toEqual(expect.arrayContaining(['DATABASE_URL', 'AUTH_TOKEN', 'METRICS_TOKEN', 'PUBLIC_BASE_URL', 'WEARABLES_MCP_ENCRYPTION_KEY', 'OURA_CLIENT_ID']));
    const fromExample = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? '');
    const missing = [...new Set([...fromSource, ...fromExample])].filter((name) => !documented(name));
    expect(missing).toEqual([]);
  });

  it('names only files that exist', () => {
    for (const path of ['Dockerfile', 'compose.yaml', '.dockerignore', 'test/deploy/deploy-files.test.ts', 'src/http/metrics.ts']) {
      expect(deployDoc).toContain(path);
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
  });
});
