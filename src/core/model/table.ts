import type { Table, TableRow } from 'mdast';
import type { Span } from '../types';
import { replaceBracketGroups } from '../text-scan';

/** One cell of a GFM table row, located in the source text. */
export interface TableCell {
  /** The cell as remark-gfm spans it: its leading pipe up to the next pipe (or the trailing one). */
  span: Span;
  /** The text between the pipes, spaces included, which is all blank for an empty cell. */
  inner: Span;
  /** The cell content without the surrounding spaces. */
  content: Span;
  text: string;
}

export interface TableRowCells {
  span: Span;
  cells: TableCell[];
}

export interface TableLayout {
  span: Span;
  header: TableRowCells;
  /** The `|---|---|` line under the header. */
  delimiter: Span;
  rows: TableRowCells[];
}

function spanOf(node: {
  position?: { start: { offset?: number }; end: { offset?: number } };
}): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function readRow(text: string, row: TableRow, isLast: (index: number) => boolean): TableRowCells {
  const cells = row.children.map((cell, index): TableCell => {
    const span = spanOf(cell);
    let innerStart = span.start;
    let innerEnd = span.end;
    if (text[innerStart] === '|') innerStart++;
    // Only the last cell of a row includes the closing pipe.
    if (isLast(index) && innerEnd > innerStart && text[innerEnd - 1] === '|') {
      if (text[innerEnd - 2] !== '\\') innerEnd--;
    }
    let contentStart = innerStart;
    let contentEnd = innerEnd;
    while (contentStart < contentEnd && /\s/.test(text[contentStart] ?? '')) contentStart++;
    while (contentEnd > contentStart && /\s/.test(text[contentEnd - 1] ?? '')) contentEnd--;
    return {
      span,
      inner: { start: innerStart, end: innerEnd },
      content: { start: contentStart, end: contentEnd },
      text: text.slice(contentStart, contentEnd),
    };
  });
  return { span: spanOf(row), cells };
}

/** Locates the rows and cells of a GFM table in the source text. */
export function readTable(text: string, table: Table): TableLayout | undefined {
  const [headerRow, ...bodyRows] = table.children;
  if (!headerRow) return undefined;
  const read = (row: TableRow): TableRowCells =>
    readRow(text, row, (index) => index === row.children.length - 1);
  const header = read(headerRow);

  // The delimiter row is the line after the header row.
  const lineBreak = text.slice(header.span.end).search(/\r\n|\n|\r/);
  const delimiterStart =
    lineBreak < 0
      ? text.length
      : header.span.end +
        lineBreak +
        (text.startsWith('\r\n', header.span.end + lineBreak) ? 2 : 1);
  const nextBreak = text.slice(delimiterStart).search(/\r\n|\n|\r/);
  const delimiterEnd = nextBreak < 0 ? text.length : delimiterStart + nextBreak;

  return {
    span: spanOf(table),
    header,
    delimiter: { start: delimiterStart, end: delimiterEnd },
    rows: bodyRows.map(read),
  };
}

/**
 * Normalises a header cell for matching: no emphasis, brackets or punctuation, lower case,
 * single spaces. `**Time (UTC)**` becomes `time`, `Owner(s)` becomes `owner`.
 */
export function headerKey(text: string): string {
  return replaceBracketGroups(text, ' ')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Returns the text in brackets in a header cell, such as `UTC` in `Time (UTC)`: the text after
 * the first opening bracket that is closed by a later `)` or `]`, without surrounding spaces,
 * as `/[([]\s*([^)\]]+?)\s*[)\]]/` reads it (brackets that close at once are skipped).
 */
export function headerNote(text: string): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char !== '(' && char !== '[') continue;
    const close = text.slice(index + 1).search(/[)\]]/);
    if (close < 0) return undefined;
    if (close === 0) continue;
    const note = text.slice(index + 1, index + 1 + close);
    return note.trim() || ' ';
  }
  return undefined;
}
