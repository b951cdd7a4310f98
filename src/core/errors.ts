/**
 * One Error subclass per layer. `InputError`s are the user's files being wrong (CLI exit 3);
 * `UsageError`s are wrong arguments (exit 2); anything else is a bug (exit 1).
 */
export class CoreNetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A model or data file that cannot be used. The message always names the file. */
export class InputError extends CoreNetError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export class ModelFileError extends InputError {}
export class DataFileError extends InputError {}

/** Arguments or options that do not make sense together. */
export class UsageError extends CoreNetError {}

/** The user (or the host) cancelled the run. */
export class CancelledError extends CoreNetError {
  constructor() {
    super('cancelled');
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
