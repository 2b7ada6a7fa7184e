import assert from 'node:assert/strict';
import { lint } from '../../../src/core';

const RULE = 'timeline-time';

function check(timeline: string) {
  const text = `## Timeline\n\n${timeline}\n`;
  return { text, found: lint(text, { only: [RULE] }).diagnostics };
}

describe(RULE, () => {
  it('accepts readable times and placeholders', () => {
    const { found } = check(
      '- 10:00 - a\n- HH:MM - b\n- 14:?? - c\n- ~10:20 - d\n- 2024-02-29 10:30 - e',
    );
    assert.deepEqual(found, []);
  });

  it('reports a time that cannot be read', () => {
    const { text, found } = check('- 09:75 - alert fires');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), '09:75');
    assert.equal(found[0]?.data?.['problem'], 'unreadable');
    assert.match(found[0]?.message ?? '', /^Timeline time `09:75` is not a valid time of day\./);
  });

  it('reports a five-digit year', () => {
    const { found } = check(
      '| Time | Event |\n|---|---|\n| 20202-01-16 12:00 | a |\n| 20202-01-17 12:00 | b |',
    );
    assert.equal(found.length, 2);
    assert.equal(found[0]?.data?.['problem'], 'implausible');
    assert.match(found[0]?.message ?? '', /the year `20202` has 5 digits/);
  });

  it('reports day 32 and February 30', () => {
    const { found } = check('- 2024-01-32 10:00 - a\n- 2024-02-30 10:00 - b');
    assert.deepEqual(
      found.map((d) => d.data?.['problem']),
      ['implausible', 'implausible'],
    );
  });

  it('reports an impossible date heading', () => {
    const { found } = check('### 2024-13-01\n\n- 10:00 - a');
    assert.equal(found.length, 1);
  });
});
