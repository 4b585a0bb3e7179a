import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { z } from "zod";
import type { ApiContract, MethodContract } from "../../../../api-types/define.js";
import type { ApiSource, UnavailableApi } from "../../catalog.js";
import { declareApi } from "../../declarations.js";
import { importInputSchema, importOutputSchema } from "../json-schema-to-zod.js";
import type { MethodHandler, RegisteredApi } from "../../registry.js";
import type { ImportedMcpServer } from "./config.js";
import { sanitizeImportedNames } from "../names.js";
import type { GhostwireEnv } from "../../../ghostwire-env.js";
import { listingFetch, MAX_TOOL_LIST_BYTES } from "./listing-fetch.js";
import { ListingSchedule } from "./listing-schedule.js";
import { leftOutNote, readToolList, type ToolList } from "./tool-list.js";
import { MissingMcpSecret, unavailableReason } from "./unavailable-reason.js";

/** Deadline of one call to an imported server, connection included. */
const CALL_TIMEOUT_MS = 30_000;
/** Deadline of each step of a listing (connecting, each page): a request that lists waits at most this long for a server that hangs. */
export const LIST_TIMEOUT_MS = 10_000;

/** A listing that failed, with the sentence GET /v1/apis shows for it. */
class ListingFailed extends Error {}
/** Longest tool description kept in the method's doc; a longer one is cut, and the doc says so. */
export const MAX_TOOL_DESCRIPTION_CHARS = 2000;

