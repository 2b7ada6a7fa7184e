import assert from 'node:assert/strict';
import { applyTextEdits, lint, parseConfigText, type LintDiagnostic } from '../../src/core';
import { checkDocument, renderedEdits } from './properties/check';

function diagnosticsOf(text: string, ruleId: string): LintDiagnostic[] {
  return lint(text).diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId);
}

/**
 * Applies the first fix of the first diagnostic of `ruleId` whose message contains `about`,
 * typing `@sam` into an owner tab stop.
 */
function applyFix(text: string, ruleId: string, about = ''): string {
  const diagnostic = diagnosticsOf(text, ruleId).find((d) => d.message.includes(about));
  const fix = diagnostic?.fixes[0];
  assert.ok(fix, `no ${ruleId} fix about "${about}"`);
  const typed = {
    ...fix,
    edits: fix.edits.map((edit) => ({
      ...edit,
      newText: edit.newText.replace('${1:owner}', '@sam'),
    })),
  };
  return applyTextEdits(text, renderedEdits(typed));
}

function missingSections(text: string): string[] {
  return diagnosticsOf(text, 'missing-section').map((d) => d.data?.['section'] ?? '');
}

describe('fix regressions', () => {
  it('section appended after an unclosed fence', () => {
    const text = '# T\n\n## Timeline\n\n```\nlog line\n';
    const fixed = applyFix(text, 'missing-section', 'Lessons Learned');
    assert.ok(!missingSections(fixed).includes('lessons-learned'), fixed);
  });

  it('fence closed by a line ending in a BOM', () => {
    // U+FEFF is not a space to CommonMark, so the last line does not close the fence.
    const text = '# T\n\n```\nlog\n```\ufeff';
    const fixed = applyFix(text, 'missing-section', 'Lessons Learned');
    assert.ok(!missingSections(fixed).includes('lessons-learned'), JSON.stringify(fixed));
  });

  it('section appended after an unclosed comment', () => {
    const text = '# T\n\n## Timeline\n\n<!-- draft\n';
    const fixed = applyFix(text, 'missing-section', 'Lessons Learned');
    assert.ok(!missingSections(fixed).includes('lessons-learned'), fixed);
  });

  it('section inserted before a raw HTML heading', () => {
    const text = 'x<h1>Issue</h1>\n<h2>Duration:</h2>\n<h2>Impact:</h2>\n<p>All users.</p>\n';
    const fixed = applyFix(text, 'missing-section', 'Executive Summary');
    assert.ok(!missingSections(fixed).includes('executive-summary'), fixed);
    assert.ok(fixed.includes('<h2>Impact:</h2>'), fixed);
  });

  it('metadata field added to lone-CR frontmatter', () => {
    const text = '---\rtitle: Outage\r---\r\r# Outage\r';
    const fixed = applyFix(text, 'missing-metadata', 'Date');
    assert.ok(fixed.startsWith('---\rtitle: Outage\rdate: '), JSON.stringify(fixed));
    const again = diagnosticsOf(fixed, 'missing-metadata').map((d) => d.data?.['key']);
    assert.ok(!again.includes('date'), JSON.stringify(again));
  });

  it('owner column added to a row with extra cells', () => {
    const text =
      '# T\n\n## Action Items\n\n| Action | Type |\n| --- | --- |\n| Add alert | Detect | extra |\n';
    const fixed = applyFix(text, 'action-item-owner');
    assert.deepEqual(diagnosticsOf(fixed, 'action-item-owner'), [], fixed);
  });

  it('owner column added to a one-cell row', () => {
    const text = '# T\n\n## Action Items\n\n| Priority\n| ---\n| p1\n| \n';
    const fixed = applyFix(text, 'action-item-owner');
    assert.deepEqual(
      diagnosticsOf(fixed, 'action-item-owner').map((d) => d.message),
      [],
      JSON.stringify(fixed),
    );
  });

  it('inline owners kept when an owner column is added', () => {
    const text =
      '# T\n\n## Action Items\n\n| Time | Action |\n| --- | --- |\n| 1 | Add alert |\n| 2 | Rotate keys @alice |\n';
    const fixed = applyFix(text, 'action-item-owner', 'Add alert');
    assert.deepEqual(
      diagnosticsOf(fixed, 'action-item-owner').map((d) => d.message),
      [],
      fixed,
    );
  });

  it('timeline sort of many rows is linear', () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `| ${String(20_000 - i).padStart(5, '0')} | x |`,
    );
    const text = `# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n${rows.join('\n')}\n`;
    const start = Date.now();
    lint(text);
    assert.ok(Date.now() - start < 20_000);
  });

  it('timeline sort read again after rows move', () => {
    // `Jan 0` is no date, so its row takes the date of the row above. Moving the row changes
    // its date, and one sorting pass left it out of order.
    checkDocument(
      '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 1/1/2024 0:05 | the |\n' +
        '| 1/13/2024 0:05 | the |\n| Jan 0, 0:30 GMT+1 | the |\n',
    );
  });

  it('section inserted after a lone CR', () => {
    // The inserted text's first LF would join the CR before it into one CRLF break.
    const text =
      '| a |\n<h1>Issue</h1>\r<h2>Duration:</h2>\r<p>x</p>\r<h2>Impact:</h2>\r<p>y</p>\r';
    checkDocument(text);
    const fixed = applyFix(text, 'missing-section', 'Executive Summary');
    assert.ok(fixed.includes('<p>x</p>\r\r## Executive Summary\n'), JSON.stringify(fixed));
  });

  it('metadata lines broken by lone CRs', () => {
    // The lines were read as one, so an added `**Date:**` line was not seen and added again.
    checkDocument('\r\r# the\r\r**title:** **bold** the the:\r');
    const text = '# Outage\r\r**Date:** 2024-05-06\r**Severity:** SEV2\r';
    assert.deepEqual([...lint(text).postmortem.metadata.keys()].sort(), [
      'date',
      'severity',
      'title',
    ]);
  });

  it('section inserted after a BOM and frontmatter', () => {
    // The parser skips a second BOM, so `---` after it opens frontmatter that closes at the
    // last line. Parts were cut inside that frontmatter, and the tree differed from a whole parse.
    checkDocument('\ufeff\ufeff---\n\n# Executive Summary\n\nExecutive Summary\n---\n');
  });

  it('metadata field kept inside a swallowed block', () => {
    // Added after the closing `---`, the line became a setext heading over the `---` below it.
    const text =
      '---\n\n----\n\n# Executive Summary\n\n- **HH:mm**: the\n- **1999-00-00**: the\n\n' +
      'Executive Summary\n---\n---\n';
    checkDocument(text);
    const fixed = applyFix(text, 'missing-metadata', 'Title');
    assert.ok(fixed.includes('Executive Summary\n**Title:** TBD\n---\n'), JSON.stringify(fixed));
  });

  it('metadata field above blank lines in a swallowed block', () => {
    checkDocument('---\n\n----\n\n**title:** the\n\n**Notes**\n\n\n---\n');
  });

  it('section inserted after three BOMs', () => {
    // Linting removes one BOM and the parser skips the next, so the third hides the fence.
    checkDocument(
      '\ufeff\ufeff\ufeff---\n\n----\n\n# the\n\n| Field | Value |\n|---|---|\n\nExecutive Summary\n---\n',
    );
  });

  it('frontmatter added before an unclosed fence', () => {
    // The unclosed `---` stopped remark from reading the list until frontmatter went in front.
    const text = '---\nseverity: <br> the\n- a list\n- item\n----\n';
    checkDocument(text);
    const types = lint(text).postmortem.tree.children.map((node) => node.type);
    assert.deepEqual(types, ['thematicBreak', 'paragraph', 'list', 'thematicBreak']);
  });

  it('owner fix applied twice after two BOMs', () => {
    checkDocument('\ufeff\ufeff# T\n\n## Action Items\n\n- Add alert\n- Rotate keys\n');
  });

  it('second BOM keeps positions', () => {
    const text = '\ufeff\ufeff# Outage\n\n## Impact\n\nNone.\n';
    const title = lint(text).postmortem.sections[0];
    assert.equal(title?.heading.start, 1, 'the title starts after the second BOM');
  });
});

