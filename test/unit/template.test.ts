import assert from 'node:assert/strict';
import { lint, renderTemplate, resolveConfig, slugify } from '../../src/core';

describe('template', () => {
  it('slug keeps words in any script', () => {
    assert.equal(slugify('Checkout API: 502s for EU!'), 'checkout-api-502s-for-eu');
    assert.equal(slugify('Сбой оплаты'), 'сбой-оплаты');
    assert.equal(slugify('---'), 'postmortem');
  });

  for (const style of ['frontmatter', 'table'] as const) {
    it(`${style} template has every section and field`, () => {
      const config = resolveConfig();
      const text = renderTemplate({ title: 'Outage: "quoted"', date: '2024-05-14', style, config });
      const found = lint(text, { config }).diagnostics.map((d) => d.ruleId);
      assert.ok(!found.includes('missing-section'), found.join(', '));
      assert.ok(!found.includes('frontmatter-syntax'), found.join(', '));
      assert.ok(!found.includes('invalid-metadata'), found.join(', '));
    });
  }
});
