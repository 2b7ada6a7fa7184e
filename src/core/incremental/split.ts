/**
 * Finds the offsets where a document may be cut into parts that remark parses on their own:
 * the start of each ATX heading (`#` in column 1). Such a line closes every open paragraph,
 * list, block quote and table, so the parts before and after it parse as they would together,
 * unless the line sits inside frontmatter, a fenced code block or an HTML block.
 *
 * The scan skips frontmatter, top-level code fences and multi-line HTML comments. It cannot see
 * every HTML block or a fence opened inside a container, so the parser still checks each cut
 * (see `endsOpen` in parser.ts) and joins the parts when a construct runs across it.
 */
export function findSplitPoints(text: string): number[] {
  const points: number[] = [];
  let fence: { marker: number; length: number } | undefined;
  let inComment = false;
  let position = frontmatterEnd(text);

  while (position < text.length) {
    const lineEnd = findLineEnd(text, position);
    const first = text.charCodeAt(position);
    if (fence) {
      if (closesFence(text, position, lineEnd, fence)) fence = undefined;
    } else if (inComment) {
      if (text.slice(position, lineEnd).includes('-->')) inComment = false;
    } else if (first === 35 /* # */ && isAtxHeading(text, position, lineEnd)) {
      if (position > 0) points.push(position);
    } else {
      const indent = countSpaces(text, position, lineEnd);
      if (indent <= 3) {
        const start = position + indent;
        fence = opensFence(text, start, lineEnd);
        if (!fence && text.startsWith('<!--', start)) {
          inComment = !text.slice(start + 4, lineEnd).includes('-->');
        }
      }
    }
    position = nextLineStart(text, lineEnd);
  }
  return points;
}

/** Offset of the end of the line that starts at `start`, before its line ending. */
function findLineEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) break;
    index++;
  }
  return index;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
}

function countSpaces(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && text.charCodeAt(index) === 32) index++;
  return index - start;
}

/** `#` to `######` followed by a space, a tab or the end of the line. */
function isAtxHeading(text: string, start: number, lineEnd: number): boolean {
  let index = start;
  while (index < lineEnd && text.charCodeAt(index) === 35) index++;
  const level = index - start;
  if (level < 1 || level > 6) return false;
  const after = text.charCodeAt(index);
  return index === lineEnd || after === 32 || after === 9;
}

function opensFence(
  text: string,
  start: number,
  lineEnd: number,
): { marker: number; length: number } | undefined {
  const marker = text.charCodeAt(start);
  if (marker !== 96 /* ` */ && marker !== 126 /* ~ */) return undefined;
  let index = start;
  while (index < lineEnd && text.charCodeAt(index) === marker) index++;
  const length = index - start;
  if (length < 3) return undefined;
  // The info string of a backtick fence cannot contain a backtick.
  if (marker === 96 && text.slice(index, lineEnd).includes('`')) return undefined;
  return { marker, length };
}

function closesFence(
  text: string,
  start: number,
  lineEnd: number,
  fence: { marker: number; length: number },
): boolean {
  const indent = countSpaces(text, start, lineEnd);
  if (indent > 3) return false;
  let index = start + indent;
  while (index < lineEnd && text.charCodeAt(index) === fence.marker) index++;
  if (index - start - indent < fence.length) return false;
  return text.slice(index, lineEnd).trim() === '';
}

/**
 * Returns the first line when it opens frontmatter (`---` or `+++`) that no later line closes.
 * `parseMarkdown` replaces such a line before parsing (see `withoutUnclosedFence`).
 */
export function unclosedFrontmatterFence(text: string): string | undefined {
  const start = leadingBomLength(text);
  const firstEnd = findLineEnd(text, start);
  const opening = /^(?:---|\+\+\+)(?=[ \t]*$)/.exec(text.slice(start, firstEnd))?.[0];
  if (!opening || frontmatterEnd(text) > 0) return undefined;
  return text.slice(start, firstEnd);
}

/**
 * Length of a byte order mark at the start of `text` (0 or 1). micromark 4 skips one there, so
 * frontmatter may open right after it. The linter removes the first BOM, so this is a second.
 */
function leadingBomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * Offset just past a closed frontmatter block (`---` or `+++` on the first line and again on a
 * later line), or 0 when the document has none. remark-frontmatter reads only such a block.
 */
function frontmatterEnd(text: string): number {
  const start = leadingBomLength(text);
  const firstEnd = findLineEnd(text, start);
  const opening = /^(?:---|\+\+\+)(?=[ \t]*$)/.exec(text.slice(start, firstEnd))?.[0];
  if (!opening) return 0;
  let position = nextLineStart(text, firstEnd);
  while (position < text.length) {
    const lineEnd = findLineEnd(text, position);
    const line = text.slice(position, lineEnd);
    if (line.startsWith(opening) && !/[^ \t]/.test(line.slice(3))) {
      return nextLineStart(text, lineEnd);
    }
    position = nextLineStart(text, lineEnd);
  }
  return 0;
}
