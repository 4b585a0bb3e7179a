import { stringFlag, type FlagSpec, type ParsedArgs } from "./args.js";
import { usageError } from "./exit-codes.js";

/** --apis: which APIs the code may use; the host checks the names. */
export const APIS_FLAG: FlagSpec = { name: "apis", value: "<a,b>", description: "The APIs to grant (comma-separated names). Default: every API the host offers." };

/** The names of --apis, trimmed; undefined when the flag is absent, a usage error when it names none. */
export function apisOf(args: ParsedArgs, command: string): string[] | undefined {
  const value = stringFlag(args, "apis");
  if (value === undefined) return undefined;
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw usageError(`--apis names no API: pass names separated by commas (--apis math,weather), or leave it out for all.`, command);
  return names;
}
