#!/usr/bin/env node
// Prints the README's Markdown tool table from the tool registry (run `npm run build` first), so
// the documentation is generated from the same definitions the server registers.
// `--write` replaces the table between <!-- tools:start --> and <!-- tools:end --> in README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const built = new URL('../dist/mcp/tools/tool-table.js', import.meta.url);
const registry = new URL('../dist/mcp/tools/registry.js', import.meta.url);
if (!existsSync(built)) {
  console.error('dist/mcp/tools/tool-table.js not found: run `npm run build` first.');
  process.exit(1);
}
const { toolTableMarkdown } = await import(built.href);
const { loadAllTools } = await import(registry.href);
const table = toolTableMarkdown(await loadAllTools());

if (process.argv.includes('--write')) {
  const readme = new URL('../README.md', import.meta.url);
  const text = readFileSync(readme, 'utf8');
  const pattern = /<!-- tools:start -->[\s\S]*?<!-- tools:end -->/;
  if (!pattern.test(text)) {
    console.error('README.md has no <!-- tools:start --> ... <!-- tools:end --> markers.');
    process.exit(1);
  }
  writeFileSync(readme, text.replace(pattern, `<!-- tools:start -->\n${table}\n<!-- tools:end -->`));
  console.error('README.md tool table updated.');
} else {
  process.stdout.write(`${table}\n`);
}
