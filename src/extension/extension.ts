import * as vscode from 'vscode';
import type { LintResult } from '../core';
import { PostmortemCodeActionProvider } from './code-actions';
import { registerCommands } from './commands';
import { ConfigResolver } from './config';
import { DiagnosticsController, type DocumentLint } from './diagnostics';
import { PostmortemDocuments } from './documents';
import { disposeLogger } from './logger';
import { SECTIONS_VIEW_ID, SectionsTreeProvider } from './tree';

/** API returned by `activate`, for integration tests and other extensions. */
export interface PostmortemApi {
  treeProvider: SectionsTreeProvider;
  treeView: vscode.TreeView<unknown>;
  /** Lints a document now and returns the result, or undefined when it is not a postmortem. */
  lintNow(document: vscode.TextDocument): Promise<LintResult | undefined>;
  /** Returns the diagnostics published for a document. */
  getDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /** Returns the stored lint of a document's current version. */
  getLint(document: vscode.TextDocument): DocumentLint | undefined;
  /** Fires with a document's URI each time its diagnostics are published or cleared. */
  onDidLint: vscode.Event<vscode.Uri>;
  /** Fires with the text of each `.postmortem.json` error message shown to the user. */
  onDidReportConfigError: vscode.Event<string>;
}

export function activate(context: vscode.ExtensionContext): PostmortemApi {
  const configResolver = new ConfigResolver();
  const documents = new PostmortemDocuments();
  const diagnostics = new DiagnosticsController(configResolver, documents);
  const treeProvider = new SectionsTreeProvider(diagnostics);
  const treeView = vscode.window.createTreeView(SECTIONS_VIEW_ID, {
    treeDataProvider: treeProvider,
    showCollapseAll: true,
  });

  context.subscriptions.push(
    configResolver,
    diagnostics,
    treeProvider,
    treeView,
    vscode.languages.registerCodeActionsProvider(
      // A document forced to lint as a postmortem can be of any language.
      '*',
      new PostmortemCodeActionProvider(diagnostics),
      PostmortemCodeActionProvider.metadata,
    ),
    ...registerCommands({ diagnostics, documents, configResolver, tree: treeProvider }),
    { dispose: disposeLogger },
  );

  for (const document of vscode.workspace.textDocuments) diagnostics.schedule(document, 0);

  return {
    treeProvider,
    treeView,
    lintNow: async (document) => (await diagnostics.lintNow(document))?.result,
    getDiagnostics: (uri) => diagnostics.collection.get(uri) ?? [],
    getLint: (document) => diagnostics.getLint(document),
    onDidLint: diagnostics.onDidLint,
    onDidReportConfigError: configResolver.onDidReportError,
  };
}

export function deactivate(): void {
  // Everything registered in `activate` is disposed through `context.subscriptions`.
}
