import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { z } from "zod";
import { MAX_IMPORTED_TOOLS } from "./config.js";

/**
 * Reading an MCP server's tool list one tool at a time. The SDK's own
 * `listTools()` validates the whole answer against its Tool schema, so one
 * tool with a schema it does not like (`properties: { x: true }`, a
 * top-level `allOf`) rejects every tool of the server. Here the page is
 * requested with a permissive result schema and each tool is checked on its
 * own: a tool that is not a usable definition is left out and named, the
 * others are imported.
 */

/** Most pages of a paginated tools/list read: a server that keeps answering with a cursor cannot keep the host reading. */
export const MAX_TOOL_LIST_PAGES = 50;
/** Longest tool name taken (the MCP spec allows 1–128 characters). */
export const MAX_TOOL_NAME_CHARS = 128;
/** Most left-out tools named one by one in the API's description; the rest are counted. */
export const MAX_LEFT_OUT_NAMED = 10;

/** One tool as the host uses it. Its schemas are still untrusted JSON: the converter decides what it can take. */
export interface RemoteTool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: unknown;
}

export interface ToolList {
  tools: RemoteTool[];
  /** One short phrase per tool left out, e.g. `"2fa" (a second tool of the same name)`; bounded by what the pages held. */
  leftOut: string[];
  /** Whether the server's list went on past what the host reads: MAX_IMPORTED_TOOLS tools or MAX_TOOL_LIST_PAGES pages. */
  truncated: boolean;
}

/** A page as the host accepts it: only the envelope is checked here. */
const page = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

const jsonObject = z.record(z.string(), z.unknown());
const tool = z.looseObject({
  name: z.string().min(1).max(MAX_TOOL_NAME_CHARS),
  description: z.string().optional().catch(undefined),
  inputSchema: jsonObject,
  outputSchema: z.unknown().optional(),
});

/** A tool's name as it may be shown in a note: quoted, bounded, or a placeholder when it has none. */
function shownName(entry: unknown): string {
  const name = typeof entry === "object" && entry !== null ? (entry as { name?: unknown }).name : undefined;
  if (typeof name !== "string" || name === "") return "(a tool without a name)";
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** Why `entry` is not a usable tool definition, as a short phrase. */
function defect(entry: unknown): string {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return "not an object";
  const { name, inputSchema } = entry as Record<string, unknown>;
  if (typeof name !== "string" || name === "") return "no name";
  if (name.length > MAX_TOOL_NAME_CHARS) return `a name over ${MAX_TOOL_NAME_CHARS} characters`;
  if (typeof inputSchema !== "object" || inputSchema === null || Array.isArray(inputSchema)) return "no inputSchema object";
  return "not a valid tool definition";
}

/** Sorts the raw entries of the pages into usable tools and the left-out ones. */
export function sortTools(entries: readonly unknown[], truncated = entries.length > MAX_IMPORTED_TOOLS): ToolList {
  const tools: RemoteTool[] = [];
  const leftOut: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries.slice(0, MAX_IMPORTED_TOOLS)) {
    const parsed = tool.safeParse(entry);
    if (!parsed.success) leftOut.push(`${shownName(entry)} (${defect(entry)})`);
    else if (seen.has(parsed.data.name)) leftOut.push(`${shownName(entry)} (a second tool of that name)`);
    else {
      seen.add(parsed.data.name);
      tools.push({ name: parsed.data.name, description: parsed.data.description, inputSchema: parsed.data.inputSchema, outputSchema: parsed.data.outputSchema });
    }
  }
  return { tools, leftOut, truncated };
}

/** The sentence for the API's description that names what was left out, or "" when nothing was. Bounded by MAX_LEFT_OUT_NAMED. */
export function leftOutNote(list: Pick<ToolList, "leftOut" | "truncated">): string {
  const sentences: string[] = [];
  const { leftOut } = list;
  if (leftOut.length > 0) {
    const named = leftOut.slice(0, MAX_LEFT_OUT_NAMED).join(", ");
    const more = leftOut.length > MAX_LEFT_OUT_NAMED ? ` and ${leftOut.length - MAX_LEFT_OUT_NAMED} more` : "";
    sentences.push(`${leftOut.length === 1 ? "One tool was" : `${leftOut.length} tools were`} left out, not being valid MCP tool definitions: ${named}${more}.`);
  }
  if (list.truncated) sentences.push(`The server lists more tools than this host reads (${MAX_IMPORTED_TOOLS} tools in at most ${MAX_TOOL_LIST_PAGES} pages); only those read are offered.`);
  return sentences.join(" ");
}

/**
 * Reads every page of the server's tool list, at most MAX_TOOL_LIST_PAGES
 * pages, stopping once it holds more than MAX_IMPORTED_TOOLS tools. Throws
 * only when a page itself is not a tool list (or the request fails).
 */
export async function readToolList(client: Client, timeoutMs: number): Promise<ToolList> {
  const entries: unknown[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_TOOL_LIST_PAGES && entries.length <= MAX_IMPORTED_TOOLS; pages++) {
    const answer = await client.request({ method: "tools/list", params: cursor === undefined ? {} : { cursor } }, page, { timeout: timeoutMs });
    entries.push(...answer.tools);
    cursor = answer.nextCursor;
    if (cursor === undefined) break;
  }
  return sortTools(entries, entries.length > MAX_IMPORTED_TOOLS || cursor !== undefined);
}
