/**
 * The `corenet.*` settings as plain data, validated. Kept free of `vscode` so unit tests can run it:
 * settings.ts is the thin wrapper that feeds it `workspace.getConfiguration('corenet').get`.
 * A bad value never stops a command: it falls back to the default and yields a problem message.
 */
import { ALLOCATION_NAMES, METHOD_NAMES, type AllocationName, type MethodName } from '../core/compress/types';

export interface CoreNetSettings {
  defaultMethod: MethodName;
  defaultKeep: number;
  defaultDelta: number;
  defaultSeed: number;
  allocation: AllocationName;
  outputSuffix: string;
  workerMemoryMB: number;
  workerTimeoutMinutes: number;
  maxModelMB: number;
  boundTrainSize: number;
  boundMargin: number;
  sweepKeeps: number[];
  sweepMethods: MethodName[];
  sweepSeeds: number;
}

export const DEFAULT_SETTINGS: Readonly<CoreNetSettings> = Object.freeze({
  defaultMethod: 'corenet+',
  defaultKeep: 0.1,
  defaultDelta: 0.1,
  defaultSeed: 0,
  allocation: 'tuned',
  outputSuffix: '.corenet',
  workerMemoryMB: 4096,
  workerTimeoutMinutes: 30,
  maxModelMB: 1024,
  boundTrainSize: 60000,
  boundMargin: 1.0,
  sweepKeeps: [0.5, 0.2, 0.1, 0.05, 0.02],
  sweepMethods: ['corenet', 'corenet+', 'uniform', 'magnitude'],
  sweepSeeds: 3,
} satisfies CoreNetSettings);

export interface SettingsReading {
  settings: CoreNetSettings;
  /** One line per ignored value, naming the setting; empty when everything was valid. */
  problems: string[];
}

// ---- single-value validators, shared with the input boxes (they return an error text or null) ----

export function keepRatioProblem(v: number): string | null {
  return Number.isFinite(v) && v > 0 && v <= 1 ? null : 'a keep ratio is a number in (0, 1]';
}

export function epsProblem(v: number): string | null {
  return Number.isFinite(v) && v > 0 ? null : 'eps is a positive number';
}

export function deltaProblem(v: number): string | null {
  return Number.isFinite(v) && v > 0 && v < 1 ? null : 'delta is a failure probability in (0, 1)';
}

export function seedProblem(v: number): string | null {
  return Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1 ? null : 'a seed is a non-negative integer';
}

export function positiveIntegerProblem(v: number): string | null {
  return Number.isInteger(v) && v >= 1 ? null : 'a positive integer is needed';
}

export function positiveNumberProblem(v: number): string | null {
  return Number.isFinite(v) && v > 0 ? null : 'a positive number is needed';
}

