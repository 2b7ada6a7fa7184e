import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Linter, lintWholeDocument } from '../../src/core';
import { IncrementalParser } from '../../src/core/incremental/parser';
import { findSplitPoints } from '../../src/core/incremental/split';
import { parseMarkdown } from '../../src/core/model/parse';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const CORPUS = ['real', 'tricky'].flatMap((folder) =>
  readdirSync(path.join(FIXTURES, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({
      name: `${folder}/${name}`,
      text: readFileSync(path.join(FIXTURES, folder, name), 'utf8').replace(/^\uFEFF/, ''),
    })),
);
const LONG_LOG = CORPUS.find((entry) => entry.name.includes('incident-log-long'));

/** Plain JSON form of a tree, so that deep equality ignores prototypes and undefined fields. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function assertSameTree(text: string, parser = new IncrementalParser()): void {
  assert.deepEqual(plain(parser.parse(text)), plain(parseMarkdown(text)), JSON.stringify(text));
}

/** Markdown that changes how neighbouring parts parse when an edit puts it in a document. */
const SNIPPETS = [
  '```',
  '~~~',
  '\n```\n',
  '<!--',
  '-->',
  '\n<!--\n',
  '<div>',
  '\n<div>\n',
  '\n<details>\n',
  '\n',
  '\n\n',
  '\r',
  '\r\n',
  '# ',
  '\n# Heading\n',
  '\n## Timeline\n',
  '[x]: http://example.com',
  '\n[x]: http://example.com\n',
  '\n[Mixed Case]: <y>\n',
  '[x]',
  '[mixed   case]',
  '[^1]',
  '\n[^1]: note\n',
  '---',
  '\n---\n',
  '\uFEFF',
  '+++',
  '> ',
  '- ',
  '1. ',
  '    ',
  '\t',
  '| a | b |\n|---|---|\n',
  '<script>',
  '</script>',
  '<?',
  '?>',
  '<![CDATA[',
  ']]>',
  '*',
  '`',
  '\\',
  '\u00a0',
  '😀',
];

type Edit = { at: number; remove: number; insert: string };

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 60 })),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 }), fc.constant('')),
});

function applyEdit(text: string, edit: Edit): string {
  const at = edit.at % (text.length + 1);
  return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
}

describe('incremental parsing and linting', () => {
  describe('parts', () => {
    it('cuts documents at ATX headings outside fences, comments and frontmatter', () => {
      const text = [
        '---',
        '# not a heading: YAML comment',
        '---',
        '# Title',
        '```',
        '# shell comment',
        '```',
        '<!--',
        '# commented out',
        '-->',
        '## Summary',
        'text',
      ].join('\n');
      const cuts = findSplitPoints(text).map((offset) =>
        text.slice(offset, text.indexOf('\n', offset)),
      );
      assert.deepEqual(cuts, ['# Title', '## Summary']);
    });

    for (const { name, text } of CORPUS) {
      it(`parses ${name} into the same tree as a whole parse`, () => assertSameTree(text));
    }

    const cases: Record<string, string> = {
      'a link definition in a later part':
        '# A\n\nsee [the runbook]\n\n# B\n\n[The  Runbook]: https://example.com\n',
      'a footnote defined in a later part': '# A\n\ntext[^1]\n\n# B\n\n[^1]: note\n',
      'a definition in a list item of another part': '# A\n\n[x]\n\n# B\n\n- [x]: http://a\n',
      'a fence open across a heading': '# A\n\n```\ncode\n\n# not a heading\n```\n\n# B\n',
      'a fence inside a list item': '# A\n\n- item\n  ```\n  code\n\n# B\n',
      'an HTML block with no blank line before a heading':
        '# A\n\n<div>\n# inside the block\n\n# B\n',
      'an HTML block with CRLF line endings': '# A\r\n\r\n<div>\r\n# inside\r\n\r\n# B\r\n',
      'an unclosed HTML comment': '# A\n\n<!--\n\n# B\n\n- item\n',
      'a processing instruction inside a list item': '# A\n\n- <?open\n\n# B\n',
      'unclosed frontmatter': '---\ntitle: x\n\n# A\n\n- a list item\n\n| a |\n|---|\n',
      'two identical parts': '# A\n\n## Notes\n\nTBD\n\n## Notes\n\nTBD\n',
      'lone CR line endings': '# A\r\rtext\r# B\r\r- item\r',
      'a definition after lone CR endings': 'Intro [TBD].\r## Timeline\r\r[TBD]: http://a\r',
      'a full reference after lone CR endings':
        '[insert summary][x]\r# Root Cause\r\r[x]: http://a\r',
      'a definition before frontmatter-like parts': '---\ntitle: x\n---\n\n[a]\n\n# B\n\n[a]: #\n',
      'a byte order mark left after linting removed one': '\uFEFF# A\n\ntext\n\n# B\n',
      'frontmatter after a byte order mark, closed past a heading':
        '\uFEFF---\n\n# Executive Summary\n\ntext\n---\n\n# B\n',
      'unclosed frontmatter after a byte order mark': '\uFEFF---\n\n# A\n\n- a list item\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(`parses ${name} as a whole parse does`, () => assertSameTree(text));
    }

    it('moves reused parts when an edit shifts them', () => {
      const parser = new IncrementalParser();
      const text = '# A\n\nfirst\n\n# B\n\n- second [x]\n\n# C\n\n[x]: #\n';
      assertSameTree(text, parser);
      assertSameTree(`intro\n\n${text}`, parser);
      assertSameTree(text.replace('first', 'the first'), parser);
    });
  });

  it('parses only the part an edit touched', function () {
    if (!LONG_LOG) this.skip();
    const text = LONG_LOG?.text ?? '';
    const linter = new Linter();
    linter.lint(text);
    const middle = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    linter.lint(`${text.slice(0, middle)}x${text.slice(middle)}`);
    assert.ok(findSplitPoints(text).length > 20);
    assert.equal(linter.lastParsedParts, 1);
  });

  it('gives the diagnostics of a whole-document lint after random edits to corpus documents', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS.filter((entry) => entry.text.length < 20_000)),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(editArbitrary, { minLength: 1, maxLength: 6 }),
        (document, lineEnding, edits) => {
          const linter = new Linter();
          let text = document.text.replace(/\r\n|\r|\n/g, lineEnding);
          linter.lint(text);
          for (const edit of edits) {
            text = applyEdit(text, edit);
            const incremental = linter.lint(text);
            const whole = lintWholeDocument(text);
            assert.deepEqual(plain(incremental.diagnostics), plain(whole.diagnostics));
            assert.deepEqual(plain(incremental.postmortem.tree), plain(whole.postmortem.tree));
          }
        },
      ),
      {
        numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 60),
        seed: Number(process.env['INCREMENTAL_SEED'] ?? 20261204),
      },
    );
  });
});
