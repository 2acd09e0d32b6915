/**
 * A problem that stops a CLI command as a whole (unknown tool, missing file, unknown column):
 * `main` prints its message without a stack trace and exits with status 1. Anything else that
 * escapes a command is a bug and is printed with its stack.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
