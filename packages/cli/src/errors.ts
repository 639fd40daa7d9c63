/**
 * Errors the command reports to the user without a stack trace. Anything else that
 * escapes a command is an internal error.
 */

/** A mistake in the command line: exit 2 with a message and a pointer to `--help`. */
export class UsageError extends Error {
  /** @param command the command whose help to point at (`eval`), or undefined for the program's. */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input that cannot be read at all (a missing data file, a JSON file that does not parse): exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
