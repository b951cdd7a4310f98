#!/usr/bin/env node
'use strict';
/*
 * Builds the workspace folder the end-to-end tests (and scripts/dev-server.sh) open:
 *
 *   DIR/model.onnx                               copy of test/fixtures/lenet300.onnx (784-300-100-10, Fashion-MNIST)
 *   DIR/broken.onnx                              the first 5000 bytes of that model: a truncated, corrupt ONNX file
 *   DIR/data/calib-images-idx3-ubyte.gz          first CALIB rows of Fashion-MNIST's training images (IDX, gzipped)
 *   DIR/data/calib-labels-idx1-ubyte.gz          their labels (labelled *training* data, for the bound report)
 *   DIR/data/eval-images-idx3-ubyte.gz           first EVAL rows of the test images
 *   DIR/data/eval-labels-idx1-ubyte.gz           their labels
 *   DIR/big/train-images-idx3-ubyte.gz           (--big only) the full 60000-image training file, as shipped
 *   DIR/fashion-mnist/*.gz                       (--full only) the four Fashion-MNIST files, as shipped
 *
 * Usage: node test/e2e/workspace/make-workspace.js DIR [--calib N] [--eval N] [--big] [--full] [--no-broken] [--dataset DIR]
 *   --calib N   calibration rows (default 2000; CoreNet needs |S| + |T| = 152 + 500 at least)
 *   --eval N    evaluation rows (default 1000)
 *   --big       also copy the full training images (the cancel scenario picks them: a slower job)
 *   --full      also copy all four Fashion-MNIST files (scripts/dev-server.sh)
 *   --no-broken leave broken.onnx out
 *   --dataset   where the Fashion-MNIST .gz files are (default /usr/share/datasets/fashion-mnist,
 *               Debian's dataset-fashion-mnist, installed by scripts/setup.sh)
 * DIR must not exist or be empty. Prints DIR. Plain Node (no build needed), ~0.5 s.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const REPO = path.resolve(__dirname, '..', '..', '..');

function die(msg) {
  console.error(`make-workspace: ${msg}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { dir: null, calib: 2000, eval: 1000, big: false, full: false, broken: true, dataset: '/usr/share/datasets/fashion-mnist' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : die(`${a} needs a value`));
    if (a === '--calib') o.calib = Number(val());
    else if (a === '--eval') o.eval = Number(val());
    else if (a === '--big') o.big = true;
    else if (a === '--full') o.full = true;
    else if (a === '--no-broken') o.broken = false;
    else if (a === '--dataset') o.dataset = path.resolve(val());
    else if (a.startsWith('-')) die(`unknown option ${a}`);
    else if (!o.dir) o.dir = path.resolve(a);
    else die(`unexpected argument ${a}`);
  }
  if (!o.dir) die('usage: make-workspace.js DIR [--calib N] [--eval N] [--big] [--full] [--no-broken] [--dataset DIR]');
  for (const k of ['calib', 'eval']) if (!Number.isInteger(o[k]) || o[k] < 1) die(`--${k} must be a positive integer`);
  return o;
}

/** The first `rows` items of a gzipped IDX file (MNIST format: magic, big-endian dims, data), gzipped again. */
function idxHead(file, rows) {
  if (!fs.existsSync(file)) die(`missing ${file} (install Debian's dataset-fashion-mnist: bash scripts/setup.sh)`);
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 0x08) die(`${file}: not a uint8 IDX file`);
  const ndims = buf[3];
  const dims = [];
  for (let d = 0; d < ndims; d++) dims.push(buf.readUInt32BE(4 + 4 * d));
  if (rows > dims[0]) die(`${file} has ${dims[0]} rows, fewer than the ${rows} asked`);
  const header = 4 + 4 * ndims;
  const rowBytes = dims.slice(1).reduce((a, b) => a * b, 1);
  const out = Buffer.alloc(header + rows * rowBytes);
  buf.copy(out, 0, 0, header);
  out.writeUInt32BE(rows, 4);
  buf.copy(out, header, header, header + rows * rowBytes);
  return zlib.gzipSync(out, { level: 6 });
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (fs.existsSync(o.dir) && fs.readdirSync(o.dir).length) die(`${o.dir} exists and is not empty`);
  const data = path.join(o.dir, 'data');
  fs.mkdirSync(data, { recursive: true });
  const model = path.join(REPO, 'test', 'fixtures', 'lenet300.onnx');
  fs.copyFileSync(model, path.join(o.dir, 'model.onnx'));
  if (o.broken) fs.writeFileSync(path.join(o.dir, 'broken.onnx'), fs.readFileSync(model).subarray(0, 5000));
  const ds = (n) => path.join(o.dataset, n);
  fs.writeFileSync(path.join(data, 'calib-images-idx3-ubyte.gz'), idxHead(ds('train-images-idx3-ubyte.gz'), o.calib));
  fs.writeFileSync(path.join(data, 'calib-labels-idx1-ubyte.gz'), idxHead(ds('train-labels-idx1-ubyte.gz'), o.calib));
  fs.writeFileSync(path.join(data, 'eval-images-idx3-ubyte.gz'), idxHead(ds('t10k-images-idx3-ubyte.gz'), o.eval));
  fs.writeFileSync(path.join(data, 'eval-labels-idx1-ubyte.gz'), idxHead(ds('t10k-labels-idx1-ubyte.gz'), o.eval));
  if (o.big) {
    fs.mkdirSync(path.join(o.dir, 'big'));
    fs.copyFileSync(ds('train-images-idx3-ubyte.gz'), path.join(o.dir, 'big', 'train-images-idx3-ubyte.gz'));
  }
  if (o.full) {
    fs.mkdirSync(path.join(o.dir, 'fashion-mnist'));
    for (const n of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
      fs.copyFileSync(ds(n), path.join(o.dir, 'fashion-mnist', n));
    }
  }
  console.log(o.dir);
}

main();
