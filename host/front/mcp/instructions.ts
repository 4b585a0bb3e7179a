import type { HostConfig } from "../../config.js";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The server `instructions` an MCP client receives at initialize (many put
 * them in the model's system prompt): how to work with the two tools, and the
 * rules an agent would otherwise learn by failing. The limits are this host's
 * own, read from its configuration. Kept short, since a client may send them
 * with every turn: about 300 tokens with the default limits (o200k_base;
 * test/e2e/mcp.test.mjs holds them to INSTRUCTIONS_MAX_TOKENS).
 */
export function serverInstructions(config: HostConfig): string {
  return [
    "Ghostwire runs TypeScript that calls typed APIs. Work in two steps:",
    "1. Find the methods. If the `execute` description lists the APIs' declarations, read them there; otherwise call `search` with a few keywords, which returns the TypeScript declarations of the matching methods.",
    "2. Call `execute` with TypeScript: the body of an async function. Call each API through its namespace and `await` every call, so that its result and its errors reach your code, e.g. `const sum = await math.add({ a: 1, b: 2 })`. `return` the answer. Do the whole task in one execution where you can: loops, `Promise.all`, filtering and sorting in code save round trips.",
    "The code is type-checked before it runs: on a CompileError, fix the reported lines and run it again. Runtime errors come with the line of your code.",
    "Results, API arguments and logs are JSON: a Date becomes an ISO string, a Map an object, a Set an array, and functions are dropped.",
    `Limits per execution: ${count(config.GHOSTWIRE_MAX_API_CALLS)} API calls, ${count(config.GHOSTWIRE_TIMEOUT_MS / 1000)} seconds, ${count(config.GHOSTWIRE_MAX_LOG_ENTRIES)} log entries, and a result of ${count(config.GHOSTWIRE_MAX_RESULT_CHARS)} characters of JSON; past them, the execution stops or the output is cut, and \`stats\` says which. Return what you need, not whole pages of data.`,
    "Each execution starts from nothing; keep state between executions with a `session` token, if you were given one.",
  ].join("\n");
}
