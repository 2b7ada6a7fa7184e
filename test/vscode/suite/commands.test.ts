import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseConfigText, renderTemplate, resolveConfig } from '../../../src/core';
import {
  CONFIG_FILE,
  closeAllEditors,
  getApi,
  localDate,
  readFixture,
  ruleIdOf,
  waitForLint,
  workspaceRoot,
} from '../helpers';

/** Registers the suite with the Mocha `tdd` globals, which must exist when this runs. */
export function defineCommandTests(): void {
  suite('Commands', () => {
    const created: vscode.Uri[] = [];

    teardown(async () => {
      await closeAllEditors();
      for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri);
    });

    test('New Postmortem creates the file', async () => {
      const api = await getApi();
      const title = 'Payment retries doubled';
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'postmortem.newPostmortem',
        title,
      );
      assert.ok(uri, 'the command returned no file');
      created.push(uri);

      const date = localDate();
      const expectedUri = vscode.Uri.joinPath(
        workspaceRoot(),
        'postmortems',
        `${date}-payment-retries-doubled.md`,
      );
      assert.equal(uri.toString(), expectedUri.toString());

      const config = resolveConfig(parseConfigText(await readFixture(CONFIG_FILE)).config);
      const expected = renderTemplate({ title, date, style: 'frontmatter', config });
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(written, expected);

      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), uri.toString());
      const diagnostics = await waitForLint(api, editor.document);
      assert.deepEqual(
        diagnostics.filter((d) => ruleIdOf(d) === 'missing-section').map((d) => d.message),
        [],
      );
    });

    test('New Postmortem keeps an existing file', async () => {
      const title = 'Duplicate title';
      const first = await vscode.commands.executeCommand<vscode.Uri>(
        'postmortem.newPostmortem',
        title,
      );
      created.push(first);
      const second = await vscode.commands.executeCommand<vscode.Uri>(
        'postmortem.newPostmortem',
        title,
      );
      created.push(second);

      assert.notEqual(second.toString(), first.toString());
      assert.ok(second.path.endsWith(`${localDate()}-duplicate-title-2.md`), second.path);
    });

    test('every command is contributed', async () => {
      const extension = vscode.extensions.all.find(
        (candidate) => candidate.id === 'blameless-postmortem.blameless-postmortem',
      );
      assert.ok(extension);
      const manifest = extension.packageJSON as {
        contributes: { commands: Array<{ command: string; category?: string }> };
      };
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const command of manifest.contributes.commands) {
        assert.equal(command.category, 'Postmortem', `${command.command} has no category`);
        assert.ok(registered.has(command.command), `${command.command} is not registered`);
      }
    });
  });
}
