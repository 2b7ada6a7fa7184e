import type { Html } from 'mdast';
import { SECTION_DEFINITIONS } from '../model/section-definitions';
import type { Postmortem, Span } from '../types';
import { blockSpan, collectTextBlocks, nodesOfType, quoteSpan, type TextBlock } from './text-utils';
import { findEmptySections } from './empty-section';
import type { Rule, RuleContext } from './types';

/** A template leftover found in a piece of text, as offsets into that text. */
interface Match {
  from: number;
  to: number;
  kind: 'token' | 'time' | 'hint';
}

const TOKEN = /(?<![\p{L}\p{N}_-])(?:TBD|tbd|TBC|tbc|TODO|FIXME|XXX)(?![\p{L}\p{N}_])/gu;

const TIME = /(?<![\p{L}\p{N}])(?:HH|hh|XX):(?:mm|MM|XX)(?::(?:ss|SS))?(?![\p{L}\p{N}])/gu;

const DATE =
  /(?<![\p{L}\p{N}])(?:YYYY[-/.]MM[-/.]DD|yyyy[-/.]mm[-/.]dd|(?:DD|MM)[-/.](?:MM|DD)[-/.]YYYY|(?:dd|mm)[-/.](?:mm|dd)[-/.]yyyy)(?![\p{L}\p{N}])/gu;

/** `[Insert the date]`, `[Describe the impact]`: a bracketed instruction to the writer. */
const BRACKET_PROMPT =
  /\[\s*(?:insert|describe|add|enter|fill in|provide|explain|summari[sz]e|specify|replace|include|link to|your)\b[^\]\n]*\]/giu;

