import process from "node:process";
import type { ExecuteResponse } from "../../../api-types/execution.js";
import { APIS_FLAG, apisOf } from "./apis-flag.js";
import { booleanFlag, onePositional, stringFlag, type ParsedArgs } from "./args.js";
import type { Command } from "./command.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { HOST_FLAGS, hostTarget, withHost } from "./host-connection.js";
import { formatDiagnostic, formatError, formatLog, type SourceFile } from "./report.js";
import { readSource } from "./source.js";
import { paintFor, type Paint } from "./terminal.js";

const NAME = "ghostwire run";

/** `ghostwire run <file.ts | ->`: runs the code on the host, its console streamed to stderr, its result to stdout as JSON. */
export const runCommand: Command = {
  name: "run",
  usage: `${NAME} <file.ts | -> [flags]`,
  summary: "Type-check and run a file of agent code; logs go to stderr as they come, the result to stdout as JSON.",
  details: [
    "The file holds the body of an async function (README, \"The code format\"); - reads it from stdin.",
    "Console entries are printed to stderr while the code runs. The returned value is printed to",
    "stdout as JSON (nothing when the code returns nothing). Type errors and runtime errors are",
    "printed to stderr as code frames of the file.",
  ].join("\n"),
  flags: [
    APIS_FLAG,
    { name: "session", value: "<token>", description: "A session token (POST /v1/sessions): grants the `session` API and its stored state." },
    { name: "no-check", description: "Skip the type check: code with type errors runs anyway." },
    ...HOST_FLAGS,
  ],
  run,
};

async function run(args: ParsedArgs): Promise<ExitCode> {
  const path = onePositional(args, "a file of code (or - for stdin)", NAME);
  const target = hostTarget(args, process.env, NAME);
  const apis = apisOf(args, NAME);
  const session = stringFlag(args, "session");
  const file = await readSource(path, NAME);
  const paint = paintFor(process.stderr, process.env);
  const response = await withHost(target, (client) =>
    client.execute(file.text, {
      ...(apis && { apis }),
      ...(session !== undefined && { session }),
      ...(booleanFlag(args, "no-check") && { check: false }),
      onLog: (entry) => void process.stderr.write(formatLog(entry, paint)),
    }),
  );
  return report(file, response, paint);
}

/** Writes the outcome: the result to stdout, or the diagnostics and the error to stderr; then notes on what the limits cut. */
function report(file: SourceFile, response: ExecuteResponse, paint: Paint): ExitCode {
  const notes: string[] = [];
  if (response.stats?.logsDropped > 0) notes.push(`${response.stats.logsDropped} console entries were dropped or cut by the host's log limits.`);
  if (response.stats?.truncated?.result) notes.push("The result was larger than the host's GHOSTWIRE_MAX_RESULT_CHARS, so it came back truncated.");
  if (response.ok) {
    if (response.result !== undefined) process.stdout.write(`${JSON.stringify(response.result, null, 2)}\n`);
    for (const note of notes) process.stderr.write(`${paint.dim(note)}\n`);
    return EXIT.ok;
  }
  const diagnostics = Array.isArray(response.diagnostics) ? response.diagnostics : [];
  for (const diagnostic of diagnostics) process.stderr.write(formatDiagnostic(file, diagnostic, paint));
  if (response.error !== undefined) {
    // A CompileError's position is its first diagnostic's, already framed above.
    const error = diagnostics.length > 0 ? { name: response.error.name, message: response.error.message } : response.error;
    process.stderr.write(formatError(file, error, paint));
  }
  if (diagnostics.length > 0) notes.push("--no-check runs code with type errors anyway.");
  for (const note of notes) process.stderr.write(`${paint.dim(note)}\n`);
  return EXIT.failed;
}
