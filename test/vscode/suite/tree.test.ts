import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SECTION_DEFINITIONS } from '../../../src/core';
import type { PostmortemApi } from '../../../src/extension/extension';
import type { SectionsNode } from '../../../src/extension/tree';
import {
  SEARCH_LATENCY,
  closeAllEditors,
  getApi,
  openFixture,
  ruleIdOf,
  waitFor,
  waitForLint,
} from '../helpers';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function iconOf(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function rootItems(api: PostmortemApi): Array<{ node: SectionsNode; item: vscode.TreeItem }> {
  return api.treeProvider
    .getChildren()
    .map((node) => ({ node, item: api.treeProvider.getTreeItem(node) }));
}

function findRoot(
  api: PostmortemApi,
  label: string,
): { node: SectionsNode; item: vscode.TreeItem } {
  const found = rootItems(api).find(({ item }) => labelOf(item) === label);
  assert.ok(found, `no tree item "${label}"`);
  return found;
}

/** Registers the suite with the Mocha `tdd` globals, which must exist when this runs. */
export function defineTreeTests(): void {
  suite('Postmortem view', () => {
    teardown(closeAllEditors);

    test('root lists required sections in order', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);
      const lint = api.getLint(editor.document);
      assert.ok(lint);

      const order = SECTION_DEFINITIONS.map((definition) => definition.id);
      const required = [...lint.config.requiredSections].sort(
        (a, b) => order.indexOf(a) - order.indexOf(b),
      );
      const expected = [
        'Metadata',
        ...required.map((id) => {
          const present = lint.result.postmortem.sections.find((section) => section.id === id);
          return (
            present?.title ?? SECTION_DEFINITIONS.find((definition) => definition.id === id)?.title
          );
        }),
        'Customer Communication',
      ];
      assert.deepEqual(
        rootItems(api).map(({ item }) => labelOf(item)),
        expected,
      );
    });

    test('missing sections are marked', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);

      const detection = findRoot(api, 'Detection').item;
      assert.equal(detection.description, 'missing');
      assert.equal(detection.contextValue, 'section-missing');
      assert.equal(iconOf(detection), 'circle-slash');

      const impact = findRoot(api, 'Impact').item;
      assert.equal(impact.contextValue, 'section-present');
      assert.equal(iconOf(impact), 'pass');

      const extra = findRoot(api, 'Customer Communication').item;
      assert.equal(extra.contextValue, 'section-extra');
    });

    test('metadata group marks missing fields', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);

      const metadata = findRoot(api, 'Metadata');
      assert.equal(metadata.item.description, '1 missing');
      const fields = api.treeProvider
        .getChildren(metadata.node)
        .map((node) => api.treeProvider.getTreeItem(node));
      const duration = fields.find((item) => labelOf(item) === 'duration');
      assert.ok(duration, 'the duration field is not listed');
      assert.equal(duration.description, 'missing');
      assert.equal(iconOf(duration), 'circle-slash');
      const severity = fields.find((item) => labelOf(item) === 'severity');
      assert.equal(severity?.description, 'SEV2');
    });

    test('timeline entries and action items are children', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);
      const lint = api.getLint(editor.document);
      assert.ok(lint);

      const timeline = findRoot(api, 'Timeline');
      const entries = api.treeProvider
        .getChildren(timeline.node)
        .map((node) => api.treeProvider.getTreeItem(node));
      assert.deepEqual(entries.map(labelOf), ['14:20', '14:02', '14:40']);
      assert.equal(entries[1]?.description, 'Scheduled index rebuild starts');

      const actionItems = findRoot(api, 'Action Items');
      const items = api.treeProvider
        .getChildren(actionItems.node)
        .map((node) => api.treeProvider.getTreeItem(node));
      assert.equal(items.length, lint.result.postmortem.actionItems.length);
    });

    test('clicking a section selects its heading', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      await waitForLint(api, editor.document);

      const command = findRoot(api, 'Root Cause').item.command;
      assert.ok(command);
      await vscode.commands.executeCommand(
        command.command,
        ...((command.arguments ?? []) as unknown[]),
      );
      const active = vscode.window.activeTextEditor;
      assert.ok(active);
      assert.equal(active.document.getText(active.selection), '## Root Cause');
    });

    test('Insert section on a missing node', async () => {
      const api = await getApi();
      const editor = await openFixture(SEARCH_LATENCY);
      const document = editor.document;
      const original = document.getText();
      await waitForLint(api, document);

      const lessons = findRoot(api, 'Lessons Learned');
      assert.equal(
        await vscode.commands.executeCommand<boolean>('postmortem.insertSection', lessons.node),
        true,
      );
      const after = await waitForLint(api, document);
      assert.equal(
        after.some(
          (d) => ruleIdOf(d) === 'missing-section' && d.message.includes('`Lessons Learned`'),
        ),
        false,
      );
      await waitFor(
        'the tree to show the new section',
        () => findRoot(api, 'Lessons Learned').item.contextValue === 'section-present',
      );

      await vscode.commands.executeCommand('undo');
      await waitFor('undo to restore the text', () => document.getText() === original);
    });

    test('view is empty for other files', async () => {
      const api = await getApi();
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: '# Shopping list\n\n- milk\n',
      });
      await vscode.window.showTextDocument(document);

      assert.equal(await api.lintNow(document), undefined);
      assert.deepEqual(api.treeProvider.getChildren(), []);
    });
  });
}
