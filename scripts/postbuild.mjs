// Marks the bundled CLI entry executable, so `npx wearables-mcp` and the bin link work.
import { chmodSync, existsSync } from 'node:fs';
const entry = new URL('../dist/bin/wearables-mcp.js', import.meta.url);
if (existsSync(entry)) chmodSync(entry, 0o755);
