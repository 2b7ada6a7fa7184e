#!/usr/bin/env node
// Runs the extension in a real VS Code: code-server's bundled VS Code 1.100.3 with a Node
// extension host, shown in headless Debian Chromium through playwright-core. Nothing is
// downloaded, and every server binds to 127.0.0.1.
//
// Modes:
//   tests  Loads the extension from source (extensionDevelopmentPath) and runs the
//          integration suite (extensionTestsPath, a module exporting run()) in the extension
//          host. The suite writes {passes, failures} to $PM_TEST_RESULT_FILE.
//   ui     Installs the packaged .vsix, opens a workspace and one file, then checks what the
//          workbench shows: the Problems panel and the "Postmortem" tree view.
//   demo   Installs the .vsix and serves the examples workspace until Ctrl+C.
//
// Run with --help for the options. Exit codes: 0 passed, 1 a test or check failed,
// 3 harness error (bad usage, missing files, code-server or Chromium failed), 124 timed out,
// 130 interrupted.
//
// How the tests mode works: the web workbench reads
//   ?payload=[["extensionDevelopmentPath", URI], ["extensionTestsPath", URI]]
// from its URL. With vscode-remote:// URIs both load in the server's Node extension host.
// When run() settles, the workbench calls window.codeAutomationExit(code), and it sends its
// log lines to window.codeAutomationLog; the harness provides both functions to the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

import { launchBrowser, saveScreenshot } from './browser.mjs';
import { CodeServer, createProfile, removeProfile } from './code-server.mjs';
import {
  filterProblemsPanel,
  openProblemsPanel,
  pollUntil,
  readProblemsPanel,
  readTreeView,
  runCommand,
  waitForEditorTab,
  waitForWorkbench,
} from './workbench.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_CODE_SERVER = path.join(
  REPO_ROOT,
  '.harness',
  'code-server',
  'node_modules',
  'code-server',
);
const DEFAULT_VSIX = path.join(REPO_ROOT, 'blameless-postmortem.vsix');

const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_HARNESS_ERROR = 3;
const EXIT_TIMEOUT = 124;
const EXIT_INTERRUPTED = 130;

const DEFAULT_TIMEOUT_SECONDS = { tests: 300, ui: 300 };

// Workbench log lines that every offline start produces. They still go to
// extension-host.log but are not echoed to the terminal.
const QUIET_WORKBENCH_LOG = [
  /additional builtin extensions/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore:/,
];

const USAGE = `Usage: node test/harness/vscode-harness.mjs <tests|ui|demo> [options]

Common options:
  --code-server DIR    installed code-server package (default: .harness/code-server/node_modules/code-server,
                       or $PM_CODE_SERVER_DIR; bash scripts/setup.sh installs it)
  --chromium PATH      Chromium executable (default: $CHROMIUM_PATH or /usr/bin/chromium)
  --out DIR            folder for logs and screenshots, emptied first if an earlier run made it
                       (default: .harness/out/<mode>)
  --port N             port for code-server on 127.0.0.1 (default: a free port)
  --timeout SECONDS    limit for the whole run (default: 300; demo mode has none)

Relative paths in options are resolved against the current directory, and the defaults
against the repository root.

tests mode:
  --extension DIR      extension to load from source (default: the repository root)
  --tests FILE         compiled test entry exporting run() (default: out/test/vscode/index.js)
  --workspace DIR      folder to open (default: test/vscode/workspace)

ui mode:
  --vsix FILE          packaged extension (default: blameless-postmortem.vsix)
  --workspace DIR      folder to open (default: examples)
  --file PATH          file to open, relative to the workspace (required)
  --expect-problem T   text that a Problems panel row must contain (repeatable, at least one)
  --view-title T       title of the tree view to check (default: Postmortem)
  --expect-section S   tree item that must be listed without the "missing" description (repeatable)
  --expect-missing S   tree item that must be listed with the description "missing" (repeatable, at least one)
  --screenshots DIR    when every check passes, also write problems.png and tree-view.png there

demo mode:
  --vsix FILE          packaged extension (default: blameless-postmortem.vsix)
  --workspace DIR      folder to open (default: examples)
  --duration SECONDS   stop by itself after this long (default: run until Ctrl+C)
`;

