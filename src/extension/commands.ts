import * as vscode from 'vscode';
import {
  RULES,
  insertMissingSectionsFix,
  insertSectionFix,
  renderTemplate,
  resolveConfig,
  ruleUrl,
  slugify,
  sortTimelineFix,
} from '../core';
import { applyFixes, fixAllFixes } from './code-actions';
import { ConfigResolver, readSettings, settingsOverrides } from './config';
import type { DiagnosticsController, DocumentLint } from './diagnostics';
import type { PostmortemDocuments } from './documents';
import { REVEAL_COMMAND, type SectionsNode, type SectionsTreeProvider } from './tree';

/** Services the commands use. */
export interface CommandContext {
  diagnostics: DiagnosticsController;
  documents: PostmortemDocuments;
  configResolver: ConfigResolver;
  tree: SectionsTreeProvider;
}

const NOT_A_POSTMORTEM =
  'The active file is not linted as a postmortem. Run "Postmortem: Lint Current File as Postmortem" to lint it.';

/** Registers every command of the extension. */
export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const register = (id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, handler);

  return [
    register('postmortem.newPostmortem', (title) => newPostmortem(context, title)),
    register('postmortem.insertMissingSections', () => insertMissingSections(context)),
    register('postmortem.sortTimeline', () => sortTimeline(context)),
    register('postmortem.fixAll', () => fixAll(context)),
    register('postmortem.openRuleDocs', (ruleId) => openRuleDocs(ruleId)),
    register('postmortem.lintAsPostmortem', () => lintAsPostmortem(context)),
    register('postmortem.insertSection', (target) => insertSection(context, target)),
    register('postmortem.refreshSections', () => context.tree.refresh()),
    register(REVEAL_COMMAND, (uri, start, end) => revealRange(uri, start, end)),
  ];
}

/** Returns today's date in the local time zone as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/**
 * Creates `<date>-<slug>.md` from the template in `postmortem.folder` of the first workspace
 * folder, or an untitled document when no folder is open, and opens it. The title can be
 * passed as an argument instead of being asked for. Returns the new document's URI.
 */
async function newPostmortem(
  context: CommandContext,
  titleArgument: unknown,
): Promise<vscode.Uri | undefined> {
  const title =
    typeof titleArgument === 'string' && titleArgument.trim()
      ? titleArgument.trim()
      : await vscode.window.showInputBox({
          title: 'New Postmortem',
          prompt: 'Title of the incident',
          placeHolder: 'Checkout API returned 502s for EU shoppers',
          validateInput: (value) => (value.trim() ? undefined : 'Enter a title.'),
        });
  if (!title?.trim()) return undefined;
  const date = today();

  const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
  if (!workspaceFolder) {
    const settings = readSettings();
    const config = resolveConfig({}, settingsOverrides(settings));
    const content = renderTemplate({ title: title.trim(), date, style: settings.template, config });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document);
    return document.uri;
  }

  const settings = readSettings(workspaceFolder.uri);
  const folder = vscode.Uri.joinPath(workspaceFolder.uri, settings.folder);
  const target = await unusedFileUri(folder, `${date}-${slugify(title)}`);
  const { config } = await context.configResolver.resolveForUri(target);
  const content = renderTemplate({ title: title.trim(), date, style: settings.template, config });
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document);
  return target;
}

/** Returns `<folder>/<name>.md`, or `<name>-2.md` and so on when that file exists. */
async function unusedFileUri(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  for (let suffix = 1; ; suffix++) {
    const candidate = vscode.Uri.joinPath(
      folder,
      suffix === 1 ? `${name}.md` : `${name}-${suffix}.md`,
    );
    if (!(await exists(candidate))) return candidate;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Returns the active editor's lint, telling the user why when there is none. */
async function activeLint(context: CommandContext): Promise<DocumentLint | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a postmortem in an editor first.');
    return undefined;
  }
  const lint = await context.diagnostics.ensureLint(document);
  if (!lint) void vscode.window.showInformationMessage(NOT_A_POSTMORTEM);
  return lint;
}

