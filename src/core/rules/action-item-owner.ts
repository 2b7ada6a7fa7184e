import type { Table } from 'mdast';
import { visit } from 'unist-util-visit';
import { readTable, type TableLayout, type TableRowCells } from '../model/table';
import type { ActionItem, Fix, Postmortem, Span, TextEdit } from '../types';
import type { Rule, RuleContext } from './types';

const OWNER_SNIPPET = '${1:owner}';

/** Shortens an item's text for a message: first line, at most 60 characters. */
export function excerpt(text: string): string {
  const line = (text.split(/\r?\n|\r/)[0] ?? '').replace(/`/g, "'").trim();
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
}

/** Returns the span of an item's first line of text, where its diagnostics point. */
export function itemLineSpan(item: ActionItem): Span {
  const span = item.textSpan ?? item.span;
  const firstLine = item.text.split(/\r?\n|\r/)[0] ?? '';
  return { start: span.start, end: Math.min(span.end, span.start + firstLine.trimEnd().length) };
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

function findTable(pm: Postmortem, span: Span): TableLayout | undefined {
  let found: Table | undefined;
  visit(pm.tree, 'table', (node: Table) => {
    if (node.position?.start.offset === span.start) found = node;
  });
  return found ? readTable(pm.text, found) : undefined;
}

/** Appends cells to a table line, first closing its last cell when the line has no final pipe. */
function appendCells(text: string, lineSpan: Span, cells: string[]): TextEdit {
  const { start, end } = trimSpan(text, lineSpan);
  // A lone pipe (`| `, a row whose one cell is empty) opens its cell and does not close it.
  const closed = end - 1 > start && text[end - 1] === '|' && text[end - 2] !== '\\';
  const newText = (closed ? '' : ' |') + cells.map((cell) => ` ${cell} |`).join('');
  return { start: end, end, newText };
}

/**
 * Builds the edit that puts `cell` in a row's column number `width` (0-based), the new last
 * column of a table whose header has `width` cells. A row with fewer cells is padded with empty
 * ones. A row with more cells than the header gets the cell before its extra cells, which GFM
 * does not show, so that the value lands under the new header.
 */
function newColumnCell(text: string, row: TableRowCells, width: number, cell: string): TextEdit {
  const extra = row.cells[width];
  if (extra) return { start: extra.span.start, end: extra.span.start, newText: `| ${cell} ` };
  const padding = Array<string>(Math.max(0, width - row.cells.length)).fill('');
  return appendCells(text, row.span, [...padding, cell]);
}

/** Edits that add an empty Owner column to a table, with the index of each row's edit. */
interface OwnerColumnEdits {
  edits: TextEdit[];
  /** Header width, and for each row, by its start offset, the index of its edit. */
  width: number;
  rows: Map<number, { index: number; row: TableRowCells }>;
}

/** Builds the edits that add an Owner column at the end of the header, delimiter and every row. */
function ownerColumnEdits(pm: Postmortem, tableSpan: Span): OwnerColumnEdits | undefined {
  const layout = findTable(pm, tableSpan);
  if (!layout) return undefined;
  const width = layout.header.cells.length;
  const edits = [
    appendCells(pm.text, layout.header.span, ['Owner']),
    appendCells(pm.text, layout.delimiter, ['---']),
  ];
  const rows: OwnerColumnEdits['rows'] = new Map();
  for (const row of layout.rows) {
    rows.set(row.span.start, { index: edits.length, row });
    edits.push(newColumnCell(pm.text, row, width, ''));
  }
  return { edits, width, rows };
}

function tableOwnerFix(
  pm: Postmortem,
  item: ActionItem,
  columnEdits: (tableSpan: Span) => OwnerColumnEdits | undefined,
): TextEdit[] | undefined {
  const table = item.table;
  if (!table) return undefined;
  const ownerColumn = table.columns.owner;

  if (ownerColumn !== undefined) {
    const cell = table.cells[ownerColumn];
    if (cell) {
      const content = trimSpan(pm.text, cell);
      if (content.end > content.start) return [{ ...content, newText: OWNER_SNIPPET }];
      return [{ ...cell, newText: ` ${OWNER_SNIPPET} ` }];
    }
    // The row stops before the owner column: fill the missing cells.
    const missing = ownerColumn - table.cells.length;
    return [appendCells(pm.text, item.span, [...Array<string>(missing).fill(''), OWNER_SNIPPET])];
  }

  // No owner column: add one, with the tab stop in this row's new cell.
  const shared = columnEdits(table.span);
  const target = shared?.rows.get(item.span.start);
  if (!shared || !target) return undefined;
  const edits = [...shared.edits];
  edits[target.index] = newColumnCell(pm.text, target.row, shared.width, OWNER_SNIPPET);
  return edits;
}

/** Builds the fix that puts an owner tab stop where the item's owner belongs. */
function ownerFix(
  pm: Postmortem,
  item: ActionItem,
  columnEdits: (tableSpan: Span) => OwnerColumnEdits | undefined,
): Fix | undefined {
  let edits: TextEdit[] | undefined;
  if (item.kind === 'table-row') {
    edits = tableOwnerFix(pm, item, columnEdits);
  } else if (item.ownerSpan) {
    // `(owner: TBD)`: replace the placeholder.
    edits = [{ ...item.ownerSpan, newText: OWNER_SNIPPET }];
  } else if (item.appendAt !== undefined) {
    edits = [{ start: item.appendAt, end: item.appendAt, newText: ` (owner: ${OWNER_SNIPPET})` }];
  }
  if (!edits) return undefined;
  return { title: 'Add an owner to this action item', edits, safe: false, snippet: true };
}

function check(context: RuleContext): void {
  const { pm } = context;
  // Every unowned row of a table without an owner column shares the edits that add the column.
  const cache = new Map<number, OwnerColumnEdits | undefined>();
  const columnEdits = (tableSpan: Span): OwnerColumnEdits | undefined => {
    if (!cache.has(tableSpan.start)) cache.set(tableSpan.start, ownerColumnEdits(pm, tableSpan));
    return cache.get(tableSpan.start);
  };

  for (const item of pm.actionItems) {
    if (item.done || item.owner) continue;
    const fix = ownerFix(pm, item, columnEdits);
    context.report({
      message:
        `Action item \`${excerpt(item.text)}\` has no owner. ` +
        'Name the person or team who will see it through.',
      span: itemLineSpan(item),
      fixes: fix ? [fix] : [],
      data: { kind: item.kind },
    });
  }
}

export const actionItemOwner: Rule = {
  id: 'action-item-owner',
  description: 'Reports an open action item that names no owner.',
  defaultSeverity: 'warning',
  check,
};
