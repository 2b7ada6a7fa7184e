import { addMetadataFix } from '../fixes';
import { metadataLabel } from '../model/metadata';
import { documentAnchor, unclosedTomlFrontmatter } from './anchor';
import type { Rule } from './types';

export const missingMetadata: Rule = {
  id: 'missing-metadata',
  description: 'Reports each required metadata field the postmortem lacks or leaves empty.',
  defaultSeverity: 'warning',
  check({ pm, config, report }) {
    // Frontmatter that failed to parse, or a TOML block never closed, presumably holds the
    // fields: frontmatter-syntax reports it, and no field is reported missing on top.
    if (pm.frontmatter && pm.frontmatter.errors.length > 0) return;
    if (unclosedTomlFrontmatter(pm)) return;
    const anchor = pm.metadataContainer ? { ...pm.metadataContainer.span } : documentAnchor(pm);
    const anchorLine = pm.text.slice(anchor.start).search(/\r?\n|$/);
    const span = { start: anchor.start, end: anchor.start + Math.max(0, anchorLine) };
    for (const key of config.requiredMetadata) {
      const field = pm.metadata.get(key);
      const label = metadataLabel(key);
      if (field && field.value.trim() !== '') continue;
      const fix = field ? undefined : addMetadataFix(pm, config, key);
      report({
        message: field
          ? `Metadata field \`${field.rawKey}\` is empty. Fill in the ${label.toLowerCase()}.`
          : `Metadata field \`${label}\` is missing. Add it to the ${where(pm.metadataContainer?.source)}.`,
        span: field ? field.span : span,
        fixes: fix ? [fix] : [],
        data: { key },
      });
    }
  },
};

function where(source: string | undefined): string {
  if (source === 'frontmatter') return 'frontmatter';
  if (source === 'table') return 'metadata table';
  if (source === 'lines') return 'metadata lines at the top';
  return 'top of the document, for example as YAML frontmatter';
}
