/** Returns the offset at which each line starts; a line ends at LF, CRLF or a lone CR. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      starts.push(i + 1);
    } else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Converts a UTF-16 offset to a 1-based line and column. */
export function offsetToPosition(
  lineStarts: number[],
  offset: number,
): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** Returns the offset of the end of the line that contains `offset`, before its line break. */
export function lineEndOffset(text: string, lineStarts: number[], offset: number): number {
  const { line } = offsetToPosition(lineStarts, offset);
  let end = line < lineStarts.length ? (lineStarts[line] ?? text.length) : text.length;
  while (end > 0 && end > (lineStarts[line - 1] ?? 0) && /[\r\n]/.test(text.charAt(end - 1))) end--;
  return end;
}
