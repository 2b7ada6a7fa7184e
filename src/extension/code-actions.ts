import * as vscode from 'vscode';
import { selectFixAll, type Fix, type LintDiagnostic } from '../core';
import { DiagnosticsController, ruleIdOf, type DocumentLint } from './diagnostics';

/** Kind of the source action that applies every safe fix: `source.fixAll.postmortem`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('postmortem');

const FIX_ALL_TITLE = 'Fix all postmortem problems';

/**
 * Converts a core fix, whose edits are UTF-16 offsets into the linted text, to one workspace
 * edit. Snippet fixes become snippet edits, so the editor puts tab stops on their placeholders.
 */
export function fixToWorkspaceEdit(
  lint: DocumentLint,
  fixes: readonly Fix[],
): vscode.WorkspaceEdit {
  const { document, offset } = lint;
  const edits: Array<vscode.TextEdit | vscode.SnippetTextEdit> = [];
  for (const fix of fixes) {
    for (const edit of fix.edits) {
      const range = new vscode.Range(
        document.positionAt(edit.start + offset),
        document.positionAt(edit.end + offset),
      );
      edits.push(
        fix.snippet
          ? new vscode.SnippetTextEdit(range, new vscode.SnippetString(edit.newText))
          : new vscode.TextEdit(range, edit.newText),
      );
    }
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.set(document.uri, edits);
  return workspaceEdit;
}

/**
 * Applies fixes to the document they were computed for, as one edit and so one undo step.
 * Returns false when the document changed since, or the editor rejected the edit.
 */
export async function applyFixes(lint: DocumentLint, fixes: readonly Fix[]): Promise<boolean> {
  if (lint.document.version !== lint.version || fixes.length === 0) return false;
  if (fixes.some((fix) => fix.snippet)) {
    // Snippet edits get tab stops only in the active editor.
    await vscode.window.showTextDocument(lint.document, { preserveFocus: false });
  }
  return vscode.workspace.applyEdit(fixToWorkspaceEdit(lint, fixes));
}

/** Returns the fixes that "Fix all" applies to a document. */
export function fixAllFixes(lint: DocumentLint): Fix[] {
  return selectFixAll(lint.result.diagnostics);
}

/** Finds the core diagnostic that an editor diagnostic of the current lint was made from. */
function findCoreDiagnostic(
  lint: DocumentLint,
  diagnostic: vscode.Diagnostic,
): LintDiagnostic | undefined {
  const ruleId = ruleIdOf(diagnostic);
  if (ruleId === undefined) return undefined;
  const index = lint.diagnostics.findIndex(
    (candidate) =>
      ruleIdOf(candidate) === ruleId &&
      candidate.message === diagnostic.message &&
      candidate.range.isEqual(diagnostic.range),
  );
  return index < 0 ? undefined : lint.result.diagnostics[index];
}

/** Offers each diagnostic's fixes as quick fixes, and every safe fix as a source action. */
export class PostmortemCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const lint = this.diagnostics.getLint(document);
    if (!lint) return [];
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      actions.push(...this.quickFixes(lint, context.diagnostics));
    }
    if (context.only?.contains(FIX_ALL_KIND)) {
      const fixAll = this.fixAllAction(lint);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private quickFixes(
    lint: DocumentLint,
    diagnostics: readonly vscode.Diagnostic[],
  ): vscode.CodeAction[] {
    // Several diagnostics can offer the same fix, such as inserting every missing section.
    const byTitle = new Map<string, vscode.CodeAction>();
    for (const diagnostic of diagnostics) {
      const core = findCoreDiagnostic(lint, diagnostic);
      if (!core) continue;
      core.fixes.forEach((fix, index) => {
        const existing = byTitle.get(fix.title);
        if (existing) {
          existing.diagnostics?.push(diagnostic);
          return;
        }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = index === 0 && core.fixes.length === 1;
        action.edit = fixToWorkspaceEdit(lint, [fix]);
        byTitle.set(fix.title, action);
      });
    }
    return [...byTitle.values()];
  }

  private fixAllAction(lint: DocumentLint): vscode.CodeAction | undefined {
    const fixes = fixAllFixes(lint);
    if (fixes.length === 0) return undefined;
    const action = new vscode.CodeAction(FIX_ALL_TITLE, FIX_ALL_KIND);
    action.edit = fixToWorkspaceEdit(lint, fixes);
    return action;
  }
}
