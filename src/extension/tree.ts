import * as vscode from 'vscode';
import {
  SECTION_DEFINITIONS,
  type ActionItem,
  type LintDiagnostic,
  type MetadataField,
  type Section,
  type Span,
  type TimelineEntry,
} from '../core';
import { DiagnosticsController, type DocumentLint } from './diagnostics';

/** Id of the tree view in the Explorer, as contributed in package.json. */
export const SECTIONS_VIEW_ID = 'postmortem.sections';

/** Command that selects and reveals a span of a document: arguments (uri, start, end). */
export const REVEAL_COMMAND = 'postmortem.revealRange';

/** `contextValue` of a missing section, which the inline "Insert section" menu item targets. */
export const MISSING_SECTION_CONTEXT = 'section-missing';

const REFRESH_DELAY_MS = 100;

interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** A node of the Postmortem view, with the lint it was built from. */
export type SectionsNode =
  | { kind: 'metadata'; lint: DocumentLint }
  | { kind: 'field'; lint: DocumentLint; key: string; field?: MetadataField; required: boolean }
  | {
      kind: 'section';
      lint: DocumentLint;
      id?: string;
      title: string;
      section?: Section;
      required: boolean;
      problems: ProblemCounts;
    }
  | { kind: 'timeline-entry'; lint: DocumentLint; entry: TimelineEntry }
  | { kind: 'action-item'; lint: DocumentLint; item: ActionItem };

const CANONICAL_ORDER = new Map(
  SECTION_DEFINITIONS.map((definition, index) => [definition.id, index]),
);

/**
 * Shows the active postmortem's metadata, its required sections in canonical order (present,
 * missing or with problems), its other sections, timeline entries and action items. It reads
 * only lint results that are already stored, never files.
 */
export class SectionsTreeProvider
  implements vscode.TreeDataProvider<SectionsNode>, vscode.Disposable
{
  private readonly changeEmitter = new vscode.EventEmitter<SectionsNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.disposables.push(
      this.changeEmitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.isActive(document.uri)) this.scheduleRefresh();
      }),
      diagnostics.onDidLint((uri) => {
        if (this.isActive(uri)) this.scheduleRefresh();
      }),
    );
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Rebuilds the whole tree now. */
  refresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** Rebuilds the tree once a burst of lint results has settled. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  private isActive(uri: vscode.Uri): boolean {
    return vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
  }

  /** Returns the lint the tree shows: the active editor's, when that is a postmortem. */
  currentLint(): DocumentLint | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document ? this.diagnostics.getLatestLint(document.uri) : undefined;
  }

  getChildren(node?: SectionsNode): SectionsNode[] {
    if (!node) {
      const lint = this.currentLint();
      return lint ? rootNodes(lint) : [];
    }
    if (node.kind === 'metadata') return metadataNodes(node.lint);
    if (node.kind === 'section' && node.section) {
      if (node.id === 'timeline') {
        const entries = node.lint.result.postmortem.timeline.entries;
        return entries.map((entry) => ({ kind: 'timeline-entry', lint: node.lint, entry }));
      }
      if (node.id === 'action-items') {
        const items = node.lint.result.postmortem.actionItems;
        return items.map((item) => ({ kind: 'action-item', lint: node.lint, item }));
      }
    }
    return [];
  }

  getTreeItem(node: SectionsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'metadata':
        return metadataGroupItem(node.lint);
      case 'field':
        return fieldItem(node.lint, node.key, node.field, node.required);
      case 'section':
        return sectionItem(node);
      case 'timeline-entry':
        return timelineItem(node.lint, node.entry);
      case 'action-item':
        return actionItemItem(node.lint, node.item);
    }
  }
}

function rootNodes(lint: DocumentLint): SectionsNode[] {
  const { postmortem } = lint.result;
  const required = [...lint.config.requiredSections].sort(
    (a, b) => (CANONICAL_ORDER.get(a) ?? Infinity) - (CANONICAL_ORDER.get(b) ?? Infinity),
  );
  const nodes: SectionsNode[] = [{ kind: 'metadata', lint }];
  const shown = new Set<Section>();

  for (const id of required) {
    const section = postmortem.sections.find((candidate) => candidate.id === id);
    const title = section?.title ?? definitionTitle(id);
    if (section) shown.add(section);
    nodes.push(sectionNode(lint, { id, title, section, required: true }));
  }

  const depth = sectionDepth(postmortem.sections);
  for (const section of postmortem.sections) {
    if (shown.has(section) || section.depth !== depth) continue;
    nodes.push(
      sectionNode(lint, { id: section.id, title: section.title, section, required: false }),
    );
  }
  return nodes;
}

