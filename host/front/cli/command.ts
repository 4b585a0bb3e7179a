import type { FlagSpec, ParsedArgs } from "./args.js";
import type { ExitCode } from "./exit-codes.js";

/** One subcommand of `ghostwire`: what --help shows, and what it does. */
export interface Command {
  readonly name: string;
  /** The synopsis after "Usage:", e.g. "ghostwire run <file.ts | -> [flags]". */
  readonly usage: string;
  /** One line, for the list in `ghostwire --help`. */
  readonly summary: string;
  /** What --help adds after the synopsis: what it prints where, and its exit codes. */
  readonly details: string;
  readonly flags: readonly FlagSpec[];
  /** Runs with the parsed command line (--help already handled); resolves with the exit code, or throws a CliError. */
  run(args: ParsedArgs): Promise<ExitCode>;
}
