/**
 * corenet.boundReport: the §7 generalization bound of the model, written as
 * <model>.corenet.bound.md (+ .bound.json) beside it and opened in the Markdown preview.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BoundJob } from '../../protocol/worker';
import { showJobFailure } from '../jobRunner';
import { resolveModel } from '../modelTarget';
import { outputPaths } from '../paths';
import { askNumber } from '../prompts';
import { optionsArg, type Services } from '../services';
import { deltaProblem, positiveIntegerProblem, positiveNumberProblem } from '../settingsModel';
import { requireTrust } from '../trust';
import { askData } from './dataPrompts';

export interface BoundOptions {
  calib: string;
  eval: string;
  labels: string;
  trainSize: number;
  margin: number;
  delta: number;
  seed: number;
}

async function askOptions(s: Services, model: string): Promise<Partial<BoundOptions> | undefined> {
  const settings = s.settings();
  const last = s.answers.get(model);
  const title = `Bound report for ${vscode.workspace.asRelativePath(model)}`;
  const data = await askData(title, 5, last, 'labelled training data gives the empirical margin loss');
  if (!data) return undefined;
  const trainSize = await askNumber({ title, step: 4, totalSteps: 5 }, 'n: size of the training set the model was trained on', last.trainSize ?? settings.boundTrainSize, positiveIntegerProblem);
  if (trainSize === undefined) return undefined;
  const margin = await askNumber({ title, step: 5, totalSteps: 5 }, 'γ: margin of the margin loss (in logit units)', last.margin ?? settings.boundMargin, positiveNumberProblem);
  if (margin === undefined) return undefined;
  await s.answers.update(model, { ...data, trainSize, margin });
  return { ...data, trainSize, margin };
}

function jobFromOptions(s: Services, model: string, o: Partial<BoundOptions>): BoundJob {
  const settings = s.settings();
  const trainSize = o.trainSize ?? settings.boundTrainSize;
  const margin = o.margin ?? settings.boundMargin;
  const problem = positiveIntegerProblem(trainSize) ?? positiveNumberProblem(margin) ?? deltaProblem(o.delta ?? settings.defaultDelta);
  if (problem) throw new Error(problem);
  const paths = outputPaths(model, settings.outputSuffix);
  return {
    model, calib: o.calib!, eval: o.eval, labels: o.labels, trainSize, margin, seed: o.seed ?? settings.defaultSeed,
    delta: o.delta ?? settings.defaultDelta, maxBytes: settings.maxModelMB * 1024 * 1024, json: paths.boundJson, markdown: paths.boundMarkdown,
  };
}

export async function boundCommand(s: Services, uriArg?: unknown, optionsRaw?: unknown): Promise<{ model: string; markdownFile: string; json: string } | undefined> {
  const given = optionsArg<BoundOptions>(optionsRaw) ?? {};
  const interactive = given.calib === undefined;
  if (!(await requireTrust('the bound report'))) return undefined;
  const model = await resolveModel(uriArg, s.current, 'report a bound for', interactive);
  if (!model) return undefined;
  if (!existsSync(model)) {
    void vscode.window.showErrorMessage(`CoreNet: the model ${model} does not exist.`);
    return undefined;
  }
  let job: BoundJob;
  try {
    const options = interactive ? await askOptions(s, model) : given;
    if (!options) return undefined;
    job = jobFromOptions(s, model, options);
  } catch (e) {
    void vscode.window.showErrorMessage(`CoreNet: cannot compute the bound of ${model}: ${e instanceof Error ? e.message : String(e)}`);
    if (!interactive) throw e;
    return undefined;
  }
  try {
    const r = await s.runner.run({ title: `Bound report for ${vscode.workspace.asRelativePath(model)}`, model, request: { type: 'bound', job }, stages: ['load', 'activations', 'sensitivity'] });
    s.log.info(`bound ${model}: wrote ${r.markdownFile} and ${r.json}`);
    const md = vscode.Uri.file(r.markdownFile);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', md);
    } catch {
      await vscode.window.showTextDocument(md); // the built-in Markdown extension is disabled
    }
    return { model, markdownFile: r.markdownFile, json: r.json };
  } catch (e) {
    void showJobFailure(e, 'computing the bound of', model, s.log);
    if (!interactive) throw e;
    return undefined;
  }
}
