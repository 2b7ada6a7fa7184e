import type { Span } from '../types';
import { blockSpan, sectionTextBlocks, sectionsWithId, splitSentences } from './text-utils';
import type { Rule, RuleContext } from './types';

/** Returns the span of every sentence of a section, counting each list item as one at least. */
function sentenceSpans(context: RuleContext, sectionIndex: number): Span[] {
  const { pm } = context;
  const section = sectionsWithId(pm, 'executive-summary')[sectionIndex];
  if (!section) return [];
  const spans: Span[] = [];
  for (const block of sectionTextBlocks(pm, section)) {
    // A table of facts is not prose: its cells are not sentences.
    if (block.kind === 'table-cell') continue;
    const sentences = splitSentences(block.text);
    for (const sentence of sentences) spans.push(blockSpan(block, sentence.from, sentence.to));
    // A list item holding only code or a link still counts as one sentence.
    if (sentences.length === 0 && block.inList && block.text.trim() !== '') {
      spans.push(blockSpan(block, 0, block.text.length));
    }
  }
  return spans;
}

function check(context: RuleContext): void {
  const { pm, config } = context;
  const limit = config.summaryMaxSentences;
  if (!Number.isFinite(limit) || limit < 1) return;
  const sections = sectionsWithId(pm, 'executive-summary');
  sections.forEach((section, index) => {
    const spans = sentenceSpans(context, index);
    if (spans.length <= limit) return;
    const first = spans[limit] ?? section.heading;
    const plural = limit === 1 ? 'sentence' : 'sentences';
    context.report({
      message:
        `Executive summary has \`${spans.length}\` sentences. ` +
        `Keep it to ${limit} ${plural} and move the detail to the sections below.`,
      span: first,
      data: { sentences: String(spans.length), limit: String(limit) },
    });
  });
}

export const summaryLength: Rule = {
  id: 'summary-length',
  description: 'Reports an executive summary longer than the configured number of sentences.',
  defaultSeverity: 'warning',
  check,
};
