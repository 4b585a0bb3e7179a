/**
 * `ghostwire`, the command line of the package (package.json "bin", built
 * into dist/cli.js by host/dev/build-package.mjs): run, check, types and
 * mcp against a host. Runs on Node 20 and later. Every failure ends the
 * process with a documented exit code (exit-codes.ts) and one sentence on
 * stderr that says what to do.
 */
import process from "node:process";
import { booleanFlag, parseArgs } from "./args.js";
import { checkCommand } from "./check-command.js";
import type { Command } from "./command.js";
import { CliError, EXIT, usageError } from "./exit-codes.js";
import { commandHelp, mainHelp } from "./help.js";
import { mcpCommand } from "./mcp-command.js";
import { runCommand } from "./run-command.js";
import { paintFor } from "./terminal.js";
import { typesCommand } from "./types-command.js";

const COMMANDS: readonly Command[] = [runCommand, checkCommand, typesCommand, mcpCommand];

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(mainHelp(COMMANDS));
    return EXIT.ok;
  }
  if (name === undefined) {
    process.stderr.write(mainHelp(COMMANDS));
    return EXIT.usage;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((candidate) => candidate.name).join(", ");
    throw usageError(`Unknown command ${JSON.stringify(name)}; the commands are ${names}.`, "ghostwire");
  }
  const args = parseArgs(rest, command.flags, `ghostwire ${command.name}`);
  if (booleanFlag(args, "help")) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(args);
}

// The process ends by itself once the command is done (its connection closed),
// so stdout is flushed whole even when it is a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const paint = paintFor(process.stderr, process.env);
    if (error instanceof CliError) {
      process.stderr.write(`${paint.red("ghostwire:")} ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${paint.red("ghostwire:")} an unexpected failure, a bug in ghostwire; please report it with this output:\n${detail}\n`);
    process.exitCode = EXIT.failed;
  },
);
