'use strict';
// Driving code-server's VS Code workbench in Debian's chromium through playwright-core.
const fs = require('fs');
const path = require('path');
const env = require('./env');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

const DEFAULT_OUT_DIR = path.join(env.REPO_ROOT, 'test-results', 'e2e');

const openBrowsers = new Set();

/** Closes every browser launched by launchBrowser() and not closed yet (for signal handlers). */
async function closeAllBrowsers() {
  await Promise.all([...openBrowsers].map((b) => b.close()));
}

/**
 * Launches headless chromium with a fresh user-data-dir (XDG dirs inside it, so chromium's
 * crashpad and caches stay out of $HOME). Returns { context, page, close() }.
 */
async function launchBrowser({ log = () => {}, viewport = { width: 1400, height: 900 }, headless = true } = {}) {
  const { chromium } = env.playwright();
  const udd = env.shortTmpDir('ce2e-chr-');
  let context;
  try {
    context = await chromium.launchPersistentContext(udd, {
      env: { ...process.env, XDG_CONFIG_HOME: udd, XDG_CACHE_HOME: udd, TMPDIR: udd },
      executablePath: env.CHROMIUM,
      headless,
      args: CHROMIUM_ARGS,
      viewport,
    });
  } catch (e) {
    env.rmrf(udd);
    throw e;
  }
  const page = context.pages()[0] || await context.newPage();
  logPageErrors(page, log);
  let closing = null; // a second caller awaits the same promise
  const handle = {
    context, page,
    close() {
      if (!closing) closing = (async () => {
        await context.close().catch(() => {});
        env.rmrf(udd);
        openBrowsers.delete(handle);
      })();
      return closing;
    },
  };
  openBrowsers.add(handle);
  return handle;
}

/** Logs uncaught page exceptions (and, with consoleErrors, console.error lines) through log(). */
function logPageErrors(page, log = console.log, { consoleErrors = false } = {}) {
  page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
  if (consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ENOTFOUND|Failed to load resource/.test(m.text())) log(`console.error: ${m.text()}`);
    });
  }
}

/** Workbench URL for a folder on a code-server at `url` (extra = more query parameters). */
function workbenchUrl(url, folder, extra = {}) {
  const q = Object.entries({ folder: path.resolve(folder), ...extra })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${url}/?${q}`;
}

/**
 * Opens the workbench for `folder` and waits until it is usable: .monaco-workbench rendered,
 * the Explorer listing at least one row (or `waitForFile` when given) and the status bar shown.
 */
async function openWorkbench(page, url, folder, { timeoutMs = 60000, waitForFile } = {}) {
  await page.goto(workbenchUrl(url, folder), { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  await page.waitForSelector('.part.statusbar', { timeout: timeoutMs });
  const hasFiles = fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
  if (waitForFile) await explorerRow(page, waitForFile).waitFor({ timeout: timeoutMs });
  else if (hasFiles) await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

/** Palette: F1, type `>title`, retry until the entry is listed (contributions arrive late), pick it. */
async function runCommand(page, title, { timeoutMs = 30000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const end = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10000 });
    await input.fill(`>${title}`);
    try {
      await entry.waitFor({ timeout: 1500 });
      break;
    } catch (e) {
      if (Date.now() > end) throw new Error(`command "${title}" never listed in the palette within ${timeoutMs} ms`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  await entry.click();
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Explorer row whose label is exactly `name` (a file or folder name, not a path). */
function explorerRow(page, name) {
  return page.locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) })
    .first();
}

/**
 * Right-clicks `fileName` in the Explorer and clicks the context-menu item `itemText`.
 * fileName may be a relative path ('sub/model.onnx'): collapsed folders on the way are expanded.
 * Extension menu contributions arrive a moment after the workbench renders and a menu's items
 * are computed when it opens, so the menu is reopened until the item is listed. The menu ignores
 * a click right after opening, so hover, wait 300 ms, then click.
 */
async function explorerContextMenu(page, fileName, itemText, { timeoutMs = 30000 } = {}) {
  const parts = fileName.split(/[\\/]/).filter(Boolean);
  for (const dir of parts.slice(0, -1)) {
    const row = explorerRow(page, dir);
    await row.waitFor({ timeout: timeoutMs });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.click();
      await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: timeoutMs });
    }
  }
  const row = explorerRow(page, parts[parts.length - 1]);
  await row.waitFor({ timeout: timeoutMs });
  const item = page.locator('.monaco-menu .action-item', { hasText: itemText }).first();
  const end = Date.now() + timeoutMs;
  for (;;) {
    await row.click({ button: 'right' });
    try {
      await item.waitFor({ timeout: 1500 });
      break;
    } catch (e) {
      const items = await page.locator('.monaco-menu .action-item').allInnerTexts().catch(() => []);
      await page.keyboard.press('Escape');
      if (Date.now() > end) {
        throw new Error(`context menu of ${fileName} has no "${itemText}" after ${timeoutMs} ms; items: ${JSON.stringify(items.filter(Boolean).map((t) => t.split('\n')[0]))}`);
      }
      await page.waitForTimeout(500);
    }
  }
  await item.hover();
  await page.waitForTimeout(300);
  await item.click();
}

/** First frame (webviews are nested iframes) that contains `selector`; polls page.frames(). */
async function findFrameWith(page, selector, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try { if (await f.$(selector)) return f; } catch { /* frame detached meanwhile */ }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no frame containing ${selector} within ${timeoutMs} ms`);
}

/**
 * Answers an open quick pick (vscode.window.showQuickPick): by label text (substring) or by
 * 0-based index of the visible rows. Text not rendered yet (long lists) is typed as a filter.
 */
async function answerQuickPick(page, textOrIndex, { timeoutMs = 15000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: timeoutMs });
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  if (typeof textOrIndex === 'number') {
    await rows.nth(textOrIndex).waitFor({ timeout: timeoutMs });
    await rows.nth(textOrIndex).click();
    return;
  }
  const row = rows.filter({ hasText: textOrIndex }).first();
  try {
    await row.waitFor({ timeout: Math.min(2000, timeoutMs) });
  } catch {
    await widget.locator('input').fill(textOrIndex);
    await row.waitFor({ timeout: timeoutMs });
  }
  await row.click();
}

/** Answers an open input box (vscode.window.showInputBox): replaces its value and presses Enter. */
async function answerInputBox(page, value, { timeoutMs = 15000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(String(value));
  await input.press('Enter');
}

/** Screenshot of the page into outDir (default test-results/e2e/); returns the file path. */
async function screenshot(page, name, outDir = DEFAULT_OUT_DIR) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Closes all editors (Ctrl+K Ctrl+W is not reliable in a browser; use the command). */
async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(300);
}

module.exports = {
  CHROMIUM_ARGS, DEFAULT_OUT_DIR, launchBrowser, closeAllBrowsers, logPageErrors, workbenchUrl, openWorkbench,
  runCommand, explorerRow, explorerContextMenu, findFrameWith, answerQuickPick, answerInputBox,
  screenshot, closeAllEditors,
};
