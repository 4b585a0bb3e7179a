import { HELP_FLAG, type FlagSpec } from "./args.js";
import type { Command } from "./command.js";
import { DEFAULT_URL } from "./host-connection.js";

/** The exit codes as --help lists them; exit-codes.ts holds their values. */
const EXIT_CODES = [
  "  0  done: the code ran (or checked) without errors",
  "  1  the code failed (type errors, a runtime error), or the host refused to run it",
  "  2  usage: an unknown flag, a missing or unreadable file, code over 1 MiB",
  "  3  the host could not be reached, or the connection dropped",
  "  4  the host refused the client token or the session token",
].join("\n");

/** `ghostwire --help`: the commands, the host flags and variables, the exit codes. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    "ghostwire: run TypeScript on a Ghostwire host (Code Mode) from the command line.",
    "",
    "Usage: ghostwire <command> [flags]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    "",
    `Every command takes --url (default: $GHOSTWIRE_URL, else ${DEFAULT_URL}) and --token`,
    "(default: $GHOSTWIRE_TOKEN); a flag wins over its variable. Colors appear on a terminal",
    "unless NO_COLOR is set; FORCE_COLOR=1 forces them.",
    "Run `ghostwire <command> --help` for a command's flags.",
    "",
    "Exit codes:",
    EXIT_CODES,
    "",
  ].join("\n");
}

/** `ghostwire <command> --help`: its synopsis, what it does, its flags. */
export function commandHelp(command: Command): string {
  const flags: readonly FlagSpec[] = [...command.flags, HELP_FLAG];
  const label = (flag: FlagSpec) => `--${flag.name}${flag.value === undefined ? "" : ` ${flag.value}`}`;
  const width = Math.max(...flags.map((flag) => label(flag).length)) + 2;
  return [
    `Usage: ${command.usage}`,
    "",
    command.summary,
    "",
    command.details,
    "",
    "Flags:",
    ...flags.map((flag) => `  ${label(flag).padEnd(width)}${flag.description}`),
    "",
    "Exit codes:",
    EXIT_CODES,
    "",
  ].join("\n");
}
