import assert from 'node:assert/strict';
import { lint } from '../../../src/core';

const RULE = 'vague-root-cause';

function findings(body: string): Array<{ text: string; message: string; line: number }> {
  const text = `# Search outage\n\n## Root Cause\n\n${body}\n`;
  return lint(text, { only: [RULE] }).diagnostics.map((d) => ({
    text: text.slice(d.start, d.end),
    message: d.message,
    line: d.line,
  }));
}

describe(RULE, () => {
  const phrases: Array<[string, string]> = [
    ['Human error.', 'Human error'],
    [
      'The outage was caused by operator error during a routine maintenance window last night.',
      'operator error',
    ],
    [
      'An engineer ran the wrong command against the production cluster on Tuesday morning.',
      'An engineer ran',
    ],
    [
      'The on-call engineer accidentally deleted the primary database during the cleanup work.',
      'The on-call engineer accidentally deleted',
    ],
    [
      'The root cause is still unknown and the team is looking at the storage layer logs.',
      'root cause is still unknown',
    ],
    [
      'We are not sure yet. The trigger is under investigation by the storage team this week.',
      'under investigation',
    ],
    ['Unknown.', 'Unknown.'],
  ];
  for (const [body, expected] of phrases) {
    it(`reports \`${expected}\``, () => {
      const found = findings(body);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.text, expected);
    });
  }

  it('reports a part that failed with no reason', () => {
    const found = findings('The primary database crashed. Then the replica crashed as well.');
    assert.deepEqual(
      found.map((f) => f.text),
      ['crashed', 'crashed'],
    );
    assert.match(found[0]?.message ?? '', /^Root cause stops at `crashed`\. Add why it failed/);
  });

  it('reports a short root cause on the heading', () => {
    const found = findings('A bad deploy.');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.text, '## Root Cause');
    assert.match(
      found[0]?.message ?? '',
      /^Root cause has only `3` words and no chain of causes\./,
    );
  });

  it('reports one long sentence with no causal link', () => {
    const found = findings(
      'A large batch of malformed analytics events from the mobile client in the eu-west region.',
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /names no cause behind the failure/);
  });

  const accepted: string[] = [
    'An engineer ran the wrong command because the deploy tool had no confirmation prompt for production.',
    'Human error was possible because the script allowed a production target without a dry run.',
    'Migration 0412 added a non-concurrent index on `webhook_events(merchant_id)`, locking the table for writes while it built.',
    'The JWT signing key expired at 00:00 UTC and the rotation job had been disabled during a vault migration.',
    'The rebuild worker crashed because a tenant with 40 million documents pushed a batch past the 2 GiB heap limit.',
    'The scheduler computed the last day of the month with a table that hard-coded February as 28 days, so the run never happened.',
    'This was not human error: the runbook step pointed at the wrong cluster and nothing checked the target.',
    'An unknown client sent malformed requests that the parser accepted without validation, which exhausted the worker pool.',
    'See the analysis in [the storage review](https://example.com/review).',
    '```\nstack trace only\n```',
  ];
  for (const body of accepted) {
    it(`accepts "${body.slice(0, 40)}"`, () => {
      assert.deepEqual(findings(body), []);
    });
  }

  it('leaves an empty root cause to empty-section', () => {
    assert.deepEqual(findings(''), []);
  });

  it('reads the sub-sections of the root cause', () => {
    const body =
      '### Trigger\n\nA config push changed the cache key prefix.\n\n' +
      '### Why it spread\n\nEvery session missed the cache at once, so all requests fell through ' +
      'to the database, which had no request coalescing.';
    assert.deepEqual(findings(body), []);
  });

  it('messages have no semicolons', () => {
    for (const body of ['Human error.', 'A bad deploy.', 'Unknown.']) {
      for (const found of findings(body)) assert.doesNotMatch(found.message, /;/);
    }
  });
});
