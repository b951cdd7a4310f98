/**
 * corenet.compress: asks (or takes from `options`) the data and the method, runs the worker, and
 * opens the results. With `options.calib` given it asks nothing and resolves with the outcome, so
 * tests can call `executeCommand('corenet.compress', uri, { calib, keep, ... })`; such calls
 * also reject on failure, while interactive calls only show the error.
 */
import * as vscode from 'vscode';
import { METHOD_NAMES, type AllocationName, type MethodName } from '../../core/compress/types';
import type { CompressionReport } from '../../core/report';
import type { CompressJob } from '../../protocol/worker';
import { showJobFailure } from '../jobRunner';
import { outputPaths } from '../paths';
import { askNumber, askText, type Step } from '../prompts';
import { LAST_REPORT_KEY, cancellationArg, type Services } from '../services';
import { deltaProblem, isMethodName, keepRatioProblem, epsProblem, parseTarget, seedProblem, type Target } from '../settingsModel';
import { askData } from './dataPrompts';
import { prepareJob } from './jobCommand';

export interface CompressOptions {
  calib: string;
  eval: string;
  labels: string;
  method: MethodName;
  keep: number;
  eps: number;
  delta: number;
  seed: number;
  allocation: AllocationName;
  calibSize: number;
  holdoutSize: number;
  evalLimit: number;
}

export interface CompressOutcome {
  model: string;
  output: string;
  reportFile: string;
  report: CompressionReport;
}

const METHOD_SUMMARIES: Record<MethodName, string> = {
  corenet: 'sensitivity sampling per neuron (§3 of the paper)',
  'corenet+': 'CoreNet plus removing neurons never active on the data',
  'corenet++': 'CoreNet+ with amplification: best of several draws on held-out data',
  uniform: 'baseline: uniform sampling of weights',
  magnitude: 'baseline: keep the largest |w|',
  svd: 'baseline: low-rank factorisation',
};

/** Fills a CompressJob from explicit options and the settings; throws on invalid values. */
function jobFromOptions(s: Services, model: string, o: Partial<CompressOptions>): CompressJob {
  const settings = s.settings();
  const method = o.method ?? settings.defaultMethod;
  if (!isMethodName(method)) throw new Error(`unknown method "${String(method)}"; choose one of ${METHOD_NAMES.join(', ')}`);
  const target: Target = o.eps !== undefined ? { eps: o.eps } : { keep: o.keep ?? settings.defaultKeep };
  const problem = (target.eps !== undefined ? epsProblem(target.eps) : keepRatioProblem(target.keep)) ?? deltaProblem(o.delta ?? settings.defaultDelta) ?? seedProblem(o.seed ?? settings.defaultSeed);
  if (problem) throw new Error(problem);
  if (o.labels && !o.eval) throw new Error('labels need evaluation data (options.eval)');
  const paths = outputPaths(model, settings.outputSuffix);
  return {
    model, calib: o.calib!, eval: o.eval, labels: o.labels, method, ...target,
    delta: o.delta ?? settings.defaultDelta, seed: o.seed ?? settings.defaultSeed, allocation: o.allocation ?? settings.allocation,
    calibSize: o.calibSize, holdoutSize: o.holdoutSize, evalLimit: o.evalLimit, maxBytes: settings.maxModelMB * 1024 * 1024,
    out: paths.compressed, report: paths.report,
  };
}

/** The interactive path: seven small questions, each defaulting to the last answer for this model. */
async function askOptions(s: Services, model: string, given: Partial<CompressOptions>): Promise<Partial<CompressOptions> | undefined> {
  const settings = s.settings();
  const last = s.answers.get(model);
  const title = `Compress ${vscode.workspace.asRelativePath(model)}`;
  const step = (n: number): Step => ({ title, step: n, totalSteps: 7 });

  const data = await askData(title, 7, last, 'measures error and accuracy');
  if (!data) return undefined;
  const defaultMethod = given.method ?? last.method ?? settings.defaultMethod;
  const methodItems = METHOD_NAMES.map((m) => ({ label: m, description: m === defaultMethod ? 'default' : undefined, detail: METHOD_SUMMARIES[m], method: m }));
  methodItems.sort((a, b) => Number(b.method === defaultMethod) - Number(a.method === defaultMethod));
  const picked = await vscode.window.showQuickPick(methodItems, { title: `${title} (4/7)`, placeHolder: 'Compression method', ignoreFocusOut: true });
  if (!picked) return undefined;
  const method = picked.method;
  const targetText = await askText(step(5), 'Keep ratio in (0, 1], or eps=<ε> for an error target (CoreNet methods)', last.target ?? String(given.keep ?? settings.defaultKeep), (t) => {
    const r = parseTarget(t, method);
    return typeof r === 'string' ? r : null;
  });
  if (targetText === undefined) return undefined;
  const target = parseTarget(targetText, method) as Target;
  const delta = await askNumber(step(6), 'δ: failure probability of the guarantee, in (0, 1)', given.delta ?? last.delta ?? settings.defaultDelta, deltaProblem);
  if (delta === undefined) return undefined;
  const seed = await askNumber(step(7), 'Random seed (same seed, same result)', given.seed ?? last.seed ?? settings.defaultSeed, seedProblem);
  if (seed === undefined) return undefined;
  await s.answers.update(model, { calib: data.calib, eval: data.eval ?? null, labels: data.labels ?? null, method, target: targetText, delta, seed });
  return { ...given, ...data, method, keep: target.keep, eps: target.eps, delta, seed };
}

export async function compressCommand(s: Services, uriArg?: unknown, optionsRaw?: unknown): Promise<CompressOutcome | undefined> {
  const prepared = await prepareJob<CompressOptions, CompressJob>(s, uriArg, optionsRaw, { action: 'compressing', verb: 'compress', failure: 'cannot compress', ask: askOptions, build: jobFromOptions });
  if (!prepared) return undefined;
  const { model, job, interactive } = prepared;
  try {
    const what = job.keep !== undefined ? `keep ${job.keep}` : `eps ${job.eps}`;
    const result = await s.runner.run({ title: `Compressing ${vscode.workspace.asRelativePath(model)} (${job.method}, ${what})`, model, request: { type: 'compress', job }, stages: ['load', 'activations', 'sensitivity', 'sampling', 'write', 'evaluation'], token: cancellationArg(optionsRaw) });
    await s.state.update(LAST_REPORT_KEY, result.reportFile);
    s.log.info(`compress ${model}: wrote ${result.output} and ${result.reportFile}`);
    await s.current.reportChanged(model);
    s.panel.showReport(result.report, result.reportFile);
    return { model, output: result.output, reportFile: result.reportFile, report: result.report };
  } catch (e) {
    void showJobFailure(e, 'compressing', model, s.log);
    if (!interactive) throw e;
    return undefined;
  }
}
