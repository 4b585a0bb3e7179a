import process from "node:process";
import { APIS_FLAG, apisOf } from "./apis-flag.js";
import { onePositional, type ParsedArgs } from "./args.js";
import type { Command } from "./command.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { HOST_FLAGS, hostTarget, withHost } from "./host-connection.js";
import { formatDiagnostic } from "./report.js";
import { readSource } from "./source.js";
import { paintFor } from "./terminal.js";

const NAME = "ghostwire check";

/** `ghostwire check <file.ts | ->`: the host's type check (Cap'n Web `check()`), without running anything. */
export const checkCommand: Command = {
  name: "check",
  usage: `${NAME} <file.ts | -> [flags]`,
  summary: "Type-check a file of agent code against the host's APIs without running it.",
  details: [
    "Prints each type or syntax error to stdout as a code frame of the file, and a count to stderr;",
    "exits 1 when there is any. - reads the code from stdin.",
  ].join("\n"),
  flags: [APIS_FLAG, ...HOST_FLAGS],
  run,
};

async function run(args: ParsedArgs): Promise<ExitCode> {
  const path = onePositional(args, "a file of code (or - for stdin)", NAME);
  const target = hostTarget(args, process.env, NAME);
  const apis = apisOf(args, NAME);
  const file = await readSource(path, NAME);
  const diagnostics = await withHost(target, (client) => client.check(file.text, apis));
  const paint = paintFor(process.stdout, process.env);
  for (const diagnostic of diagnostics) process.stdout.write(formatDiagnostic(file, diagnostic, paint));
  const count = diagnostics.length;
  process.stderr.write(count === 0 ? `${file.name}: no type errors.\n` : `${file.name}: ${count} type error${count === 1 ? "" : "s"}.\n`);
  return count === 0 ? EXIT.ok : EXIT.failed;
}