describe('broken frontmatter', () => {
  const body = '\n# Outage\n\n## Summary\n\nText.\n';
  const cases: Record<string, string> = {
    'invalid YAML': '---\ntitle: Outage: down\ndate: 2024-01-02\n---' + body,
    'YAML list': '---\n- a\n- b\n---' + body,
    'YAML scalar': '---\njust text\n---' + body,
    'TOML error': '+++\ntitle = Outage\ndate = "2024-01-02"\n+++' + body,
    'unclosed TOML': '+++\ntitle = "Outage"\n' + body,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: one diagnostic`, () => {
      const found = lint(text).diagnostics.filter((d) =>
        ['frontmatter-syntax', 'missing-metadata', 'invalid-metadata'].includes(d.ruleId),
      );
      assert.deepEqual(
        found.map((d) => d.ruleId),
        ['frontmatter-syntax'],
        found.map((d) => d.message).join('\n'),
      );
    });
  }

  it('YAML error span keeps emoji whole', () => {
    const text = '---\ntitle: 🔥 the: the\n\n---\n';
    const found = diagnosticsOf(text, 'frontmatter-syntax');
    assert.ok(found.length > 0);
    for (const d of found) {
      const code = text.charCodeAt(d.end - 1);
      assert.ok(code < 0xd800 || code > 0xdbff, `${d.end} splits the emoji`);
    }
  });

  it('CRLF YAML error span ends before the CR', () => {
    const text = '---\r\ntitle: Final\r\njust a scalar\r\n---\r\n# T\r\n';
    for (const d of diagnosticsOf(text, 'frontmatter-syntax')) {
      assert.notEqual(text.slice(d.end - 1, d.end + 1), '\r\n', d.message);
    }
  });
});

describe('bad configuration', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', 'profile: minimal', ''],
    ['array root', '[1, 2]', ''],
    ['profile of wrong type', '{ "profile": 3 }', '/profile'],
    ['unknown profile', '{ "profile": "strict" }', '/profile'],
    ['rules not an object', '{ "rules": [] }', '/rules'],
    ['unknown rule id', '{ "rules": { "no-blame": "off" } }', '/rules/no-blame'],
    ['list of wrong type', '{ "severities": "SEV1" }', '/severities'],
  ];
  for (const [name, text, path] of cases) {
    it(`${name}: one error naming the key`, () => {
      const { errors } = parseConfigText(text);
      assert.deepEqual(
        errors.map((error) => error.path),
        [path],
      );
      assert.ok(errors[0]?.line !== undefined, 'the error gives its line');
    });
  }

  it('valid keys apply beside a bad one', () => {
    const { errors, config } = parseConfigText('{ "profile": "minimal", "severities": 1 }');
    assert.equal(errors.length, 1);
    assert.equal(config.profile, 'minimal');
  });
});
