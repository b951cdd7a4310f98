'use strict';
// Issue 6: model strings are text, never HTML. The scenario writes hostile/evil-names.onnx into its own
// workspace copy: the fixture with layers named <script>…</script>, <img src=x onerror=…> and "><b>…,
// plus its report (made with the CLI). The inspector and the results panel must show those names
// literally, create no such elements and run no script.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const wb = require('../lib/workbench');
const h = require('./_helpers');

const REPO = path.resolve(__dirname, '..', '..', '..');

exports.timeoutMs = 120000;

const NAMES = ['<script>window.__corenetPwned = 1</script>', '<img src=x onerror="window.__corenetPwned = 2">', '"><b>bold</b>'];

async function checkFrame(frame, where) {
  const found = await frame.evaluate((names) => {
    const text = document.body.innerText;
    return {
      shown: names.filter((n) => text.includes(n)),
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__corenetPwned')).length,
      images: document.querySelectorAll('img[src="x"]').length,
      bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
      pwned: window.__corenetPwned ?? null,
    };
  }, NAMES);
  h.assert(found.shown.length === NAMES.length, `${where} shows the names as text: ${JSON.stringify(found.shown)}`);
  h.assert(found.scripts === 0 && found.images === 0 && found.bold === 0, `${where} created elements from names: ${JSON.stringify(found)}`);
  h.assert(found.pwned === null, `${where} ran a script from a layer name (__corenetPwned = ${found.pwned})`);
  return found;
}

function writeHostileModel(workspace) {
  const { onnx } = require(path.join(REPO, 'node_modules', 'onnx-proto'));
  const m = onnx.ModelProto.decode(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'lenet300.onnx')));
  m.graph.node.filter((n) => n.opType === 'Gemm').forEach((n, i) => { n.name = NAMES[i]; });
  const dir = path.join(workspace, 'hostile');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'evil-names.onnx');
  fs.writeFileSync(file, onnx.ModelProto.encode(m).finish());
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'compress', file, '--calib', path.join(workspace, 'data', 'calib-images-idx3-ubyte.gz'),
    '--keep', '0.2', '--allocation', 'uniform-eps', '--quiet'], { encoding: 'utf8' });
  h.assert(r.status === 0, `compressing ${file} with the CLI failed: ${r.stderr}`);
}

exports.run = async ({ page, workspace, outDir, log }) => {
  writeHostileModel(workspace);
  await wb.runCommand(page, 'CoreNet: Inspect Model');
  await h.waitForPrompt(page, 'CoreNet');
  await h.pickExact(page, 'hostile/evil-names.onnx');
  const inspector = await wb.findFrameWith(page, '#model-layers tbody tr', 60000);
  log(`inspector: ${JSON.stringify(await checkFrame(inspector, 'the inspector'))}`);
  await wb.screenshot(page, 'hostile-names-inspector', outDir);

  await inspector.click('#open-results');
  const results = await wb.findFrameWith(page, '#heatmap-0', 60000);
  await page.waitForTimeout(500);
  log(`results panel: ${JSON.stringify(await checkFrame(results, 'the results panel'))}`);
  await wb.screenshot(page, 'hostile-names-results', outDir);
};