const OPTIONS = {
  'code-server': { type: 'string' },
  chromium: { type: 'string' },
  out: { type: 'string' },
  port: { type: 'string' },
  timeout: { type: 'string' },
  extension: { type: 'string' },
  tests: { type: 'string' },
  workspace: { type: 'string' },
  vsix: { type: 'string' },
  file: { type: 'string' },
  'expect-problem': { type: 'string', multiple: true },
  'view-title': { type: 'string' },
  'expect-section': { type: 'string', multiple: true },
  'expect-missing': { type: 'string', multiple: true },
  screenshots: { type: 'string' },
  duration: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** An error in how the harness was called or set up, as opposed to a failing test. */
class HarnessError extends Error {}

function log(message) {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`[harness ${time}] ${message}`);
}

function parsePositiveNumber(value, optionName) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new HarnessError(`--${optionName} must be a positive number, got "${value}"`);
  }
  return number;
}

function requirePath(filePath, description, hint) {
  if (!fs.existsSync(filePath))
    throw new HarnessError(`${description} not found: ${filePath}. ${hint}`);
  return filePath;
}

/** Resolves a path option against the current directory, or its default against the repository root. */
function resolveOption(value, defaultInRepo) {
  return value === undefined ? path.resolve(REPO_ROOT, defaultInRepo) : path.resolve(value);
}

/** Collects what the run started, so that cleanup, a timeout or Ctrl+C can end it. */
class Session {
  constructor(outDir) {
    this.outDir = outDir;
    this.profile = undefined;
    this.server = undefined;
    this.browser = undefined;
    /** Folders the run created outside its output folder, removed by `close`. */
    this.temporaryFolders = [];
  }

  get page() {
    return this.browser?.page;
  }

  /** Starts code-server with a fresh profile, after installing `vsix` into it when given. */
  async startServer(options, { extraEnv, vsix } = {}) {
    const packageDir = path.resolve(
      options['code-server'] ?? process.env.PM_CODE_SERVER_DIR ?? DEFAULT_CODE_SERVER,
    );
    requirePath(
      path.join(packageDir, 'out', 'node', 'entry.js'),
      'code-server',
      'Run "bash scripts/setup.sh" to install it, or pass --code-server DIR.',
    );
    this.profile = createProfile(extraEnv);
    this.server = new CodeServer({
      packageDir,
      profile: this.profile,
      logFile: path.join(this.outDir, 'code-server.log'),
      log,
    });
    if (vsix) await this.server.installExtension(vsix);
    const port = options.port === undefined ? undefined : parsePositiveNumber(options.port, 'port');
    await this.server.start({ port });
    return this.server;
  }

  async openBrowser(options) {
    const executablePath = options.chromium ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    this.browser = await launchBrowser({ executablePath, outDir: this.outDir, log });
    return this.browser.page;
  }

  async screenshot(name) {
    if (!this.page) return undefined;
    return saveScreenshot(this.page, path.join(this.outDir, `${name}.png`), log);
  }

