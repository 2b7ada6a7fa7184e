import assert from 'node:assert/strict';
import {
  lint,
  resolveConfig,
  sortTimelineFix,
  type Postmortem,
  type TimelineEntry,
} from '../../src/core';

function build(text: string): Postmortem {
  return lint(text, { only: [] }).postmortem;
}

function entriesOf(text: string): TimelineEntry[] {
  return build(text).timeline.entries;
}

function applyFix(text: string, pm: Postmortem): string | undefined {
  const fix = sortTimelineFix(pm, resolveConfig());
  if (!fix) return undefined;
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

describe('timeline extraction', () => {
  it('reads table rows by the time column header', () => {
    const text =
      '# Outage\n\n## Timeline\n\n| Event | Time (UTC) |\n|---|---|\n' +
      '| Deploy | 09:12 |\n| Alert | 09:14 |\n| No time here | |\n';
    const entries = entriesOf(text);
    assert.equal(entries.length, 3);
    assert.deepEqual(
      entries.map((entry) => entry.timeText),
      ['09:12', '09:14', undefined],
    );
    assert.equal(entries[0]?.kind, 'table-row');
    assert.equal(entries[0]?.time?.utcOffset, 0);
    const span = entries[0]?.timeSpan;
    assert.equal(text.slice(span?.start, span?.end), '09:12');
  });

  it('combines separate date and time columns', () => {
    const text =
      '## Timeline\n\n| Date | Time | Event |\n|---|---|---|\n' +
      '| 2024-03-13 | 23:50 | a |\n| 2024-03-14 | 00:10 | b |\n';
    const entries = entriesOf(text);
    assert.deepEqual(
      entries.map((entry) => entry.time?.date),
      ['2024-03-13', '2024-03-14'],
    );
  });

  it('ignores a fact table whose times are not in the first column', () => {
    const text = '## Timeline\n\n| Field | Value |\n|---|---|\n| Started | 10:00 |\n';
    assert.deepEqual(entriesOf(text), []);
  });

  it('reads list items, nested items and paragraph lines', () => {
    const text =
      '## Timeline\n\n- 10:00 - Deploy\n  - 10:02 - Canary fails\n- 10:05 - Rollback\n\n' +
      '10:30 - Recovery confirmed\n11:00\nIncident closed\n';
    const entries = entriesOf(text);
    assert.deepEqual(
      entries.map((entry) => [entry.kind, entry.timeText]),
      [
        ['list-item', '10:00'],
        ['list-item', '10:02'],
        ['list-item', '10:05'],
        ['line', '10:30'],
        ['line', '11:00'],
      ],
    );
    assert.equal(entries[4]?.text, '11:00\nIncident closed');
  });

  it('does not take a wrapped line starting with a time as an entry', () => {
    const text = '## Timeline\n\nThe alert was acknowledged at\n14:05 and escalated.\n';
    assert.deepEqual(entriesOf(text), []);
  });

  it('splits paragraphs at <br>', () => {
    const text =
      '## Timeline\n\n15:27 - change submitted<br> 21:14 - change takes\neffect<br>\n21:20 - alert\n';
    const entries = entriesOf(text);
    assert.deepEqual(
      entries.map((entry) => entry.timeText),
      ['15:27', '21:14', '21:20'],
    );
    assert.equal(entries[1]?.text, '21:14 - change takes\neffect');
  });

  it('reads sub-headings per event', () => {
    const entries = entriesOf(
      '## Timeline\n\n### 08:52 PM\n\nReport comes in.\n\n### 09:02 PM\n\nFix.\n',
    );
    assert.deepEqual(
      entries.map((entry) => [entry.kind, entry.time?.minutes]),
      [
        ['heading', 1252],
        ['heading', 1262],
      ],
    );
  });

  it('dates entries by the date headings that follow the section', () => {
    const text =
      '# Report 2025\n\n## Timeline\n\n_All times in EEST_\n\n## May 12\n\n### 23:00\n\nA\n\n### 00:40\n\nB\n\n' +
      '## May 13\n\n### 14:30\n\nC\n\n## Action Items\n\n- [ ] x\n';
    const entries = entriesOf(text);
    assert.deepEqual(
      entries.map((entry) => entry.timeText),
      ['23:00', '00:40', '14:30'],
    );
    // No year is written, so no ISO date is given, but the days still count.
    assert.equal(entries[0]?.time?.date, undefined);
    assert.equal(entries[1]?.order?.day, (entries[0]?.order?.day ?? 0) + 1);
    assert.equal(entries[2]?.order?.day, entries[1]?.order?.day);
  });

  it('takes the year of month-day headings from the document date', () => {
    const pm = lint('---\ndate: 2025-05-12\n---\n## Timeline\n\n### May 12\n\n- 10:00 - a\n', {
      only: [],
    }).postmortem;
    assert.equal(pm.timeline.entries[0]?.time?.date, '2025-05-12');
  });

  it('counts a step back of more than 12 hours as the next day', () => {
    const entries = entriesOf(
      '## Timeline\n\n- 23:58 - a\n- 00:06 - b\n- 01:25 - c\n- 01:10 - d\n',
    );
    const minutes = entries.map((entry) => entry.order?.utcMinute);
    assert.deepEqual(minutes, [1438, 1446, 1525, 1510]);
  });

  it('compares entries with a timezone in UTC', () => {
    const entries = entriesOf(
      '## Timeline\n\n- 2024-03-13 21:55 UTC - a\n- 2024-03-13 15:05 PDT - b\n',
    );
    const [first, second] = entries.map((entry) => entry.order?.utcMinute ?? 0);
    assert.equal((second ?? 0) - (first ?? 0), 10);
  });

  it('applies a timezone stated for the whole timeline', () => {
    const entries = entriesOf('## Timeline\n\nAll times in CET.\n\n- 10:00 - a\n- 09:30 UTC - b\n');
    assert.equal(entries[0]?.order?.utcMinute, 540);
    assert.equal(entries[1]?.order?.utcMinute, 570);
  });

  it('reads an hour without AM or PM as PM on a 12-hour clock', () => {
    const entries = entriesOf('## Timeline\n\n- 11:50 AM - a\n- 12:10 - b\n- 1:05 - c\n');
    assert.equal(entries[2]?.order?.utcMinute, 13 * 60 + 5);
  });

  it('settles slash dates by the order other dates show', () => {
    const entries = entriesOf('## Timeline\n\n- 03/04/2024 10:00 - a\n- 13/04/2024 09:00 - b\n');
    assert.equal(entries[0]?.time?.date, '2024-04-03');
    assert.equal(entries[1]?.time?.date, '2024-04-13');
  });

  it('settles slash dates by the order that keeps them rising', () => {
    const entries = entriesOf('## Timeline\n\n- 01/04/2024 10:00 - a\n- 02/03/2024 09:00 - b\n');
    assert.deepEqual(
      entries.map((entry) => entry.time?.date),
      ['2024-01-04', '2024-02-03'],
    );
  });

  it('marks placeholders, unreadable times and impossible dates', () => {
    const entries = entriesOf(
      '## Timeline\n\n| Time | Event |\n|---|---|\n| HH:mm | a |\n| 25:10 | b |\n| 20202-01-16 12:00 | c |\n',
    );
    assert.deepEqual(
      entries.map((entry) => [entry.placeholder, entry.unreadable, Boolean(entry.implausible)]),
      [
        [true, false, false],
        [false, true, false],
        [false, false, true],
      ],
    );
    assert.equal(entries[0]?.order, undefined);
    assert.equal(entries[1]?.order, undefined);
  });

  it('groups entries by table, list and sub-heading', () => {
    const text =
      '## Timeline\n\n- 10:00 - a\n- 11:00 - b\n\n### Follow-up timeline\n\n- 09:00 - c\n';
    const groups = entriesOf(text).map((entry) => entry.group);
    assert.equal(groups[0], groups[1]);
    assert.notEqual(groups[1], groups[2]);
  });

  it('offers a sortable block only for one table or list', () => {
    assert.equal(build('## Timeline\n\n- 10:00 - a\n- 09:00 - b\n').timeline.block?.kind, 'list');
    assert.equal(
      build('## Timeline\n\n- 10:00 - a\n\n### Later\n\n- 09:00 - b\n').timeline.block,
      undefined,
    );
    assert.equal(
      build('## Timeline\n\n### 10:00\n\na\n\n### 09:00\n\nb\n').timeline.block,
      undefined,
    );
  });

  it('has no entries without a timeline section', () => {
    assert.deepEqual(build('# Outage\n\n## Impact\n\n- 10:00 - a\n').timeline.entries, []);
  });
});

describe('timeline sort fix', () => {
  it('sorts list items and keeps untimed items with the item before', () => {
    const text = '## Timeline\n\n- 10:00 - a\n- 10:30 - b\n  more about b\n- note\n- 10:10 - c\n';
    const sorted = applyFix(text, build(text));
    assert.equal(
      sorted,
      '## Timeline\n\n- 10:00 - a\n- 10:10 - c\n- 10:30 - b\n  more about b\n- note\n',
    );
  });

  it('sorts table rows byte for byte across midnight', () => {
    const text =
      '## Timeline\r\n\r\n| Time | Event |\r\n|---|---|\r\n| HH:MM | template |\r\n' +
      '| 23:50 |  late  |\r\n| 00:20 | next day |\r\n| 00:10 | after midnight |\r\n';
    const sorted = applyFix(text, build(text));
    assert.equal(
      sorted,
      '## Timeline\r\n\r\n| Time | Event |\r\n|---|---|\r\n| HH:MM | template |\r\n' +
        '| 23:50 |  late  |\r\n| 00:10 | after midnight |\r\n| 00:20 | next day |\r\n',
    );
  });

  it('keeps ordered list numbers in place', () => {
    const text = '## Timeline\n\n1. 10:00 a\n2. 09:00 b\n';
    assert.equal(applyFix(text, build(text)), '## Timeline\n\n1. 09:00 b\n2. 10:00 a\n');
  });

  it('no sort when a row would change date', () => {
    // `Jan 0` is no date, so that row's time takes the date of the row above it. Sorting it
    // above `1/13/2024` would move it to January 1.
    const carried =
      '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 1/1/2024 0:05 | a |\n' +
      '| 1/13/2024 0:05 | b |\n| Jan 0, 0:30 GMT+1 | c |\n';
    assert.equal(sortTimelineFix(build(carried), resolveConfig()), undefined);
    const undated =
      '## Timeline\n\n- 2024-03-13 10:00 Alert\n- 2024-03-14 09:00 Rollback\n- 07:00 Deploy\n';
    const problems = lint(undated).diagnostics.filter((d) => d.ruleId === 'timeline-order');
    assert.equal(problems.length, 1, 'the 07:00 row on the 14th is out of order');
    assert.deepEqual(problems[0]?.fixes, []);
  });

  it('sorts rows that carry their own date', () => {
    const text =
      '## Timeline\n\n- 2024-03-14 07:00 Deploy\n- 2024-03-13 10:00 Alert\n- 11:00 Rollback\n';
    const sorted = applyFix(text, build(text));
    assert.equal(
      sorted,
      '## Timeline\n\n- 2024-03-13 10:00 Alert\n- 11:00 Rollback\n- 2024-03-14 07:00 Deploy\n',
    );
  });

  it('no order from unread slash dates', () => {
    // Day first and month first both step back once, so the dates stay unread, and the times
    // alone would report 07:00 after 08:00 on what are different days.
    const text =
      '## Timeline\n\n- 03/04/2024 10:00 Alert\n- 02/04/2024 23:00 Deploy\n' +
      '- 04/04/2024 08:00 Page\n- 05/04/2024 07:00 Fix\n';
    const problems = lint(text).diagnostics.filter((d) => d.ruleId === 'timeline-order');
    assert.deepEqual(problems, []);
    assert.ok(build(text).timeline.entries.every((entry) => entry.order === undefined));
  });

  it('returns undefined when the timeline is in order', () => {
    const text = '## Timeline\n\n- 10:00 - a\n- 10:05 - b\n';
    assert.equal(sortTimelineFix(build(text), resolveConfig()), undefined);
  });
});
