import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { lint } from '../../../src/core';

// Each input puts a 100 KB run of one character where a rule's patterns read it. Before the
// patterns were rewritten, several of these took from 13 to over 40 seconds.
const RUN = 100_000;
const spaces = ' '.repeat(RUN);

const WORST_INPUTS: Record<string, string> = {
  'spaces after an owner label': `# T\n\n## Action Items\n\n- owner:${spaces}x\n`,
  'spaces after an owner name': `# T\n\n## Action Items\n\n- Fix it (owner: bob${spaces}x\n`,
  'spaces in an owner table cell': `# T\n\n## Action Items\n\n| Action |\n|---|\n| owner: bob${spaces}; |\n`,
  'spaces after a done status': `# T\n\n## Action Items\n\n- Fix it\n  status:${spaces}x\n`,
  'spaces after a time': `# T\n\n## Timeline\n\n- 10:00${spaces}x\n`,
  'spaces before a timezone': `# T\n\n## Timeline\n\n- 10:00${spaces}(UTC\n`,
  'spaces after unknown': `# T\n\n## Root Cause\n\nunknown${spaces}x\n`,
  'spaces in a heading': `# T\n\n## Timeline ${spaces}x\n`,
  'spaces in a TOML value': `+++\nk =${spaces}x\n+++\n`,
  'spaces in a YAML key': `---\na: 1\na${spaces}\n---\n`,
  'spaces after a metadata label': `# T\n\nDate${spaces}x\n`,
  asterisks: `# T\n\n## Root Cause\n\n${'*'.repeat(RUN)}\n`,
  underscores: `# T\n\n## Root Cause\n\n${'_'.repeat(RUN)}\n`,
  pipes: `# T\n\n## Timeline\n\n${'|'.repeat(RUN)}\n`,
  digits: `# T\n\n## Timeline\n\n- ${'1'.repeat(RUN)}\n`,
  colons: `---\ntitle${':'.repeat(RUN)}\n---\n# T\n`,
  'open brackets': `# T\n\n## Action Items\n\n- ${'['.repeat(RUN)}\n`,
  'open parentheses in a heading': `# ${'('.repeat(RUN)}\n`,
  'open brackets in a table header': `| Time ${'('.repeat(RUN)} | Event |\n|---|---|\n| 10:00 | x |\n`,
  backticks: `# T\n\n${'`'.repeat(RUN)}\n`,
  'repeated negations': `# T\n\n## Root Cause\n\n${'not '.repeat(RUN / 4)}careless\n`,
  'repeated words': `# T\n\n## Executive Summary\n\n${'word '.repeat(RUN / 5)}\n`,
  'angle brackets': `<h2>${'<'.repeat(RUN)}\n`,
  hyphens: `# T\n\n## Timeline\n\n${'-'.repeat(RUN)}x\n`,
  'closing hashes': `# T\n\n## Timeline ${'#'.repeat(RUN)}x #\n`,
};

/** Generous bound on a 2-core machine; the slowest input measured about 2 s. */
const BOUND_MS = 8_000;

describe('regex worst inputs', function () {
  this.timeout(BOUND_MS * 3);
  for (const [name, text] of Object.entries(WORST_INPUTS)) {
    it(name, () => {
      const start = performance.now();
      const { diagnostics } = lint(text);
      const elapsed = performance.now() - start;
      assert.ok(Array.isArray(diagnostics));
      assert.ok(elapsed < BOUND_MS, `${name}: ${elapsed.toFixed(0)} ms`);
    });
  }
});