function sectionNode(
  lint: DocumentLint,
  fields: {
    id: string | undefined;
    title: string;
    section: Section | undefined;
    required: boolean;
  },
): SectionsNode {
  const section = fields.section;
  const problems = section
    ? countProblems(lint.result.diagnostics, {
        start: section.heading.start,
        end: Math.max(section.body.end, section.heading.end),
      })
    : { errors: 0, warnings: 0, infos: 0 };
  const node: SectionsNode = {
    kind: 'section',
    lint,
    title: fields.title,
    required: fields.required,
    problems,
  };
  if (fields.id !== undefined) node.id = fields.id;
  if (fields.section) node.section = fields.section;
  return node;
}

function metadataNodes(lint: DocumentLint): SectionsNode[] {
  const { metadata } = lint.result.postmortem;
  const nodes: SectionsNode[] = [];
  for (const key of lint.config.requiredMetadata) {
    const field = metadata.get(key);
    nodes.push(
      field
        ? { kind: 'field', lint, key, field, required: true }
        : { kind: 'field', lint, key, required: true },
    );
  }
  for (const [key, field] of metadata) {
    if (!lint.config.requiredMetadata.includes(key)) {
      nodes.push({ kind: 'field', lint, key, field, required: false });
    }
  }
  return nodes;
}

/** Heading level that most recognised sections use: other sections at that level are shown. */
function sectionDepth(sections: readonly Section[]): number {
  const counts = new Map<number, number>();
  for (const section of sections) {
    if (section.id) counts.set(section.depth, (counts.get(section.depth) ?? 0) + 1);
  }
  let best = 2;
  let bestCount = 0;
  for (const [depth, count] of counts) {
    if (count > bestCount || (count === bestCount && depth < best)) {
      best = depth;
      bestCount = count;
    }
  }
  return best;
}

function countProblems(diagnostics: readonly LintDiagnostic[], span: Span): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.start < span.start || diagnostic.start >= span.end) continue;
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** Returns the icon of an item with problems, or undefined when it has none. */
function problemIcon(problems: ProblemCounts): vscode.ThemeIcon | undefined {
  if (problems.errors > 0) return icon('error', 'problemsErrorIcon.foreground');
  if (problems.warnings > 0) return icon('warning', 'problemsWarningIcon.foreground');
  if (problems.infos > 0) return icon('info', 'problemsInfoIcon.foreground');
  return undefined;
}

function problemCount(problems: ProblemCounts): number {
  return problems.errors + problems.warnings + problems.infos;
}

function definitionTitle(id: string): string {
  return SECTION_DEFINITIONS.find((definition) => definition.id === id)?.title ?? id;
}

function revealCommand(lint: DocumentLint, span: Span, title: string): vscode.Command {
  return {
    command: REVEAL_COMMAND,
    title,
    arguments: [lint.document.uri, span.start + lint.offset, span.end + lint.offset],
  };
}

function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

