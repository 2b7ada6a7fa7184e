import type { RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SECTION_DEFINITIONS } from '../model/section-definitions';
import type { Postmortem, Section } from '../types';
import { collectTextBlocks, hasSubsections, ownNodes, OPAQUE, type TextBlock } from './text-utils';
import type { Rule, RuleContext } from './types';

/** Whole-paragraph hints that the section templates insert, folded to single spaces. */
const TEMPLATE_TEXTS: ReadonlySet<string> = new Set(
  SECTION_DEFINITIONS.map((definition) => definition.template).filter(
    (text) => !text.includes('|'),
  ),
);

/** Table rows that the section templates insert, as cell texts joined by `|`. */
const TEMPLATE_ROWS: ReadonlySet<string> = new Set(
  SECTION_DEFINITIONS.flatMap((definition) =>
    definition.template
      .split('\n')
      .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
      .map((line) => splitRow(line)),
  ),
);

function splitRow(line: string): string {
  return line
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim())
    .join('|');
}

/** Cell values that a template row leaves for the writer to fill in. */
const PLACEHOLDER_CELL =
  /^(?:|-+|\.{3}|…|TBD|TBC|TODO|XXX|HH:mm|HH:MM|YYYY-MM-DD|@owner|<[^<>]*>|\[[^\]]*\])$/i;

/** Sentence openings that instruct the writer rather than report what happened. */
const PROMPT =
  /^(?:describe|summari[sz]e|explain what|write (?:a|the|here)|fill in|insert|enter)\b/i;

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Returns whether a block holds no content of its own: blank, an ellipsis, a hint or an empty label. */
function isHint(block: TextBlock, italicIsHint: boolean): boolean {
  const text = fold(block.text);
  // Inline code, an image or inline HTML is content even without words around it.
  if (text.includes(OPAQUE)) return false;
  if (!/[\p{L}\p{N}]/u.test(text)) return true;
  if (TEMPLATE_TEXTS.has(text)) return true;
  if (/^lorem ipsum\b/i.test(text)) return true;
  if (/^add\b.*\bhere\b[.:]?$/i.test(text)) return true;
  if (PROMPT.test(text) && (block.emphasised || /[.:?]$/.test(text))) return true;
  if (/^[([].*[)\]]$/.test(text) && PROMPT.test(text.slice(1))) return true;
  // A label waiting for its value, as in `- Affected users:`.
  if (/^[^.!?]{1,60}\s?:$/.test(text) && text.split(' ').length <= 6) return true;
  return italicIsHint && block.emphasised;
}

function isTemplateTable(table: Table): boolean {
  return table.children.slice(1).every((row) => {
    const cells = row.children.map((cell) => fold(toString(cell)));
    if (TEMPLATE_ROWS.has(cells.join('|'))) return true;
    return cells.every((cell) => PLACEHOLDER_CELL.test(cell));
  });
}

/** Returns whether a body node carries content. HTML comments, rules and link definitions do not. */
function hasContent(node: RootContent, pm: Postmortem, italicIsHint: boolean): boolean {
  switch (node.type) {
    case 'html':
      return node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return false;
    case 'table':
      return !isTemplateTable(node);
    case 'paragraph':
    case 'list':
    case 'blockquote':
    case 'heading':
      return collectTextBlocks([node], pm.text).some((block) => !isHint(block, italicIsHint));
    default:
      return true;
  }
}

/**
 * Returns whether the document is an unfilled template whose hints are set in italics: three or more
 * sections whose own text is all emphasis. A written postmortem rarely sets whole sections so.
 */
function italicTemplate(pm: Postmortem): boolean {
  let count = 0;
  for (const section of pm.sections) {
    const blocks = collectTextBlocks(ownNodes(pm, section), pm.text).filter((block) =>
      /\S/.test(block.text),
    );
    if (blocks.length > 0 && blocks.every((block) => block.emphasised)) count++;
  }
  return count >= 3;
}

/** Returns whether the heading itself carries the content, as in `## Impact: 1.2B queries lost`. */
function headingHasContent(section: Section): boolean {
  return /^[^:–—]{2,40}[:–—]\s*[\p{L}\p{N}]/u.test(section.title);
}

/**
 * Returns whether a heading written in HTML (`<h2>Impact</h2>`) has text after it before the next
 * section: its body sits in the same HTML block, so the body nodes cannot tell.
 */
function htmlBodyHasContent(pm: Postmortem, section: Section): boolean {
  const next = pm.sections.find((other) => other.heading.start >= section.heading.end);
  const end = Math.min(next?.heading.start ?? section.body.end, section.body.end);
  const raw = pm.text.slice(section.heading.end, end);
  const text = raw
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&[a-z]+;|:[a-z_]+:/gi, ' ');
  return /[\p{L}\p{N}]/u.test(text) || /<img\b/i.test(raw);
}

/** A section with nothing of its own to read: `hinted` when it contains only template hints. */
export interface EmptySection {
  section: Section;
  hinted: boolean;
}

/** Empty sections by model, since the placeholder rule reads them too. */
const emptySectionsByModel = new WeakMap<Postmortem, EmptySection[]>();

/** Finds the recognised sections that are empty or contain only template hints. */
export function findEmptySections(pm: Postmortem): EmptySection[] {
  let found = emptySectionsByModel.get(pm);
  if (!found) {
    found = collectEmptySections(pm);
    emptySectionsByModel.set(pm, found);
  }
  return found;
}

function collectEmptySections(pm: Postmortem): EmptySection[] {
  const found: EmptySection[] = [];
  const italicIsHint = italicTemplate(pm);
  for (const section of pm.sections) {
    // A heading that matches no canonical section may be a label with nothing under it on purpose.
    if (section.id === undefined) continue;
    if (hasSubsections(pm, section) || headingHasContent(section)) continue;
    if (pm.text.startsWith('<', section.heading.start)) {
      if (!htmlBodyHasContent(pm, section)) found.push({ section, hinted: false });
      continue;
    }
    const nodes = ownNodes(pm, section);
    if (nodes.some((node) => hasContent(node, pm, italicIsHint))) continue;
    const hinted = nodes.some(
      (node) => !['html', 'thematicBreak', 'definition'].includes(node.type),
    );
    found.push({ section, hinted });
  }
  return found;
}

function check(context: RuleContext): void {
  for (const { section, hinted } of findEmptySections(context.pm)) {
    reportEmpty(context, section, hinted);
  }
}

function reportEmpty(context: RuleContext, section: Section, hinted: boolean): void {
  if (section.id === undefined) return;
  context.report({
    message: hinted
      ? `Section \`${section.title}\` contains only template hints. ` +
        'Replace them with what happened in this incident or remove the section.'
      : `Section \`${section.title}\` is empty. Write it or remove the heading.`,
    span: section.heading,
    data: { sectionId: section.id },
  });
}

export const emptySection: Rule = {
  id: 'empty-section',
  description:
    'Reports a section with no content, or only comments, template hints or an empty table.',
  defaultSeverity: 'warning',
  check,
};
