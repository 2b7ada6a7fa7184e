import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from '../model/parse';
import { computeLineStarts } from '../positions';
import { findSplitPoints } from './split';

/** One parsed part of a document, kept between parses while its text stays the same. */
interface Part {
  text: string;
  /** Definitions parsed in front of the text, so that references to other parts resolve. */
  prefix: string;
  children: RootContent[];
  /** Offset and line that the positions in `children` currently start from. */
  baseOffset: number;
  baseLine: number;
  /** Number of line endings in `text`. */
  lineBreaks: number;
  /** Whether a fenced code block or HTML block at the end of the part is still open. */
  endsOpen: boolean;
  /** One `[label]: #` or `[^label]: .` line for each distinct definition in the part. */
  definitions: string[];
  /** The text folded as labels are compared, computed when first needed. */
  folded?: string;
}

/** How many characters the parts of one document may parse in all, before the rest is parsed whole. */
const REPARSE_BUDGET = 3;

/**
 * Parses Markdown in parts cut at top-level headings (see `findSplitPoints`) and keeps each
 * part's tree, so that after an edit only the parts whose text changed are parsed again. The
 * tree it returns equals `parseMarkdown(text)`: link and footnote definitions resolve across
 * parts, and a part that ends inside an open fence or HTML block is joined with the next.
 *
 * Trees are reused between calls and their positions are moved in place, so a tree returned by
 * one call is valid only until the next call on the same parser.
 */
export class IncrementalParser {
  /** Parsed parts by the prefix and suffix they were parsed with, then by their text. */
  private parts = new Map<string, Map<string, Part>>();
  /** Parts read by the current call, which are kept for the next one. */
  private kept = new Set<Part>();
  /** Parts placed in the current tree, so that a part used twice is copied. */
  private placed = new Set<Part>();
  /** Number of parts parsed (not taken from the cache) by the last call, for tests and benchmarks. */
  lastParsedParts = 0;

  parse(text: string): Root {
    this.kept = new Set();
    this.placed = new Set();
    this.lastParsedParts = 0;
    const bounds = [...findSplitPoints(text), text.length];
    const pieces: { start: number; part: Part }[] = [];
    let parsedLength = 0;
    let start = 0;
    let next = 0;
    while (start < text.length) {
      let end = bounds[next++] ?? text.length;
      let part = this.part('', text.slice(start, end));
      while (part.endsOpen && end < text.length) {
        parsedLength += end - start;
        // Joining parts one cut at a time could parse a long open block again and again.
        end =
          parsedLength > REPARSE_BUDGET * text.length
            ? text.length
            : (bounds[next++] ?? text.length);
        part = this.part('', text.slice(start, end));
      }
      pieces.push({ start, part });
      start = end;
    }

    // Parts are parsed again with the definitions of the other parts, which decide whether
    // `[label]` and `[^label]` are references.
    const all = [...new Set(pieces.flatMap((piece) => piece.part.definitions))];
    pieces.forEach((piece, index) => {
      const { text: partText, definitions: own } = piece.part;
      const external = all
        .filter((line) => !own.includes(line) && mayReference(piece.part, line))
        .map((line) => `${line}\n\n`)
        .join('');
      // The first part keeps its frontmatter first, so definitions follow it instead, after a
      // blank line: the part ends with a line ending, and if that is a lone CR, `\r\n\n` still
      // makes one line ending and a blank line.
      if (index === 0 && external) piece.part = this.part('', partText, `\n\n${external}`);
      else if (index > 0 && external) piece.part = this.part(external, partText);
    });

    const children: RootContent[] = [];
    let line = 1;
    for (const piece of pieces) {
      const part = this.place(piece.part, piece.start, line);
      for (const child of part.children) children.push(child);
      line += part.lineBreaks;
    }
    this.evictUnused();
    return {
      type: 'root',
      children,
      position: {
        start: { line: 1, column: 1, offset: 0 },
        end: { line, column: text.length - lastLineStart(text) + 1, offset: text.length },
      },
    };
  }

  private part(prefix: string, text: string, suffix = ''): Part {
    const context = `${prefix}\u0000${suffix}`;
    let byText = this.parts.get(context);
    if (!byText) {
      byText = new Map();
      this.parts.set(context, byText);
    }
    let part = byText.get(text);
    if (!part) {
      part = parsePart(prefix, text, suffix);
      byText.set(text, part);
      this.lastParsedParts++;
    }
    this.kept.add(part);
    return part;
  }

