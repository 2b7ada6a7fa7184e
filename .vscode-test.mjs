// Configuration for `npm run test:electron`: @vscode/test-cli downloads a desktop VS Code and
// loads the bundled suite as a Mocha test file. It needs internet access; offline machines run
// the same suite with `npm run test:vscode` instead.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/vscode/index.js',
  version: '1.100.3',
  workspaceFolder: 'test/vscode/workspace',
  mocha: { ui: 'tdd', timeout: 20_000 },
  launchArgs: ['--disable-extensions'],
});
