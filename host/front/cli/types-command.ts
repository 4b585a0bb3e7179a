import process from "node:process";
import { APIS_FLAG, apisOf } from "./apis-flag.js";
import { noPositionals, type ParsedArgs } from "./args.js";
import type { Command } from "./command.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { HOST_FLAGS, hostTarget, withHost } from "./host-connection.js";

const NAME = "ghostwire types";

/** `ghostwire types`: the declarations agents code against (Cap'n Web `types()`), for an editor. */
export const typesCommand: Command = {
  name: "types",
  usage: `${NAME} [flags] > ghostwire.d.ts`,
  summary: "Print the TypeScript declarations of the host's APIs, to save as a .d.ts for an editor.",
  details: "Prints the declarations to stdout. With --apis, only those APIs; `--apis session` gives the session API's.",
  flags: [APIS_FLAG, ...HOST_FLAGS],
  run,
};

async function run(args: ParsedArgs): Promise<ExitCode> {
  noPositionals(args, NAME);
  const target = hostTarget(args, process.env, NAME);
  const apis = apisOf(args, NAME);
  const declarations = await withHost(target, (client) => client.types(apis));
  process.stdout.write(declarations.endsWith("\n") ? declarations : `${declarations}\n`);
  return EXIT.ok;
}