async function insertMissingSections(context: CommandContext): Promise<boolean> {
  const lint = await activeLint(context);
  if (!lint) return false;
  const fix = insertMissingSectionsFix(lint.result.postmortem, lint.config);
  if (!fix) {
    void vscode.window.showInformationMessage('No required section is missing.');
    return false;
  }
  return applyFixes(lint, [fix]);
}

async function sortTimeline(context: CommandContext): Promise<boolean> {
  const lint = await activeLint(context);
  if (!lint) return false;
  const fix = sortTimelineFix(lint.result.postmortem, lint.config);
  if (!fix) {
    void vscode.window.showInformationMessage(
      'The timeline was not sorted: it is missing, already in order, or not one table or list, ' +
        'or moving its rows would change the date or time a row reads as (a row without a date ' +
        'takes the date of the row above it).',
    );
    return false;
  }
  return applyFixes(lint, [fix]);
}

async function fixAll(context: CommandContext): Promise<boolean> {
  const lint = await activeLint(context);
  if (!lint) return false;
  const fixes = fixAllFixes(lint);
  if (fixes.length === 0) {
    void vscode.window.showInformationMessage('No problem in this postmortem has a safe fix.');
    return false;
  }
  return applyFixes(lint, fixes);
}

/** Opens a rule's documentation: the rule id argument's, or one picked from every rule. */
async function openRuleDocs(ruleIdArgument: unknown): Promise<boolean> {
  let ruleId = typeof ruleIdArgument === 'string' ? ruleIdArgument : undefined;
  if (!ruleId) {
    const picked = await vscode.window.showQuickPick(
      RULES.map((rule) => ({ label: rule.id, detail: rule.description })),
      { title: 'Open Rule Documentation', placeHolder: 'Rule', matchOnDetail: true },
    );
    ruleId = picked?.label;
  }
  if (!ruleId) return false;
  return vscode.env.openExternal(vscode.Uri.parse(ruleUrl(ruleId)));
}

/** Lints the active document as a postmortem, whatever its path or content, until it is closed. */
async function lintAsPostmortem(context: CommandContext): Promise<DocumentLint | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a file in an editor first.');
    return undefined;
  }
  context.documents.force(document.uri);
  return context.diagnostics.lintNow(document);
}

/** Inserts one required section: the tree's missing-section node, or a section id argument. */
async function insertSection(context: CommandContext, target: unknown): Promise<boolean> {
  let document: vscode.TextDocument | undefined;
  let sectionId: string | undefined;
  if (isSectionNode(target)) {
    document = target.lint.document;
    sectionId = target.id;
  } else if (typeof target === 'string') {
    document = vscode.window.activeTextEditor?.document;
    sectionId = target;
  }
  if (!document || !sectionId) return false;

  const lint = await context.diagnostics.ensureLint(document);
  if (!lint) {
    void vscode.window.showInformationMessage(NOT_A_POSTMORTEM);
    return false;
  }
  const fix = insertSectionFix(lint.result.postmortem, lint.config, sectionId);
  if (!fix) return false;
  const editor = await vscode.window.showTextDocument(document);
  const applied = await applyFixes(lint, [fix]);
  const edit = fix.edits[0];
  if (applied && edit) {
    // Show the new heading: the text before the edit is unchanged, so its offset still holds.
    const headingOffset = edit.start + lint.offset + edit.newText.indexOf('#');
    const heading = document.positionAt(headingOffset);
    const line = document.lineAt(heading.line).range;
    editor.selection = new vscode.Selection(line.start, line.end);
    editor.revealRange(line, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return applied;
}

function isSectionNode(value: unknown): value is Extract<SectionsNode, { kind: 'section' }> {
  return typeof value === 'object' && value !== null && (value as SectionsNode).kind === 'section';
}

/** Opens a document and selects the text between two UTF-16 offsets. */
async function revealRange(uri: unknown, start: unknown, end: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || typeof start !== 'number' || typeof end !== 'number') return;
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const editor = await vscode.window.showTextDocument(document, { selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
