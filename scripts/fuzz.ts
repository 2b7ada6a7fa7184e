// Runs the lint properties of test/unit/properties over many generated and mutated documents.
// Usage: npm run fuzz [-- --seed N] [--runs N] [--workers N]
//        npm run fuzz -- --property NAME --seed N --path P   (replays one failure)
// The runs are split between worker processes and, in each, into chunks of 1,000 documents,
// each chunk with a seed derived from --seed, so the same arguments check the same documents. A failure prints the property, the seed and
// path to replay it and fast-check's shrunk counterexample; the exit code is then 1.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import {
  corpusDocuments,
  lintOptions,
  mutatedCorpus,
  mutatedPostmortem,
} from '../test/unit/properties/arbitraries';
import { checkDocument } from '../test/unit/properties/check';

interface Options {
  seed: number;
  runs: number;
  workers: number;
  property?: string;
  path?: string;
  worker?: number;
}

/** The properties, each a share of the runs. */
const PROPERTIES = {
  generated: () =>
    fc.property(mutatedPostmortem, lintOptions, (text, options) => {
      timed(text, () => checkDocument(text, options));
    }),
  corpus: () => {
    const corpus = corpusDocuments();
    return fc.property(mutatedCorpus(corpus), ({ text }) => {
      timed(text, () => checkDocument(text));
    });
  },
};

type PropertyName = keyof typeof PROPERTIES;

/** Slowest document seen by this process, reported at the end. */
let slowest = { milliseconds: 0, length: 0 };

function timed(text: string, check: () => void): void {
  const start = performance.now();
  check();
  const milliseconds = performance.now() - start;
  if (milliseconds > slowest.milliseconds) slowest = { milliseconds, length: text.length };
  if (process.env.FUZZ_SLOW && milliseconds > Number(process.env.FUZZ_SLOW)) {
    console.error(`slow: ${milliseconds.toFixed(0)} ms ${JSON.stringify(text)}`);
  }
}

function readOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const number = (flag: string, fallback: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isSafeInteger(parsed)) throw new Error(`${flag} must be an integer, got ${raw}`);
    return parsed;
  };
  const options: Options = {
    seed: number('--seed', Math.floor(Math.random() * 2 ** 31)),
    runs: number('--runs', 100_000),
    workers: number('--workers', 2),
  };
  const property = value('--property');
  if (property !== undefined) {
    if (!(property in PROPERTIES)) {
      throw new Error(`--property must be one of ${Object.keys(PROPERTIES).join(', ')}`);
    }
    options.property = property;
  }
  const path = value('--path');
  if (path !== undefined) options.path = path;
  const worker = value('--worker');
  if (worker !== undefined) options.worker = Number(worker);
  return options;
}

interface WorkerResult {
  worker: number;
  documents: number;
  failures: string[];
  slowest: { milliseconds: number; length: number };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs one property with fast-check; returns the documents checked and the failure report. */
function runProperty(
  name: PropertyName,
  seed: number,
  runs: number,
  path?: string,
): { documents: number; failures: string[] } {
  const parameters: fc.Parameters<unknown> = { seed, numRuns: runs };
  if (path !== undefined) parameters.path = path;
  const property = PROPERTIES[name]() as fc.IProperty<unknown>;
  const details = fc.check(property, parameters);
  if (!details.failed) return { documents: details.numRuns, failures: [] };
  const report =
    `property ${name} failed: replay with npm run fuzz -- --property ${name} ` +
    `--seed ${details.seed} --path ${details.counterexamplePath ?? ''}\n` +
    (fc.defaultReportMessage(details) ?? '') +
    `\nError: ${describeError(details.errorInstance)}`;
  return { documents: details.numRuns, failures: [report] };
}

/** Documents per fast-check run: a failure ends its chunk only, and the next chunk goes on. */
const CHUNK = 1_000;

/** Seed of one chunk, derived from the run's seed so the same arguments repeat the run. */
function chunkSeed(seed: number, worker: number, chunk: number): number {
  return (seed + worker * 1_000_003 + chunk * 7_919) | 0;
}

/**
 * Runs a worker's share in chunks: half the documents generated and half mutated from the
 * corpus. A failure ends its chunk; the documents checked until then count, and further chunks
 * make up the share.
 */
function runWorker(options: Options, worker: number): WorkerResult {
  const share = Math.ceil(options.runs / options.workers);
  const failures: string[] = [];
  let documents = 0;
  for (let chunk = 0; documents < share; chunk++) {
    const runs = Math.min(CHUNK, share - documents);
    const name: PropertyName = chunk % 2 === 0 ? 'generated' : 'corpus';
    const result = runProperty(name, chunkSeed(options.seed, worker, chunk), runs);
    documents += result.documents;
    failures.push(...result.failures);
    if (result.documents === 0) break;
  }
  return { worker, documents, failures, slowest };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));

  if (options.worker !== undefined) {
    process.send?.(runWorker(options, options.worker));
    return;
  }

  const started = performance.now();
  if (options.property !== undefined) {
    const name = options.property as PropertyName;
    const { failures } = runProperty(name, options.seed, options.runs, options.path);
    for (const failure of failures) console.error(failure);
    console.log(
      `replayed ${name} with seed ${options.seed}: ${failures.length ? 'FAILED' : 'passed'}`,
    );
    process.exitCode = failures.length ? 1 : 0;
    return;
  }

  console.log(
    `fuzz: seed ${options.seed}, ${options.runs} documents, ${options.workers} worker processes`,
  );
  const results = await Promise.all(
    Array.from({ length: options.workers }, (_, worker) => spawnWorker(options, worker)),
  );
  const seconds = (performance.now() - started) / 1000;
  const failures = results.flatMap((result) => result.failures);
  for (const result of results) {
    console.log(
      `worker ${result.worker}: ${result.documents} ` +
        `documents, slowest ${result.slowest.milliseconds.toFixed(0)} ms ` +
        `(${result.slowest.length} characters)`,
    );
  }
  for (const failure of failures) console.error(`\n${failure}`);
  const documents = results.reduce((sum, result) => sum + result.documents, 0);
  console.log(
    `fuzz: ${documents} documents in ${seconds.toFixed(1)} s, seed ${options.seed}: ` +
      (failures.length ? `${failures.length} property failures` : 'no failures'),
  );
  process.exitCode = failures.length ? 1 : 0;
}

function spawnWorker(options: Options, worker: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      __filename,
      [
        '--seed',
        String(options.seed),
        '--runs',
        String(options.runs),
        '--workers',
        String(options.workers),
        '--worker',
        String(worker),
      ],
      { execArgv: ['--import', 'tsx'] },
    );
    let result: WorkerResult | undefined;
    child.on('message', (message) => {
      result = message as WorkerResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`fuzz worker ${worker} exited with code ${code} before reporting`));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