  /** Moves a part's positions to start at `offset` and `line`, copying a part used twice. */
  private place(cached: Part, offset: number, line: number): Part {
    const part = this.placed.has(cached)
      ? { ...cached, children: structuredClone(cached.children) }
      : cached;
    this.placed.add(cached);
    if (part.baseOffset !== offset || part.baseLine !== line) {
      shiftPositions(part.children, offset - part.baseOffset, line - part.baseLine);
      part.baseOffset = offset;
      part.baseLine = line;
    }
    return part;
  }

  private evictUnused(): void {
    for (const [prefix, byText] of this.parts) {
      for (const [text, part] of byText) if (!this.kept.has(part)) byText.delete(text);
      if (byText.size === 0) this.parts.delete(prefix);
    }
  }
}

function parsePart(prefix: string, text: string, suffix: string): Part {
  const tree = parseMarkdown(prefix + text + suffix);
  let children = tree.children;
  if (suffix) {
    children = children.filter((node) => (node.position?.start.offset ?? 0) < text.length);
  }
  if (prefix) {
    children = children.filter((node) => (node.position?.start.offset ?? 0) >= prefix.length);
    shiftPositions(children, -prefix.length, -countLineBreaks(prefix));
  }
  const last = children.at(-1);
  return {
    text,
    prefix,
    children,
    baseOffset: 0,
    baseLine: 1,
    lineBreaks: countLineBreaks(text),
    endsOpen: last ? endsOpen(last, text) : false,
    definitions: prefix || suffix ? [] : [...new Set(collectDefinitions(children))],
  };
}

/**
 * Tells whether the block at the end of a part may continue past the part's end. A fenced code
 * block or an HTML block that is still open runs over the blank lines at the end of the part,
 * also inside a list item or block quote. An HTML block that no blank line follows continues on
 * the next line. Other blocks end where the part does, because the next part starts with an
 * ATX heading.
 */
function endsOpen(last: RootContent, text: string): boolean {
  let node: Nodes | undefined = last;
  let risky = false;
  while (node) {
    if (node.type === 'code' || node.type === 'html') risky = true;
    node =
      node.type === 'list' ||
      node.type === 'listItem' ||
      node.type === 'blockquote' ||
      node.type === 'footnoteDefinition'
        ? node.children.at(-1)
        : undefined;
  }
  if (!risky) return false;
  const after = text.slice(last.position?.end.offset ?? text.length);
  return !/^[ \t]*(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)/.test(after);
}

/**
 * Folds text as micromark compares labels (whitespace runs to one space, then case), keeping the
 * result's length free to differ.
 */
function foldLabel(text: string): string {
  return text
    .replace(/[\t\n\r ]+/g, ' ')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/**
 * Tells whether a part may reference the definition written as `line`: its folded text contains
 * the definition's label. Case mapping of non-ASCII text can depend on the letters around it, so a
 * label with such characters is assumed to be referenced by any part that contains `]`.
 */
function mayReference(part: Part, line: string): boolean {
  if (!part.text.includes(']')) return false;
  const label = line.slice(line.startsWith('[^') ? 2 : 1, line.lastIndexOf(']:'));
  // eslint-disable-next-line no-control-regex -- the test is for characters outside ASCII
  if (/[^\x00-\x7f]/.test(label)) return true;
  part.folded ??= foldLabel(part.text);
  return part.folded.includes(label);
}

function collectDefinitions(children: readonly RootContent[]): string[] {
  const found: string[] = [];
  const stack: Nodes[] = [...children];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'definition') found.push(`[${node.identifier}]: #`);
    else if (node.type === 'footnoteDefinition') found.push(`[^${node.identifier}]: .`);
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return found;
}

function lastLineStart(text: string): number {
  for (let index = text.length - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) return index + 1;
  }
  return 0;
}

/** Number of line endings (LF, CRLF or a lone CR) in `text`. */
function countLineBreaks(text: string): number {
  return computeLineStarts(text).length - 1;
}

function shiftPositions(nodes: readonly Nodes[], offsetDelta: number, lineDelta: number): void {
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const position = node.position;
    if (position) {
      position.start.line += lineDelta;
      position.end.line += lineDelta;
      if (position.start.offset !== undefined) position.start.offset += offsetDelta;
      if (position.end.offset !== undefined) position.end.offset += offsetDelta;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}
