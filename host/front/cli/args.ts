import { usageError } from "./exit-codes.js";

/** One flag of a command: `--name value` (or `--name=value`) when it takes a value, `--name` alone otherwise. */
export interface FlagSpec {
  readonly name: string;
  /** What the value stands for in --help (e.g. "a,b"); absent for a flag that takes none. */
  readonly value?: string;
  readonly description: string;
}

/** What a command line held: its positional arguments, and each flag given (a string, or true for one without a value). */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/** Every command takes --help (and -h). */
export const HELP_FLAG: FlagSpec = { name: "help", description: "Print this help and exit." };

/**
 * Parses `argv` (the words after the command's name) against `specs`.
 * - `-` is a positional (stdin); `--` ends the flags, so what follows is positional.
 * - A flag given twice keeps its last value.
 * Throws a usage error (exit 2) for an unknown flag, naming the valid ones,
 * for a missing value, and for a value given to a flag that takes none.
 * `command` is how --help is reached ("ghostwire run").
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const all = [...specs, HELP_FLAG];
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word === "-h") {
      flags.set("help", true);
      continue;
    }
    if (!word.startsWith("-") || word === "-") {
      positionals.push(word);
      continue;
    }
    const [name, inline] = splitFlag(word);
    const spec = all.find((candidate) => candidate.name === name);
    if (spec === undefined) {
      const valid = all.map((candidate) => `--${candidate.name}`).join(", ");
      throw usageError(`Unknown flag ${JSON.stringify(word.split("=")[0])} for \`${command}\`; the valid ones are ${valid}.`, command);
    }
    if (spec.value === undefined) {
      if (inline !== undefined) throw usageError(`--${name} takes no value, and was given ${JSON.stringify(inline)}.`, command);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw usageError(`--${name} needs a value (--${name} ${spec.value}).`, command);
    }
    flags.set(name, value);
  }
  return { positionals, flags };
}

/** `--name=value` → ["name", "value"]; `--name` → ["name", undefined]; a single dash counts like two. */
function splitFlag(word: string): [string, string | undefined] {
  const body = word.replace(/^--?/, "");
  const at = body.indexOf("=");
  return at === -1 ? [body, undefined] : [body.slice(0, at), body.slice(at + 1)];
}

/** The value of a flag that takes one, if given. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Whether a flag without a value was given. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** The one positional a command takes (a file, or `-`), or a usage error saying what to pass. */
export function onePositional(args: ParsedArgs, what: string, command: string): string {
  if (args.positionals.length === 1) return args.positionals[0];
  if (args.positionals.length === 0) throw usageError(`\`${command}\` needs ${what}.`, command);
  throw usageError(`\`${command}\` takes one ${what}, and was given ${args.positionals.length}: ${args.positionals.map((word) => JSON.stringify(word)).join(", ")}.`, command);
}

/** Refuses positionals for a command that takes none. */
export function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length > 0) throw usageError(`\`${command}\` takes no arguments besides flags, and was given ${JSON.stringify(args.positionals[0])}.`, command);
}
