// Headless Debian Chromium driven by playwright-core, kept off the network: Chromium's own
// background services are switched off, host names other than loopback do not resolve, and
// the page may only load from 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { endProcessGroup, trackProcessGroup } from './processes.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
  // Chromium still looks up some Google service hosts despite the flags above. This rule makes
  // every name except loopback fail to resolve, without a DNS query.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
    return LOOPBACK_HOSTNAMES.has(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * Launches Chromium and opens one page. Returns the page and a `close` function that ends the
 * browser, killing its process group if it does not close within 15 s.
 */
export async function launchBrowser({
  executablePath,
  outDir,
  log,
  viewport = { width: 1400, height: 900 },
}) {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}; install the Debian package chromium or pass --chromium PATH`,
    );
  }
  // launchServer, unlike launch, exposes the browser's process id, so that the harness can
  // end that process itself if closing it hangs.
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    host: '127.0.0.1',
    timeout: 60_000,
    // Playwright's own signal handlers would exit the process before the harness has ended
    // code-server, so the harness handles the signals and closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const browserPid = server.process().pid;
  trackProcessGroup(browserPid);
  log(`started Chromium (pid ${browserPid})`);
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: 30_000 });
  const context = await browser.newContext({ viewport });

  let closed = false;
  const blockedLog = fs.createWriteStream(path.join(outDir, 'blocked-requests.log'));
  let blockedCount = 0;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    blockedCount += 1;
    blockedLog.write(`${url}\n`);
    return route.abort('blockedbyclient');
  });
  // Only non-loopback WebSockets are intercepted, so the workbench's own connection to
  // code-server does not pass through Playwright.
  await context.routeWebSocket(
    (url) => !isLoopbackUrl(url.href),
    (socket) => {
      blockedCount += 1;
      blockedLog.write(`${socket.url()}\n`);
      return socket.close();
    },
  );

  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
  page.on('console', (message) => {
    if (!closed) consoleLog.write(`[${message.type()}] ${message.text()}\n`);
  });
  page.on('pageerror', (error) => {
    if (!closed) consoleLog.write(`[pageerror] ${error.stack ?? error}\n`);
  });

  async function close() {
    if (closed) return;
    closed = true;
    if (blockedCount > 0)
      log(
        `blocked ${blockedCount} non-loopback requests (see ${path.join(outDir, 'blocked-requests.log')})`,
      );
    const closing = (async () => {
      await browser.close().catch(() => {});
      await server.close();
    })();
    const timedOut = await Promise.race([
      closing.then(() => false),
      new Promise((resolve) => setTimeout(() => resolve(true), 15_000).unref()),
    ]);
    // Playwright starts Chromium as the leader of its own process group; this also ends any
    // helper process that outlived the browser.
    await endProcessGroup(browserPid, { graceMs: timedOut ? 1000 : 3000 });
    consoleLog.end();
    blockedLog.end();
  }

  return { page, close };
}

/** Saves a screenshot of the whole window and returns its path, or undefined when that fails. */
export async function saveScreenshot(page, file, log) {
  try {
    await page.screenshot({ path: file, timeout: 15_000 });
    log(`screenshot ${file}`);
    return file;
  } catch (error) {
    log(`screenshot ${file} failed: ${error.message}`);
    return undefined;
  }
}
