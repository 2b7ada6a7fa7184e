import assert from 'node:assert/strict';
import { lint } from '../../src/core';

const RULES = ['frontmatter-syntax', 'missing-metadata', 'invalid-metadata'];

function report(text: string): string[] {
  return lint(text, { only: RULES }).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`);
}

describe('frontmatter', () => {
  it('duplicate key is named in full', () => {
    const text = '---\ntitle: A\nstatus: Final\nstatus: Draft\n---\n';
    const [duplicate] = lint(text, { only: ['frontmatter-syntax'] }).diagnostics;
    assert.equal(
      duplicate?.message,
      'Frontmatter key `status` is written twice. Keep one of them.',
    );
    assert.equal(duplicate?.line, 4);
  });

  it('broken TOML reports its syntax only', () => {
    const text =
      '+++\ntitle = "A"\ndate = "2024-01-01"\nauthors = ["x"]\nstatus = Final\nseverity = "SEV2"\nduration = "1h"\n+++\n# A\n';
    assert.deepEqual(report(text), ['5:10 frontmatter-syntax']);
  });

  it('broken YAML value is not judged', () => {
    const text =
      '---\ntitle: A\ndate: 2024-01-01\nauthors: x\nstatus: [Final\nseverity: SEV2\nduration: 1h\n---\n# A\n';
    const found = report(text);
    assert.ok(
      found.every((line) => line.endsWith('frontmatter-syntax')),
      found.join('\n'),
    );
  });

  it('YAML 1.2 keeps dates and durations as text', () => {
    const text = '---\ndate: 2024-03-13\nduration: 1:30\n---\n';
    const { metadata } = lint(text).postmortem;
    assert.equal(metadata.get('date')?.value, '2024-03-13');
    assert.equal(metadata.get('duration')?.value, '1:30');
  });
});
