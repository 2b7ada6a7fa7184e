import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, RULE_IDS, RULES } from '../../src/core';

const docsDirectory = path.join(__dirname, '..', '..', 'docs', 'rules');

interface Example {
  kind: 'ok' | 'not-ok';
  text: string;
  line: number;
}

/** Reads the fenced `markdown ok` and `markdown not-ok` examples of a rule page. */
function readExamples(page: string): Example[] {
  const examples: Example[] = [];
  const pattern = /^(`{3,}|~{3,})markdown (ok|not-ok)[ \t]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (const match of page.matchAll(pattern)) {
    const line = page.slice(0, match.index).split('\n').length;
    examples.push({ kind: match[2] as Example['kind'], text: match[3] ?? '', line });
  }
  return examples;
}

describe('rule documentation', () => {
  it('has a page for every rule', () => {
    const pages = readdirSync(docsDirectory).filter((name) => name.endsWith('.md'));
    assert.deepEqual(pages.map((name) => name.replace(/\.md$/, '')).sort(), [...RULE_IDS].sort());
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const file = path.join(docsDirectory, `${rule.id}.md`);
      const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('page names the rule and its default severity', () => {
        assert.match(page, new RegExp(`^# ${rule.id}$`, 'm'));
        assert.match(page, new RegExp(`Default severity: ${rule.defaultSeverity}\\.`));
      });

      it('page has ok and not-ok examples', () => {
        const kinds = new Set(readExamples(page).map((example) => example.kind));
        assert.ok(kinds.has('ok'), 'no `markdown ok` example');
        assert.ok(kinds.has('not-ok'), 'no `markdown not-ok` example');
      });

      for (const example of readExamples(page)) {
        it(`${example.kind} example at line ${example.line}`, () => {
          const found = lint(example.text, { only: [rule.id] }).diagnostics;
          const summary = found.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n');
          if (example.kind === 'ok') assert.equal(found.length, 0, summary);
          else assert.ok(found.length > 0, 'the rule reported nothing');
        });
      }
    });
  }
});
