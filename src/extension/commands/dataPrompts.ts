/** The three data questions compress, sweep and bound share (calibration, evaluation, labels). */
import type { RememberedAnswers, Step } from '../prompts';
import { pickDataFile } from '../prompts';

export interface DataAnswers {
  calib: string;
  eval?: string;
  labels?: string;
}

/** Asks steps 1-3 of `total`; undefined on Escape. `evalHint` says what the evaluation data is for here. */
export async function askData(title: string, total: number, last: RememberedAnswers, evalHint: string): Promise<DataAnswers | undefined> {
  const step = (n: number): Step => ({ title, step: n, totalSteps: total });
  const calib = await pickDataFile(step(1), 'Calibration data: inputs the model sees in use (.npy or IDX, gz ok)', last.calib);
  if (!calib) return undefined;
  const evalData = await pickDataFile(step(2), `Evaluation data (optional): ${evalHint}`, last.eval, 'None');
  if (evalData === undefined) return undefined;
  let labels: string | null = null;
  if (evalData) {
    const l = await pickDataFile(step(3), 'Labels for the evaluation data (optional)', last.labels, 'None');
    if (l === undefined) return undefined;
    labels = l;
  }
  return { calib, eval: evalData ?? undefined, labels: labels ?? undefined };
}
