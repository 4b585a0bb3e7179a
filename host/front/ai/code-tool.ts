import { tool, zodSchema, type Tool } from "ai";
import { z } from "zod";
import { connectToHost, type GhostwireToolOptions } from "./host-connection.js";
import { toModelOutput, type CodeToolOutput } from "./model-output.js";
import { SEARCH_TOOL_NAME } from "./search-tool.js";

/**
 * Most characters of declarations the code tool's description carries (about
 * 2,000 tokens, as for MCP's `execute`). Past it, the description names the
 * search tool instead, so the tool list costs the same however many APIs the
 * host has.
 */
export const DESCRIPTION_DECLARATIONS_MAX_CHARS = 8000;

const CODE_DESCRIPTION =
  "Run TypeScript on a Ghostwire host: the body of an async function (top-level await; `return` the answer). Call the APIs through their namespaces and await every call, e.g. `await math.add({ a: 1, b: 2 })`. Do the whole task in one run where you can. The code is type-checked before it runs. Returns { ok, result, logs }, or { ok: false, error: { name, message, line, hint }, diagnostics } to fix and run again.";

const codeInput = z.strictObject({ code: z.string().min(1).describe("The TypeScript to run: the body of an async function.") });

/** The description: the declarations themselves while they fit, a pointer to the search tool past DESCRIPTION_DECLARATIONS_MAX_CHARS. */
export function describeCodeTool(declarations: string, searchToolName: string): string {
  if (declarations.length <= DESCRIPTION_DECLARATIONS_MAX_CHARS) return `${CODE_DESCRIPTION}\n\nAvailable APIs:\n${declarations}`;
  return `${CODE_DESCRIPTION}\n\nThe APIs' declarations are too long to list here: call the \`${searchToolName}\` tool with a few keywords first to get the declarations of the methods you need.`;
}

/**
 * An AI SDK tool that runs the model's code on the Ghostwire host. It fetches
 * the granted APIs' declarations once, here, to put them in its description
 * (a description is a string the SDK reads synchronously), so it resolves
 * after one round trip to the host and rejects if the host cannot be reached
 * or refuses the token or an API name. Every call of the tool is one more
 * round trip: the code's refusal (e.g. code over the size limit) rejects it,
 * which the AI SDK hands to the model as a tool error; anything the code
 * itself did comes back as CodeToolOutput.
 */
export async function codeTool(options: GhostwireToolOptions): Promise<Tool<{ code: string }, CodeToolOutput>> {
  const host = connectToHost(options);
  const { apis, session } = options;
  // The session API is granted by the token, so it is named only when there is one.
  const granted = session === undefined ? apis : [...(apis ?? (await host.apiNames())), "session"];
  const declarations = await host.types(granted);
  return tool({
    description: describeCodeTool(declarations, options.searchToolName ?? SEARCH_TOOL_NAME),
    inputSchema: zodSchema(codeInput),
    execute: async ({ code }): Promise<CodeToolOutput> => toModelOutput(await host.execute(code, { apis, session })),
  });
}
