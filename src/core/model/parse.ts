import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { unclosedFrontmatterFence } from '../incremental/split';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', { type: 'toml', marker: '+' }]);

/**
 * Deepest container nesting (block quotes and list items opened on one line) that is parsed as
 * written. micromark's time grows with the square of the depth and mdast utilities recurse once
 * per level, so 6,000 nested `>` overflow the stack and 50,000 nested `- ` take minutes.
 */
export const MAX_NESTING = 100;

/**
 * Widest indentation, in columns, in front of a list marker or `>` that is parsed as written.
 * Each nesting level needs at least two columns, so this also bounds nesting built as a
 * staircase of indented lines.
 */
export const MAX_MARKER_INDENT = 2 * MAX_NESTING;

/** Length of a list marker (`-`, `+`, `*`, `1.`, `1)`) at `index`, including the space after it, or 0. */
function listMarkerLength(line: string, index: number): number {
  const code = line.charCodeAt(index);
  let end = index;
  if (code === 45 || code === 43 || code === 42) {
    end = index + 1;
  } else {
    while (end < line.length && end - index < 9 && isDigit(line.charCodeAt(end))) end++;
    if (end === index) return 0;
    const delimiter = line.charCodeAt(end);
    if (delimiter !== 46 && delimiter !== 41) return 0;
    end++;
  }
  const after = line.charCodeAt(end);
  if (end === line.length) return end - index;
  return after === 32 || after === 9 ? end + 1 - index : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Returns the line with container markers past the nesting limits replaced by spaces, or the
 * line itself when it is within them. Replacing one UTF-16 unit with one space keeps every
 * offset, line and column of the document unchanged.
 */
function flattenLine(line: string): string {
  let index = 0;
  let depth = 0;
  let columns = 0;
  let masked: string[] | undefined;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    if (code === 32 || code === 9) {
      columns += code === 9 ? 4 - (columns % 4) : 1;
      index++;
      continue;
    }
    const length = code === 62 ? 1 : listMarkerLength(line, index);
    if (length === 0) break;
    depth++;
    if (depth > MAX_NESTING || columns > MAX_MARKER_INDENT) {
      masked ??= [...line.slice(0, index)];
      for (let unit = 0; unit < length; unit++) masked.push(' ');
    } else if (masked) {
      masked.push(...line.slice(index, index + length));
    }
    columns += length;
    index += length;
  }
  if (!masked) return line;
  return masked.join('') + line.slice(index);
}

const LONG_LINE_START = new RegExp(`^[ \\t>*+\\-.)\\d]{${MAX_MARKER_INDENT / 4}}`, 'm');

/**
 * Returns the text with container nesting beyond `MAX_NESTING` levels, or behind more than
 * `MAX_MARKER_INDENT` columns of indentation, turned into spaces, and whether anything changed.
 */
export function limitNesting(text: string): { text: string; limited: boolean } {
  // Fast path: a changed line starts with over MAX_NESTING markers or over MAX_MARKER_INDENT
  // columns, so at least MAX_MARKER_INDENT / 4 characters (tabs) of markers and indentation.
  if (!LONG_LINE_START.test(text)) return { text, limited: false };
  const parts = text.split(/(\r\n|\r|\n)/);
  let limited = false;
  for (let index = 0; index < parts.length; index += 2) {
    const line = parts[index] ?? '';
    const flat = flattenLine(line);
    if (flat !== line) {
      parts[index] = flat;
      limited = true;
    }
  }
  return { text: limited ? parts.join('') : text, limited };
}

/**
 * Replaces a first-line `---` or `+++` that no later line closes with text of the same length
 * that cannot open frontmatter: `***`, another thematic break, or `\++`, a paragraph. After
 * such an unclosed fence, micromark-extension-frontmatter 2.0.0 (with micromark 4.0.3) stops
 * remark from reading lists and block quotes in the rest of the document, which CommonMark
 * renderers without frontmatter read as usual.
 */
function withoutUnclosedFence(text: string): string {
  const fence = unclosedFrontmatterFence(text);
  if (fence === undefined) return text;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const replacement = fence.startsWith('-') ? '***' : '\\++';
  return text.slice(0, start) + replacement + text.slice(start + 3);
}

/**
 * Parses Markdown with GFM tables and task lists and YAML (`---`) or TOML (`+++`) frontmatter.
 * Containers nested past the limits of `limitNesting` are read as plain text.
 */
export function parseMarkdown(text: string): Root {
  const tree = processor.parse(withoutUnclosedFence(limitNesting(text).text));
  // micromark 4 skips a byte order mark at the start and counts positions without it. Linting
  // removes one BOM, so a second one is still here, and the positions must count it.
  if (text.charCodeAt(0) === 0xfeff) countLeadingBom(tree);
  return tree;
}

/**
 * Moves every position one unit on, and one column on for points on the first line. The root
 * keeps its start, since it spans the BOM too.
 */
function countLeadingBom(tree: Root): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const points =
      node === tree ? [node.position?.end] : [node.position?.start, node.position?.end];
    for (const point of points) {
      if (!point) continue;
      if (point.offset !== undefined) point.offset += 1;
      if (point.line === 1) point.column += 1;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}
