'use strict';
// Right-click model.onnx → "Compress with CoreNet" → answer the seven questions → the results panel:
// heatmaps painted, charts drawn, and the numbers on screen are the JSON report's beside the model.
const fs = require('fs');
const path = require('path');
const wb = require('../lib/workbench');
const h = require('./_helpers');

exports.timeoutMs = 180000;

exports.run = async ({ page, workspace, outDir, log }) => {
  const reportFile = path.join(workspace, 'model.corenet.json');
  const compressed = path.join(workspace, 'model.corenet.onnx');

  await wb.explorerContextMenu(page, 'model.onnx', 'Compress with CoreNet');
  log('context menu: Compress with CoreNet');
  await h.answer(page, '(1/7)', 'pick', 'calib-images-idx3-ubyte.gz', log);
  await h.answer(page, '(2/7)', 'pick', 'eval-images-idx3-ubyte.gz', log);
  await h.answer(page, '(3/7)', 'pick', 'eval-labels-idx1-ubyte.gz', log);
  await h.answer(page, '(4/7)', 'pick', 'corenet+', log);
  await h.answer(page, '(5/7)', 'input', '0.1', log);
  await h.answer(page, '(6/7)', 'input', '0.1', log);
  await h.answer(page, '(7/7)', 'input', '0', log);

  const progress = await h.waitForToast(page, /Compressing model\.onnx/, 15000);
  log(`progress: ${progress.split('\n').find((l) => /Compressing/.test(l))}`);
  await h.waitForFile(reportFile, 90000);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  h.assert(fs.existsSync(compressed), `${compressed} missing`);
  h.assert(report.method === 'corenet+' && report.keep === 0.1 && report.seed === 0, `report has method ${report.method}, keep ${report.keep}, seed ${report.seed}`);
  log(`report written: keepRatio ${report.total.keepRatio}, accuracy ${JSON.stringify(report.total.accuracy)}`);

  const frame = await wb.findFrameWith(page, '#heatmap-0', 60000);
  // the panel's tab
  const tab = page.locator('.tabs-container .tab', { hasText: 'CoreNet: model.onnx' });
  await tab.first().waitFor({ timeout: 10000 });

  // numbers: the exact values (data-value) and their text
  const t = report.total;
  await h.expectNumber(frame, 'keep-ratio-total', t.keepRatio, log);
  await h.expectNumber(frame, 'accuracy-original', t.accuracy.original, log);
  await h.expectNumber(frame, 'accuracy-compressed', t.accuracy.compressed, log);
  await h.expectNumber(frame, 'measured-error-mean', t.measuredError.mean, log);
  await h.expectNumber(frame, 'predicted-error', t.predictedError, log);
  for (let i = 0; i < report.layers.length; i++) {
    await h.expectNumber(frame, `layer-keep-ratio-${i}`, report.layers[i].keepRatio);
    await h.expectNumber(frame, `layer-measured-${i}`, report.layers[i].measuredError);
    const name = await frame.getAttribute(`#layer-row-${i}`, 'data-layer');
    h.assert(name === report.layers[i].name, `layer row ${i} is ${name}, report says ${report.layers[i].name}`);
  }
  log(`layer table matches the report (${report.layers.map((l) => l.name).join(', ')})`);

  // heatmaps: one canvas per layer, sized like the report's pooled grid, painted with varied colours
  for (let i = 0; i < report.layers.length; i++) {
    const hm = report.layers[i].heatmap;
    const s = await h.canvasStats(frame, `#heatmap-${i}`);
    log(`#heatmap-${i}: ${s.w}x${s.h}, ${s.colors} colours, luminance variance ${s.variance.toFixed(1)}, dataURL ${s.dataUrlLength} chars`);
    h.assert(s.w === hm.cols && s.h === hm.rows, `#heatmap-${i} is ${s.w}x${s.h}, report grid ${hm.cols}x${hm.rows}`);
    h.assert(s.paintedFraction === 1, `#heatmap-${i} only ${(100 * s.paintedFraction).toFixed(1)}% painted`);
    h.assert(s.colors >= 10 && s.variance > 10, `#heatmap-${i} looks flat (${s.colors} colours, variance ${s.variance})`);
  }
  // the "CoreNet Layers" view now shows each layer's kept fraction from the report
  const header = page.locator('.pane-header', { hasText: 'CoreNet Layers' }).first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const treeRows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'CoreNet Layers' }) }).first().locator('.monaco-list-row');
  const want = report.layers.map((l) => `${l.name}|kept ${(100 * l.keepRatio).toFixed(1)}%`);
  const treeEnd = Date.now() + 15000;
  let tree = [];
  for (;;) {
    tree = (await treeRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    if (want.every((w, i) => tree[i] && tree[i].includes(w.split('|')[0]) && tree[i].includes(w.split('|')[1]))) break;
    if (Date.now() > treeEnd) throw new Error(`CoreNet Layers shows ${JSON.stringify(tree)}, expected ${JSON.stringify(want)}`);
    await page.waitForTimeout(200);
  }
  log(`CoreNet Layers: ${JSON.stringify(tree)}`);

  // legends: tick labels readable (none overlapping another)
  const overlaps = await frame.$$eval('.legend-labels', (legends) => legends.flatMap((lg, i) => {
    const spans = [...lg.querySelectorAll('span')].map((s) => ({ text: s.textContent, r: s.getBoundingClientRect() })).sort((a, b) => a.r.left - b.r.left);
    const out = [];
    for (let k = 1; k < spans.length; k++) {
      if (spans[k - 1].r.right > spans[k].r.left + 0.5) out.push(`legend ${i}: "${spans[k - 1].text}" overlaps "${spans[k].text}" by ${(spans[k - 1].r.right - spans[k].r.left).toFixed(1)} px`);
    }
    return out;
  }));
  // charts (Chart.js canvases): drawn, i.e. several colours on a part of the canvas
  for (const id of ['sample-sizes-chart', 'error-chart']) {
    const s = await h.canvasStats(frame, `#${id}`);
    log(`#${id}: ${s.w}x${s.h}, ${(100 * s.paintedFraction).toFixed(1)}% painted, ${s.colors} colours`);
    h.assert(s.w > 100 && s.h > 50, `#${id} is ${s.w}x${s.h}`);
    h.assert(s.paintedFraction > 0.02 && s.colors >= 3, `#${id} looks empty (${(100 * s.paintedFraction).toFixed(2)}% painted, ${s.colors} colours)`);
  }

  await frame.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await h.shot(page, 'compress-results', outDir, log);
  await frame.evaluate(() => document.getElementById('error-chart').scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await h.shot(page, 'compress-results-charts', outDir, log);
  await frame.evaluate(() => document.getElementById('layer-0').scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await h.shot(page, 'compress-results-heatmaps', outDir, log);
  // checked last, so that the screenshots above show what is wrong
  h.assert(overlaps.length === 0, `heatmap legend labels overlap: ${overlaps.join('; ')}`);
};
