import { insertMissingSectionsFix, insertSectionFix } from '../fixes';
import { getDefinition } from '../model/sections';
import type { Fix } from '../types';
import { documentAnchor } from './anchor';
import type { Rule } from './types';

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'Reports each section the profile requires that the postmortem lacks.',
  defaultSeverity: 'warning',
  check({ pm, config, report }) {
    const present = new Set(pm.sections.map((section) => section.id));
    const missing = config.requiredSections.filter((id) => !present.has(id));
    if (missing.length === 0) return;
    const anchor = documentAnchor(pm);
    const insertAll = missing.length > 1 ? insertMissingSectionsFix(pm, config) : undefined;
    for (const id of missing) {
      const title = getDefinition(id)?.title ?? id;
      const fixes: Fix[] = [];
      const single = insertSectionFix(pm, config, id);
      if (single) fixes.push(single);
      if (insertAll) fixes.push(insertAll);
      report({
        message: `Section \`${title}\` is missing. Add a \`## ${title}\` heading with its content.`,
        span: anchor,
        fixes,
        data: { section: id, title },
      });
    }
  },
};
