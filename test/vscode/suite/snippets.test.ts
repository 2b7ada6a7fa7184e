import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, getApi, localDate, waitFor, waitForLint } from '../helpers';

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

async function contributedSnippets(): Promise<Record<string, SnippetDefinition>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const manifest = extension.packageJSON as {
    contributes: { snippets: Array<{ language: string; path: string }> };
  };
  const contribution = manifest.contributes.snippets.find((entry) => entry.language === 'markdown');
  assert.ok(contribution, 'no Markdown snippets are contributed');
  const file = vscode.Uri.joinPath(extension.extensionUri, contribution.path);
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<
    string,
    SnippetDefinition
  >;
}

/** Opens an empty untitled Markdown document and expands the named snippet into it. */
async function expand(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
  await waitFor(`snippet "${name}" to expand`, () => document.getText().length > 0);
  return document;
}

/** Registers the suite with the Mocha `tdd` globals, which must exist when this runs. */
export function defineSnippetTests(): void {
  suite('Snippets', () => {
    teardown(closeAllEditors);

    test('snippets are contributed with prefixes', async () => {
      const snippets = await contributedSnippets();
      const prefixes = Object.values(snippets).flatMap((snippet) =>
        Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix],
      );
      for (const prefix of [
        'pm-template',
        'pm-template-table',
        'pm-frontmatter',
        'pm-section-timeline',
        'pm-section-action-items',
        'pm-section-where-we-got-lucky',
        'pm-section-glossary',
        'pm-timeline-row',
        'pm-action-item',
      ]) {
        assert.ok(prefixes.includes(prefix), `prefix ${prefix} is missing`);
      }
    });

    test('template snippet expands to a postmortem', async () => {
      const api = await getApi();
      const document = await expand('Postmortem template with frontmatter');
      const text = document.getText();

      assert.ok(text.startsWith('---\ntype: postmortem\n'), text.slice(0, 80));
      assert.ok(text.includes(`date: ${localDate()}`));
      assert.ok(text.includes('status: Draft'));
      assert.ok(text.includes('## Timeline'));
      const diagnostics = await waitForLint(api, document);
      assert.equal(
        diagnostics.some((d) => d.message.includes('is missing')),
        false,
      );
    });

    test('every snippet expands', async () => {
      const snippets = await contributedSnippets();
      for (const name of Object.keys(snippets)) {
        const document = await expand(name);
        const text = document.getText();
        assert.equal(text.includes('${'), false, `snippet "${name}" left snippet syntax`);
        assert.equal(text.includes('$CURRENT'), false, `snippet "${name}" left a variable`);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });
}
