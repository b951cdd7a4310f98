'use strict';
// Shared by the CoreNet UI scenarios (a helper: the _ prefix keeps run.js from running it).
const fs = require('fs');
const path = require('path');
const wb = require('../lib/workbench');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/**
 * Waits until the open quick input's title contains `text` (e.g. "(2/7)"): the extension's
 * questions follow each other in the same widget, so answering before the title changed could
 * click a row of the previous list.
 */
async function waitForPrompt(page, text, timeoutMs = 20000) {
  const title = page.locator('.quick-input-widget .quick-input-title');
  const end = Date.now() + timeoutMs;
  for (;;) {
    const visible = await page.locator('.quick-input-widget').isVisible().catch(() => false);
    const t = visible ? await title.textContent().catch(() => '') : '';
    if (visible && t && t.includes(text)) return t;
    if (Date.now() > end) throw new Error(`no prompt titled "…${text}…" within ${timeoutMs} ms (quick input ${visible ? `titled "${t}"` : 'closed'})`);
    await sleep(100);
  }
}

/** Picks the quick-pick row whose label is exactly `label` (answerQuickPick matches substrings). */
async function pickExact(page, label, timeoutMs = 15000) {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) }).first();
  try {
    await row.waitFor({ timeout: 2000 });
  } catch {
    await page.locator('.quick-input-widget input').fill(label);
    await row.waitFor({ timeout: timeoutMs });
  }
  await row.click();
}

/** Answers step `step` ("(n/N)") of a prompt sequence: a quick-pick label or an input value. */
async function answer(page, step, kind, value, log) {
  const title = await waitForPrompt(page, step);
  if (log) log(`prompt ${title.trim()} -> ${value}`);
  if (kind === 'pick') await pickExact(page, value);
  else await wb.answerInputBox(page, value);
}

/** Visible notification toasts' texts. */
async function toasts(page) {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
}

/** Waits for a toast whose text matches `re`; returns its text. */
async function waitForToast(page, re, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const t = (await toasts(page)).find((x) => re.test(x));
    if (t) return t;
    if (Date.now() > end) throw new Error(`no notification matching ${re} within ${timeoutMs} ms; shown: ${JSON.stringify(await toasts(page))}`);
    await sleep(150);
  }
}

async function waitForFile(file, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > end) throw new Error(`${file} not written within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Statistics of a canvas inside a (webview) frame: size, painted pixels, distinct colours, luminance variance. */
async function canvasStats(frame, selector) {
  return frame.$eval(selector, (c) => {
    const w = c.width, h = c.height;
    if (!w || !h) return { w, h, painted: 0, colors: 0, variance: 0, dataUrlLength: 0 };
    const d = c.getContext('2d').getImageData(0, 0, w, h).data;
    let painted = 0, sum = 0, sum2 = 0;
    const colors = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0) painted++;
      const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      sum += y; sum2 += y * y;
      if (colors.size < 5000) colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    const n = w * h;
    return { w, h, painted, paintedFraction: painted / n, colors: colors.size, variance: sum2 / n - (sum / n) ** 2, dataUrlLength: c.toDataURL().length };
  });
}

/** An element's data-value (the exact number) and text inside a frame. */
async function numberOf(frame, id) {
  const el = await frame.$(`#${id}`);
  if (!el) throw new Error(`no #${id} in the webview`);
  const raw = await el.getAttribute('data-value');
  const text = ((await el.textContent()) || '').trim();
  return { value: raw === null || raw === 'null' ? null : Number(raw), text };
}

/** The number a formatted text shows ("0.1001", "2.820e+10", "—" → null). */
function shown(text) {
  const t = text.replace(/,/g, '').trim();
  if (t === '—' || t === '') return null;
  return Number(t);
}

/** Checks that #id shows `expected` (exact data-value; text equal to 4 significant decimals). */
async function expectNumber(frame, id, expected, log) {
  const { value, text } = await numberOf(frame, id);
  if (expected === null || expected === undefined) {
    assert(value === null && shown(text) === null, `#${id} shows ${text} (${value}) but the report has none`);
  } else {
    assert(value === expected, `#${id} data-value ${value} != report ${expected}`);
    const s = shown(text);
    const tol = Math.max(5e-5, Math.abs(expected) * 1e-3);
    assert(s !== null && Math.abs(s - expected) <= tol, `#${id} text "${text}" does not show ${expected}`);
  }
  if (log) log(`#${id} = "${text}" (report ${expected})`);
}

async function shot(page, name, outDir, log) {
  const f = await wb.screenshot(page, name, outDir);
  if (log) log(`screenshot ${path.relative(process.cwd(), f)}`);
  return f;
}

module.exports = { sleep, assert, waitForPrompt, pickExact, answer, toasts, waitForToast, waitForFile, canvasStats, numberOf, shown, expectNumber, shot };
