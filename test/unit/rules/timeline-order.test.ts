import assert from 'node:assert/strict';
import { lint } from '../../../src/core';

const RULE = 'timeline-order';

function check(timeline: string) {
  const text = `# Outage\n\n## Timeline\n\n${timeline}\n\n## Action Items\n\n- none\n`;
  return { text, found: lint(text, { only: [RULE] }).diagnostics };
}

describe(RULE, () => {
  it('accepts entries in order', () => {
    assert.deepEqual(check('- 09:00 - a\n- 09:05 - b\n- 09:05 - c').found, []);
  });

  it('reports the later-listed entry on its time', () => {
    const { text, found } = check('- 10:00 - a\n- 09:40 - b\n- 10:30 - c');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), '09:40');
    assert.equal(
      found[0]?.message,
      'Timeline entry at `09:40` is earlier than the entry before it (`10:00`). Move it or correct the time.',
    );
    assert.equal(found[0]?.severity, 'warning');
    assert.deepEqual(found[0]?.data, { time: '09:40', previous: '10:00' });
  });

  it('reports a morning step back without AM/PM', () => {
    const { text, found } = check('- 9:05 - a\n- 9:40 - b\n- 10:15 - c\n- 9:55 - d\n- 10:30 - e');
    assert.deepEqual(
      found.map((d) => text.slice(d.start, d.end)),
      ['9:55'],
    );
  });

  it('reads hours after noon as PM', () => {
    assert.deepEqual(check('- 11:40 - a\n- 12:10 - b\n- 1:05 - c\n- 2:30 - d').found, []);
  });

  it('accepts a midnight rollover without dates', () => {
    assert.deepEqual(check('- 23:31 - a\n- 23:58 - b\n- 00:06 - c\n- 00:40 - d').found, []);
  });

  it('compares dates and times together', () => {
    const { found } = check(
      '| Time | Event |\n|---|---|\n| 2024-03-13 23:42 | a |\n| 2024-03-14 00:22 | b |\n| 2024-03-13 23:58 | c |',
    );
    assert.deepEqual(
      found.map((d) => d.line),
      [9],
    );
  });

  it('compares timezones in UTC', () => {
    const { found } = check('- 21:55 UTC - a\n- 15:05 PDT - b\n- 22:09 UTC - c');
    assert.deepEqual(found, []);
  });

  it('skips placeholders and unreadable times', () => {
    const { found } = check('- 10:00 - a\n- HH:MM - b\n- 14:?? - c\n- 25:00 - d\n- 10:05 - e');
    assert.deepEqual(found, []);
  });

  it('dates entries by the date headings above them', () => {
    const { found } = check('### 2023-08-25\n\n- 23:54 - a\n\n### 2023-08-26\n\n- 04:24 - b');
    assert.deepEqual(found, []);
  });

  it('checks each sub-section on its own', () => {
    const { found } = check('- 17:00 - a\n- 18:11 - b\n\n### Follow-up timeline\n\n- 08:16 - c');
    assert.deepEqual(found, []);
  });

  it('reads 12-hour times', () => {
    assert.deepEqual(check('### 11:50 AM\n\na\n\n### 12:10 PM\n\nb\n\n### 1:05 PM\n\nc').found, []);
    assert.equal(check('### 5:00 PM\n\na\n\n### 4:30 PM\n\nb').found.length, 1);
  });

  it('allows approximate times a few minutes early', () => {
    assert.deepEqual(check('- 16:47 - a\n- ~16:46 - b').found, []);
    assert.equal(check('- 16:47 - a\n- ~16:30 - b').found.length, 1);
  });

  it('leaves a newest-first timeline unchecked', () => {
    assert.deepEqual(
      check('- 12:00 - resolved\n- 11:00 - fix deployed\n- 10:00 - alert').found,
      [],
    );
  });

  it('attaches a sort fix that is not safe', () => {
    const { found } = check('- 10:00 - a\n- 09:40 - b');
    const fix = found[0]?.fixes[0];
    assert.ok(fix);
    assert.equal(fix.safe, false);
    assert.equal(fix.edits.length, 1);
  });

  it('reports nothing without a timeline section', () => {
    const text = '# Outage\n\n## Impact\n\n- 10:00 - a\n- 09:00 - b\n';
    assert.deepEqual(lint(text, { only: [RULE] }).diagnostics, []);
  });
});
