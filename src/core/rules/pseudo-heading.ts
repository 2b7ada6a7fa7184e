import type { Fix, Section } from '../types';
import type { Rule } from './types';

function headingText(section: Section): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, section.depth)))} ${section.title.replace(/:\s*$/, '')}`;
}

export const pseudoHeading: Rule = {
  id: 'pseudo-heading',
  description: 'Reports section names written as bold text or list items instead of headings.',
  defaultSeverity: 'info',
  check({ pm, report }) {
    const pseudo = pm.sections.filter((section) => section.kind === 'pseudo' && section.id);
    const first = pseudo[0];
    if (!first) return;
    // One report per document: a heading-less postmortem would otherwise get one per section.
    const fix: Fix = {
      title:
        pseudo.length === 1
          ? `Make \`${first.title}\` a heading`
          : `Make ${pseudo.length} section names headings`,
      edits: pseudo.map((section) => ({
        start: section.heading.start,
        end: section.heading.end,
        newText: headingText(section),
      })),
      safe: true,
    };
    const names = pseudo.map((section) => `\`${section.title}\``);
    const listed =
      names.length > 3
        ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
        : names.join(', ');
    report({
      message:
        pseudo.length === 1
          ? `Section name ${listed} is not a heading. Make it a \`${headingText(first)}\` heading so outlines and links find it.`
          : `Section names ${listed} are not headings. Make them Markdown headings so outlines and links find them.`,
      span: first.heading,
      fixes: [fix],
      data: { count: String(pseudo.length) },
    });
  },
};
