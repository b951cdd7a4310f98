/**
 * The part compress, sweep and bound share before their job runs: workspace trust, which model,
 * its existence, and options (asked, or given as the command's second argument) turned into a job.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { resolveModel } from '../modelTarget';
import { optionsArg, type Services } from '../services';
import { requireTrust } from '../trust';

export interface JobCommandSpec<O extends object, J> {
  /** For the trust prompt: "compressing", "the sweep"… */
  action: string;
  /** For the model question: "compress", "sweep"… */
  verb: string;
  /** Start of the error message: "cannot compress"… */
  failure: string;
  ask(s: Services, model: string, given: Partial<O>): Promise<Partial<O> | undefined>;
  build(s: Services, model: string, options: Partial<O>): J;
}

/** Resolves to the model and its job, or undefined when the user stopped; non-interactive callers get invalid options as a rejection. */
export async function prepareJob<O extends object, J>(s: Services, uriArg: unknown, optionsRaw: unknown, spec: JobCommandSpec<O, J>): Promise<{ model: string; job: J; interactive: boolean } | undefined> {
  const given: Partial<O> = optionsArg<O>(optionsRaw) ?? {};
  // Options naming the calibration data mean a caller (a test, another extension): ask nothing.
  const interactive = (given as { calib?: unknown }).calib === undefined;
  if (!(await requireTrust(spec.action))) return undefined;
  const model = await resolveModel(uriArg, s.current, spec.verb, interactive);
  if (!model) return undefined;
  if (!existsSync(model)) {
    void vscode.window.showErrorMessage(`CoreNet: the model ${model} does not exist.`);
    return undefined;
  }
  try {
    const options = interactive ? await spec.ask(s, model, given) : given;
    if (!options) return undefined;
    return { model, job: spec.build(s, model, options), interactive };
  } catch (e) {
    void vscode.window.showErrorMessage(`CoreNet: ${spec.failure} ${model}: ${e instanceof Error ? e.message : String(e)}`);
    if (!interactive) throw e;
    return undefined;
  }
}
