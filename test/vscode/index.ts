import { writeFileSync } from 'node:fs';
// The extension host loads this bundle with require(), and Node versions before 20.19 cannot
// require an ES module, so the CommonJS build of Mocha is loaded instead of its ES entry point.
import Mocha from 'mocha/lib/mocha.cjs';
import { defineCodeActionTests } from './suite/code-actions.test';
import { defineCommandTests } from './suite/commands.test';
import { defineDiagnosticsTests } from './suite/diagnostics.test';
import { defineSnippetTests } from './suite/snippets.test';
import { defineLatencyTests } from './suite/latency.test';
import { defineTreeTests } from './suite/tree.test';
import { measurements } from './helpers';

function defineSuites(): void {
  defineDiagnosticsTests();
  defineCodeActionTests();
  defineTreeTests();
  defineCommandTests();
  defineSnippetTests();
  defineLatencyTests();
}

// @vscode/test-cli loads this file as a Mocha test file, with the tdd globals already set.
if (typeof (globalThis as { suite?: unknown }).suite === 'function') defineSuites();

/**
 * Runs the integration suites inside the extension host, as `--extensionTestsPath` expects.
 * Writes `{"passes":N,"failures":N,"measurements":[...]}` to `PM_TEST_RESULT_FILE` when that
 * variable is set, and rejects when a test failed.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000 });
  // The suites are bundled into this file, so in place of `mocha.addFile` the tdd globals
  // are installed here and the suites registered with them.
  mocha.suite.emit('pre-require', globalThis, __filename, mocha);
  defineSuites();

  const { passes, failures } = await new Promise<{ passes: number; failures: number }>(
    (resolve) => {
      const runner = mocha.run((failed) => {
        resolve({ passes: runner.stats?.passes ?? 0, failures: failed });
      });
    },
  );
  for (const line of measurements) console.log(line);
  console.log(`${passes} passed, ${failures} failed`);
  const resultFile = process.env['PM_TEST_RESULT_FILE'];
  if (resultFile) {
    writeFileSync(resultFile, `${JSON.stringify({ passes, failures, measurements })}\n`);
  }
  if (failures > 0) throw new Error(`${failures} of ${passes + failures} tests failed.`);
}
