import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  EXTENSION_ID,
  getApi,
  measurements,
  openFixture,
  waitForLint,
  writeFixture,
} from '../helpers';

/** A 71 KiB incident log of about 35 incidents, copied into the workspace by the test. */
const LONG_LOG = 'postmortems/incident-log-long.md';
const EDITS = 8;

export function defineLatencyTests(): void {
  suite('Edit to diagnostics', () => {
    teardown(closeAllEditors);

    test('publishes the diagnostics of each edit of a long incident log', async function () {
      this.timeout(120_000);
      const api = await getApi();
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const source = path.join(
        extension.extensionPath,
        'test',
        'fixtures',
        'real',
        'moj-cloud-platform-incident-log-long.md',
      );
      await writeFixture(LONG_LOG, readFileSync(source, 'utf8'));
      const editor = await openFixture(LONG_LOG);
      const document = editor.document;
      await waitForLint(api, document);
      const debounceMs = vscode.workspace
        .getConfiguration('postmortem', document.uri)
        .get<number>('debounceMs', 300);

      // Each edit is timed from the moment the extension host receives the change, which is when the
      // extension's debounce starts, to the moment its diagnostics are published.
      const latencies: number[] = [];
      const lintTimes: number[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        const line = Math.floor(document.lineCount / 2) + edit;
        let changed = 0;
        const changes = vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.document === document && changed === 0) changed = performance.now();
        });
        const linted = new Promise<number>((resolve) => {
          const listener = api.onDidLint((uri) => {
            if (uri.toString() !== document.uri.toString() || !api.getLint(document)) return;
            listener.dispose();
            resolve(performance.now());
          });
        });
        assert.ok(
          await editor.edit((builder) => builder.insert(new vscode.Position(line, 0), 'x')),
        );
        const published = await linted;
        changes.dispose();
        assert.ok(changed > 0, 'the edit raised no change event');
        latencies.push(published - changed);
        lintTimes.push(api.getLint(document)?.lintMs ?? Number.NaN);
        // The published lint is of the document's current version, not of an earlier one.
        assert.equal(api.getLint(document)?.version, document.version);
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      const slowest = sorted.at(-1) ?? 0;
      const lintMedian = [...lintTimes].sort((a, b) => a - b)[Math.floor(EDITS / 2)] ?? 0;
      measurements.push(
        `edit to diagnostics on a ${Math.round(document.getText().length / 1024)} KiB incident log: ` +
          `median ${median.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms over ${EDITS} edits ` +
          `(debounce ${debounceMs} ms, so ${(median - debounceMs).toFixed(0)} ms past it at the median; ` +
          `the lint itself took ${lintMedian.toFixed(1)} ms at the median)`,
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
}
