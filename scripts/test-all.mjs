// Runs every test suite in order: unit tests (npm test), integration tests in VS Code
// (npm run test:vscode) and the UI check of the packaged extension (npm run test:ui).
// Stops at the first step that fails and exits non-zero. Each step's output is streamed
// as it runs, its pass and fail counts are read from that output, and the last line is
// the total as "N passed, N failed".
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

const STEPS = [
  { name: 'unit', script: 'test', parse: parseMochaCounts },
  { name: 'integration', script: 'test:vscode', parse: parseHarnessCounts },
  { name: 'ui', script: 'test:ui', parse: parseHarnessCounts },
];

// Mocha's spec reporter closes with "N passing" and, when tests failed, "N failing".
function parseMochaCounts(output) {
  const passing = [...output.matchAll(/^\s*(\d+) passing\b/gm)].at(-1);
  if (!passing) return undefined;
  const failing = [...output.matchAll(/^\s*(\d+) failing\b/gm)].at(-1);
  return { passed: Number(passing[1]), failed: failing ? Number(failing[1]) : 0 };
}

// The VS Code harness prints "N passed, N failed" (ui mode: "ui: N passed, N failed").
function parseHarnessCounts(output) {
  const match = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed$/gm)].at(-1);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

/** Runs `npm run <script>`, echoing its output, and returns its exit code and output. */
function runNpmScript(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output: stripVTControlCharacters(output) }),
    );
  });
}

const started = Date.now();
const totals = { passed: 0, failed: 0 };
const summary = [];
let exitCode = 0;

for (const step of STEPS) {
  console.log(`\n=== ${step.name}: npm run ${step.script}`);
  const stepStarted = Date.now();
  const { code, output } = await runNpmScript(step.script);
  const seconds = Math.round((Date.now() - stepStarted) / 1000);
  const counts = step.parse(output);
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    summary.push(`${step.name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s`);
  } else {
    summary.push(
      `${step.name}: no test counts found in the output (exit code ${code}) after ${seconds} s`,
    );
  }
  if (code !== 0) {
    // A step that fails without reporting a failed test (a crash, a timeout) still counts as one.
    if (!counts || counts.failed === 0) totals.failed += 1;
    summary.push(`npm run ${step.script} failed with exit code ${code}; later steps did not run`);
    exitCode = 1;
    break;
  }
  if (!counts) {
    totals.failed += 1;
    summary.push(
      `npm run ${step.script} printed no test counts, so it cannot be confirmed that it ran any tests`,
    );
    exitCode = 1;
    break;
  }
}

console.log('\n=== summary');
for (const line of summary) console.log(line);
console.log(`total time: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
