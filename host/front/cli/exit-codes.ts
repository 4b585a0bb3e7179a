/**
 * The exit codes of `ghostwire` (README, "Command line"). Scripts branch on
 * them, so each keeps its meaning across releases.
 */
export const EXIT = {
  /** The command did what was asked: the code ran, or checked without errors. */
  ok: 0,
  /** The code failed (type errors, a runtime error), or the host refused to run it (an unknown API, one of its limits). */
  failed: 1,
  /** The command line was wrong: an unknown flag, a missing or unreadable file, code over the size limit. */
  usage: 2,
  /** The host could not be reached, or the connection to it dropped before it answered. */
  unreachable: 3,
  /** The host refused a token: the client token (--token, GHOSTWIRE_TOKEN) or the session token (--session). */
  refused: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the CLI reports as one sentence on stderr, saying what to do,
 * and ends with `exitCode`. Anything else that reaches the top is a bug in
 * the CLI, reported with its stack.
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** A wrong command line (exit 2); `help` names the command whose --help to read. */
export function usageError(message: string, help: string): CliError {
  return new CliError(EXIT.usage, `${message} See \`${help} --help\`.`);
}
