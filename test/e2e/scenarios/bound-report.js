'use strict';
// "CoreNet: Generalization Bound Report" from the palette → answer its questions → the report is
// written beside the model and opened (Markdown preview), showing the terms with their values.
const fs = require('fs');
const path = require('path');
const wb = require('../lib/workbench');
const h = require('./_helpers');

exports.timeoutMs = 120000;

exports.run = async ({ page, workspace, outDir, log }) => {
  const md = path.join(workspace, 'model.corenet.bound.md');
  await wb.runCommand(page, 'CoreNet: Generalization Bound Report');
  await h.waitForPrompt(page, 'CoreNet');
  await h.pickExact(page, 'model.onnx');
  // labelled *training* data as evaluation data: the bound's empirical margin loss
  await h.answer(page, '(1/5)', 'pick', 'calib-images-idx3-ubyte.gz', log);
  await h.answer(page, '(2/5)', 'pick', 'calib-images-idx3-ubyte.gz', log);
  await h.answer(page, '(3/5)', 'pick', 'calib-labels-idx1-ubyte.gz', log);
  await h.answer(page, '(4/5)', 'input', '60000', log);
  await h.answer(page, '(5/5)', 'input', '1', log);

  await h.waitForFile(md, 60000);
  const text = fs.readFileSync(md, 'utf8');
  h.assert(fs.existsSync(path.join(workspace, 'model.corenet.bound.json')), 'no .bound.json beside the model');
  log(`written: ${path.basename(md)} (${text.length} chars)`);

  // the preview (a webview) showing the report's table
  const frame = await wb.findFrameWith(page, 'h1:has-text("Generalization bound report")', 30000);
  const shown = (await frame.textContent('body')) || '';
  for (const term of ['training-set size', '60000', 'margin', 'empirical margin loss', 'complexity term', '/1/Gemm', '/3/Gemm', '/5/Gemm', 'Bound']) {
    h.assert(shown.includes(term), `the preview does not show "${term}"`);
  }
  // every row of the preview's table is a term of the JSON report: symbol, meaning, value, note
  const json = JSON.parse(fs.readFileSync(path.join(workspace, 'model.corenet.bound.json'), 'utf8'));
  const rows = await frame.$$eval('table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
  const norm = (x) => String(x ?? '').replace(/\s+/g, ' ').trim();
  h.assert(rows.length === json.terms.length, `the preview's table has ${rows.length} rows, the JSON ${json.terms.length} terms`);
  const problems = [];
  json.terms.forEach((t, i) => {
    const [symbol, name, value, note] = rows[i];
    if (symbol !== norm(t.symbol) || name !== norm(t.name)) problems.push(`row ${i}: "${symbol} | ${name}" is not "${norm(t.symbol)} | ${norm(t.name)}"`);
    if (note !== norm(t.note)) problems.push(`row ${i} (${t.symbol}): note "${note}" but the JSON says "${norm(t.note)}"`);
    const v = h.shown(value);
    const ok = t.value === null ? !Number.isFinite(v) : Number.isFinite(v) && Math.abs(v - t.value) <= Math.max(5e-5, 1e-3 * Math.abs(t.value));
    if (!ok) problems.push(`row ${i} (${t.symbol}): value "${value}" but the JSON says ${t.value}`);
  });
  const bound = (/\*\*Bound[^\n]*/.exec(text) || [''])[0];
  log(`preview shows ${rows.length} terms; ${bound.slice(0, 160)}`);
  await page.locator('.tabs-container .tab', { hasText: 'bound.md' }).first().waitFor({ timeout: 10000 });
  await h.shot(page, 'bound-report', outDir, log);
  await frame.evaluate(() => [...document.querySelectorAll('strong')].filter((e) => /Bound/.test(e.textContent)).pop()?.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(300);
  await h.shot(page, 'bound-report-end', outDir, log);
  h.assert(problems.length === 0, `the preview does not show the report's terms as written:\n  ${problems.join('\n  ')}`);
};
