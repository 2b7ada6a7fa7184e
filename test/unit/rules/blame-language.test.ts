import assert from 'node:assert/strict';
import { lint } from '../../../src/core';

const RULE = 'blame-language';

function blameIn(section: string, body: string): string[] {
  const text = `# Checkout outage\n\n## ${section}\n\n${body}\n`;
  return lint(text, { only: [RULE] }).diagnostics.map((d) => text.slice(d.start, d.end));
}

describe(RULE, () => {
  const reported: Array<[string, string]> = [
    ['Dave forgot to renew the certificate.', 'Dave forgot'],
    ['Alex mistakenly deleted the bucket.', 'Alex mistakenly'],
    ['The outage happened because Sam didn’t check the dashboard.', 'Sam didn’t check'],
    ['The outage happened because Sam did not verify the backup.', 'Sam did not verify'],
    ['It was Kim’s mistake.', 'Kim’s mistake'],
    ["It was Pat's fault that the deploy went out.", "Pat's fault"],
    ['@jdoe accidentally pushed to main.', '@jdoe accidentally'],
    ['The engineer forgot to drain the node.', 'The engineer forgot'],
    ['The on-call ignored the first page.', 'The on-call ignored'],
    ['The developer failed to run the migration tests.', 'The developer failed to'],
    ['The deploy was careless.', 'careless'],
    ['This was negligent.', 'negligent'],
    ['An incompetent change went out.', 'incompetent'],
    ['The reviewer should have caught the typo.', 'The reviewer should have'],
    ['Someone should have known the limit.', 'should have known'],
    ['The release team dropped the ball.', 'dropped the ball'],
    ['We messed up the rollout.', 'messed up'],
    ['If Alex had checked the config, nothing would have broken.', 'If Alex had'],
    ['The incident was caused by Tom.', 'caused by Tom'],
    ['Tom caused the outage.', 'Tom caused the outage'],
    ['Because of Sam, the deploy failed.', 'Because of Sam'],
    ['Dave Smith forgot the flag.', 'Dave Smith forgot'],
    ['Had the engineer tested the script, the data would be intact.', 'Had the engineer tested'],
    ['He forgot to update the DNS record.', 'He forgot'],
    ['The team blamed the vendor.', 'blamed'],
    ['The engineer was lazy about tests.', 'was lazy'],
  ];
  for (const [body, expected] of reported) {
    it(`reports \`${expected}\``, () => {
      assert.deepEqual(blameIn('Root Cause', body), [expected]);
    });
  }

  const accepted: string[] = [
    'The on-call engineer acknowledged the page at 09:14.',
    'We run no-fault postmortems.',
    'The cluster is fault-tolerant across three zones.',
    'Fault tolerance did not cover a full region.',
    'We use fault injection in staging.',
    'The process died with a segmentation fault.',
    'Page fault rates rose on the cache hosts.',
    'A faulty disk corrupted the index.',
    'Keep the report factual and avoid blame.',
    'This review is blameless.',
    'Kubernetes failed to schedule the pods.',
    'The alert failed to fire because the rule used the wrong label.',
    'Terraform ignored the lifecycle block.',
    'The on-call engineer did not receive the page because the phone was muted.',
    'The loader uses lazy lookups to save memory.',
    'Finance noticed the missing file at 08:30.',
    'Nobody reviewed the migration for lock behaviour.',
    'A hardware fault in the power supply took the rack down.',
    'Alex restarted the service and the errors stopped.',
    'Run `git blame` to see the change.',
  ];
  for (const body of accepted) {
    it(`accepts "${body.slice(0, 40)}"`, () => {
      assert.deepEqual(blameIn('Root Cause', body), []);
    });
  }

  it('skips systems the document names as such', () => {
    const context = 'The Redis cluster lost keys and the Jenkins job stalled.';
    assert.deepEqual(blameIn('Root Cause', `${context} Redis forgot the session keys.`), []);
    assert.deepEqual(blameIn('Root Cause', `${context} The outage was caused by Redis.`), []);
    assert.deepEqual(blameIn('Root Cause', `${context} Jenkins forgot to clean up.`), []);
  });

  it('skips a possessive used as a modifier', () => {
    assert.deepEqual(blameIn('Impact', "Sam's mistake-proofing checklist helped."), []);
  });

  it('skips action items that name owners', () => {
    assert.deepEqual(
      blameIn('Action Items', '- Dave forgot nothing: add a reminder (owner: Dave)'),
      [],
    );
  });

  it('skips code blocks and quotes', () => {
    const body = '```\nDave forgot to renew\n```\n\n> Sam forgot the flag, lol\n';
    assert.deepEqual(blameIn('Timeline', body), []);
  });

  it('reports a known author with a verb a machine could do', () => {
    const text =
      '# Outage\n\n| Field | Value |\n|---|---|\n| Authors | Robin Toe |\n\n' +
      '## Root Cause\n\nRobin missed the alert in the channel.\n';
    const found = lint(text, { only: [RULE] }).diagnostics;
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), 'Robin missed');
  });

  it('message quotes the phrase and says what to do', () => {
    const text = '# T\n\n## Root Cause\n\nDave forgot to renew the certificate.\n';
    const [first] = lint(text, { only: [RULE] }).diagnostics;
    assert.ok(first);
    assert.equal(first.severity, 'warning');
    assert.match(first.message, /^Blame: `Dave forgot` names a person as the cause\./);
    assert.doesNotMatch(first.message, /;/);
  });
});
