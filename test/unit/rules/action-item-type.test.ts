import assert from 'node:assert/strict';
import { lint, resolveConfig } from '../../../src/core';

const RULE = 'action-item-type';

function check(body: string, actionTypes?: string[]) {
  const config = actionTypes ? { ...resolveConfig(), actionTypes } : resolveConfig();
  const text = `# Outage\n\n## Action Items\n\n${body}\n`;
  return { text, found: lint(text, { only: [RULE], config }).diagnostics };
}

describe(RULE, () => {
  it('accepts configured types in any case', () => {
    const { found } = check('| Action | Type |\n|---|---|\n| a | detect |\n| b | PREVENT |');
    assert.deepEqual(found, []);
  });

  it('reports a type that is not configured', () => {
    const { text, found } = check('| Action | Type |\n|---|---|\n| a | document |');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'info');
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'document');
    assert.match(found[0]?.message ?? '', /^Action item type `document` is not one of `Detect`, /);
  });

  it('follows the configured list', () => {
    assert.deepEqual(
      check('| Action | Type |\n|---|---|\n| a | document |', ['Document']).found,
      [],
    );
  });

  it('reports an empty type cell', () => {
    const { found } = check('| Action | Type |\n|---|---|\n| a | detect |\n| b | |');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.data?.['problem'], 'missing');
    assert.equal(found[0]?.line, 8);
  });

  it('reports a missing type when other items state theirs', () => {
    const { found } = check('- a (owner: @x, type: detect)\n- b (owner: @y)');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.line, 6);
  });

  it('ignores documents that do not use types', () => {
    assert.deepEqual(check('- a (owner: @x)\n- b (owner: @y)').found, []);
  });

  it('ignores done items without a type', () => {
    assert.deepEqual(
      check('| Action | Type |\n|---|---|\n| a | detect |\n| b [done] | |').found,
      [],
    );
  });
});
