// Bundles the extension, the CLI, the remark plugin and the VS Code test suite with esbuild.
// unified and remark ship only as ES modules, while the extension host loads CommonJS, so
// every Node entry is bundled to CommonJS with its dependencies inlined.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

// Some dependencies call createRequire(import.meta.url), which is undefined in a CommonJS
// bundle: give it the bundle's own file URL.
const importMetaShim = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";
// jsonc-parser's main entry is a UMD build that requires its modules by computed names, and a
// bundle cannot follow those. Its ES module build imports them statically.
const cjs = {
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: importMetaShim },
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const entries = [
  { in: 'src/extension/extension.ts', out: 'dist/extension.js', ...cjs, external: ['vscode'] },
  {
    in: 'src/cli/main.ts',
    out: 'dist/cli.js',
    ...cjs,
    banner: { js: `#!/usr/bin/env node\n${importMetaShim}` },
    executable: true,
  },
  // The plugin runs inside a remark pipeline that already loads unified: it imports its
  // dependencies instead of bundling CommonJS code that an ES module cannot require.
  { in: 'src/core/plugin.ts', out: 'dist/remark-plugin.mjs', format: 'esm', packages: 'external' },
  {
    in: 'test/vscode/index.ts',
    out: 'out/test/vscode/index.js',
    ...cjs,
    external: ['vscode', 'mocha'],
    sourcemap: true,
    minify: false,
  },
];

for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  const { in: input, out, executable, ...options } = entry;
  await build({ ...common, ...options, entryPoints: [input], outfile: out });
  if (executable) chmodSync(out, 0o755);
}
