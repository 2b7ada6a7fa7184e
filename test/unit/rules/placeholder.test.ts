import assert from 'node:assert/strict';
import { lint, resolveConfig } from '../../../src/core';

const RULE = 'placeholder';

function tokens(text: string): string[] {
  return lint(text, { only: [RULE] }).diagnostics.map((d) => text.slice(d.start, d.end));
}

function inImpact(body: string): string[] {
  return tokens(`# Outage\n\n## Impact\n\n${body}\n`);
}

describe(RULE, () => {
  const reported: Array<[string, string[]]> = [
    ['Customers affected: TBD.', ['TBD']],
    ['Revenue lost: tbd', ['tbd']],
    ['TODO: add the numbers.', ['TODO']],
    ['Numbers TBC, FIXME later.', ['TBC', 'FIXME']],
    ['Ticket XXX tracks the refund.', ['XXX']],
    ['The <service name> API returned errors.', ['<service name>']],
    ['The \\<service name\\> API returned errors.', ['\\<service name\\>']],
    ['Owned by <team>.', ['<team>']],
    ['[Insert the number of affected users]', ['[Insert the number of affected users]']],
    ['[Describe the impact on customers]', ['[Describe the impact on customers]']],
    ['Started at HH:mm and ended at HH:MM.', ['HH:mm', 'HH:MM']],
    ['Started on YYYY-MM-DD.', ['YYYY-MM-DD']],
    [
      'About 400 users.\n\nWho and what was affected, for how long and how badly, with numbers where you have them.',
      ['Who and what was affected, for how long and how badly, with numbers where you have them.'],
    ],
  ];
  for (const [body, expected] of reported) {
    it(`reports ${expected.join(', ')}`, () => {
      assert.deepEqual(inImpact(body), expected);
    });
  }

  it('leaves a section of hints alone to empty-section', () => {
    const hint = 'What stopped the impact and what restored normal service.';
    const text = `---\nstatus: Final\n---\n\n# Outage\n\n## Resolution\n\n${hint}\n`;
    assert.deepEqual(tokens(text), []);
    const both = lint(text, { only: [RULE, 'empty-section'] }).diagnostics.map((d) => d.ruleId);
    assert.deepEqual(both, ['empty-section']);
  });

  it('reports a section of hints when empty-section is off', () => {
    const hint = 'What stopped the impact and what restored normal service.';
    const text = `# Outage\n\n## Resolution\n\n${hint}\n`;
    const config = resolveConfig({ rules: { 'empty-section': 'off' } });
    const found = lint(text, { only: [RULE], config }).diagnostics;
    assert.deepEqual(
      found.map((d) => text.slice(d.start, d.end)),
      [hint],
    );
  });

  const accepted: string[] = [
    'Use `TBD` in drafts only.',
    '```\nTODO: nothing here\n```',
    '<!-- TODO: fill in the numbers -->',
    'See [the dashboard](https://example.com/d?q=TBD).',
    'Line one<br>line two, with <sup>1</sup> note.',
    'Mail <ops@example.com> or open <https://example.com/status>.',
    'Latency stayed < 200 ms and > 100 ms.',
    'The `List<String>` type and Map<K> in prose.',
    '**\\<START OF OUTAGE>** the DNS change took effect.',
    '{{< track "2018-07-19T02:51:42.000Z" >}}',
    'We had 12:30 of downtime and the TBDX flag was unrelated.',
    'Tracking the 5xx rate in Grafana.',
  ];
  for (const body of accepted) {
    it(`accepts "${body.slice(0, 40)}"`, () => {
      assert.deepEqual(inImpact(body), []);
    });
  }

  it('reports frontmatter values', () => {
    const text = '---\ntitle: Outage\ndate: YYYY-MM-DD\n---\n\n# Outage\n';
    assert.deepEqual(tokens(text), ['YYYY-MM-DD']);
  });

  it('reports metadata table values once', () => {
    const text = '# Outage\n\n| Field | Value |\n|---|---|\n| Date | TBD |\n\n## Impact\n\nSome.\n';
    assert.deepEqual(tokens(text), ['TBD']);
  });

  it('is an error once the status is final', () => {
    const text = '---\nstatus: Final\n---\n\n# Outage\n\n## Impact\n\nTBD\n';
    const [found] = lint(text, { only: [RULE] }).diagnostics;
    assert.equal(found?.severity, 'error');
  });

  it('is a warning in a draft', () => {
    const text = '---\nstatus: Draft\n---\n\n# Outage\n\n## Impact\n\nTBD\n';
    const [found] = lint(text, { only: [RULE] }).diagnostics;
    assert.equal(found?.severity, 'warning');
  });

  it('leaves timeline time placeholders to the timeline rules', () => {
    const text = '# Outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:mm | Deploy |\n';
    assert.deepEqual(tokens(text), []);
  });

  it('leaves TODO statuses of action items alone', () => {
    const text =
      '# Outage\n\n## Action Items\n\n| Action | Owner | Status |\n|---|---|---|\n| Add alert | @kim | TODO |\n';
    assert.deepEqual(tokens(text), []);
  });

  it('leaves a section titled as a template alone', () => {
    const text = '# Log\n\n## Template\n\n### Incident on YYYY-MM-DD HH:MM\n\n- Detected TBD\n';
    assert.deepEqual(tokens(text), []);
  });

  it('message quotes the token and says what to do', () => {
    const [found] = lint('# T\n\n## Impact\n\nTBD\n', { only: [RULE] }).diagnostics;
    assert.equal(
      found?.message,
      'Placeholder `TBD` is still in the text. Replace it with the real value or remove it.',
    );
  });
});
