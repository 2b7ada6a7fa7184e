// The properties every lint run must have, whatever the input. Each check throws an
// AssertionError that names the broken property, so fast-check can shrink the input that breaks
// it and the property tests and `npm run fuzz` share one definition.
import assert from 'node:assert/strict';
import {
  applyTextEdits,
  lint,
  stripBom,
  type Fix,
  type LintDiagnostic,
  type LintOptions,
  type TextEdit,
} from '../../../src/core';

/** Fixed date that snippet variables such as `$CURRENT_YEAR` resolve to, for repeatable runs. */
const SNIPPET_VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH: '05',
  CURRENT_DATE: '06',
};

/**
 * Renders snippet text as VS Code inserts it when the writer accepts every default: a tab stop
 * `${1:text}` becomes its text, a choice `${1|a,b|}` its first value, `$1` and `$0` nothing, a
 * known variable its value, and `\$`, `\}`, `\\` (and `\,`, `\|` in choices) the escaped character.
 */
export function renderSnippet(snippet: string): string {
  let output = '';
  let index = 0;
  const readUntil = (stops: string): { text: string; stop: string } => {
    let text = '';
    while (index < snippet.length) {
      const char = snippet.charAt(index);
      if (char === '\\' && index + 1 < snippet.length) {
        text += snippet.charAt(index + 1);
        index += 2;
        continue;
      }
      if (stops.includes(char)) {
        index++;
        return { text, stop: char };
      }
      if (char === '$') {
        text += readDollar();
        continue;
      }
      text += char;
      index++;
    }
    return { text, stop: '' };
  };
  const readDollar = (): string => {
    // `index` is at the `$`.
    const rest = snippet.slice(index + 1);
    const tabStop = /^\d+/.exec(rest);
    if (tabStop) {
      index += 1 + tabStop[0].length;
      return '';
    }
    const variable = /^[A-Z_]+/.exec(rest);
    if (variable) {
      index += 1 + variable[0].length;
      return SNIPPET_VARIABLES[variable[0]] ?? '';
    }
    const placeholder = /^\{(\d+)([:|])/.exec(rest);
    if (placeholder) {
      index += 1 + placeholder[0].length;
      if (placeholder[2] === ':') return readUntil('}').text;
      const first = readUntil(',|');
      if (first.stop === ',') readUntil('|');
      index++; // the closing brace
      return first.text;
    }
    index++;
    return '$';
  };
  while (index < snippet.length) output += readUntil('').text;
  return output;
}

/** Edits of a fix with snippet syntax rendered the way the editor inserts them. */
export function renderedEdits(fix: Fix): TextEdit[] {
  return fix.edits.map((edit) => ({
    ...edit,
    newText: fix.snippet ? renderSnippet(edit.newText) : edit.newText,
  }));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Tells whether an offset falls between the two halves of a surrogate pair or of a CRLF. */
function splitsPair(text: string, offset: number): string | undefined {
  if (offset <= 0 || offset >= text.length) return undefined;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (isHighSurrogate(before) && isLowSurrogate(after)) return 'a surrogate pair';
  if (before === 13 && after === 10) return 'a CRLF line break';
  return undefined;
}

/** Line and column of an offset counted character by character, independent of src/core/positions. */
function slowPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(diagnostic: LintDiagnostic): string {
  return `${diagnostic.ruleId} ${diagnostic.start}-${diagnostic.end} "${diagnostic.message}"`;
}

/** Lints `text`, failing with the rule's own error when a rule throws. */
export function lintOrFail(text: string, options: LintOptions = {}): LintDiagnostic[] {
  const { diagnostics } = lint(text, options);
  for (const diagnostic of diagnostics) {
    assert.equal(
      diagnostic.data?.['internalError'],
      undefined,
      `rule ${diagnostic.ruleId} threw: ${diagnostic.data?.['internalError']}`,
    );
  }
  return diagnostics;
}

/** Checks that every diagnostic points at a real place in `source` (the text without its BOM). */
export function checkPositions(source: string, diagnostics: readonly LintDiagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const { start, end } = diagnostic;
    const name = describe(diagnostic);
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${name}: offsets not integers`);
    assert.ok(start >= 0 && end <= source.length, `${name}: outside 0..${source.length}`);
    assert.ok(start <= end, `${name}: start after end`);
    for (const offset of [start, end]) {
      const split = splitsPair(source, offset);
      assert.equal(split, undefined, `${name}: offset ${offset} splits ${split}`);
    }
    const startPosition = slowPosition(source, start);
    const endPosition = slowPosition(source, end);
    assert.deepEqual(
      [diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn],
      [startPosition.line, startPosition.column, endPosition.line, endPosition.column],
      `${name}: line and column disagree with the offsets`,
    );
  }
}

/** Checks a fix's edits: inside the text, not splitting a character or line break, disjoint. */
function checkEditRanges(source: string, edits: readonly TextEdit[], name: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((edit, index) => {
    assert.ok(edit.start >= 0 && edit.end <= source.length, `${name}: edit outside the text`);
    assert.ok(edit.start <= edit.end, `${name}: edit start after end`);
    for (const offset of [edit.start, edit.end]) {
      const split = splitsPair(source, offset);
      assert.equal(split, undefined, `${name}: edit at ${offset} splits ${split}`);
    }
    const previous = sorted[index - 1];
    if (previous) {
      const overlaps =
        previous.end > edit.start || (previous.start === edit.start && previous.end === edit.end);
      assert.ok(
        !overlaps,
        `${name}: edits ${previous.start}-${previous.end} and ${edit.start}-${edit.end} overlap`,
      );
    }
  });
}

/** Shifts an offset outside every edit to where the same character is after the edits. */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shifted = offset;
  for (const edit of edits) {
    if (edit.end <= offset) shifted += edit.newText.length - (edit.end - edit.start);
  }
  return shifted;
}

interface Line {
  start: number;
  /** End of the line's content, before its line break. */
  contentEnd: number;
  /** Start of the next line (after the line break), or the text length. */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    const breakLength = code === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    lines.push({ start, contentEnd: i, end: i + breakLength });
    i += breakLength - 1;
    start = i + 1;
  }
  lines.push({ start, contentEnd: text.length, end: text.length });
  return lines;
}

/**
 * Tells whether an edit changes a line: it replaces part of the line or its break, or inserts
 * text inside it or at the end of its content. Text inserted at the very start of a line is
 * meant to go before it, so the line must survive whole.
 */
function editTouchesLine(edit: TextEdit, line: Line): boolean {
  if (edit.start < edit.end) return edit.start < line.end && edit.end > line.start;
  return edit.start > line.start && edit.start <= line.contentEnd;
}

/**
 * Checks that every line the edits do not touch is still a whole line in `result`, with the
 * same text and line break, at the place the edits move it to.
 */
export function checkUntouchedLines(
  source: string,
  result: string,
  edits: readonly TextEdit[],
  name: string,
): void {
  const resultStarts = new Set(splitLines(result).map((line) => line.start));
  for (const line of splitLines(source)) {
    if (edits.some((edit) => editTouchesLine(edit, line))) continue;
    const mapped = mapOffset(line.start, edits);
    const original = source.slice(line.start, line.end);
    const label = `${name}: line at ${line.start} ${JSON.stringify(original.slice(0, 60))}`;
    assert.ok(resultStarts.has(mapped), `${label} no longer starts a line`);
    assert.equal(result.slice(mapped, mapped + original.length), original, `${label} changed`);
    const next = mapped + original.length;
    const nextIsLineStart = next === result.length || resultStarts.has(next);
    assert.ok(
      nextIsLineStart || line.end === source.length,
      `${label} was joined to the text after it`,
    );
  }
}

/**
 * The problem a diagnostic states: its message up to the end of the first sentence. Messages
 * read "problem. advice.", and the advice may change with the document's layout (a missing
 * field is to be added "to the frontmatter" once a fix has created one).
 */
export function problemOf(diagnostic: LintDiagnostic): string {
  const end = diagnostic.message.indexOf('. ');
  return end < 0 ? diagnostic.message : diagnostic.message.slice(0, end + 1);
}

/** Tells whether an offset lies strictly inside a replaced range, where it has no mapped place. */
function insideEdit(offset: number, edits: readonly TextEdit[]): boolean {
  return edits.some((edit) => edit.start < offset && offset < edit.end);
}

/**
 * Returns the diagnostics of one rule in `after` that match none of the same rule's diagnostics
 * in `before`. A diagnostic matches one that states the same problem (see `problemOf`) at the
 * place the edits move it to; failing that, one that states the same problem anywhere; failing
 * that, one at the same moved place: the same problem quoted in changed words, such as an
 * action item whose quoted text gained an owner clause. Each diagnostic of `before` matches at
 * most one of `after`.
 */
export function newProblems(
  before: readonly LintDiagnostic[],
  after: readonly LintDiagnostic[],
  ruleId: string,
  edits: readonly TextEdit[],
): LintDiagnostic[] {
  const unused = before.filter((diagnostic) => diagnostic.ruleId === ruleId);
  const samePlace = (old: LintDiagnostic, current: LintDiagnostic): boolean =>
    !insideEdit(old.start, edits) && mapOffset(old.start, edits) === current.start;
  const sameProblem = (old: LintDiagnostic, current: LintDiagnostic): boolean =>
    problemOf(old) === problemOf(current);
  const passes = [
    (old: LintDiagnostic, current: LintDiagnostic) =>
      sameProblem(old, current) && samePlace(old, current),
    sameProblem,
    samePlace,
  ];
  let unmatched = after.filter((diagnostic) => diagnostic.ruleId === ruleId);
  for (const matches of passes) {
    unmatched = unmatched.filter((current) => {
      const index = unused.findIndex((old) => matches(old, current));
      if (index < 0) return true;
      unused.splice(index, 1);
      return false;
    });
  }
  return unmatched;
}

/**
 * Checks one fix of one diagnostic: its edits are well formed, it keeps the lines it does not
 * touch, it adds no problem of the diagnostic's rule, and a second application changes nothing.
 *
 * "No new problem" matches the rule's diagnostics before and after (see `newProblems`). A problem
 * names the text it is about (the section, field, time or words), so one the fix creates shows
 * up as a new problem or as one counted more often. A fix that moves an existing problem (a
 * missing section now anchored at an inserted heading) does not make it new.
 *
 * `source` is the linted text without its BOM, and `bom` is that BOM, or '' when it had none.
 */
export function checkFix(
  source: string,
  diagnostics: readonly LintDiagnostic[],
  diagnostic: LintDiagnostic,
  fix: Fix,
  options: LintOptions,
  bom = '',
): void {
  const name = `fix "${fix.title}" of ${describe(diagnostic)}`;
  checkEditRanges(source, fix.edits, name);
  const edits = renderedEdits(fix);
  const result = applyTextEdits(source, edits);
  checkUntouchedLines(source, result, edits, name);

  // The editor applies the fix to the document, which still starts with the BOM that linting
  // removed from `source`, so the result is linted with that BOM in front.
  const after = lintOrFail(bom + result, options);
  checkPositions(result, after);
  const added = newProblems(diagnostics, after, diagnostic.ruleId, edits);
  assert.deepEqual(
    added.map((problem) => problem.message),
    [],
    `${name}: the result has a new ${diagnostic.ruleId} problem`,
  );

  // Applying the fix again: the problem is gone from the place the edits moved it to (or, when
  // the edits replaced that place, it is stated nowhere), or its fix of the same title there
  // changes nothing.
  const mappedStart = insideEdit(diagnostic.start, edits)
    ? undefined
    : mapOffset(diagnostic.start, edits);
  for (const again of after) {
    if (again.ruleId !== diagnostic.ruleId) continue;
    const samePlace =
      mappedStart === undefined
        ? problemOf(again) === problemOf(diagnostic)
        : again.start === mappedStart;
    if (!samePlace) continue;
    for (const second of again.fixes.filter((candidate) => candidate.title === fix.title)) {
      const secondResult = applyTextEdits(result, renderedEdits(second));
      assert.equal(secondResult, result, `${name}: applying it a second time changes the text`);
    }
  }
}

/**
 * Fixes checked per rule and per document, each costing one more lint. Fixes of one rule are
 * built by the same code, so a few per rule cover it, and a fuzz run checks more documents.
 */
const FIXES_PER_RULE = 1;
const FIXES_PER_DOCUMENT = 4;
const FIXES_PER_LONG_DOCUMENT = 2;

/**
 * Runs every property on one document: lint does not throw and no rule fails, positions are
 * valid, the result is the same on a second run, and each fix is safe to apply.
 */
export function checkDocument(text: string, options: LintOptions = {}): void {
  const source = stripBom(text);
  const diagnostics = lintOrFail(text, options);
  checkPositions(source, diagnostics);
  const again = lintOrFail(text, options);
  assert.deepEqual(again, diagnostics, 'a second lint of the same text differs');

  let checked = 0;
  const perRule = new Map<string, number>();
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    for (const fix of diagnostic.fixes) {
      // A fix shared by several diagnostics (insert every missing section) is checked once.
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      const ruleCount = perRule.get(diagnostic.ruleId) ?? 0;
      if (ruleCount >= FIXES_PER_RULE) continue;
      const limit = source.length > 20_000 ? FIXES_PER_LONG_DOCUMENT : FIXES_PER_DOCUMENT;
      if (checked >= limit) return;
      perRule.set(diagnostic.ruleId, ruleCount + 1);
      checked++;
      checkFix(
        source,
        diagnostics,
        diagnostic,
        fix,
        options,
        text.slice(0, text.length - source.length),
      );
    }
  }
}
