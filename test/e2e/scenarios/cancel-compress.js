'use strict';
// Compress with the full 60000-image training file as calibration data (a job of several seconds),
// press Cancel on the progress notification: the worker stops, "was cancelled" is shown, and no
// output (nor temporary file) is left beside the model.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const wb = require('../lib/workbench');
const h = require('./_helpers');

exports.timeoutMs = 120000;

/** pids of CoreNet worker processes in code-server's process group. */
function workers(server) {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length > 2 && Number(f[1]) === server.pid && f.slice(2).join(' ').includes('dist/worker.js')).map((f) => Number(f[0]));
}

exports.run = async ({ page, workspace, outDir, log, server }) => {
  await wb.explorerContextMenu(page, 'model.onnx', 'Compress with CoreNet');
  await h.answer(page, '(1/7)', 'pick', 'train-images-idx3-ubyte.gz', log);
  await h.answer(page, '(2/7)', 'pick', 'None', log);
  await h.answer(page, '(4/7)', 'pick', 'corenet++', log);
  await h.answer(page, '(5/7)', 'input', '0.1', log);
  await h.answer(page, '(6/7)', 'input', '0.1', log);
  const before = new Set(workers(server));
  await h.answer(page, '(7/7)', 'input', '0', log);

  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Compressing model.onnx' }).first();
  await toast.waitFor({ timeout: 15000 });
  const job = workers(server).filter((p) => !before.has(p));
  log(`progress shown; job worker pid(s): ${job.join(', ') || 'none seen'}`);
  h.assert(job.length > 0, 'no worker process started for the job');
  // cancel in the middle of the computation, not while the file is still loading
  const end = Date.now() + 30000;
  let text = '';
  while (!/sensitivity|sampling/.test(text)) {
    if (Date.now() > end || !(await toast.isVisible())) throw new Error(`the job never reached the sensitivity/sampling stage before ending; last progress "${text}"`);
    text = ((await toast.innerText().catch(() => '')) || '').replace(/\s+/g, ' ');
    await page.waitForTimeout(50);
  }
  const stage = (/(sensitivity|sampling)[^]*?(?=Source:|Cancel|$)/.exec(text) || [text])[0].trim();
  await h.shot(page, 'cancel-compress-running', outDir, log);
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
  log(`clicked Cancel during "${stage}"`);
  const msg = await h.waitForToast(page, /was cancelled/, 15000);
  log(`notification: ${msg.replace(/\s+/g, ' ').slice(0, 120)}`);
  await page.waitForTimeout(3000); // long enough for a job that was not stopped to write its files
  const left = fs.readdirSync(workspace).filter((f) => f.includes('.corenet'));
  h.assert(left.length === 0, `outputs left after Cancel: ${left.join(', ')}`);
  const alive = job.filter((p) => workers(server).includes(p));
  h.assert(alive.length === 0, `the job's worker still runs after Cancel: ${alive.join(', ')}`);
  h.assert(!(await h.toasts(page)).some((t) => /failed/i.test(t)), `an error was shown for a cancel: ${JSON.stringify(await h.toasts(page))}`);
  await h.shot(page, 'cancel-compress', outDir, log);
};
