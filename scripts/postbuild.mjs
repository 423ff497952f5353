// Marks the CLI entry executable after tsc, so `npx wearables-mcp` and the bin link work.
import { chmodSync, existsSync } from 'node:fs';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(entry)) chmodSync(entry, 0o755);
