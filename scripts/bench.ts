// Measures what linting costs on top of parsing: for each corpus document, the time of a
// full lint divided by the time of the remark parse alone, in one run on one machine.
// Usage: npm run bench [-- --iterations 20]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint } from '../src/core';
import { parseMarkdown } from '../src/core/model/parse';

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 20;
const directory = path.join(__dirname, '..', 'test', 'fixtures', 'real');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(action: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    action();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: string[] = [];
let totalParse = 0;
let totalLint = 0;
for (const name of readdirSync(directory).filter((file) => file.endsWith('.md') && file !== 'SOURCES.md').sort()) {
  const text = readFileSync(path.join(directory, name), 'utf8');
  lint(text); // warm up the parser and the rules once
  const parse = time(() => parseMarkdown(text));
  const full = time(() => lint(text));
  totalParse += parse;
  totalLint += full;
  rows.push(`| ${name} | ${(text.length / 1024).toFixed(1)} | ${parse.toFixed(2)} | ${full.toFixed(2)} | ${(full / parse).toFixed(2)} |`);
}

console.log(`Median of ${iterations} runs per document, Node ${process.version}.\n`);
console.log('| document | KiB | parse ms | lint ms | lint / parse |');
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`| all | | ${totalParse.toFixed(1)} | ${totalLint.toFixed(1)} | ${(totalLint / totalParse).toFixed(2)} |`);
