// Steps a person takes in the VS Code workbench, expressed as Playwright actions on its DOM
// (class names as rendered by VS Code 1.100).
import { setTimeout as delay } from 'node:timers/promises';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls `read` until `done(value)` is true or `timeoutMs` passes, and returns the last value. */
export async function pollUntil(read, done, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await delay(intervalMs);
    value = await read();
  }
  return value;
}

/** Waits until the workbench has rendered its activity bar and status bar. */
export async function waitForWorkbench(page, { timeoutMs = 60_000 } = {}) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
}

/** Waits for an editor tab whose label is `fileName`. */
export async function waitForEditorTab(page, fileName, { timeoutMs = 30_000 } = {}) {
  const tab = page.locator('.tabs-container .tab', { hasText: fileName }).first();
  await tab.waitFor({ timeout: timeoutMs });
}

/**
 * Runs a command through the command palette (F1), the way a person would: types `query`
 * and picks the first entry whose label contains `label` (default: the query itself).
 * Labels have the form "Category: Title", e.g. "View: Focus Problems".
 */
export async function runCommand(page, query, { label = query, timeoutMs = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const entry = widget
    .locator('.quick-input-list .monaco-list-row', {
      hasText: new RegExp(escapeRegExp(label), 'i'),
    })
    .first();
  // Right after the workbench starts, the palette can reset its input while it loads the
  // command list, or close again when an editor takes focus, so each step is retried.
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await widget.isVisible())) {
      await page.keyboard.press('F1');
      await widget.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      continue;
    }
    await input.fill(`>${query}`);
    const clicked = await entry
      .click({ timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (clicked) {
      await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      return;
    }
  }
  const offered = await widget
    .locator('.quick-input-list .monaco-list-row .label-name')
    .allTextContents();
  await page.keyboard.press('Escape');
  throw new Error(
    `command palette has no entry "${label}" for "${query}"; it offered ${JSON.stringify(offered.slice(0, 10))}`,
  );
}

/** Opens the Problems panel and returns its locator. */
export async function openProblemsPanel(page, { timeoutMs = 30_000 } = {}) {
  await runCommand(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  return panel;
}

/** Returns the text of the Problems panel rows that are rendered now. */
export async function readProblemsPanel(page) {
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows.map((row) => row.replace(/\s+/g, ' ').trim());
}

/**
 * Types `text` into the Problems panel's filter box and returns the rows that remain.
 * The Problems list only renders the rows that fit on screen, so filtering is how a check
 * finds a problem that lies below the visible rows.
 */
export async function filterProblemsPanel(page, text, { timeoutMs = 10_000 } = {}) {
  const filter = page.locator('.panel .viewpane-filter input').first();
  await filter.waitFor({ state: 'visible', timeout: timeoutMs });
  await filter.fill(text);
  // The panel applies the filter after a short debounce.
  await delay(500);
  return readProblemsPanel(page);
}

/** Returns the rows of a list or tree that are rendered now, keyed by their position in the list. */
async function readRenderedRows(container) {
  return container.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => ({
      index: Number(row.getAttribute('data-index')),
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * Reads every row of a tree, including rows scrolled out of view. VS Code renders only the
 * rows that fit on screen, so this scrolls the list from top to bottom with the mouse wheel
 * and then back to the top.
 */
async function readAllTreeRows(page, body) {
  const box = await body.boundingBox();
  if (!box || box.height < 1) return [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -100_000);
  const rowsByIndex = new Map();
  // Bounded: 50 scroll steps of most of a screen each cover far more rows than a postmortem has.
  for (let step = 0; step < 50; step += 1) {
    const before = rowsByIndex.size;
    for (const row of await readRenderedRows(body)) rowsByIndex.set(row.index, row);
    if (step > 0 && rowsByIndex.size === before) break;
    await page.mouse.wheel(0, Math.max(22, box.height * 0.8));
    await delay(100);
  }
  await page.mouse.wheel(0, -100_000);
  return [...rowsByIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ label, description }) => ({ label, description }));
}

/**
 * Returns the rows of the view whose title is `title`: each row's label and its description
 * (the grey text after the label). Opens the view through its "Focus on … View" command
 * when it is not on screen, and collapses the other views beside it to give it room.
 * Polls until `until(rows)` is true or `timeoutMs` passes.
 */
export async function readTreeView(page, title, { timeoutMs = 30_000, until = () => true } = {}) {
  // VS Code labels each view's header "<view name> Section" for screen readers.
  const headerSelector = `.pane-header[aria-label="${title.replace(/["\\]/g, '\\$&')} Section" i]`;
  const pane = page.locator('.pane', { has: page.locator(headerSelector) }).first();
  const paneVisible = await pane
    .waitFor({ state: 'visible', timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!paneVisible) {
    // The palette label is "<view container>: Focus on <view> View", e.g. "Explorer: Focus on …".
    await runCommand(page, `Focus on ${title} View`);
  }
  await pane.waitFor({ state: 'visible', timeout: timeoutMs });

  const header = pane.locator(headerSelector).first();
  const container = page.locator('.split-view-container', { has: header }).last();
  const otherExpandedHeaders = container.locator(
    `.pane-header[aria-expanded="true"]:not(${headerSelector})`,
  );
  for (let count = await otherExpandedHeaders.count(); count > 0; count -= 1) {
    await otherExpandedHeaders.first().click();
  }
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();

  const body = pane.locator('.pane-body').first();
  await body.waitFor({ state: 'visible', timeout: timeoutMs });
  return pollUntil(() => readAllTreeRows(page, body), until, { timeoutMs });
}
