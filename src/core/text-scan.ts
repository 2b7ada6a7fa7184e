// Loops that replace regular expressions anchored at the end of a string (`/[\s|]*$/`), which
// a regex engine tries from every start position, taking time quadratic in a long run of
// matching characters.

/** Returns the length of the run of characters at the end of `text` that `matches` accepts. */
export function trailingRunLength(text: string, matches: (char: string) => boolean): number {
  let start = text.length;
  while (start > 0 && matches(text.charAt(start - 1))) start--;
  return text.length - start;
}

/** Removes the line breaks (CR and LF) at the end of a line. */
export function trimLineBreaks(line: string): string {
  return line.slice(
    0,
    line.length - trailingRunLength(line, (char) => char === '\r' || char === '\n'),
  );
}

/**
 * Replaces each `(…)` and `[…]` group with `replacement`, as
 * `text.replace(/\([^)]*\)|\[[^\]]*\]/g, replacement)` does, in linear time: a group opens at
 * the leftmost bracket that has a closing one after it, and ends at the first closing one.
 */
export function replaceBracketGroups(text: string, replacement: string): string {
  const closers: Record<string, string> = { '(': ')', '[': ']' };
  // Once a closing bracket is not found after some offset, it is not found after a later one.
  const exhausted = new Set<string>();
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const closer = closers[char];
    if (closer !== undefined && !exhausted.has(closer)) {
      const end = text.indexOf(closer, index + 1);
      if (end >= 0) {
        result += replacement;
        index = end + 1;
        continue;
      }
      exhausted.add(closer);
    }
    result += char;
    index++;
  }
  return result;
}

/** One line of a text: its content without the line break, and where the content starts. */
export interface LineSlice {
  text: string;
  start: number;
}

/** Splits a text into lines at LF, CRLF and lone CR breaks, as CommonMark reads them. */
export function splitLineSlices(text: string): LineSlice[] {
  const lines: LineSlice[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    lines.push({ text: text.slice(start, index), start });
    if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
    start = index + 1;
  }
  lines.push({ text: text.slice(start), start });
  return lines;
}
