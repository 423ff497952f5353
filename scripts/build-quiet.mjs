// `npm run build` with its output shown only when it fails: `npm run demo` starts with the demo's
// own lines, not the bundler's chunk list (rolldown prints it at every log level).
import { spawnSync } from 'node:child_process';

const build = spawnSync('npm run build', { shell: true, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(`npm run build failed (exit ${build.status ?? build.signal}); its output is above.\n`);
  process.exit(build.status ?? 1);
}
