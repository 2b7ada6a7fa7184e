import type { ResolvedConfig } from './config/types';
import { SECTION_DEFINITIONS } from './model/section-definitions';

export interface TemplateOptions {
  title: string;
  /** ISO date (YYYY-MM-DD) of the incident. */
  date: string;
  /** Placement of the metadata: YAML frontmatter or a table under the title. */
  style: 'frontmatter' | 'table';
  config: ResolvedConfig;
  authors?: string;
}

/** Quotes a YAML scalar when it could be read as something other than a plain string. */
function yamlString(value: string): string {
  return /^[\w .,()/-]*$/.test(value) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/: /.test(value)
    ? value
    : JSON.stringify(value);
}

/** Renders a new postmortem with the profile's required sections and their hint text. */
export function renderTemplate(options: TemplateOptions): string {
  const { title, date, style, config } = options;
  const authors = options.authors ?? '';
  const status = config.statuses[0] ?? 'Draft';
  const severity = config.severities[config.severities.length - 1] ?? 'SEV3';
  const required = new Set(config.requiredSections);
  const sections = SECTION_DEFINITIONS.filter((definition) => required.has(definition.id));
  const lines: string[] = [];

  if (style === 'frontmatter') {
    lines.push(
      '---',
      'type: postmortem',
      `title: ${yamlString(title)}`,
      `date: ${date}`,
      `authors: ${authors ? yamlString(authors) : '[]'}`,
      `status: ${yamlString(status)}`,
      `severity: ${severity}`,
      'duration: ',
      '---',
      '',
      `# ${title}`,
      '',
    );
  } else {
    lines.push(
      `# ${title}`,
      '',
      '| Field | Value |',
      '|---|---|',
      `| Date | ${date} |`,
      `| Authors | ${authors} |`,
      `| Status | ${status} |`,
      `| Severity | ${severity} |`,
      '| Duration | |',
      '',
    );
  }
  for (const section of sections) lines.push(`## ${section.title}`, '', section.template, '');
  return lines.join('\n');
}

/** Turns a title into a file name part: lower-case words, in any script, joined by hyphens. */
export function slugify(title: string): string {
  // Accents come off Latin letters (`é` to `e`); other scripts keep theirs (`й` stays `й`).
  const slug = title
    .replace(/[\u00c0-\u024f]/g, (letter) =>
      letter.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''),
    )
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    // The replacement above leaves no two hyphens in a row.
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
  return slug || 'postmortem';
}
