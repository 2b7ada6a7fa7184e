import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, SECTION_DEFINITIONS } from '../../src/core';

interface Snippet {
  prefix: string | string[];
  body: string[];
}

const snippets = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'snippets', 'postmortem.json'), 'utf8'),
) as Record<string, Snippet>;

/** Expands a snippet as an editor would with every default accepted. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$CURRENT_YEAR/g, '2024')
    .replace(/\$CURRENT_MONTH/g, '05')
    .replace(/\$CURRENT_DATE/g, '14')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

function byPrefix(prefix: string): Snippet {
  const found = Object.values(snippets).find((snippet) =>
    ([] as string[]).concat(snippet.prefix).includes(prefix),
  );
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

describe('snippets', () => {
  for (const prefix of ['pm-template', 'pm-template-table', 'pm-frontmatter']) {
    it(`${prefix} has valid frontmatter`, () => {
      const text = expand(byPrefix(prefix).body);
      const syntax = lint(text, { only: ['frontmatter-syntax'] }).diagnostics;
      assert.deepEqual(
        syntax.map((d) => d.message),
        [],
      );
    });
  }

  it('template hints match the section definitions', () => {
    const body = byPrefix('pm-template').body.join('\n');
    for (const definition of SECTION_DEFINITIONS) {
      if (!body.includes(`## ${definition.title}\n`)) continue;
      if (definition.template.includes('|')) continue;
      assert.ok(body.includes(definition.template), `${definition.title} hint differs`);
    }
  });

  it('unfilled template reports every hint section', () => {
    const text = expand(byPrefix('pm-template').body);
    const result = lint(text);
    const empty = new Set(
      result.diagnostics
        .filter((d) => d.ruleId === 'empty-section')
        .map((d) => d.data?.['sectionId']),
    );
    for (const section of result.postmortem.sections) {
      if (!section.id || section.id === 'timeline' || section.id === 'action-items') continue;
      assert.ok(empty.has(section.id), `${section.id} is not reported as unfilled`);
    }
  });
});