/** `<service name>`, `<team>`: angle brackets around words, when not an HTML tag. */
const ANGLE = /(?<![\p{L}\p{N}_{<])<([\p{L}][^<>\n]{0,60}?)>/gu;

const PROMPT_WORD =
  /^(?:insert|describe|add|enter|fill|provide|explain|summari[sz]e|specify|replace|link|name|your|list|date|time)\b/i;

/** HTML elements, so that `<br>`, `<details>` and `<sup>` are not taken for placeholders. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas ' +
    'caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em ' +
    'embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr ' +
    'html i iframe img input ins kbd label legend li link main map mark menu meta meter nav ' +
    'noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp ' +
    'script search section select slot small source span strike strong style sub summary sup ' +
    'svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video ' +
    'wbr'
  ).split(' '),
);

/** Hint sentences that the section templates insert, matched across line breaks. */
const TEMPLATE_SENTENCES: readonly RegExp[] = SECTION_DEFINITIONS.map(
  (definition) => definition.template,
)
  .filter((template) => !template.includes('|') && !template.startsWith('-'))
  .map((template) => {
    const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    return new RegExp(escaped, 'g');
  });

/** Template text that fills a whole table cell or list item rather than a sentence. */
const TEMPLATE_CELLS: ReadonlySet<string> = new Set(['What happened', 'What will be done']);
const TEMPLATE_ITEMS: ReadonlySet<string> = new Set(['Term: definition.']);

/** Returns whether the angle-bracketed words read as a placeholder rather than a marker or a tag. */
function isAnglePlaceholder(inner: string): boolean {
  const words = inner.trim().split(/\s+/);
  const name = words[0] ?? '';
  if (words.length === 1 && HTML_ELEMENTS.has(name.toLowerCase())) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(inner) || inner.includes('@')) return false;
  if (/[=/"']/.test(inner)) return false;
  // Markers such as `<START OF OUTAGE>` label a moment in the text on purpose.
  const upper = inner === inner.toUpperCase() && /\p{Lu}/u.test(inner);
  if (upper && words.length > 1 && !PROMPT_WORD.test(inner)) return false;
  return true;
}

/** Finds template leftovers in one piece of text. */
function findInText(text: string): Match[] {
  const matches: Match[] = [];
  const add = (
    pattern: RegExp,
    kind: Match['kind'],
    accept?: (match: RegExpExecArray) => boolean,
  ) => {
    for (const match of text.matchAll(pattern)) {
      if (accept && !accept(match)) continue;
      matches.push({ from: match.index, to: match.index + match[0].length, kind });
    }
  };
  add(ANGLE, 'token', (match) => isAnglePlaceholder(match[1] ?? ''));
  add(BRACKET_PROMPT, 'token');
  add(TOKEN, 'token');
  add(TIME, 'time');
  add(DATE, 'time');
  for (const sentence of TEMPLATE_SENTENCES) add(sentence, 'hint');
  return withoutOverlaps(matches);
}

/** Keeps the first of overlapping matches, so that `<YYYY-MM-DD>` is reported once. */
function withoutOverlaps(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: Match[] = [];
  for (const match of sorted) {
    const previous = kept.at(-1);
    if (previous && match.from < previous.to) continue;
    kept.push(match);
  }
  return kept;
}

function isFinal(pm: Postmortem): boolean {
  return /^\s*final\b/i.test(pm.metadata.get('status')?.value ?? '');
}

function messageFor(value: string, kind: Match['kind']): string {
  const quoted = value.length > 48 ? `${value.slice(0, 45).trimEnd()}…` : value;
  if (kind === 'hint') {
    return `Template hint \`${quoted}\` is still in the text. Replace it with what happened in this incident.`;
  }
  return `Placeholder \`${quoted}\` is still in the text. Replace it with the real value or remove it.`;
}

/** Spans of the timeline section, whose time placeholders the timeline rules report. */
function timelineSpans(pm: Postmortem): Span[] {
  return pm.sections.filter((section) => section.id === 'timeline').map((section) => section.body);
}

/** Spans of sections titled as a template or an example, whose placeholders are deliberate. */
function templateSpans(pm: Postmortem): Span[] {
  return pm.sections
    .filter((section) => /\b(?:template|example format)\b/i.test(section.title))
    .map((section) => ({ start: section.heading.start, end: section.body.end }));
}

/** Spans of the action items, where `TODO` and `DONE` are statuses rather than leftovers. */
function actionItemSpans(pm: Postmortem): Span[] {
  return pm.sections
    .filter((section) => section.id === 'action-items')
    .map((section) => section.body);
}

function within(spans: readonly Span[], offset: number): boolean {
  return spans.some((span) => offset >= span.start && offset < span.end);
}

/** Finds the whole-block template text of tables and glossary lists. */
function findWholeBlock(block: TextBlock): Match | undefined {
  const trimmed = block.text.trim();
  const from = block.text.indexOf(trimmed);
  if (block.kind === 'table-cell' && TEMPLATE_CELLS.has(trimmed)) {
    return { from, to: from + trimmed.length, kind: 'hint' };
  }
  if (block.inList && TEMPLATE_ITEMS.has(trimmed)) {
    return { from, to: from + trimmed.length, kind: 'hint' };
  }
  return undefined;
}

/** Returns the offsets of an HTML node that is one unknown tag, such as `<service name>`. */
function htmlPlaceholder(node: Html, source: string): Span | undefined {
  const start = node.position?.start.offset;
  if (start === undefined) return undefined;
  const match = /^<([\p{L}][^<>\n]{0,60})>$/u.exec(node.value.trim());
  if (!match || !isAnglePlaceholder(match[1] ?? '')) return undefined;
  // `Map<K>` in prose is a generic type, not a placeholder.
  if (/[\p{L}\p{N}_]/u.test(source.charAt(start - 1))) return undefined;
  const at = start + node.value.indexOf('<');
  return { start: at, end: at + match[0].length };
}

function check(context: RuleContext): void {
  const { pm } = context;
  const severity = isFinal(pm) ? 'error' : undefined;
  const timeline = timelineSpans(pm);
  const templates = templateSpans(pm);
  const actions = actionItemSpans(pm);
  // A section that contains only hints is reported once, by empty-section, unless that is off.
  const hintOnly =
    context.config.rules['empty-section'] === 'off'
      ? []
      : findEmptySections(pm)
          .filter((empty) => empty.hinted)
          .map((empty) => empty.section.body);
  const reported = new Set<number>();
  const report = (found: Span, kind: Match['kind']): void => {
    let span = found;
    if (reported.has(span.start) || within(templates, span.start)) return;
    // An escaped `\<name>` is reported from its backslash.
    if (pm.text.charAt(span.start) === '<' && pm.text.charAt(span.start - 1) === '\\') {
      span = { start: span.start - 1, end: span.end };
    }
    if (kind === 'time' && within(timeline, span.start)) return;
    if (kind === 'hint' && within(hintOnly, span.start)) return;
    if (within(actions, span.start) && /^todo$/i.test(pm.text.slice(span.start, span.end))) return;
    reported.add(span.start);
    const message = messageFor(quoteSpan(pm, span), kind);
    context.report(severity ? { message, span, severity } : { message, span });
  };

  for (const block of collectTextBlocks(pm.tree.children, pm.text)) {
    const matches = [...context.memo.get('placeholder', block.text, findInText)];
    const whole = findWholeBlock(block);
    if (whole && matches.length === 0) matches.push(whole);
    for (const match of matches) report(blockSpan(block, match.from, match.to), match.kind);
  }

  for (const node of nodesOfType(pm, 'html')) {
    const span = htmlPlaceholder(node, pm.text);
    if (span) report(span, 'token');
  }

  for (const field of pm.metadata.values()) {
    if (field.source !== 'frontmatter') continue;
    const raw = pm.text.slice(field.valueSpan.start, field.valueSpan.end);
    const base = raw.includes(field.value) ? field.valueSpan.start + raw.indexOf(field.value) : -1;
    for (const match of findInText(field.value)) {
      const span = base >= 0 ? { start: base + match.from, end: base + match.to } : field.valueSpan;
      report(span, match.kind);
    }
  }
}

export const placeholder: Rule = {
  id: 'placeholder',
  description:
    'Reports template text left in the postmortem: TBD, <placeholders>, HH:mm and hints.',
  defaultSeverity: 'warning',
  check,
};
