import type { Fix, LintDiagnostic, TextEdit } from './types';

/**
 * Chooses the fixes that "Fix all" applies together: safe fixes without snippet placeholders,
 * whose edits neither overlap nor touch one another. A fix shared by several diagnostics (such
 * as inserting every missing section) is preferred over the single fixes it covers. A diagnostic
 * whose fixes all conflict with chosen ones is left for the next run.
 */
export function selectFixAll(diagnostics: readonly LintDiagnostic[]): Fix[] {
  const candidates = new Map<string, { fix: Fix; covers: Set<number>; first: number }>();
  diagnostics.forEach((diagnostic, index) => {
    for (const fix of diagnostic.fixes) {
      if (!fix.safe || fix.snippet || fix.edits.length === 0) continue;
      const key = JSON.stringify(fix.edits);
      const candidate = candidates.get(key) ?? { fix, covers: new Set<number>(), first: index };
      candidate.covers.add(index);
      candidates.set(key, candidate);
    }
  });

  const ordered = [...candidates.values()].sort(
    (a, b) => b.covers.size - a.covers.size || a.first - b.first,
  );
  const chosen: Fix[] = [];
  const chosenEdits: TextEdit[] = [];
  const fixed = new Set<number>();
  for (const candidate of ordered) {
    if ([...candidate.covers].every((index) => fixed.has(index))) continue;
    if (candidate.fix.edits.some((edit) => chosenEdits.some((other) => touches(edit, other)))) {
      continue;
    }
    chosen.push(candidate.fix);
    chosenEdits.push(...candidate.fix.edits);
    for (const index of candidate.covers) fixed.add(index);
  }
  return chosen;
}

/** Tells whether two edits overlap or meet, so applying both would be ambiguous. */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Applies non-overlapping edits, given as offsets into `text`, and returns the new text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/**
 * Keeps an edit's line breaks from merging with the document's. A lone CR before the edit and
 * an LF at the start of its text would read as one CRLF break, and so would a CR at the end of
 * its text and an LF after the edit. Documents that mix line break styles meet this when a fix
 * inserts lines in the style the document mostly uses. The edit's break at the seam takes the
 * other style, so every line keeps its own break.
 */
export function separateLineBreaks(text: string, edit: TextEdit): TextEdit {
  let { newText } = edit;
  if (newText.startsWith('\n') && text.charCodeAt(edit.start - 1) === 13) {
    newText = `\r${newText.slice(1)}`;
  }
  if (newText.endsWith('\r') && text.charCodeAt(edit.end) === 10) {
    newText = `${newText.slice(0, -1)}\n`;
  }
  return newText === edit.newText ? edit : { ...edit, newText };
}

/** Applies `separateLineBreaks` to every edit of a fix. */
export function separateFixLineBreaks(text: string, fix: Fix): Fix {
  const edits = fix.edits.map((edit) => separateLineBreaks(text, edit));
  return edits.every((edit, index) => edit === fix.edits[index]) ? fix : { ...fix, edits };
}
