import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { lint } from '../../../src/core';

// Documents far beyond any real postmortem. Each must lint without throwing within a generous
// bound; docs/limits.md records the measured times.
interface Case {
  name: string;
  build: () => string;
  boundMs: number;
}

const CASES: Case[] = [
  { name: '50,000 nested list levels', build: () => `${'- '.repeat(50_000)}x`, boundMs: 20_000 },
  {
    name: '6,000 nested blockquotes',
    build: () => `${'>'.repeat(6_000)} x\n`,
    boundMs: 20_000,
  },
  {
    name: '5 MB single line',
    build: () => `# T\n\n## Root Cause\n\n${'The cache had no TTL because '.repeat(180_000)}\n`,
    boundMs: 60_000,
  },
  {
    name: '100,000 table rows',
    build: () =>
      `# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n${Array.from(
        { length: 100_000 },
        (_, i) =>
          `| ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | step ${i} |`,
      ).join('\n')}\n`,
    boundMs: 60_000,
  },
  {
    name: '10,000 headings',
    build: () =>
      Array.from({ length: 10_000 }, (_, i) => `## Section ${i}\n\nText ${i}.\n`).join('\n'),
    boundMs: 30_000,
  },
];

describe('pathological documents', function () {
  for (const { name, build, boundMs } of CASES) {
    it(name, function () {
      this.timeout(boundMs * 2);
      const text = build();
      const start = performance.now();
      const { diagnostics } = lint(text);
      const elapsed = performance.now() - start;
      assert.ok(
        diagnostics.every((d) => d.data?.['internalError'] === undefined),
        'a rule failed',
      );
      assert.ok(elapsed < boundMs, `${name}: ${elapsed.toFixed(0)} ms, bound ${boundMs} ms`);
    });
  }
});
