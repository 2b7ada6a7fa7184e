import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, RULE_IDS } from '../../src/core';

const examples = path.join(__dirname, '..', '..', 'examples', 'postmortems');
const frontmatterExample = readFileSync(path.join(examples, '2024-05-14-checkout-502s.md'), 'utf8');
const tableExample = readFileSync(path.join(examples, '2024-05-14-checkout-502s-table.md'), 'utf8');

function describeDiagnostics(text: string): string[] {
  return lint(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}: ${d.message}`);
}

/** Applies one textual change and fails loudly when the example no longer contains `from`. */
function mutate(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `example no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** One deliberate break per rule, applied to the clean frontmatter example. */
const BREAKS: Record<string, [from: string, to: string]> = {
  'missing-section': [
    "## Lessons Learned\n\nA floating base-image tag is a dependency upgrade that nobody reviews. Staging must match production's network stack for resolver changes to show up before release.\n",
    '',
  ],
  'missing-metadata': ['duration: 47m\n', ''],
  'invalid-metadata': ['severity: SEV2', 'severity: SEV7'],
  'frontmatter-syntax': ['date: 2024-05-14\n', 'date: 2024-05-14\ndate: 2024-05-15\n'],
  'empty-section': [
    'The synthetic checkout probe paged the on-call engineer at 09:14 UTC, two minutes after impact began.\n\n',
    '',
  ],
  placeholder: ['| OPS-1414 |', '| TBD |'],
  'summary-length': [
    'timed out at the load balancer.\n',
    'timed out at the load balancer. Support opened an incident channel. Finance tracked the lost orders.\n',
  ],
  'vague-root-cause': [
    'The Dockerfile used the floating `node:20-slim` tag, so a rebuild picked up a Debian point release whose resolver returned IPv6 addresses first.',
    'The root cause was human error during the deploy.',
  ],
  'blame-language': [
    '- Staging has no IPv6, so it could not reproduce the failure.\n',
    '- Staging has no IPv6, so it could not reproduce the failure.\n- The reviewer was careless with the image tag.\n',
  ],
  'timeline-order': [
    '| 09:31 | Sidecar DNS resolution identified as the cause |\n| 09:52 | Rollback to the previous image digest starts |',
    '| 09:52 | Rollback to the previous image digest starts |\n| 09:31 | Sidecar DNS resolution identified as the cause |',
  ],
  'timeline-time': ['| 09:59 |', '| 20204-05-14 09:59 |'],
  'action-item-owner': ['| @platform-team |', '| |'],
  'action-item-type': ['| Mitigate |', '| Hope |'],
  'action-item-priority': ['| P2 | OPS-1414 |', '| P7 | OPS-1414 |'],
  'pseudo-heading': ['## Resolution\n', '**Resolution**\n'],
};

describe('examples', () => {
  it('frontmatter example lints clean', () => {
    assert.deepEqual(describeDiagnostics(frontmatterExample), []);
  });

  it('metadata table example lints clean', () => {
    assert.deepEqual(describeDiagnostics(tableExample), []);
  });

  it('has a deliberate break for every rule', () => {
    assert.deepEqual(Object.keys(BREAKS).sort(), [...RULE_IDS].sort());
  });

  for (const [ruleId, [from, to]] of Object.entries(BREAKS)) {
    it(`broken copy fires ${ruleId} once`, () => {
      const diagnostics = lint(mutate(frontmatterExample, from, to)).diagnostics;
      const summary = diagnostics.map((d) => `${d.ruleId}: ${d.message}`);
      assert.deepEqual(
        diagnostics.map((d) => d.ruleId),
        [ruleId],
        summary.join('\n'),
      );
    });
  }
});
