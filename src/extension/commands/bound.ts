/**
 * corenet.boundReport: the §7 generalization bound of the model, written as
 * <model>.corenet.bound.md (+ .bound.json) beside it and opened in the Markdown preview.
 */
import * as vscode from 'vscode';
import type { BoundJob } from '../../protocol/worker';
import { showJobFailure } from '../jobRunner';
import { outputPaths } from '../paths';
import { askNumber } from '../prompts';
import { cancellationArg, type Services } from '../services';
import { deltaProblem, positiveIntegerProblem, positiveNumberProblem } from '../settingsModel';
import { askData } from './dataPrompts';
import { prepareJob } from './jobCommand';

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
  const prepared = await prepareJob<BoundOptions, BoundJob>(s, uriArg, optionsRaw, { action: 'the bound report', verb: 'report a bound for', failure: 'cannot compute the bound of', ask: (svc: Services, model: string) => askOptions(svc, model), build: jobFromOptions });
  if (!prepared) return undefined;
  const { model, job, interactive } = prepared;
  try {
    const r = await s.runner.run({ title: `Bound report for ${vscode.workspace.asRelativePath(model)}`, model, request: { type: 'bound', job }, stages: ['load', 'activations', 'sensitivity'], token: cancellationArg(optionsRaw) });
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
