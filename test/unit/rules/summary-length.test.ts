import assert from 'node:assert/strict';
import { lint, resolveConfig } from '../../../src/core';

const RULE = 'summary-length';

function summary(body: string, heading = 'Executive Summary') {
  const text = `# Outage\n\n## ${heading}\n\n${body}\n\n## Impact\n\nOne. Two. Three. Four. Five.\n`;
  return { text, found: lint(text, { only: [RULE] }).diagnostics };
}

describe(RULE, () => {
  const counts: Array<[string, string]> = [
    ['One sentence only.', '1'],
    ['Traffic rose, e.g. from the U.S. East region. Errors hit 99.9% of calls. It ended.', '3'],
    ['We shipped v1.2.3 at 1:06 p.m. and rolled back at 1:40 p.m. on Monday. Done.', '2'],
    ['See https://example.com/a.b.c for details. Retries, timeouts, etc. all failed.', '2'],
    ['Mr. Smith and Dr. Jones reviewed it vs. the plan, i.e. the runbook.', '1'],
    ['What failed? The cache! Why? A bad key.', '4'],
    ['- first item\n- second item\n- third item\n- fourth item', '4'],
    ['Two sentences here. And one more.\n\n- item one\n- item two', '4'],
    ['Version `v2.0` shipped. The `cache.flush()` call ran. Errors rose. Then fell.', '4'],
  ];
  for (const [body, expected] of counts) {
    it(`counts ${expected} in "${body.slice(0, 36).replace(/\n/g, ' ')}"`, () => {
      const config = { ...resolveConfig(), summaryMaxSentences: 1 };
      const text = `# Outage\n\n## Summary\n\n${body}\n`;
      const found = lint(text, { only: [RULE], config }).diagnostics;
      if (expected === '1') assert.equal(found.length, 0);
      else assert.equal(found[0]?.data?.['sentences'], expected);
    });
  }

  it('accepts three sentences by default', () => {
    assert.equal(summary('One happened. Two followed. Three ended it.').found.length, 0);
  });

  it('reports the first sentence over the limit', () => {
    const { text, found } = summary('One happened. Two followed. Three ended it. Four is extra.');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'Four is extra.');
    assert.equal(
      found[0]?.message,
      'Executive summary has `4` sentences. Keep it to 3 sentences and move the detail to the sections below.',
    );
  });

  it('reads the configured limit', () => {
    const config = { ...resolveConfig(), summaryMaxSentences: 5 };
    const text = '# O\n\n## Summary\n\nA. B is b. C is c. D is d. E is e.\n';
    assert.equal(lint(text, { only: [RULE], config }).diagnostics.length, 0);
  });

  it('ignores other sections and sub-sections', () => {
    const body = 'One. Two.\n\n### Detail\n\nThree. Four. Five. Six.';
    assert.equal(summary(body).found.length, 0);
  });

  it('recognises a synonym heading', () => {
    assert.equal(summary('A is a. B is b. C is c. D is d.', 'TL;DR').found.length, 1);
  });
});
