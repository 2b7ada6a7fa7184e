import assert from 'node:assert/strict';
import { lint, type ActionItem } from '../../src/core';

function itemsOf(body: string): ActionItem[] {
  return lint(`# Outage\n\n## Action Items\n\n${body}\n`, { only: [] }).postmortem.actionItems;
}

function owners(body: string): Array<string | undefined> {
  return itemsOf(body).map((item) => item.owner);
}

describe('action item extraction', () => {
  it('reads table columns by header', () => {
    const items = itemsOf(
      '| # | Action item | Type | Priority | Owner(s) | Issue |\n|---|---|---|---|---|---|\n' +
        '| 1 | Pin the base image | prevent | P1 | @tomas | #12 |\n' +
        '| 2 | Add a probe | mitigate | P2 | [project lead] | #97 (done) |\n',
    );
    assert.equal(items.length, 2);
    assert.deepEqual(
      items.map((item) => [item.text, item.owner, item.type, item.priority, item.done]),
      [
        ['Pin the base image', '@tomas', 'prevent', 'P1', false],
        ['Add a probe', undefined, 'mitigate', 'P2', true],
      ],
    );
    assert.deepEqual(items[0]?.table?.columns, { owner: 4, type: 2, priority: 3, action: 1 });
  });

  it('reads owner headers in other words', () => {
    for (const header of ['Assignee', 'Who', 'DRI', 'Responsible', 'Action owner']) {
      const items = itemsOf(`| Action | ${header} |\n|---|---|\n| Fix it | Sam |\n`);
      assert.equal(items[0]?.owner, 'Sam', header);
    }
  });

  it('treats placeholder owners as missing', () => {
    const body = ['', 'TBD', 'TBC', 'N/A', '?', '-', 'none', 'unassigned', 'Unknown', '<owner>']
      .map((owner) => `| Fix it | ${owner} |`)
      .join('\n');
    const items = itemsOf(`| Action | Owner |\n|---|---|\n${body}`);
    assert.equal(items.length, 10);
    assert.ok(items.every((item) => item.owner === undefined));
  });

  it('skips empty table rows', () => {
    assert.equal(itemsOf('| Action | Owner |\n|---|---|\n| | |\n| Fix it | Sam |').length, 1);
  });

  it('reads status and DONE marks as done', () => {
    const items = itemsOf(
      '| Description | Status | Bug |\n|---|---|---|\n| a | DONE | |\n| b | open | n/a DONE |\n| c | open | Bug 1 TODO |\n',
    );
    assert.deepEqual(
      items.map((item) => item.done),
      [true, true, false],
    );
  });

  it('finds owners written inline in list items', () => {
    assert.deepEqual(
      owners(
        [
          '- Alert on expiry (owner: @alice)',
          '- Replace the table (owner: Mpho Dube)',
          '- Split batches owner: Search team',
          '- Add a test Owner - Kim',
          '- Ping @sam about it',
          '- Move reports to the manual [RT]',
          '- Add a healthcheck [AD to write story]',
          '- Write it up',
          '  - Owner: Pat',
          '- Email security@example.com',
          '- Upgrade `@types/node`',
          '- Fix the [TODO] list',
          '- Decide (owner: TBD)',
          '- Improve owner-facing docs',
          '- Add a probe - Sam Roe',
          '- Add a dashboard (Kim)',
          '- Add an alert (Prevent)',
          '- Fix it (assigned: Max)',
        ].join('\n'),
      ),
      [
        '@alice',
        'Mpho Dube',
        'Search team',
        'Kim',
        '@sam',
        'RT',
        'AD',
        'Pat',
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        'Sam Roe',
        'Kim',
        undefined,
        'Max',
      ],
    );
  });

  it('keeps the span of a placeholder owner for the fix', () => {
    const text = '## Action Items\n\n- Decide (owner: TBD)\n';
    const item = lint(text, { only: [] }).postmortem.actionItems[0];
    assert.equal(item?.owner, undefined);
    assert.equal(text.slice(item?.ownerSpan?.start, item?.ownerSpan?.end), 'TBD');
  });

  it('reads type and priority written inline', () => {
    const items = itemsOf(
      '- [P1] Alert on expiry (owner: @a)\n- Pin digests (owner: @b, type: prevent, priority: high)\n',
    );
    assert.deepEqual(
      items.map((item) => [item.type, item.priority]),
      [
        [undefined, 'P1'],
        ['prevent', 'high'],
      ],
    );
  });

  it('reads task list states', () => {
    const items = itemsOf('- [ ] open\n- [x] closed\n- [X] closed too\n- closed [done]\n');
    assert.deepEqual(
      items.map((item) => item.done),
      [false, true, true, true],
    );
  });

  it('treats a list of measures already taken as done', () => {
    const items = itemsOf('- Expanded our monitoring\n- Enforced reviews\n- Reduced breakage\n');
    assert.ok(items.every((item) => item.done));
    assert.ok(
      itemsOf('- Improved alerting\n- Add a probe\n- Write a runbook\n').every(
        (item) => !item.done,
      ),
    );
  });

  it('treats items under a Done sub-heading as done', () => {
    const items = itemsOf('### Open\n\n- Add a probe\n\n### Completed\n\n- Roll back\n');
    assert.deepEqual(
      items.map((item) => item.done),
      [false, true],
    );
  });

  it('reads grouped items under a label', () => {
    const items = itemsOf(
      '- **Short term**\n  - Add a probe\n  - Fix the cache\n- Prevent:\n  - Pin digests\n',
    );
    assert.deepEqual(
      items.map((item) => item.text),
      ['Add a probe', 'Fix the cache', 'Pin digests'],
    );
  });

  it('skips items that are only an issue reference', () => {
    assert.deepEqual(
      itemsOf('- #2127\n- <https://example.com/issues/1>\n- [#12](https://x.test/12)'),
      [],
    );
  });

  it('reads Action point paragraphs', () => {
    const items = itemsOf(
      'Action point: create a mailing list.\n\nSome prose.\n\nAction point: add push alerts.',
    );
    assert.deepEqual(
      items.map((item) => [item.kind, item.text]),
      [
        ['paragraph', 'Action point: create a mailing list.'],
        ['paragraph', 'Action point: add push alerts.'],
      ],
    );
  });

  it('points appendAt after the first paragraph', () => {
    const text = '## Action Items\n\n- Add a probe\n  that checks IPv6\n  - sub\n';
    const item = lint(text, { only: [] }).postmortem.actionItems[0];
    assert.equal(
      text.slice(0, item?.appendAt),
      '## Action Items\n\n- Add a probe\n  that checks IPv6',
    );
  });
});
