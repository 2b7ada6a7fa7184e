// Measures the lint engine against the remark parse it is built on and against markdownlint, in
// one process and one run, so that the ratios compare like with like on whatever machine runs it:
//   (a) bare parse: remark-parse + remark-gfm + remark-frontmatter on the whole text, no rules;
//   (b) cold lint: a new Linter, so every part is parsed and every rule runs from scratch;
//   (c) re-lint: a Linter that linted the document, after a one-character edit in the middle;
//   (d) markdownlint 0.42 with its default rules on the same text.
// Each time is the median of several runs after one warm-up run. Peak memory is read in a child
// process per document and operation, so that one measurement's garbage cannot inflate another.
// Usage: npm run bench [-- --quick] [-- --write docs/benchmarks.md]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Linter, lint } from '../src/core';
import { parseMarkdown } from '../src/core/model/parse';
import { incidentLog, typicalPostmortem } from './bench-documents';

interface Document {
  name: string;
  text: string;
  runs: number;
}

const REAL_LOG = path.join(
  __dirname,
  '..',
  'test',
  'fixtures',
  'real',
  'moj-cloud-platform-incident-log-long.md',
);

function documents(quick: boolean): Document[] {
  const list: Document[] = [
    { name: 'typical postmortem (generated)', text: typicalPostmortem(), runs: 31 },
    { name: 'incident log (real)', text: readFileSync(REAL_LOG, 'utf8'), runs: 15 },
    { name: 'incident log 1 MB (generated)', text: incidentLog(1_000_000), runs: 5 },
  ];
  if (!quick)
    list.push({ name: 'incident log 10 MB (generated)', text: incidentLog(10_000_000), runs: 3 });
  return list;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Median time of `runs` calls, after one warm-up call. Documents measured with three runs or
 * fewer come after smaller ones that have warmed the code up, so they get no warm-up call.
 */
function time(runs: number, action: (run: number) => void): number {
  if (runs > 3) action(-1);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    action(run);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Peak resident memory, in MiB, that one operation adds, read from a child process. */
function peakMemory(document: string, operation: 'parse' | 'lint'): number {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', __filename, '--measure-memory', document, '--operation', operation],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return Number(output.trim());
}

function measureMemoryInChild(document: string, operation: string): void {
  const text = documents(false).find((entry) => entry.name === document)?.text ?? '';
  const before = process.memoryUsage().rss;
  if (operation === 'parse') parseMarkdown(text);
  else lint(text);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(String((peak - before) / 2 ** 20));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      write: { type: 'string' },
      'measure-memory': { type: 'string' },
      operation: { type: 'string', default: 'lint' },
    },
  });
  if (values['measure-memory'] !== undefined) {
    measureMemoryInChild(values['measure-memory'], values.operation);
    return;
  }
  const { lint: markdownlint } = await import('markdownlint/sync');

  const rows: string[] = [];
  const ratios: string[] = [];
  const coldTimes = new Map<string, number>();
  const memory = new Map<string, number>();
  for (const document of documents(values.quick)) {
    const { text, runs } = document;
    const progress = (step: string): void => {
      process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${document.name}: ${step}\n`);
    };
    progress(`${(text.length / 1024).toFixed(0)} KiB, parse`);
    const parse = time(runs, () => parseMarkdown(text));
    progress('cold lint');
    const cold = time(runs, () => lint(text));
    const middle = Math.floor(text.length / 2);
    const versions = [text.slice(0, middle) + 'x' + text.slice(middle), text];
    progress('re-lint');
    const linter = new Linter();
    linter.lint(text);
    // Each run lints the other version, so every run gets a one-character change.
    const relint = time(runs * 3, (run) => linter.lint(versions[(run + 2) % 2] ?? text));
    const reparsedParts = linter.lastParsedParts;
    progress('markdownlint');
    const markdownlintTime = time(runs, () => markdownlint({ strings: { document: text } }));
    progress('peak memory');
    const parseMemory = peakMemory(document.name, 'parse');
    const lintMemory = peakMemory(document.name, 'lint');
    coldTimes.set(document.name, cold);
    memory.set(document.name, lintMemory);
    rows.push(
      `| ${document.name} | ${(text.length / 1024).toFixed(0)} | ${parse.toFixed(1)} | ${cold.toFixed(1)} | ` +
        `${relint.toFixed(2)} (${reparsedParts} part${reparsedParts === 1 ? '' : 's'}) | ${markdownlintTime.toFixed(1)} | ` +
        `${parseMemory.toFixed(0)} | ${lintMemory.toFixed(0)} |`,
    );
    ratios.push(
      `| ${document.name} | ${(cold / parse).toFixed(2)} | ${(relint / parse).toFixed(3)} | ` +
        `${(relint / markdownlintTime).toFixed(3)} | ${(cold / markdownlintTime).toFixed(2)} |`,
    );
  }

  const lines = [
    `Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} (${os.cpus().length} cores), ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} at the end of the run, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'Times in milliseconds (median), memory in MiB of peak resident memory added by one call.',
    '',
    '| document | KiB | (a) parse | (b) cold lint | (c) re-lint after 1-char edit | (d) markdownlint | parse MiB | lint MiB |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| document | cold lint / parse | re-lint / parse | re-lint / markdownlint | cold lint / markdownlint |',
    '|---|---|---|---|---|',
    ...ratios,
  ];
  const small = coldTimes.get('incident log 1 MB (generated)');
  const large = coldTimes.get('incident log 10 MB (generated)');
  if (small && large) {
    const smallMemory = memory.get('incident log 1 MB (generated)') ?? 0;
    const largeMemory = memory.get('incident log 10 MB (generated)') ?? 0;
    lines.push(
      '',
      `Growth from 1 MB to 10 MB: cold lint time x${(large / small).toFixed(2)}, ` +
        `lint peak memory x${(largeMemory / smallMemory).toFixed(2)} (the text grows x10).`,
    );
  }
  const table = lines.join('\n');
  console.log(table);
  if (values.write) {
    const file = values.write;
    const current = readFileSync(file, 'utf8');
    const marker = '<!-- results -->';
    const head = current.includes(marker)
      ? current.slice(0, current.indexOf(marker))
      : `${current.trimEnd()}\n\n`;
    writeFileSync(file, `${head}${marker}\n\n${table}\n`);
    console.log(`\nwrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
