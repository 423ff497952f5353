// Bundles the CLI (tsc's output in dist/) into dist/bin: one entry plus lazily loaded chunks per
// command. Measured reason: loading ~150 small ESM files cost 2.2x the cold start of a minimal SDK
// server; the bundle starts in 1.3x (bench/cold-start.mjs). Packages in node_modules stay external.
export default {
  input: { 'wearables-mcp': 'dist/cli/main.js' },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { dir: 'dist/bin', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
};