interface ToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** The tool's answer as a value: structuredContent first, then JSON text, then the text itself; isError throws its message. */
export function unwrapToolResult(result: ToolResult): unknown {
  const text = (result.content ?? []).filter((part) => part.type === "text" && typeof part.text === "string").map((part) => part.text).join("\n");
  if (result.isError === true) throw new Error(text.trim() === "" ? "The tool reported an error without a message." : text);
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The API's description when the configuration gives none. */
const serverDescription = (server: ImportedMcpServer) => server.description ?? `Tools of the MCP server at ${new URL(server.url).host}.`;

/** The tool's own description, bounded by MAX_TOOL_DESCRIPTION_CHARS. */
function describeTool(description: string | undefined, original: string): string {
  const text = description?.trim() || `Calls the MCP tool "${original}".`;
  return text.length > MAX_TOOL_DESCRIPTION_CHARS ? `${text.slice(0, MAX_TOOL_DESCRIPTION_CHARS)}… (The description is cut at ${MAX_TOOL_DESCRIPTION_CHARS} characters.)` : text;
}

/**
 * One tool's method contract. A tool whose schemas the converter cannot
 * take, or whose converted schemas cannot be declared as TypeScript, is
 * loosely typed (any object in, `unknown` out) with a note saying so:
 * one tool never costs the others their import.
 */
function toolMethod(method: string, tool: ToolList["tools"][number]): MethodContract {
  const description = describeTool(tool.description, tool.name);
  const renamed = method === tool.name ? [] : [`MCP tool "${tool.name}".`];
  try {
    const input = importInputSchema(tool.inputSchema);
    const output = importOutputSchema(tool.outputSchema);
    const contract = { description: [description, ...renamed, input.note ?? "", output.note ?? ""].filter(Boolean).join(" "), input: input.schema, output: output.schema };
    declareApi({ name: "probe", description: "", methods: { [method]: contract } });
    return contract;
  } catch {
    const note = "Its schemas could not be converted to types, so any object is accepted and passed on unchecked, and its result is not checked.";
    return { description: [description, ...renamed, note].join(" "), input: z.looseObject({}), output: z.unknown() };
  }
}

/**
 * Builds the contract and handlers of one imported server from its tool
 * list. Tools the list left out are named in the API's description.
 */
export function importTools(server: ImportedMcpServer, list: ToolList, call: (tool: string, args: unknown) => Promise<ToolResult>): RegisteredApi {
  const names = sanitizeImportedNames(list.tools.map((tool) => tool.name));
  const byOriginal = new Map(list.tools.map((tool) => [tool.name, tool]));
  const methods: Record<string, MethodContract> = {};
  const handlers: Record<string, MethodHandler> = {};
  for (const [method, original] of names) {
    methods[method] = toolMethod(method, byOriginal.get(original)!);
    handlers[method] = async (args: unknown) => unwrapToolResult(await call(original, args));
  }
  const description = [serverDescription(server), leftOutNote(list)].filter(Boolean).join(" ");
  const contract: ApiContract = { name: server.name, description, methods };
  // Real servers drift from their declared output schemas: a mismatch is a warning, not an error in the agent's code.
  return { contract, handlers, outputs: "lenient" };
}

/**
 * An imported MCP server as an API source. The host's own MCP client talks
 * to the server: the sandbox never reaches it. When the tool list is read
 * again is host/apis/imports/mcp/listing-schedule.ts: cached for a minute,
 * one listing at a time, backoff after a failure. Each call opens a short
 * client session (initialize, call, close), because a Worker cannot keep a
 * connection from one request for the next.
 *
 * Degrades per tool, never per server: a tool that is not a valid
 * definition is left out and named in the API's description, and one whose
 * schemas cannot be converted is loosely typed with a note. A server that
 * cannot be listed (down, refusing the credential, answering something
 * other than MCP, a tool list over MAX_TOOL_LIST_BYTES) keeps its last
 * tool list for a while (STALE_IF_ERROR_MS); without one it is left out of
 * the registry until it answers again, and `unavailable()` says why. Other
 * APIs are unaffected.
 *
 * `baseFetch` is how the client reaches the server: the runtime's fetch,
 * unless a test serves the server in-process; `now` is the clock of the
 * listing schedule.
 */
export function createMcpSource(server: ImportedMcpServer, env: GhostwireEnv, baseFetch?: FetchLike, now: () => number = Date.now): ApiSource {
  const schedule = new ListingSchedule<RegisteredApi>(now);
  let unavailable: UnavailableApi | undefined;
  const headers = (): Record<string, string> => {
    if (server.credential === undefined) return {};
    const secret = (env as unknown as Record<string, unknown>)[server.credential.secret];
    if (typeof secret !== "string" || secret === "") {
      throw new MissingMcpSecret(`The MCP server "${server.name}" needs the Worker secret ${server.credential.secret}, which is not set. A deployer sets it with wrangler secret put (or .dev.vars locally).`);
    }
    return { [server.credential.header]: server.credential.template.replace("{secret}", secret) };
  };
  const withClient = async <T>(use: (client: Client) => Promise<T>, fetchFn = baseFetch, timeout = CALL_TIMEOUT_MS): Promise<T> => {
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: headers() }, ...(fetchFn && { fetch: fetchFn }) });
    // The default validator compiles schemas with new Function, which Workers refuse.
    const client = new Client({ name: "ghostwire", version: "0.1.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
    try {
      await client.connect(transport, { timeout });
      return await use(client);
    } finally {
      await client.close().catch(() => undefined);
    }
  };
  const call = (tool: string, args: unknown) =>
    withClient(async (client) => (await client.callTool({ name: tool, arguments: args as Record<string, unknown> }, undefined, { timeout: CALL_TIMEOUT_MS })) as ToolResult);

  return {
    name: `mcp:${server.name}`,
    async list() {
      const api = await schedule.get(
        async () => {
          const capped = listingFetch(MAX_TOOL_LIST_BYTES, baseFetch);
          try {
            const list = await withClient((client) => readToolList(client, LIST_TIMEOUT_MS), capped, LIST_TIMEOUT_MS);
            const api = importTools(server, list, call);
            unavailable = undefined;
            return api;
          } catch (error) {
            throw new ListingFailed(unavailableReason(server, error, capped.exceeded()));
          }
        },
        (error) => {
          unavailable = { name: server.name, description: serverDescription(server), reason: (error as ListingFailed).message };
        },
      );
      return api === undefined ? [] : [api];
    },
    unavailable: () => unavailable,
  };
}
