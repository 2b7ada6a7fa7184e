import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  CACHE_REVIEW,
  CONFIG_FILE,
  MemoryFileSystem,
  README,
  SEARCH_LATENCY,
  closeAllEditors,
  describeCoreDiagnostic,
  describeDiagnostic,
  getApi,
  lintWithCore,
  openFixture,
  readFixture,
  ruleIdOf,
  waitFor,
  waitForLint,
  writeFixture,
} from '../helpers';

/** Registers the suite with the Mocha `tdd` globals, which must exist when this runs. */
export function defineDiagnosticsTests(): void {
  suite('Diagnostics', () => {
    teardown(closeAllEditors);

    test('fixture diagnostics equal the core', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const diagnostics = await waitForLint(api, editor.document);
      const expected = await lintWithCore(editor.document.getText());

      assert.ok(expected.length > 0, 'the fixture should have problems');
      assert.deepEqual(
        diagnostics.map(describeDiagnostic).sort(),
        expected.map(describeCoreDiagnostic).sort(),
      );
      const published = vscode.languages.getDiagnostics(editor.document.uri);
      assert.equal(published.filter((d) => d.source === 'postmortem').length, expected.length);
    });

    test('fixture diagnostics equal the CLI', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const diagnostics = await waitForLint(api, editor.document);

      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
      // ELECTRON_RUN_AS_NODE makes a desktop VS Code's executable run the script as Node.
      const run = spawnSync(
        process.execPath,
        [cli, '--format', 'json', editor.document.uri.fsPath],
        {
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        },
      );

      assert.ok(run.stdout, `the CLI printed nothing: ${run.stderr}`);
      const [file] = JSON.parse(run.stdout) as Array<{
        diagnostics: Array<{
          ruleId: string;
          severity: string;
          message: string;
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
        }>;
      }>;
      assert.ok(file, 'the CLI reported no file');
      assert.ok(file.diagnostics.length > 0, 'the CLI reported no problems');

      const fromCli = file.diagnostics.map(
        (d) =>
          `${d.line - 1}:${d.column - 1}-${d.endLine - 1}:${d.endColumn - 1} ${d.severity} ${d.ruleId} ${d.message}`,
      );
      assert.deepEqual(diagnostics.map(describeDiagnostic).sort(), fromCli.sort());
    });

    test('diagnostics carry source and docs link', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const diagnostics = await waitForLint(api, editor.document);

      assert.ok(diagnostics.length > 0);
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, 'postmortem');
        assert.equal(typeof diagnostic.code, 'object');
        const code = diagnostic.code as { value: string | number; target: vscode.Uri };
        assert.match(String(code.value), /^[a-z]+(?:-[a-z]+)*$/);
        assert.ok(
          code.target.toString().endsWith(`/${String(code.value)}.md`),
          code.target.toString(),
        );
      }
    });

    test('edit that fixes a problem clears it', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const before = await waitForLint(api, editor.document);
      const missingDetection = before.find((d) => d.message.includes('`Detection`'));
      assert.ok(missingDetection, 'the fixture should lack a Detection section');

      const impact = editor.document.getText().indexOf('## Impact');
      assert.ok(impact > 0);
      const inserted = await editor.edit((edit) =>
        edit.insert(
          editor.document.positionAt(impact),
          '## Detection\n\nThe latency alert paged the on-call engineer.\n\n',
        ),
      );
      assert.ok(inserted);

      const after = await waitForLint(api, editor.document);
      assert.equal(
        after.some((d) => d.message.includes('`Detection`')),
        false,
        'the Detection diagnostic should be gone',
      );
      assert.equal(after.length, before.length - 1);
    });

    test('README stays quiet', async () => {
      const api = await getApi();
      const editor = await openFixture(README);

      assert.equal(await api.lintNow(editor.document), undefined);
      assert.deepEqual(api.getDiagnostics(editor.document.uri), []);
    });

    test('postmortem detected by its headings', async () => {
      const api = await getApi();
      const editor = await openFixture(CACHE_REVIEW);
      const diagnostics = await waitForLint(api, editor.document);

      const expected = await lintWithCore(editor.document.getText());
      assert.equal(diagnostics.length, expected.length);
    });

    test('closing a document clears its diagnostics', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const uri = editor.document.uri;
      assert.ok((await waitForLint(api, editor.document)).length > 0);

      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await waitFor('diagnostics to be cleared', () => api.getDiagnostics(uri).length === 0);
      assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    });

    test('untitled document is linted', async () => {
      const api = await getApi();
      const content = [
        '---',
        'type: postmortem',
        'title: Queue backlog',
        '---',
        '',
        '# Queue backlog',
        '',
        '## Impact',
        '',
        'Emails were delayed by up to an hour.',
        '',
      ].join('\n');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document);
      const diagnostics = await waitForLint(api, document);

      const expected = await lintWithCore(content);
      assert.ok(expected.length > 0);
      assert.deepEqual(
        diagnostics.map(describeDiagnostic).sort(),
        expected.map(describeCoreDiagnostic).sort(),
      );
    });

    test('config file changes the profile live', async () => {
      const api = await getApi();
      const original = await readFixture(CONFIG_FILE);
      const editor = await openFixture(SEARCH_LATENCY);
      const missingSections = (): string[] =>
        api
          .getDiagnostics(editor.document.uri)
          .filter((d) => ruleIdOf(d) === 'missing-section')
          .map((d) => d.message)
          .sort();
      await waitForLint(api, editor.document);
      const underDefault = missingSections();
      assert.equal(
        underDefault.some((m) => m.includes('`Where We Got Lucky`')),
        false,
      );

      try {
        await writeFixture(CONFIG_FILE, '{\n  "profile": "google-sre"\n}\n');
        await waitFor('the google-sre profile to apply', () =>
          missingSections().some((m) => m.includes('`Where We Got Lucky`')),
        );
      } finally {
        await writeFixture(CONFIG_FILE, original);
      }
      await waitFor(
        'the default profile to apply again',
        () => JSON.stringify(missingSections()) === JSON.stringify(underDefault),
      );
    });

    test('invalid config falls back to defaults', async () => {
      const api = await getApi();
      const original = await readFixture(CONFIG_FILE);
      const editor = await openFixture(SEARCH_LATENCY);
      const before = (await waitForLint(api, editor.document)).map(describeDiagnostic).sort();

      const messages: string[] = [];
      const listener = api.onDidReportConfigError((message) => messages.push(message));
      try {
        await writeFixture(CONFIG_FILE, '{\n  "profile": "no-such-profile"\n}\n');
        // The file watcher relints; lintNow reads the new file too, whichever runs first.
        await waitFor('a lint with the invalid file', async () => {
          const result = await api.lintNow(editor.document);
          return result !== undefined;
        });
        const after = api.getDiagnostics(editor.document.uri).map(describeDiagnostic).sort();
        assert.deepEqual(after, before);
        await waitFor('the error message', () => messages.length > 0);
        assert.match(
          messages[0] ?? '',
          /\.postmortem\.json: key `profile` \(line 2\) must be one of/,
        );
        assert.match(messages[0] ?? '', /The file's other keys still apply\./);

        messages.length = 0;
        await writeFixture(CONFIG_FILE, '{\n  "profile": "minimal",\n}\n');
        await waitFor('the syntax error message', async () => {
          await api.lintNow(editor.document);
          return messages.length > 0;
        });
        assert.match(
          messages[0] ?? '',
          /the file \(line 3\) is not valid JSON: a property name was expected.*The defaults are used until it is fixed\./,
        );
        const defaults = api.getDiagnostics(editor.document.uri).map(describeDiagnostic).sort();
        assert.deepEqual(defaults, before);
      } finally {
        listener.dispose();
        await writeFixture(CONFIG_FILE, original);
      }
    });

    test('settings override the config file', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);
      const settings = vscode.workspace.getConfiguration('postmortem', editor.document);

      try {
        await settings.update(
          'rules',
          { 'missing-section': 'off' },
          vscode.ConfigurationTarget.Global,
        );
        await waitFor('missing-section to be turned off', () => {
          const diagnostics = api.getDiagnostics(editor.document.uri);
          return (
            diagnostics.length > 0 && !diagnostics.some((d) => ruleIdOf(d) === 'missing-section')
          );
        });
      } finally {
        await settings.update('rules', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor('missing-section to come back', () =>
        api.getDiagnostics(editor.document.uri).some((d) => ruleIdOf(d) === 'missing-section'),
      );
    });

    test('document above the size limit is skipped', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      assert.ok((await waitForLint(api, editor.document)).length > 0);
      const settings = vscode.workspace.getConfiguration('postmortem', editor.document);

      try {
        await settings.update('maxDocumentSize', 100, vscode.ConfigurationTarget.Global);
        await waitFor(
          'diagnostics to be cleared',
          () => api.getDiagnostics(editor.document.uri).length === 0,
        );
        assert.equal(await api.lintNow(editor.document), undefined);
      } finally {
        await settings.update('maxDocumentSize', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitForLint(api, editor.document);
    });

    test('virtual document uses its own config', async () => {
      const api = await getApi();
      const text = await readFixture(SEARCH_LATENCY);
      const memory = new MemoryFileSystem({
        '/team/.postmortem.json': '{ "profile": "google-sre" }',
        '/team/postmortems/search-latency.md': text,
      });
      const registration = vscode.workspace.registerFileSystemProvider('pm-test-memory', memory);
      try {
        const uri = vscode.Uri.parse('pm-test-memory:/team/postmortems/search-latency.md');
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        const diagnostics = await waitForLint(api, document);

        assert.equal(api.getLint(document)?.config.profile, 'google-sre');
        assert.ok(diagnostics.some((d) => d.message.includes('`Where We Got Lucky`')));
        await closeAllEditors();
      } finally {
        registration.dispose();
      }
    });

    test('disabling clears every diagnostic', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      assert.ok((await waitForLint(api, editor.document)).length > 0);
      const settings = vscode.workspace.getConfiguration('postmortem', editor.document);

      try {
        await settings.update('enable', false, vscode.ConfigurationTarget.Global);
        await waitFor(
          'diagnostics to be cleared',
          () => api.getDiagnostics(editor.document.uri).length === 0,
        );
        assert.equal(await api.lintNow(editor.document), undefined);
      } finally {
        await settings.update('enable', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.ok((await waitForLint(api, editor.document)).length > 0);
    });

    test('onSave mode lints on save only', async () => {
      const api = await getApi();
      const memory = new MemoryFileSystem({
        '/postmortems/search-latency.md': await readFixture(SEARCH_LATENCY),
      });
      const registration = vscode.workspace.registerFileSystemProvider('pm-test-save', memory);
      const settings = vscode.workspace.getConfiguration('postmortem');
      try {
        await settings.update('run', 'onSave', vscode.ConfigurationTarget.Global);
        const uri = vscode.Uri.parse('pm-test-save:/postmortems/search-latency.md');
        const document = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(document);
        const before = await waitForLint(api, document);
        assert.ok(before.some((d) => d.message.includes('`Detection`')));

        const impact = document.getText().indexOf('## Impact');
        await editor.edit((edit) =>
          edit.insert(
            document.positionAt(impact),
            '## Detection\n\nAn alert paged the on-call.\n\n',
          ),
        );
        // Three times the default debounce: long enough for an on-type lint to have run.
        await new Promise((resolve) => setTimeout(resolve, 900));
        assert.equal(api.getLint(document), undefined, 'the edit was linted before the save');

        assert.ok(await document.save());
        const after = await waitForLint(api, document);
        assert.equal(
          after.some((d) => d.message.includes('`Detection`')),
          false,
        );
        await closeAllEditors();
      } finally {
        await settings.update('run', undefined, vscode.ConfigurationTarget.Global);
        registration.dispose();
      }
    });

    test('Lint Current File as Postmortem forces a file', async () => {
      const api = await getApi();
      const editor = await openFixture(README);
      assert.equal(await api.lintNow(editor.document), undefined);

      await vscode.commands.executeCommand('postmortem.lintAsPostmortem');
      const diagnostics = await waitForLint(api, editor.document);
      assert.ok(diagnostics.length > 0);
    });
  });
}
