import assert from 'node:assert/strict';
import { lint } from '../../../src/core';

const RULE = 'empty-section';

function headings(text: string): string[] {
  return lint(text, { only: [RULE] }).diagnostics.map((d) => text.slice(d.start, d.end));
}

function withImpact(body: string): string[] {
  return headings(`# Outage\n\n## Impact\n\n${body}\n\n## Detection\n\nAn alert fired.\n`);
}

describe(RULE, () => {
  const empty: Array<[string, string]> = [
    ['nothing', ''],
    ['an HTML comment', '<!-- Who was affected and for how long? -->'],
    [
      'the template hint',
      'Who and what was affected, for how long and how badly, with numbers where you have them.',
    ],
    ['a describe prompt', '*Describe the impact on users.*'],
    ['an add-here prompt', 'Add the numbers here.'],
    ['lorem ipsum', 'Lorem ipsum dolor sit amet.'],
    ['an ellipsis', '*...*'],
    ['empty list items', '-\n-'],
    ['an empty label', '- Affected users:'],
    ['a bracketed prompt', '[Describe the impact]'],
    ['a template table', '| Time (UTC) | Event |\n|---|---|\n| HH:MM | What happened |'],
    ['a header-only table', '| Metric | Value |\n|---|---|'],
    ['a rule', '---'],
  ];
  for (const [name, body] of empty) {
    it(`reports a section with ${name}`, () => {
      assert.deepEqual(withImpact(body), ['## Impact']);
    });
  }

  const filled: Array<[string, string]> = [
    ['a sentence', 'All logins failed for 35 minutes.'],
    ['a code block', '```\n502 Bad Gateway\n```'],
    ['an image', '![error rate](graph.png)'],
    ['inline code', '`HTTP 502`'],
    ['a filled table', '| Metric | Value |\n|---|---|\n| Failed logins | 41,000 |'],
    ['a list', '- 41,000 failed checkouts\n- 6,200 retried'],
    ['an action that starts with a verb', '- Add an alert on handshake timeouts'],
    ['a short italic note', '*Nothing was lost.*'],
    ['TBD only', 'TBD'],
  ];
  for (const [name, body] of filled) {
    it(`accepts a section with ${name}`, () => {
      assert.deepEqual(withImpact(body), []);
    });
  }

  it('accepts a section whose content is in sub-sections', () => {
    const text = '# O\n\n## Impact\n\n### Users\n\nLogins failed.\n\n## Detection\n\nAn alert.\n';
    assert.deepEqual(headings(text), []);
  });

  it('reports an empty sub-section', () => {
    const text =
      '# O\n\n## Lessons Learned\n\n### What went well\n\n### What went wrong\n\nNo alert.\n';
    assert.deepEqual(headings(text), ['### What went well']);
  });

  it('leaves headings no profile knows alone', () => {
    const text = '# O\n\n## Q1 2021\n\n### No incidents declared\n\n## Impact\n\nNone.\n';
    assert.deepEqual(headings(text), []);
  });

  it('accepts a heading that carries its content', () => {
    const text =
      '# O\n\n## Impact: 1.2B queries lost, no revenue impact.\n\n## Detection\n\nAn alert.\n';
    assert.deepEqual(headings(text), []);
  });

  it('reports italic hints in a template', () => {
    const text =
      '# Template\n\n## Summary\n\n*What happened?*\n\n## Impact\n\n*Count the users.*\n\n' +
      '## Detection\n\n*How was it noticed?*\n';
    assert.deepEqual(headings(text), ['## Summary', '## Impact', '## Detection']);
  });

  it('reads HTML headings', () => {
    const text = '<h2>Impact</h2>\n<h2>Detection</h2>\n<p>An alert fired.</p>\n';
    assert.deepEqual(headings(text), ['<h2>Impact</h2>']);
  });

  it('message names the section', () => {
    const [found] = lint('# O\n\n## Impact\n\n## Detection\n\nAlert.\n', {
      only: [RULE],
    }).diagnostics;
    assert.equal(found?.message, 'Section `Impact` is empty. Write it or remove the heading.');
    assert.equal(found?.data?.['sectionId'], 'impact');
  });
});
