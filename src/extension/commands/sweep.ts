/**
 * corenet.sweep: every method × keep ratio × seed on one prepared model, written to
 * <model>.corenet.sweep.json and drawn in the results panel. Options skip the questions (tests).
 */
import * as vscode from 'vscode';
import { METHOD_NAMES, type MethodName } from '../../core/compress/types';
import type { SweepResult } from '../../core/sweep';
import type { SweepJob } from '../../protocol/worker';
import { showJobFailure } from '../jobRunner';
import { outputPaths } from '../paths';
import { askNumber, askText } from '../prompts';
import { cancellationArg, type Services } from '../services';
import { deltaProblem, isMethodName, parseKeepList, positiveIntegerProblem, seedProblem } from '../settingsModel';
import { askData } from './dataPrompts';
import { prepareJob } from './jobCommand';

export interface SweepOptions {
  calib: string;
  eval: string;
  labels: string;
  methods: MethodName[];
  keeps: number[];
  seeds: number;
  seed: number;
  delta: number;
  evalLimit: number;
}

async function askOptions(s: Services, model: string): Promise<Partial<SweepOptions> | undefined> {
  const settings = s.settings();
  const last = s.answers.get(model);
  const title = `Sweep ${vscode.workspace.asRelativePath(model)}`;
  const data = await askData(title, 6, last, 'accuracy curves need it and its labels');
  if (!data) return undefined;
  const chosen = new Set(last.sweepMethods ?? settings.sweepMethods);
  const picks = await vscode.window.showQuickPick(
    METHOD_NAMES.map((m) => ({ label: m, picked: chosen.has(m) })),
    { title: `${title} (4/6)`, placeHolder: 'Methods to compare', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picks || picks.length === 0) return undefined;
  const keepsText = await askText({ title, step: 5, totalSteps: 6 }, 'Keep ratios, comma-separated', last.sweepKeeps ?? settings.sweepKeeps.join(','), (t) => (parseKeepList(t) ? null : 'a comma-separated list of numbers in (0, 1]'));
  if (keepsText === undefined) return undefined;
  const seeds = await askNumber({ title, step: 6, totalSteps: 6 }, 'Seeds per point (mean and spread over them)', last.sweepSeeds ?? settings.sweepSeeds, positiveIntegerProblem);
  if (seeds === undefined) return undefined;
  const methods = picks.map((p) => p.label as MethodName);
  await s.answers.update(model, { ...data, sweepMethods: methods, sweepKeeps: keepsText, sweepSeeds: seeds });
  return { ...data, methods, keeps: parseKeepList(keepsText)!, seeds };
}

function jobFromOptions(s: Services, model: string, o: Partial<SweepOptions>): SweepJob {
  const settings = s.settings();
  const methods = o.methods ?? settings.sweepMethods;
  const keeps = o.keeps ?? settings.sweepKeeps;
  if (!methods.length || !methods.every(isMethodName)) throw new Error(`methods must be a non-empty list of ${METHOD_NAMES.join(', ')}`);
  if (!keeps.length || keeps.some((k) => !(k > 0 && k <= 1))) throw new Error('keeps must be a non-empty list of numbers in (0, 1]');
  const seeds = o.seeds ?? settings.sweepSeeds;
  const problem = positiveIntegerProblem(seeds) ?? seedProblem(o.seed ?? settings.defaultSeed) ?? deltaProblem(o.delta ?? settings.defaultDelta);
  if (problem) throw new Error(problem);
  return {
    model, calib: o.calib!, eval: o.eval, labels: o.labels, methods, keeps, seeds, seed: o.seed ?? settings.defaultSeed,
    delta: o.delta ?? settings.defaultDelta, evalLimit: o.evalLimit, maxBytes: settings.maxModelMB * 1024 * 1024,
    json: outputPaths(model, settings.outputSuffix).sweep,
  };
}

export async function sweepCommand(s: Services, uriArg?: unknown, optionsRaw?: unknown): Promise<{ model: string; json: string; result: SweepResult } | undefined> {
  const prepared = await prepareJob<SweepOptions, SweepJob>(s, uriArg, optionsRaw, { action: 'the sweep', verb: 'sweep', failure: 'cannot sweep', ask: (svc: Services, model: string) => askOptions(svc, model), build: jobFromOptions });
  if (!prepared) return undefined;
  const { model, job, interactive } = prepared;
  try {
    const runs = job.methods.length * job.keeps.length * job.seeds;
    const r = await s.runner.run({ title: `Sweeping ${vscode.workspace.asRelativePath(model)} (${runs} runs)`, model, request: { type: 'sweep', job }, stages: ['load', 'activations', 'sensitivity', 'sampling'], token: cancellationArg(optionsRaw) });
    s.log.info(`sweep ${model}: wrote ${r.json}`);
    s.panel.showSweep(r.result, r.json);
    return { model, json: r.json, result: r.result };
  } catch (e) {
    void showJobFailure(e, 'sweeping', model, s.log);
    if (!interactive) throw e;
    return undefined;
  }
}