function metadataGroupItem(lint: DocumentLint): vscode.TreeItem {
  const missing = lint.config.requiredMetadata.filter(
    (key) => !lint.result.postmortem.metadata.has(key),
  );
  const item = new vscode.TreeItem('Metadata', vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${lint.document.uri.toString()}#metadata`;
  item.contextValue = 'metadata';
  item.description = missing.length > 0 ? `${missing.length} missing` : undefined;
  item.iconPath =
    missing.length > 0
      ? icon('warning', 'problemsWarningIcon.foreground')
      : icon('pass', 'testing.iconPassed');
  return item;
}

function fieldItem(
  lint: DocumentLint,
  key: string,
  field: MetadataField | undefined,
  required: boolean,
): vscode.TreeItem {
  const item = new vscode.TreeItem(field?.rawKey ?? key, vscode.TreeItemCollapsibleState.None);
  item.id = `${lint.document.uri.toString()}#metadata/${key}`;
  if (!field) {
    item.description = 'missing';
    item.tooltip = `Required field \`${key}\` is missing.`;
    item.contextValue = 'field-missing';
    item.iconPath = icon('circle-slash', 'problemsWarningIcon.foreground');
    return item;
  }
  const problems = countProblems(lint.result.diagnostics, {
    start: field.span.start,
    end: Math.max(field.span.end, field.span.start + 1),
  });
  item.description = field.value;
  item.tooltip = `${field.rawKey}: ${field.value} (from ${field.source})`;
  item.contextValue = required ? 'field-present' : 'field-extra';
  item.iconPath =
    problemIcon(problems) ?? (required ? icon('pass', 'testing.iconPassed') : icon('symbol-field'));
  item.command = revealCommand(lint, field.span, 'Go to field');
  return item;
}

function sectionItem(node: Extract<SectionsNode, { kind: 'section' }>): vscode.TreeItem {
  const { lint, section, problems } = node;
  const hasChildren =
    section !== undefined &&
    ((node.id === 'timeline' && lint.result.postmortem.timeline.entries.length > 0) ||
      (node.id === 'action-items' && lint.result.postmortem.actionItems.length > 0));
  const item = new vscode.TreeItem(
    node.title,
    hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `${lint.document.uri.toString()}#section/${node.id ?? ''}/${section?.heading.start ?? 'missing'}`;

  if (!section) {
    item.description = 'missing';
    item.tooltip = `Required section \`${node.title}\` is missing.`;
    item.contextValue = MISSING_SECTION_CONTEXT;
    item.iconPath = icon('circle-slash', 'problemsWarningIcon.foreground');
    return item;
  }

  const total = problemCount(problems);
  const parts: string[] = [];
  if (!node.required) parts.push('extra');
  if (total > 0) parts.push(total === 1 ? '1 problem' : `${total} problems`);
  item.description = parts.join(', ') || undefined;
  item.contextValue = node.required ? 'section-present' : 'section-extra';
  item.command = revealCommand(lint, section.heading, 'Go to section');
  item.iconPath =
    problemIcon(problems) ??
    (node.required ? icon('pass', 'testing.iconPassed') : icon('symbol-string'));
  return item;
}

/** Collapses a table row or list item to one line of plain text for a tree label. */
function plainText(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(' · ')
    .replace(/\s+/g, ' ')
    .trim();
}

function timelineItem(lint: DocumentLint, entry: TimelineEntry): vscode.TreeItem {
  const text = plainText(entry.text);
  const time = entry.timeText?.trim();
  const rest =
    time && text.startsWith(time) ? text.slice(time.length).replace(/^[\s·:–—-]+/, '') : text;
  const item = new vscode.TreeItem(time ?? rest, vscode.TreeItemCollapsibleState.None);
  item.id = `${lint.document.uri.toString()}#timeline/${entry.span.start}`;
  item.description = time ? rest : undefined;
  item.tooltip = entry.text.trim();
  item.contextValue = 'timeline-entry';
  item.iconPath =
    entry.unreadable || entry.placeholder || entry.implausible
      ? icon('warning', 'problemsWarningIcon.foreground')
      : icon('clock');
  item.command = revealCommand(lint, entry.span, 'Go to timeline entry');
  return item;
}

function actionItemItem(lint: DocumentLint, actionItem: ActionItem): vscode.TreeItem {
  const firstCell = actionItem.table?.cells[0];
  const label = firstCell
    ? lint.result.postmortem.text.slice(firstCell.start, firstCell.end)
    : actionItem.text;
  const item = new vscode.TreeItem(plainText(label), vscode.TreeItemCollapsibleState.None);
  item.id = `${lint.document.uri.toString()}#action/${actionItem.span.start}`;
  const details = [actionItem.owner ?? 'no owner', actionItem.type, actionItem.priority];
  item.description = details.filter(Boolean).join(' · ');
  item.tooltip = actionItem.text.trim();
  item.contextValue = actionItem.owner ? 'action-item' : 'action-item-unowned';
  if (actionItem.done) item.iconPath = icon('pass', 'testing.iconPassed');
  else if (!actionItem.owner) item.iconPath = icon('warning', 'problemsWarningIcon.foreground');
  else item.iconPath = icon('circle-large-outline');
  item.command = revealCommand(lint, actionItem.span, 'Go to action item');
  return item;
}
