'use strict';
// A corrupt model: compressing it from the Explorer shows an error naming broken.onnx and writes
// nothing; the inspector shows the reason; the extension keeps working (model.onnx still inspects).
const fs = require('fs');
const wb = require('../lib/workbench');
const h = require('./_helpers');

exports.timeoutMs = 120000;

exports.run = async ({ page, workspace, outDir, log }) => {
  await wb.explorerContextMenu(page, 'broken.onnx', 'Compress with CoreNet');
  await h.answer(page, '(1/7)', 'pick', 'calib-images-idx3-ubyte.gz', log);
  await h.answer(page, '(2/7)', 'pick', 'None', log);
  await h.answer(page, '(4/7)', 'pick', 'corenet+', log);
  await h.answer(page, '(5/7)', 'input', '0.1', log);
  await h.answer(page, '(6/7)', 'input', '0.1', log);
  await h.answer(page, '(7/7)', 'input', '0', log);
  const err = await h.waitForToast(page, /broken\.onnx.*failed|failed.*broken\.onnx/s, 30000);
  log(`error notification: ${err.replace(/\s+/g, ' ').slice(0, 200)}`);
  h.assert(/ONNX|protobuf|truncated/i.test(err), `the error does not say what is wrong: ${err}`);
  const left = fs.readdirSync(workspace).filter((f) => f.includes('.corenet'));
  h.assert(left.length === 0, `outputs written for a corrupt model: ${left.join(', ')}`);
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'Compressing broken.onnx' }).waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  await h.shot(page, 'corrupt-model-error', outDir, log);

  // the inspector on the corrupt file: a message, not a blank editor
  await wb.explorerContextMenu(page, 'broken.onnx', 'Inspect with CoreNet');
  const frame = await wb.findFrameWith(page, '#error-message', 30000);
  const shown = (await frame.textContent('#error-message')) || '';
  log(`inspector: ${shown.slice(0, 160)}`);
  h.assert(/broken\.onnx/.test(shown), `the inspector's message does not name the file: ${shown}`);
  await h.shot(page, 'corrupt-model-inspector', outDir, log);

  // still working: inspect the good model
  await wb.explorerContextMenu(page, 'model.onnx', 'Inspect with CoreNet');
  const good = await wb.findFrameWith(page, '#model-layers tbody tr', 30000);
  const n = await good.$$eval('#model-layers tbody tr', (r) => r.length);
  h.assert(n === 3, `model.onnx inspector lists ${n} layers after the error`);
  log('model.onnx still inspects (3 layers)');
};
