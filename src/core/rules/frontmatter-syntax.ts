import { unclosedTomlFrontmatter } from './anchor';
import type { Rule } from './types';

export const frontmatterSyntax: Rule = {
  id: 'frontmatter-syntax',
  description: 'Reports frontmatter that does not parse and keys written twice.',
  defaultSeverity: 'error',
  check({ pm, report }) {
    const frontmatter = pm.frontmatter;
    const unclosed = unclosedTomlFrontmatter(pm);
    if (unclosed) {
      report({
        message:
          'TOML frontmatter opened with `+++` is not closed. Add a `+++` line after its last field.',
        span: unclosed,
      });
    }
    if (!frontmatter) return;
    const language = frontmatter.kind === 'yaml' ? 'YAML' : 'TOML';
    const hint =
      frontmatter.kind === 'yaml'
        ? 'Quote values that contain `: ` or start with `@`, `*` or `[`.'
        : 'Quote string values, as in `status = "Final"`.';
    for (const error of frontmatter.errors) {
      if (error.notMap) {
        report({
          message:
            `Frontmatter is ${error.message}, not \`key: value\` fields. ` +
            'Write each field on its own line, as in `status: Final`.',
          span: error.span,
        });
        continue;
      }
      report({
        message: `Frontmatter is not valid ${language}: ${error.message.replace(/\.$/, '')}. ${hint}`,
        span: error.span,
      });
    }
    for (const duplicate of frontmatter.duplicateKeys) {
      report({
        message: `Frontmatter key \`${duplicate.key}\` is written twice. Keep one of them.`,
        span: duplicate.span,
        data: { key: duplicate.key },
      });
    }
  },
};
