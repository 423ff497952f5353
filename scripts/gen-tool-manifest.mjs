#!/usr/bin/env node
// Writes dist/tool-manifest.json (every tool's tools/list entry plus toolset/provider flags) from
// the tool registry in dist/ (run after tsc, before rolldown, by `npm run build`), so a server
// started from the build lists its tools without evaluating a tool module
// (src/mcp/tools/tool-manifest.ts). test/mcp/tool-manifest.test.ts keeps it equal to the registry.
import { existsSync, writeFileSync } from 'node:fs';

const built = new URL('../dist/mcp/tools/build-tool-manifest.js', import.meta.url);
if (!existsSync(built)) {
  console.error('dist/mcp/tools/build-tool-manifest.js not found: run `tsc -p tsconfig.build.json` first.');
  process.exit(1);
}
const [{ registryToolManifest }, { TOOL_MANIFEST_FILE }] = await Promise.all([
  import(built.href),
  import(new URL('../dist/mcp/tools/tool-manifest.js', import.meta.url).href),
]);
const manifest = await registryToolManifest();
const text = `${JSON.stringify(manifest)}\n`;
writeFileSync(new URL(`../dist/${TOOL_MANIFEST_FILE}`, import.meta.url), text);
console.error(`dist/${TOOL_MANIFEST_FILE}: ${manifest.tools.length} tools, ${Buffer.byteLength(text)} bytes.`);
