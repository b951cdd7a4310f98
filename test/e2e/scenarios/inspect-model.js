'use strict';
// "CoreNet: Inspect Model" from the palette → pick model.onnx → the custom editor and the
// "CoreNet Layers" tree both list the three Gemm layers; clicking a tree item selects that layer
// in the inspector.
const wb = require('../lib/workbench');
const h = require('./_helpers');

exports.timeoutMs = 120000;

const EXPECTED = [
  { name: '/1/Gemm', shape: '784 → 300', tree: '300×784', params: 235500 },
  { name: '/3/Gemm', shape: '300 → 100', tree: '100×300', params: 30100 },
  { name: '/5/Gemm', shape: '100 → 10', tree: '10×100', params: 1010 },
];

exports.run = async ({ page, outDir, log }) => {
  await wb.runCommand(page, 'CoreNet: Inspect Model');
  await h.waitForPrompt(page, 'CoreNet');
  await h.pickExact(page, 'model.onnx');
  log('picked model.onnx');

  // the custom editor (corenet.modelInspector)
  const frame = await wb.findFrameWith(page, '#model-layers tbody tr', 60000);
  await page.locator('.tabs-container .tab', { hasText: 'model.onnx' }).first().waitFor({ timeout: 10000 });
  const rows = await frame.$$eval('#model-layers tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  log(`inspector rows: ${JSON.stringify(rows)}`);
  h.assert(rows.length === 3, `inspector lists ${rows.length} layers, expected 3`);
  EXPECTED.forEach((e, i) => {
    const [name, op, shape, params, , compressible] = rows[i];
    h.assert(name === e.name && op === 'Gemm' && shape === e.shape, `inspector row ${i}: ${rows[i].join(' | ')}`);
    h.assert(Number(params.replace(/,/g, '')) === e.params, `inspector row ${i} params ${params}`);
    h.assert(compressible === 'yes', `inspector row ${i} compressible: ${compressible}`);
  });
  const summary = (await frame.textContent('#model-compressible')) || '';
  h.assert(/3 of 3 layers compressible/.test(summary) && /266,610/.test(summary), `inspector summary: ${summary}`);
  const latest = (await frame.textContent('#latest-results')) || '';
  h.assert(/Not compressed yet/.test(latest), `latest results: ${latest}`);

  // the "CoreNet Layers" view in the Explorer (expand its pane if collapsed)
  const header = page.locator('.pane-header', { hasText: 'CoreNet Layers' }).first();
  await header.waitFor({ timeout: 10000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'CoreNet Layers' }) }).first();
  const treeRows = pane.locator('.monaco-list-row');
  const end = Date.now() + 20000;
  while ((await treeRows.count()) < 3) {
    if (Date.now() > end) throw new Error(`CoreNet Layers shows ${await treeRows.count()} rows: ${JSON.stringify(await pane.innerText().catch(() => ''))}`);
    await page.waitForTimeout(200);
  }
  const tree = await treeRows.allInnerTexts();
  log(`tree rows: ${JSON.stringify(tree)}`);
  EXPECTED.forEach((e, i) => {
    const t = tree[i].replace(/\s+/g, ' ');
    h.assert(t.includes(e.name) && t.includes(e.tree) && t.includes(e.params.toLocaleString('en-US')), `tree row ${i}: "${t}", expected ${e.name} ${e.tree} ${e.params}`);
  });
  const desc = (await header.innerText()).replace(/\s+/g, ' ');
  h.assert(/model\.onnx/.test(desc), `the view's description does not name the model: "${desc}"`);

  // clicking a layer in the tree selects it in the inspector
  await treeRows.nth(1).click();
  const deadline = Date.now() + 10000;
  for (;;) {
    const sel = await frame.$eval('#model-layers', (t) => t.querySelector('tr.selected')?.getAttribute('data-layer') ?? null).catch(() => null);
    if (sel === '/3/Gemm') break;
    if (Date.now() > deadline) throw new Error(`clicking /3/Gemm in the tree selected ${sel} in the inspector`);
    await page.waitForTimeout(200);
  }
  log('tree click selected /3/Gemm in the inspector');
  await h.shot(page, 'inspect-model', outDir, log);
};
