import type { ResolvedConfig } from './config/types';
import { SECTION_DEFINITIONS } from './model/section-definitions';
import { lineBreakOf } from './rules/anchor';
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

/** Text that ends the document's last content with a blank line before an appended section. */
function appendPrefix(pm: Postmortem, lineBreak: string): string {
  if (pm.text.length === 0 || pm.text.endsWith(lineBreak + lineBreak)) return '';
  return pm.text.endsWith(lineBreak) ? lineBreak : lineBreak + lineBreak;
}

/** Builds the edit that inserts the given sections at `offset`. */
function sectionsEdit(pm: Postmortem, ids: string[], offset: number, depth: number): TextEdit {
  const lineBreak = lineBreakOf(pm.text);
  const text = ids.map((id) => renderSection(id, depth, lineBreak)).join('');
  if (offset < pm.text.length) return { start: offset, end: offset, newText: text };
  // At the end of the document the last blank line is dropped, so one final line break stays.
  const appended = appendPrefix(pm, lineBreak) + text.slice(0, text.length - lineBreak.length);
  return { start: offset, end: offset, newText: appended };
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
