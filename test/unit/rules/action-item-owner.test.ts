import assert from 'node:assert/strict';
import { lint, type Fix } from '../../../src/core';

const RULE = 'action-item-owner';

function check(body: string) {
  const text = `# Outage\n\n## Action Items\n\n${body}\n`;
  return { text, found: lint(text, { only: [RULE] }).diagnostics };
}

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'no fix');
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

describe(RULE, () => {
  it('accepts owned and done items', () => {
    const { found } = check(
      '- [ ] Alert on expiry (owner: @alice)\n- [x] Roll back\n- Pin digests [AD]\n- Fix the cache @sam',
    );
    assert.deepEqual(found, []);
  });

  it('reports an open list item without an owner', () => {
    const { text, found } = check('- [ ] Alert on TLS handshake timeouts');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'Alert on TLS handshake timeouts');
    assert.equal(
      found[0]?.message,
      'Action item `Alert on TLS handshake timeouts` has no owner. Name the person or team who will see it through.',
    );
    assert.deepEqual(found[0]?.data, { kind: 'list-item' });
  });

  it('appends an owner snippet to a list item', () => {
    const { text, found } = check(
      '- Add a probe\n  that checks IPv6\n- Fix the cache (owner: @sam)',
    );
    const fix = found[0]?.fixes[0];
    assert.equal(fix?.snippet, true);
    assert.equal(
      apply(text, fix),
      '# Outage\n\n## Action Items\n\n- Add a probe\n  that checks IPv6 (owner: ${1:owner})\n- Fix the cache (owner: @sam)\n',
    );
  });

  it('replaces a placeholder owner in a list item', () => {
    const { text, found } = check('- Decide on retries (owner: TBD)');
    assert.equal(
      apply(text, found[0]?.fixes[0]),
      '# Outage\n\n## Action Items\n\n- Decide on retries (owner: ${1:owner})\n',
    );
  });

  it('fills the empty owner cell of a table row', () => {
    const { text, found } = check(
      '| Action | Owner |\n|---|---|\n| Alert on timeouts | @priya |\n| Pin the digest |  |',
    );
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.data, { kind: 'table-row' });
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'Pin the digest');
    assert.match(apply(text, found[0]?.fixes[0]), /\| Pin the digest \| \$\{1:owner\} \|\n$/);
  });

  it('replaces a bracketed placeholder owner cell', () => {
    const { text, found } = check(
      '| Action | Owner |\n|---|---|\n| Enable branch protection | [project lead] |',
    );
    assert.match(
      apply(text, found[0]?.fixes[0]),
      /\| Enable branch protection \| \$\{1:owner\} \|\n$/,
    );
  });

  it('adds an owner column when the table has none', () => {
    const { text, found } = check(
      '| Action | Status |\n| --- | --- |\n| Update the release tool | DONE |\n| Fix the recipe | open |\n| Short row',
    );
    assert.equal(found.length, 2);
    assert.equal(
      apply(text, found[0]?.fixes[0]),
      '# Outage\n\n## Action Items\n\n' +
        '| Action | Status | Owner |\n| --- | --- | --- |\n| Update the release tool | DONE |  |\n' +
        '| Fix the recipe | open | ${1:owner} |\n| Short row |  |  |\n',
    );
  });

  it('fills missing cells of a short row', () => {
    const { text, found } = check('|Action|Type|Owner|\n|---|---|---|\n|Plug the leak|prevent');
    assert.match(
      apply(text, found[0]?.fixes[0]),
      /\|Plug the leak\|prevent \| \$\{1:owner\} \|\n$/,
    );
  });

  it('skips items that only reference an issue', () => {
    assert.deepEqual(check('- #2127\n- #2213').found, []);
  });

  it('works with CRLF line endings', () => {
    const text = '## Action Items\r\n\r\n| Action | Owner |\r\n|---|---|\r\n| Pin it |  |\r\n';
    const found = lint(text, { only: [RULE] }).diagnostics;
    assert.equal(found[0]?.line, 5);
    assert.equal(apply(text, found[0]?.fixes[0]).split('\r\n')[4], '| Pin it | ${1:owner} |');
  });
});
