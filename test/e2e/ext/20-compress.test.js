'use strict';
// corenet.compress end to end with arguments (no questions): the LeNet-300-100 fixture, Fashion-MNIST
// calibration, evaluation data and labels from the workspace.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const u = require('./_util');

describe('corenet.compress with arguments', () => {
  let model, out, shaBefore;
  before(async () => {
    await u.activate();
    await u.closeAll();
    model = u.wsPath('model.onnx');
    out = u.outputsOf(model);
    for (const f of [out.compressed, out.report]) fs.rmSync(f, { force: true });
    shaBefore = u.sha256(model);
  });

  let result, report;
  it('resolves with the outcome (corenet+, keep 0.1, seed 0)', async () => {
    const d = u.data();
    result = await vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(model),
      { calib: d.calib, eval: d.eval, labels: d.labels, keep: 0.1, method: 'corenet+', seed: 0 });
    assert.ok(result && typeof result === 'object', `no outcome: ${JSON.stringify(result)}`);
    assert.strictEqual(result.model, model);
    assert.strictEqual(result.output, out.compressed);
    assert.strictEqual(result.reportFile, out.report);
  });

  it('writes the compressed model and the JSON report beside the model', () => {
    assert.ok(fs.statSync(out.compressed).size > 1000, `${out.compressed} missing or tiny`);
    report = JSON.parse(fs.readFileSync(out.report, 'utf8'));
    assert.strictEqual(report.tool, 'corenet');
    assert.strictEqual(report.method, 'corenet+');
    assert.strictEqual(report.seed, 0);
    assert.strictEqual(report.keep, 0.1);
    assert.strictEqual(report.model, model);
    assert.strictEqual(report.output, out.compressed);
    assert.deepStrictEqual(report.total, result.report.total, 'the report on disk differs from the one returned');
    assert.deepStrictEqual(fs.readdirSync(u.ws()).filter((f) => f.startsWith('.corenet-tmp')), [], 'temporary files left behind');
  });

  it('leaves the original model byte for byte unchanged', () => {
    assert.strictEqual(u.sha256(model), shaBefore);
    assert.notStrictEqual(u.sha256(out.compressed), shaBefore);
  });

  it('keeps 10% of the parameters (within 1%)', () => {
    const kr = report.total.keepRatio;
    assert.ok(Math.abs(kr - 0.1) <= 0.01 * 0.1, `keepRatio ${kr} not within 1% of 0.1`);
    assert.strictEqual(report.total.params, 266610, 'LeNet-300-100 has 266,610 parameters');
    assert.ok(Math.abs(report.total.kept / report.total.params - kr) < 1e-12);
  });

  it('reports the three Gemm layers, accuracy and errors', () => {
    assert.deepStrictEqual(report.layers.map((l) => [l.name, l.outFeatures, l.inFeatures]), [['/1/Gemm', 300, 784], ['/3/Gemm', 100, 300], ['/5/Gemm', 10, 100]]);
    const acc = report.total.accuracy;
    assert.ok(acc && acc.original > 0.8 && acc.original < 0.95, `original accuracy ${acc && acc.original} (the fixture scores ~0.86 on Fashion-MNIST)`);
    assert.ok(acc.compressed > 0.1, `compressed accuracy ${acc.compressed} is chance level`);
    assert.strictEqual(report.evaluation.rows, 1000);
    assert.ok(report.total.measuredError.mean > 0 && report.total.measuredError.mean < 1);
    for (const l of report.layers) assert.strictEqual(l.heatmap.sensitivity.length, l.heatmap.rows * l.heatmap.cols);
  });

  it('opens the results panel', async () => {
    const tabs = await u.waitFor(() => { const t = u.webviewTabs('corenet.results'); return t.length ? t : null; }, 10000, 'the corenet.results panel');
    assert.match(tabs[0].label, /model\.onnx/);
  });

  it('compresses again with another method and keep, replacing the outputs', async () => {
    const d = u.data();
    const r = await vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(model), { calib: d.calib, keep: 0.05, method: 'magnitude', seed: 1 });
    const rep = JSON.parse(fs.readFileSync(out.report, 'utf8'));
    assert.strictEqual(rep.method, 'magnitude');
    assert.strictEqual(rep.seed, 1);
    assert.ok(Math.abs(rep.total.keepRatio - 0.05) <= 0.01 * 0.05, `keepRatio ${rep.total.keepRatio}`);
    assert.strictEqual(rep.total.accuracy ?? null, null, 'no labels given: no accuracy');
    assert.deepStrictEqual(r.report.total, rep.total);
    assert.strictEqual(u.sha256(model), shaBefore);
  });

  it('Show Last Report now opens the newest report without asking', async () => {
    const { value, prompts } = await u.runDismissingPrompts('corenet.showLastReport');
    assert.strictEqual(prompts, 0);
    assert.strictEqual(value, out.report);
  });

  after(() => u.closeAll());
});