  /** Ends the browser and code-server, and removes the temporary profile. */
  async close() {
    const browser = this.browser;
    this.browser = undefined;
    await browser?.close().catch((error) => log(`closing Chromium failed: ${error.message}`));
    await this.server
      ?.stop()
      .catch((error) => log(`stopping code-server failed: ${error.message}`));
    this.server = undefined;
    if (this.profile) removeProfile(this.profile, path.join(this.outDir, 'vscode-logs'));
    this.profile = undefined;
    for (const folder of this.temporaryFolders.splice(0)) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
}

function formatLogArguments(logArguments) {
  if (Array.isArray(logArguments)) return util.format(...logArguments);
  return typeof logArguments === 'string' ? logArguments : util.inspect(logArguments);
}

// Failures of the workbench itself, after which no test can pass, so the harness starts
// everything again. Both were seen before any test ran: the remote extension host never
// reporting ready on a loaded machine, and a message between the browser and code-server
// arriving as invalid JSON (every test then timed out).
const WORKBENCH_FAILURE = [
  /Error received from starting extension host/,
  /took longer than \d+s to send its ready message/,
  /SyntaxError: .* in JSON at position \d+/,
];
const TEST_ATTEMPTS = 3;

async function runTests(options, session) {
  for (let attempt = 1; ; attempt++) {
    const outcome = await runTestsOnce(options, session);
    if (outcome !== 'workbench-failed') return outcome;
    if (attempt >= TEST_ATTEMPTS) {
      log(`the workbench failed ${attempt} times; giving up`);
      return EXIT_HARNESS_ERROR;
    }
    log(`the workbench failed (attempt ${attempt} of ${TEST_ATTEMPTS}); starting again`);
    await session.close();
  }
}

async function runTestsOnce(options, session) {
  const extensionPath = resolveOption(options.extension, '.');
  const testsPath = resolveOption(options.tests, 'out/test/vscode/index.js');
  const sourceWorkspace = resolveOption(options.workspace, 'test/vscode/workspace');
  requirePath(
    path.join(extensionPath, 'package.json'),
    'extension manifest',
    'Pass --extension DIR.',
  );
  requirePath(testsPath, 'integration test entry', 'Run "npm run build" first.');
  requirePath(sourceWorkspace, 'test workspace', 'Pass --workspace DIR.');
  // The suite edits, creates and deletes files: it works on a copy outside the repository, so
  // a failed run cannot leave the fixtures changed and no edit lands in the extension folder.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-test-workspace-'));
  session.temporaryFolders.push(workspace);
  fs.cpSync(sourceWorkspace, workspace, { recursive: true });

  const resultFile = path.join(session.outDir, 'result.json');
  fs.rmSync(resultFile, { force: true });
  const server = await session.startServer(options, {
    extraEnv: { PM_TEST_RESULT_FILE: resultFile },
  });
  const page = await session.openBrowser(options);

  let resolveExit;
  const runnerExit = new Promise((resolve) => (resolveExit = resolve));
  let resolveWorkbenchFailure;
  const workbenchFailure = new Promise((resolve) => (resolveWorkbenchFailure = resolve));
  const extensionHostLog = fs.createWriteStream(path.join(session.outDir, 'extension-host.log'));
  await page.exposeFunction('codeAutomationLog', (level, logArguments) => {
    const line = formatLogArguments(logArguments);
    if (WORKBENCH_FAILURE.some((pattern) => pattern.test(line))) {
      resolveWorkbenchFailure('workbench-failed');
    }
    if (!extensionHostLog.writableEnded) extensionHostLog.write(`[${level}] ${line}\n`);
    if (!QUIET_WORKBENCH_LOG.some((pattern) => pattern.test(line)))
      console.log(`[vscode ${level}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const pageCrash = new Promise((_, reject) =>
    page.once('crash', () => reject(new HarnessError('the workbench page crashed'))),
  );

  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
  ];
  log(`running ${testsPath} in workspace ${workspace}`);
  await page.goto(server.workbenchUrl(workspace, payload), { timeout: 60_000 });
  const exitCode = await Promise.race([runnerExit, pageCrash, workbenchFailure]);
  extensionHostLog.end();
  if (exitCode === 'workbench-failed') return exitCode;
  log(`test runner finished with exit code ${exitCode}`);
  await session.screenshot('after-tests');

  let result;
  try {
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch (error) {
    log(
      `the test runner wrote no valid result to PM_TEST_RESULT_FILE (${resultFile}): ${error.message}`,
    );
    return exitCode === 0 ? EXIT_HARNESS_ERROR : EXIT_FAILED;
  }
  const passes = Number(result.passes);
  const failures = Number(result.failures);
  if (!Number.isInteger(passes) || !Number.isInteger(failures)) {
    log(
      `invalid result in ${resultFile}: ${JSON.stringify(result)}; expected {"passes": N, "failures": N}`,
    );
    return EXIT_HARNESS_ERROR;
  }
  for (const line of Array.isArray(result.measurements) ? result.measurements : []) {
    console.log(`measured: ${line}`);
  }
  console.log(`${passes} passed, ${failures} failed`);
  if (passes + failures === 0) {
    log('the integration suite ran no tests');
    return EXIT_FAILED;
  }
  return exitCode === 0 && failures === 0 ? EXIT_PASSED : EXIT_FAILED;
}

/** Checks the tree view rows against the expected sections and records one result per section. */
function checkTreeItems(items, expectedSections, expectedMissing, viewTitle) {
  const results = [];
  for (const section of expectedSections) {
    const item = items.find((candidate) => candidate.label === section);
    const ok = Boolean(item) && item.description !== 'missing';
    const detail = item ? `description "${item.description}"` : 'not listed';
    results.push({ name: `"${viewTitle}" view lists "${section}" as present`, ok, detail });
  }
  for (const section of expectedMissing) {
    const item = items.find((candidate) => candidate.label === section);
    const ok = item?.description === 'missing';
    const detail = item ? `description "${item.description}"` : 'not listed';
    results.push({ name: `"${viewTitle}" view marks "${section}" missing`, ok, detail });
  }
  return results;
}

function treeItemsMatch(items, expectedSections, expectedMissing) {
  const has = (label, isMissing) =>
    items.some((item) => item.label === label && (item.description === 'missing') === isMissing);
  return (
    expectedSections.every((label) => has(label, false)) &&
    expectedMissing.every((label) => has(label, true))
  );
}

async function runUi(options, session) {
  const vsix = requirePath(
    resolveOption(options.vsix, DEFAULT_VSIX),
    'extension package',
    'Run "npm run package" first.',
  );
  const workspace = requirePath(
    resolveOption(options.workspace, 'examples'),
    'workspace',
    'Pass --workspace DIR.',
  );
  if (!options.file)
    throw new HarnessError('ui mode needs --file PATH, the file to open in the workspace');
  const filePath = requirePath(
    path.resolve(workspace, options.file),
    'file to open',
    'Pass --file relative to --workspace.',
  );
  const expectedProblems = options['expect-problem'] ?? [];
  const expectedSections = options['expect-section'] ?? [];
  const expectedMissing = options['expect-missing'] ?? [];
  const viewTitle = options['view-title'] ?? 'Postmortem';
  if (expectedProblems.length === 0)
    throw new HarnessError('ui mode needs at least one --expect-problem TEXT');
  if (expectedMissing.length === 0)
    throw new HarnessError('ui mode needs at least one --expect-missing SECTION');

  const server = await session.startServer(options, { vsix });
  const page = await session.openBrowser(options);
  const payload = [['openFile', server.remoteUri(filePath)]];
  await page.goto(server.workbenchUrl(workspace, payload), { timeout: 60_000 });
  await waitForWorkbench(page);
  await waitForEditorTab(page, path.basename(filePath));
  log(`opened ${filePath}`);

  const items = await readTreeView(page, viewTitle, {
    until: (rows) => treeItemsMatch(rows, expectedSections, expectedMissing),
  });
  log(`"${viewTitle}" view rows: ${JSON.stringify(items)}`);
  const checks = checkTreeItems(items, expectedSections, expectedMissing, viewTitle);
  const treeScreenshot = await session.screenshot('tree-view');

  await openProblemsPanel(page);
  const containsAll = (rows) =>
    expectedProblems.every((text) => rows.some((row) => row.includes(text)));
  const rows = await pollUntil(() => readProblemsPanel(page), containsAll, { timeoutMs: 30_000 });
  log(`Problems panel rows: ${JSON.stringify(rows)}`);
  const problemsScreenshot = await session.screenshot('problems');
  let filtered = false;
  for (const text of expectedProblems) {
    let ok = rows.some((row) => row.includes(text));
    if (!ok) {
      // The row may exist below the rendered part of the list.
      ok = (await filterProblemsPanel(page, text)).some((row) => row.includes(text));
      filtered = true;
    }
    checks.push({ name: `Problems panel lists "${text}"`, ok, detail: ok ? 'found' : 'not found' });
  }
  if (filtered) await filterProblemsPanel(page, '');

  for (const check of checks) log(`${check.ok ? 'PASS' : 'FAIL'} ${check.name} (${check.detail})`);
  await logActivationTime(page);
  const failed = checks.filter((check) => !check.ok).length;
  console.log(`ui: ${checks.length - failed} passed, ${failed} failed`);

  if (failed === 0 && options.screenshots) {
    const target = path.resolve(options.screenshots);
    fs.mkdirSync(target, { recursive: true });
    if (problemsScreenshot) fs.copyFileSync(problemsScreenshot, path.join(target, 'problems.png'));
    if (treeScreenshot) fs.copyFileSync(treeScreenshot, path.join(target, 'tree-view.png'));
    log(`wrote problems.png and tree-view.png to ${target}`);
  }
  return failed === 0 ? EXIT_PASSED : EXIT_FAILED;
}

/**
 * Logs the extension's activation time as VS Code measured it, read from the Running
 * Extensions editor. A measurement for reports, not a check: failures are only logged.
 */
async function logActivationTime(page) {
  try {
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.runtime-extensions-editor .extension', {
      hasText: 'Blameless Postmortem',
    });
    await row.first().waitFor({ timeout: 15_000 });
    const time = (await row.first().locator('.activation-time').innerText()).trim();
    log(`activation time reported by VS Code: ${time}`);
  } catch (error) {
    log(`activation time not read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function runDemo(options, session, stopRequested) {
  const vsix = requirePath(
    resolveOption(options.vsix, DEFAULT_VSIX),
    'extension package',
    'Run "npm run package" first.',
  );
  const workspace = requirePath(
    resolveOption(options.workspace, 'examples'),
    'workspace',
    'Pass --workspace DIR.',
  );
  const durationSeconds =
    options.duration === undefined ? undefined : parsePositiveNumber(options.duration, 'duration');

  const server = await session.startServer(options, { vsix });
  console.log('');
  console.log(`Blameless Postmortem is running in VS Code at ${server.workbenchUrl(workspace)}`);
  console.log('Open that URL in a browser on this machine. Press Ctrl+C to stop.');
  console.log('');

  const serverExit = new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
  const waits = [stopRequested.then(() => 'stop'), serverExit.then(() => 'server-exit')];
  if (durationSeconds)
    waits.push(
      new Promise((resolve) => setTimeout(() => resolve('duration'), durationSeconds * 1000)),
    );
  const reason = await Promise.race(waits);
  if (reason === 'server-exit') {
    log(`code-server exited on its own; see ${server.logFile}`);
    return EXIT_HARNESS_ERROR;
  }
  log(reason === 'duration' ? `stopping after ${durationSeconds} s` : 'stopping on request');
  return EXIT_PASSED;
}

// Marks a folder as the harness's own output, so that a later run may empty it.
const OUTPUT_MARKER = '.vscode-harness-output';

/** Empties `outDir` for a new run, unless it is a non-empty folder that an earlier run did not create. */
function prepareOutputFolder(outDir) {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    // A folder with a code-server.log in it is harness output too, with or without the marker.
    const madeByHarness = [OUTPUT_MARKER, 'code-server.log'].some((name) =>
      fs.existsSync(path.join(outDir, name)),
    );
    if (!madeByHarness) {
      throw new HarnessError(
        `--out ${outDir} is a non-empty folder that the harness did not create; pass an empty or new folder`,
      );
    }
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, OUTPUT_MARKER), '');
}

function parseCommandLine(argv) {
  const { values, positionals } = util.parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  return { mode: positionals[0], extra: positionals.slice(1), options: values };
}

async function main() {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    return EXIT_HARNESS_ERROR;
  }
  const { mode, extra, options } = parsed;
  if (options.help) {
    console.log(USAGE);
    return EXIT_PASSED;
  }
  const runners = { tests: runTests, ui: runUi, demo: runDemo };
  if (!runners[mode] || extra.length > 0) {
    console.error(
      `Expected one mode, tests, ui or demo, but got ${JSON.stringify(parsed.mode ?? '')}.\n\n${USAGE}`,
    );
    return EXIT_HARNESS_ERROR;
  }

  const outDir = resolveOption(options.out, path.join('.harness', 'out', mode));
  try {
    prepareOutputFolder(outDir);
  } catch (error) {
    console.error(error.message);
    return EXIT_HARNESS_ERROR;
  }
  const session = new Session(outDir);

  let signalName;
  let resolveStop;
  const stopRequested = new Promise((resolve) => (resolveStop = resolve));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      signalName ??= signal;
      resolveStop();
    });
  }

  let timer;
  const running = runners[mode](options, session, stopRequested);
  // After a timeout or Ctrl+C the mode's own promise may still reject while cleanup runs.
  running.catch(() => {});
  const outcomes = [running];
  if (mode !== 'demo') {
    outcomes.push(stopRequested.then(() => 'interrupted'));
    let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS[mode];
    try {
      if (options.timeout !== undefined)
        timeoutSeconds = parsePositiveNumber(options.timeout, 'timeout');
    } catch (error) {
      console.error(error.message);
      return EXIT_HARNESS_ERROR;
    }
    outcomes.push(
      new Promise(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000)),
      ),
    );
  }

  let exitCode;
  try {
    const outcome = await Promise.race(outcomes);
    if (outcome === 'timeout') {
      log(
        `timed out after ${options.timeout ?? DEFAULT_TIMEOUT_SECONDS[mode]} s; logs are in ${outDir}`,
      );
      await session.screenshot('timeout');
      exitCode = EXIT_TIMEOUT;
    } else if (outcome === 'interrupted') {
      log(`interrupted by ${signalName}`);
      exitCode = EXIT_INTERRUPTED;
    } else {
      exitCode = outcome;
    }
  } catch (error) {
    log(`error: ${error instanceof HarnessError ? error.message : (error.stack ?? error)}`);
    log(`logs are in ${outDir}`);
    await session.screenshot('error');
    exitCode = EXIT_HARNESS_ERROR;
  } finally {
    clearTimeout(timer);
    await session.close();
  }
  return exitCode;
}

process.exit(await main());
