import assert from 'node:assert/strict';
import { lint, resolveConfig } from '../../../src/core';

const RULE = 'action-item-priority';

function check(body: string, priorities?: string[]) {
  const config = priorities ? { ...resolveConfig(), priorities } : resolveConfig();
  const text = `# Outage\n\n## Action Items\n\n${body}\n`;
  return { text, found: lint(text, { only: [RULE], config }).diagnostics };
}

describe(RULE, () => {
  it('accepts configured priorities', () => {
    assert.deepEqual(check('- [P1] a (owner: @x)\n- b [P2] (owner: @y)').found, []);
  });

  it('reports a priority that is not configured', () => {
    const { text, found } = check('- a (owner: @x, priority: urgent)');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'info');
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'urgent');
  });

  it('follows the configured list', () => {
    assert.deepEqual(check('- a (priority: High)', ['High', 'Low']).found, []);
    assert.equal(check('- a [P1]', ['High', 'Low']).found.length, 1);
  });

  it('reports an empty priority cell', () => {
    const { found } = check('| Action | Priority |\n|---|---|\n| a | P1 |\n| b |  |');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.data?.['problem'], 'missing');
  });

  it('ignores documents that do not use priorities', () => {
    assert.deepEqual(check('- a (owner: @x)\n- b (owner: @y)').found, []);
  });
});
