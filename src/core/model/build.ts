import type { Root } from 'mdast';
import type { ResolvedConfig } from '../config/types';
import { computeLineStarts } from '../positions';
import type { MetadataField, Postmortem } from '../types';
import { extractActionItems } from './action-items';
import { readFrontmatter, type ParsedFrontmatter } from './frontmatter';
import { extractMetadata } from './metadata';
import { parseMarkdown } from './parse';
import { extractSections, sectionMatcher } from './sections';
import { extractTimeline } from './timeline';
import { splitLineSlices } from '../text-scan';

/**
 * Tells whether a `---` block that failed to parse as YAML is really a horizontal rule
 * followed by `**Label:** value` lines, which some writers put at the top of a document.
 */
function isSwallowedRule(frontmatter: ParsedFrontmatter): boolean {
  if (frontmatter.kind !== 'yaml' || frontmatter.errors.length === 0) return false;
  const labelled = splitLineSlices(frontmatter.content).filter((line) =>
    /^\s*(?:[-*+]\s+)?(?:\*\*|__)[^*_\n]+(?:\*\*|__)/.test(line.text),
  );
  return labelled.length >= 2;
}

/**
 * Builds the model of a postmortem (text without a BOM) that the rules read, from `tree` when
 * the caller has parsed the text already.
 */
export function buildPostmortem(
  text: string,
  config: ResolvedConfig,
  tree: Root = parseMarkdown(text),
): Postmortem {
  const lineStarts = computeLineStarts(text);
  const matcher = sectionMatcher(config.synonyms);
  const sections = extractSections(text, tree, matcher);

  let frontmatter = readFrontmatter(text, tree);
  let swallowed: ParsedFrontmatter | undefined;
  if (frontmatter && isSwallowedRule(frontmatter)) {
    swallowed = frontmatter;
    frontmatter = undefined;
  }

  // Metadata lines and tables are read only above the first section: the first recognised
  // section, or the second heading below the title (one sub-heading may still be a title).
  let subHeadings = 0;
  const firstSection = sections.find((section) => {
    if (section.id !== undefined) return true;
    if (section.kind === 'heading' && section.depth > 1) subHeadings++;
    return subHeadings > 1;
  });
  const firstSectionOffset = firstSection?.heading.start ?? text.length;
  const { fields, container } = extractMetadata(
    text,
    tree,
    frontmatter,
    firstSectionOffset,
    swallowed,
  );

  let title: MetadataField | undefined = fields.get('title');
  const titleHeading = sections.find(
    (section) => section.kind === 'heading' && section.depth === 1,
  );
  if (!title && titleHeading && titleHeading.title) {
    title = {
      key: 'title',
      rawKey: 'title',
      value: titleHeading.title,
      source: 'heading',
      span: titleHeading.heading,
      valueSpan: titleHeading.heading,
    };
    fields.set('title', title);
  }

  const timelineSection = sections.find((section) => section.id === 'timeline');
  const actionSection = sections.find((section) => section.id === 'action-items');
  const defaultDate = /^\d{4}-\d{2}-\d{2}/.exec(fields.get('date')?.value ?? '')?.[0];

  const postmortem: Postmortem = {
    text,
    tree,
    metadata: fields,
    sections,
    timeline: extractTimeline(text, tree, timelineSection, defaultDate),
    actionItems: extractActionItems(text, actionSection),
    lineStarts,
  };
  if (title) postmortem.title = title;
  if (frontmatter) {
    const { kind, span, contentStart, data, errors, duplicateKeys } = frontmatter;
    postmortem.frontmatter = { kind, span, contentStart, data, errors, duplicateKeys };
  }
  if (container) postmortem.metadataContainer = container;
  return postmortem;
}

/**
 * Tells whether a Markdown document is a postmortem: frontmatter `type: postmortem`, or at
 * least three distinct recognised section headings.
 */
export function looksLikePostmortem(postmortem: Postmortem): boolean {
  const type = postmortem.frontmatter?.data?.['type'];
  if (typeof type === 'string' && /^post-?mortem$/i.test(type.trim())) return true;
  const ids = new Set(postmortem.sections.map((section) => section.id).filter(Boolean));
  return ids.size >= 3;
}
