import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../../src/core';
import {
  corpusDocuments,
  lintOptions,
  mutate,
  mutatedCorpus,
  mutatedPostmortem,
  postmortem,
} from './arbitraries';
import { checkDocument, renderSnippet } from './check';

// A short slice of `npm run fuzz`: the same properties over a few hundred documents per run.
// FUZZ_RUNS scales it up and FUZZ_SEED picks other documents; the fixed default seed makes the
// unit run repeatable. fast-check prints the seed and the shrunk input of a failure.
const runs = Number(process.env.FUZZ_RUNS ?? 150);
const seed = Number(process.env.FUZZ_SEED ?? 20261204);

describe('lint properties', function () {
  this.timeout(120_000);
  const corpus = corpusDocuments();

  it('generated postmortems', () => {
    fc.assert(
      fc.property(mutatedPostmortem, lintOptions, (text, options) => checkDocument(text, options)),
      { numRuns: runs, seed },
    );
  });

  it('mutated corpus documents', () => {
    fc.assert(
      fc.property(mutatedCorpus(corpus), ({ text }) => checkDocument(text)),
      { numRuns: Math.ceil(runs / 2), seed },
    );
  });

  it('truncation at every index of one document', () => {
    const document = corpus.find((entry) => entry.name === 'tricky/01-bom-crlf-frontmatter.md');
    assert.ok(document);
    const text = `${document.text}😀 end`;
    // Every 7th index plus the ones next to the emoji and the CRLF breaks near the top.
    for (let at = 0; at <= text.length; at++) {
      if (at % 7 !== 0 && at < text.length - 8 && at > 40) continue;
      checkDocument(mutate(text, { kind: 'truncate', at: at / (text.length + 1) }));
    }
  });

  it('no state carried between documents', () => {
    fc.assert(
      fc.property(postmortem, postmortem, (first, second) => {
        const before = JSON.stringify(lint(first).diagnostics);
        lint(second);
        assert.equal(JSON.stringify(lint(first).diagnostics), before);
      }),
      { numRuns: Math.ceil(runs / 5), seed },
    );
  });
});

describe('snippet rendering', () => {
  it('takes placeholder defaults', () => {
    assert.equal(renderSnippet('(owner: ${1:owner})'), '(owner: owner)');
  });

  it('takes the first choice', () => {
    assert.equal(renderSnippet('status: ${1|Draft,In Review,Final|}'), 'status: Draft');
  });

  it('resolves date variables', () => {
    assert.equal(renderSnippet('${1:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}'), '2024-05-06');
  });

  it('unescapes choice separators', () => {
    assert.equal(renderSnippet('${1|a\\,b,c|} \\$x'), 'a,b $x');
  });
});
