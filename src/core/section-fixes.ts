import type { ResolvedConfig } from './config/types';
import { SECTION_DEFINITIONS } from './model/section-definitions';
import { lineBreakOf } from './rules/anchor';
import { trailingRunLength } from './text-scan';
import { separateLineBreaks } from './fix-all';
import type { Fix, Postmortem, TextEdit } from './types';

/** Position of each section id in the canonical order of a postmortem. */
const CANONICAL_ORDER = new Map(
  SECTION_DEFINITIONS.map((definition, index) => [definition.id, index]),
);

function sectionDepth(pm: Postmortem): number {
  const depths = pm.sections
    .filter((section) => section.id && section.kind === 'heading')
    .map((s) => s.depth);
  if (depths.length === 0) return 2;
  const counts = new Map<number, number>();
  for (const depth of depths) counts.set(depth, (counts.get(depth) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 2;
}

/** Renders a section heading and its template body, ending in a blank line. */
export function renderSection(id: string, depth: number, lineBreak = '\n'): string {
  const definition = SECTION_DEFINITIONS.find((candidate) => candidate.id === id);
  const title = definition?.title ?? id;
  const body = definition?.template ?? '';
  return `${'#'.repeat(depth)} ${title}\n\n${body}\n\n`.replace(/\n/g, lineBreak);
}

/**
 * Returns the offset where a section belongs: before the first present section that comes
 * after it in canonical order, or at the end of the document.
 */
function insertionOffset(pm: Postmortem, id: string): number {
  const rank = CANONICAL_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  const depth = sectionDepth(pm);
  let best: { rank: number; offset: number } | undefined;
  for (const section of pm.sections) {
    if (!section.id || section.depth > depth) continue;
    const sectionRank = CANONICAL_ORDER.get(section.id);
    if (sectionRank === undefined || sectionRank <= rank) continue;
    if (!best || sectionRank < best.rank)
      best = { rank: sectionRank, offset: section.heading.start };
  }
  return best ? best.offset : pm.text.length;
}

/** End markers of the HTML blocks that a blank line does not end (CommonMark types 1 to 5). */
const HTML_BLOCK_ENDS: Array<{ open: RegExp; close: string }> = [
  { open: /^<script(?:[\s>]|$)/i, close: '</script>' },
  { open: /^<pre(?:[\s>]|$)/i, close: '</pre>' },
  { open: /^<style(?:[\s>]|$)/i, close: '</style>' },
  { open: /^<textarea(?:[\s>]|$)/i, close: '</textarea>' },
  { open: /^<!--/, close: '-->' },
  { open: /^<\?/, close: '?>' },
  { open: /^<!\[CDATA\[/, close: ']]>' },
  { open: /^<![a-z]/i, close: '>' },
];

/**
 * Returns the line that closes a fenced code block or an HTML block left open at the end of
 * the document, or undefined when the document ends outside one. Text appended inside such a
 * block would be read as code or HTML, so a section appended there would not be a section.
 */
function openBlockCloser(pm: Postmortem): string | undefined {
  const last = pm.tree.children[pm.tree.children.length - 1];
  const start = last?.position?.start.offset;
  if (!last || start === undefined || last.position?.end.offset !== pm.text.length)
    return undefined;
  const raw = pm.text.slice(start);
  if (last.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (!fence) return undefined; // an indented code block ends at the next unindented line
    const lines = raw.split(/\r\n|\r|\n/);
    // Only spaces and tabs may surround a closing fence (String.trim would also drop a BOM).
    const lastLine = lines.length > 1 ? (lines[lines.length - 1] ?? '') : '';
    const isBlank = (char: string): boolean => char === ' ' || char === '\t';
    const trimmed = lastLine.slice(0, lastLine.length - trailingRunLength(lastLine, isBlank));
    const closing = trimmed.replace(/^[ \t]+/, '');
    const closed =
      closing.length >= fence.length && closing === (fence[0] ?? '').repeat(closing.length);
    return closed ? undefined : fence;
  }
  if (last.type === 'html') {
    const end = HTML_BLOCK_ENDS.find((candidate) => candidate.open.test(raw.trimStart()));
    if (!end) return undefined;
    // The end marker may share the opening line (`<!-- note -->`), but not its opening token.
    const body = raw.trimStart().slice(end.close === '-->' ? 2 : 1);
    return body.includes(end.close) ? undefined : end.close;
  }
  return undefined;
}

/**
 * Text that ends the document's last content with a blank line before an appended section,
 * closing a code fence or HTML block that is still open.
 */
function appendPrefix(pm: Postmortem, lineBreak: string): string {
  const closer = openBlockCloser(pm);
  if (closer !== undefined) {
    const endsLine = /[\r\n]$/.test(pm.text);
    return `${endsLine ? '' : lineBreak}${closer}${lineBreak}${lineBreak}`;
  }
  if (pm.text.length === 0 || pm.text.endsWith(lineBreak + lineBreak)) return '';
  return pm.text.endsWith(lineBreak) ? lineBreak : lineBreak + lineBreak;
}

/**
 * Text that ends an HTML block before a section inserted at `offset`, when the offset falls
 * inside one (a raw `<h2>` heading on a later line of the block, or after other HTML on its
 * line). A heading written inside an HTML block would be read as HTML. A blank line ends the
 * HTML blocks that can hold such headings.
 */
function htmlBlockBreak(pm: Postmortem, offset: number, lineBreak: string): string {
  const inside = pm.tree.children.some((node) => {
    const start = node.position?.start.offset ?? offset;
    const end = node.position?.end.offset ?? offset;
    return node.type === 'html' && start < offset && offset < end;
  });
  if (!inside) return '';
  const atLineStart = /[\r\n]/.test(pm.text.charAt(offset - 1));
  return atLineStart ? lineBreak : lineBreak + lineBreak;
}

/** Builds the edit that inserts the given sections at `offset`. */
function sectionsEdit(pm: Postmortem, ids: string[], offset: number, depth: number): TextEdit {
  const lineBreak = lineBreakOf(pm.text);
  const text = ids.map((id) => renderSection(id, depth, lineBreak)).join('');
  if (offset < pm.text.length) {
    const newText = htmlBlockBreak(pm, offset, lineBreak) + text;
    return separateLineBreaks(pm.text, { start: offset, end: offset, newText });
  }
  // At the end of the document the last blank line is dropped, so one final line break stays.
  const appended = appendPrefix(pm, lineBreak) + text.slice(0, text.length - lineBreak.length);
  return separateLineBreaks(pm.text, { start: offset, end: offset, newText: appended });
}

export function insertSectionFix(
  pm: Postmortem,
  _config: ResolvedConfig,
  sectionId: string,
): Fix | undefined {
  const definition = SECTION_DEFINITIONS.find((candidate) => candidate.id === sectionId);
  if (!definition) return undefined;
  const depth = sectionDepth(pm);
  return {
    title: `Insert section \`${definition.title}\``,
    edits: [sectionsEdit(pm, [sectionId], insertionOffset(pm, sectionId), depth)],
    safe: true,
  };
}

/** Ids of the required sections the document lacks, in canonical order. */
export function missingSectionIds(pm: Postmortem, config: ResolvedConfig): string[] {
  const present = new Set(pm.sections.map((section) => section.id));
  return config.requiredSections
    .filter((id) => !present.has(id))
    .sort((a, b) => (CANONICAL_ORDER.get(a) ?? 0) - (CANONICAL_ORDER.get(b) ?? 0));
}

export function insertMissingSectionsFix(pm: Postmortem, config: ResolvedConfig): Fix | undefined {
  const missing = missingSectionIds(pm, config);
  if (missing.length === 0) return undefined;
  const depth = sectionDepth(pm);
  // Sections that go to the same place are joined into one edit, in canonical order.
  const byOffset = new Map<number, string[]>();
  for (const id of missing) {
    const offset = insertionOffset(pm, id);
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), id]);
  }
  const edits = [...byOffset].map(([offset, ids]) => sectionsEdit(pm, ids, offset, depth));
  return { title: `Insert all ${missing.length} missing sections`, edits, safe: true };
}
