import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostmortemApi } from '../../../src/extension/extension';
import {
  SEARCH_LATENCY,
  closeAllEditors,
  getApi,
  openFixture,
  ruleIdOf,
  waitFor,
  waitForLint,
} from '../helpers';

/** Rule id and message, which stay the same when an edit elsewhere moves a diagnostic. */
function identity(diagnostic: vscode.Diagnostic): string {
  return `${ruleIdOf(diagnostic)} ${diagnostic.message}`;
}

async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind: string,
): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return actions.filter((action) => action instanceof vscode.CodeAction);
}

/** Undoes the last edit in the active editor and checks the text is back to `original`. */
async function undoAndCheck(
  api: PostmortemApi,
  document: vscode.TextDocument,
  original: string,
): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  await waitFor('undo to restore the text', () => document.getText() === original);
  await waitForLint(api, document);
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

/** Registers the suite with the Mocha `tdd` globals, which must exist when this runs. */
export function defineCodeActionTests(): void {
  suite('Code actions', () => {
    teardown(closeAllEditors);

    test('each quick fix applies and undoes in one step', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      await waitForLint(api, document);
      const lint = api.getLint(document);
      assert.ok(lint);

      // One case per distinct fix: several diagnostics offer "Insert all missing sections".
      const cases = new Map<string, vscode.Diagnostic>();
      lint.result.diagnostics.forEach((core, index) => {
        const diagnostic = lint.diagnostics[index];
        for (const fix of core.fixes)
          if (diagnostic && !cases.has(fix.title)) cases.set(fix.title, diagnostic);
      });
      assert.ok(cases.size >= 3, `expected several fixes, found ${[...cases.keys()].join(', ')}`);

      for (const [title, diagnostic] of cases) {
        await vscode.window.showTextDocument(document);
        const actions = await codeActions(
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const action = actions.find((candidate) => candidate.title === title);
        assert.ok(action?.edit, `quick fix "${title}" is not offered`);

        assert.ok(
          await vscode.workspace.applyEdit(action.edit),
          `quick fix "${title}" was rejected`,
        );
        assert.notEqual(document.getText(), original, `quick fix "${title}" changed nothing`);
        assert.equal(
          document.getText().includes('${'),
          false,
          `quick fix "${title}" left snippet syntax`,
        );
        const after = await waitForLint(api, document);
        assert.equal(
          after.some((d) => identity(d) === identity(diagnostic)),
          false,
          `quick fix "${title}" did not remove its diagnostic`,
        );

        await undoAndCheck(api, document, original);
      }
    });

    test('source fix all applies safe fixes', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      await waitForLint(api, document);
      const safeBefore = api
        .getLint(document)
        ?.result.diagnostics.filter((d) => d.fixes.some((f) => f.safe && !f.snippet));
      assert.ok(safeBefore);
      assert.ok(safeBefore.length > 0);

      const actions = await codeActions(
        document.uri,
        fullRange(document),
        'source.fixAll.postmortem',
      );
      const action = actions.find((candidate) => candidate.title === 'Fix all postmortem problems');
      assert.ok(action?.edit, 'the fix-all source action is not offered');
      assert.equal(action.kind?.value, 'source.fixAll.postmortem');

      assert.ok(await vscode.workspace.applyEdit(action.edit));
      await waitForLint(api, document);
      const safeAfter = api
        .getLint(document)
        ?.result.diagnostics.filter((d) => d.fixes.some((f) => f.safe && !f.snippet));
      assert.deepEqual(
        safeAfter?.map((d) => d.message),
        [],
      );

      await undoAndCheck(api, document, original);
    });

    test('Fix All command matches the source action', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      await waitForLint(api, document);

      const applied = await vscode.commands.executeCommand<boolean>('postmortem.fixAll');
      assert.equal(applied, true);
      await waitForLint(api, document);
      const remaining = api
        .getLint(document)
        ?.result.diagnostics.filter((d) => d.fixes.some((f) => f.safe && !f.snippet));
      assert.deepEqual(
        remaining?.map((d) => d.message),
        [],
      );

      await undoAndCheck(api, document, original);
    });

    test('Insert Missing Sections adds every section', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      const before = await waitForLint(api, document);
      const missing = before.filter((d) => ruleIdOf(d) === 'missing-section');
      assert.ok(missing.length >= 2);

      assert.equal(
        await vscode.commands.executeCommand<boolean>('postmortem.insertMissingSections'),
        true,
      );
      const after = await waitForLint(api, document);
      assert.deepEqual(
        after.filter((d) => ruleIdOf(d) === 'missing-section').map((d) => d.message),
        [],
      );
      const lint = api.getLint(document);
      assert.ok(lint);
      for (const id of lint.config.requiredSections) {
        assert.ok(
          lint.result.postmortem.sections.some((section) => section.id === id),
          `section ${id} is missing after the command`,
        );
      }

      await undoAndCheck(api, document, original);
    });

    test('Sort Timeline orders the rows', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      await waitForLint(api, document);
      const times = (): string[] => {
        const lint = api.getLint(document);
        return lint
          ? lint.result.postmortem.timeline.entries.map((entry) => entry.timeText ?? '')
          : [];
      };
      assert.deepEqual(times(), ['14:20', '14:02', '14:40']);

      assert.equal(await vscode.commands.executeCommand<boolean>('postmortem.sortTimeline'), true);
      await waitForLint(api, document);
      assert.deepEqual(times(), ['14:02', '14:20', '14:40']);
      assert.ok(document.getText().includes('| 14:02 | Scheduled index rebuild starts |'));

      await undoAndCheck(api, document, original);
    });
  });
}
