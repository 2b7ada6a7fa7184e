import assert from 'node:assert/strict';
import { lint } from '../../src/core';

function find(text: string, ruleId: string) {
  return lint(text).diagnostics.filter((d) => d.ruleId === ruleId);
}

describe('positions', () => {
  const body = '## Root Cause\n\nHuman error.\n';

  it('BOM does not shift columns', () => {
    const plain = find(`# T\n\n${body}`, 'vague-root-cause');
    const withBom = find(`\uFEFF# T\n\n${body}`, 'vague-root-cause');
    assert.ok(plain.length > 0);
    assert.deepEqual(
      withBom.map((d) => [d.line, d.column, d.endLine, d.endColumn]),
      plain.map((d) => [d.line, d.column, d.endLine, d.endColumn]),
    );
  });

  it('CRLF gives the same lines and columns as LF', () => {
    const lf = find(`# T\n\n${body}`, 'vague-root-cause');
    const crlf = find(`# T\r\n\r\n${body.replace(/\n/g, '\r\n')}`, 'vague-root-cause');
    assert.deepEqual(
      crlf.map((d) => [d.line, d.column, d.endLine, d.endColumn]),
      lf.map((d) => [d.line, d.column, d.endLine, d.endColumn]),
    );
  });

  it('emoji count as two UTF-16 code units', () => {
    const text = '# T\n\n| Field | Value |\n|---|---|\n| Severity | 🔥 SEV9 |\n';
    const [severity] = find(text, 'invalid-metadata');
    assert.ok(severity);
    assert.equal(severity.line, 5);
    assert.equal(severity.column, 14);
    assert.equal(severity.endColumn, 14 + '🔥 SEV9'.length);
  });

  it('empty document does not throw', () => {
    assert.doesNotThrow(() => lint(''));
    assert.ok(lint('').diagnostics.every((d) => d.line === 1));
  });

  it('unusual input does not throw', () => {
    const inputs = [
      '---\n',
      '+++\n+++\n',
      '---\n: : :\n---\n',
      '# \n\n##\n',
      '| a |\n|---|\n|',
      '\r\r\r',
      '- [ ]\n',
    ];
    for (const input of inputs) {
      const result = lint(input);
      assert.ok(!result.diagnostics.some((d) => d.message.startsWith('Rule `')), input);
    }
  });
});

describe('sections in HTML', () => {
  it('raw HTML headings count as sections', () => {
    const text = '<h1>Outage</h1>\n<h2>Timeline:</h2>\n<p>10:00 start</p>\n';
    const ids = lint(text).postmortem.sections.map((section) => section.id);
    assert.ok(ids.includes('timeline'));
  });

  it('headings in HTML comments do not count', () => {
    const text = '# Outage\n\n<!--\n<h2>Timeline</h2>\n\n## Root Cause\n-->\n';
    const ids = lint(text).postmortem.sections.map((section) => section.id);
    assert.ok(!ids.includes('timeline'));
    assert.ok(!ids.includes('root-cause'));
  });

  it('headings in code blocks do not count', () => {
    const text = '# Outage\n\n```\n## Timeline\n```\n';
    const ids = lint(text).postmortem.sections.map((section) => section.id);
    assert.ok(!ids.includes('timeline'));
  });
});