/** The suffix goes into a file name beside the model: no separators, not empty, not `.onnx`. */
export function outputSuffixProblem(s: string): string | null {
  if (s.length === 0) return 'the suffix cannot be empty (the output would replace the model)';
  if (/[\\/:*?"<>|\0]/.test(s)) return 'the suffix cannot contain path separators or characters invalid in file names';
  if (s.toLowerCase() === '.onnx') return 'the suffix cannot be ".onnx"';
  return null;
}

/** Parses "0.5, 0.2,0.1" into numbers; null when any item is not a keep ratio or the list is empty. */
export function parseKeepList(text: string): number[] | null {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) return null;
  const values = items.map(Number);
  return values.every((v) => keepRatioProblem(v) === null) ? values : null;
}

export function isMethodName(s: unknown): s is MethodName {
  return typeof s === 'string' && (METHOD_NAMES as string[]).includes(s);
}

export function isAllocationName(s: unknown): s is AllocationName {
  return typeof s === 'string' && (ALLOCATION_NAMES as string[]).includes(s);
}

/** Reads every setting through `get` (undefined = not set) and validates it. */
export function readSettings(get: (key: keyof CoreNetSettings) => unknown): SettingsReading {
  const problems: string[] = [];
  const fallback = <K extends keyof CoreNetSettings>(key: K, why: string, raw: unknown): CoreNetSettings[K] => {
    problems.push(`corenet.${key}: ${JSON.stringify(raw)} ignored (${why}); using ${JSON.stringify(DEFAULT_SETTINGS[key])}`);
    return DEFAULT_SETTINGS[key];
  };
  const numeric = <K extends keyof CoreNetSettings>(key: K, check: (v: number) => string | null): CoreNetSettings[K] => {
    const raw = get(key);
    if (raw === undefined || raw === null) return DEFAULT_SETTINGS[key];
    const why = typeof raw === 'number' ? check(raw) : 'not a number';
    return why === null ? (raw as CoreNetSettings[K]) : fallback(key, why, raw);
  };
  const choice = <K extends keyof CoreNetSettings>(key: K, valid: (s: unknown) => boolean, names: readonly string[]): CoreNetSettings[K] => {
    const raw = get(key);
    if (raw === undefined || raw === null) return DEFAULT_SETTINGS[key];
    return valid(raw) ? (raw as CoreNetSettings[K]) : fallback(key, `choose one of ${names.join(', ')}`, raw);
  };

  const suffixRaw = get('outputSuffix');
  const suffixWhy = suffixRaw === undefined ? null : typeof suffixRaw === 'string' ? outputSuffixProblem(suffixRaw) : 'not a string';
  const outputSuffix = suffixRaw === undefined || suffixWhy === null ? ((suffixRaw as string | undefined) ?? DEFAULT_SETTINGS.outputSuffix) : fallback('outputSuffix', suffixWhy, suffixRaw);

  const keepsRaw = get('sweepKeeps');
  let sweepKeeps = DEFAULT_SETTINGS.sweepKeeps;
  if (keepsRaw !== undefined) {
    const parsed = typeof keepsRaw === 'string' ? parseKeepList(keepsRaw) : null;
    sweepKeeps = parsed ?? fallback('sweepKeeps', 'a comma-separated list of keep ratios in (0, 1]', keepsRaw);
  }

  const methodsRaw = get('sweepMethods');
  let sweepMethods = DEFAULT_SETTINGS.sweepMethods;
  if (methodsRaw !== undefined) {
    const ok = Array.isArray(methodsRaw) && methodsRaw.length > 0 && methodsRaw.every(isMethodName);
    sweepMethods = ok ? [...new Set(methodsRaw as MethodName[])] : fallback('sweepMethods', `a non-empty list of ${METHOD_NAMES.join(', ')}`, methodsRaw);
  }

  const settings: CoreNetSettings = {
    defaultMethod: choice('defaultMethod', isMethodName, METHOD_NAMES),
    defaultKeep: numeric('defaultKeep', keepRatioProblem),
    defaultDelta: numeric('defaultDelta', deltaProblem),
    defaultSeed: numeric('defaultSeed', seedProblem),
    allocation: choice('allocation', isAllocationName, ALLOCATION_NAMES),
    outputSuffix,
    workerMemoryMB: numeric('workerMemoryMB', (v) => (Number.isInteger(v) && v >= 256 ? null : 'an integer of at least 256')),
    workerTimeoutMinutes: numeric('workerTimeoutMinutes', positiveNumberProblem),
    maxModelMB: numeric('maxModelMB', positiveNumberProblem),
    boundTrainSize: numeric('boundTrainSize', positiveIntegerProblem),
    boundMargin: numeric('boundMargin', positiveNumberProblem),
    sweepKeeps,
    sweepMethods,
    sweepSeeds: numeric('sweepSeeds', positiveIntegerProblem),
  };
  return { settings, problems };
}

export type Target = { keep: number; eps?: undefined } | { eps: number; keep?: undefined };

/** What the target box accepts: "0.1" (keep ratio) or "eps=0.5" (error target, CoreNet methods only). */
export function parseTarget(text: string, method: MethodName): Target | string {
  const t = text.trim();
  const eps = /^eps\s*=\s*(.+)$/i.exec(t);
  if (eps) {
    if (!method.startsWith('corenet')) return `an eps target needs a CoreNet method; ${method} takes a keep ratio`;
    const v = Number(eps[1]);
    return epsProblem(v) ?? { eps: v };
  }
  const v = t === '' ? NaN : Number(t);
  return keepRatioProblem(v) ?? { keep: v };
}
