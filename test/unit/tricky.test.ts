import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, type LintDiagnostic } from '../../src/core';

const directory = path.join(__dirname, '..', 'fixtures', 'tricky');

function diagnosticsOf(name: string): LintDiagnostic[] {
  return lint(readFileSync(path.join(directory, name), 'utf8')).diagnostics;
}

function summary(diagnostics: LintDiagnostic[]): string {
  return diagnostics
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)
    .join('\n');
}

// Each of these documents states what it expects in an HTML comment at its top.
describe('hand-written edge cases', () => {
  it('BOM and CRLF: only the unowned action item', () => {
    const found = diagnosticsOf('01-bom-crlf-frontmatter.md');
    assert.deepEqual(
      found.map((d) => [d.ruleId, d.line]),
      [['action-item-owner', 54]],
      summary(found),
    );
  });

  it('setext and numbered headings: no problems', () => {
    const found = diagnosticsOf('02-setext-and-numbered-headings.md');
    assert.deepEqual(found, [], summary(found));
  });

  it('heading-less document: at most one information note', () => {
    const found = diagnosticsOf('03-headingless-list-and-bold-sections.md');
    assert.ok(found.length <= 1, summary(found));
    assert.ok(
      found.every((d) => d.severity === 'info'),
      summary(found),
    );
  });

  it('midnight rollover: only the 01:10 entry', () => {
    const found = diagnosticsOf('04-midnight-rollover-bullets.md');
    assert.deepEqual(
      found.map((d) => [d.ruleId, d.line]),
      [['timeline-order', 37]],
      summary(found),
    );
  });

  it('mixed timezones and placeholders: one order problem', () => {
    const found = diagnosticsOf('06-table-mixed-timezones-placeholders.md');
    const order = found.filter((d) => d.ruleId === 'timeline-order');
    assert.deepEqual(
      order.map((d) => d.line),
      [35],
      summary(found),
    );
    // Allowed besides: notes on unreadable times and the unfilled template row on line 28.
    const others = found.filter((d) => d.ruleId !== 'timeline-order');
    for (const d of others) {
      const allowed =
        (d.ruleId === 'timeline-time' && d.severity === 'info' && [28, 32, 33].includes(d.line)) ||
        (d.ruleId === 'placeholder' && d.line === 28);
      assert.ok(allowed, `unexpected: ${summary([d])}`);
    }
  });

  it('invalid YAML: positioned syntax errors only', () => {
    const found = diagnosticsOf('08-frontmatter-invalid-yaml.md');
    assert.deepEqual(
      found.map((d) => [d.ruleId, d.line, d.column]),
      [
        ['frontmatter-syntax', 2, 8],
        ['frontmatter-syntax', 4, 11],
        ['frontmatter-syntax', 4, 19],
      ],
      summary(found),
    );
  });

  it('leading rule read as frontmatter: no problems', () => {
    const found = diagnosticsOf('09-leading-rule-swallowed-as-frontmatter.md');
    assert.deepEqual(found, [], summary(found));
  });
});
