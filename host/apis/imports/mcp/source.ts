import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import type { ApiContract, MethodContract } from "../../../../api-types/define.js";
import type { ApiSource } from "../../catalog.js";
import { importInputSchema, importOutputSchema } from "../json-schema-to-zod.js";
import type { MethodHandler, RegisteredApi } from "../../registry.js";
import { MAX_IMPORTED_TOOLS, type ImportedMcpServer } from "./config.js";
import { sanitizeImportedNames } from "../names.js";
import type { GhostwireEnv } from "../../../ghostwire-env.js";

/** How long a server's tool list is kept before it is asked again. */
const TOOLS_TTL_MS = 60_000;
/** Deadline of one call to an imported server, connection included. */
const CALL_TIMEOUT_MS = 30_000;

interface RemoteTool {
  name: string;
  description?: string;
  inputSchema: unknown;
  outputSchema?: unknown;
}

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

/** Builds the contract and handlers of one imported server from its tool list. */
export function importTools(server: ImportedMcpServer, tools: readonly RemoteTool[], call: (tool: string, args: unknown) => Promise<ToolResult>): RegisteredApi {
  const names = sanitizeImportedNames(tools.map((tool) => tool.name));
  const byOriginal = new Map(tools.map((tool) => [tool.name, tool]));
  const methods: Record<string, MethodContract> = {};
  const handlers: Record<string, MethodHandler> = {};
  for (const [method, original] of names) {
    const tool = byOriginal.get(original)!;
    const input = importInputSchema(tool.inputSchema);
    const output = importOutputSchema(tool.outputSchema);
    const notes = [method === original ? "" : `MCP tool "${original}".`, input.note ?? "", output.note ?? ""].filter(Boolean);
    methods[method] = { description: [tool.description?.trim() || `Calls the MCP tool "${original}".`, ...notes].join(" "), input: input.schema, output: output.schema };
    handlers[method] = async (args: unknown) => unwrapToolResult(await call(original, args));
  }
  const contract: ApiContract = { name: server.name, description: server.description ?? `Tools of the MCP server at ${new URL(server.url).host}.`, methods };
  return { contract, handlers };
}

/**
 * An imported MCP server as an API source. The host's own MCP client talks
 * to the server: the sandbox never reaches it. The tool list is cached for
 * a minute; each call opens a short client session (initialize, call,
 * close), because a Worker cannot keep a connection from one request for
 * the next. A server that cannot be reached is left out of the registry
 * until it answers again; other APIs are unaffected.
 */
export function createMcpSource(server: ImportedMcpServer, env: GhostwireEnv): ApiSource {
  let cached: { api: RegisteredApi; at: number } | undefined;
  const headers = (): Record<string, string> => {
    if (server.credential === undefined) return {};
    const secret = (env as unknown as Record<string, unknown>)[server.credential.secret];
    if (typeof secret !== "string" || secret === "") {
      throw new Error(`The MCP server "${server.name}" needs the Worker secret ${server.credential.secret}, which is not set. A deployer sets it with wrangler secret put (or .dev.vars locally).`);
    }
    return { [server.credential.header]: server.credential.template.replace("{secret}", secret) };
  };
  const withClient = async <T>(use: (client: Client) => Promise<T>): Promise<T> => {
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: headers() } });
    // The default validator compiles schemas with new Function, which Workers refuse.
    const client = new Client({ name: "ghostwire", version: "0.1.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
    try {
      await client.connect(transport, { timeout: CALL_TIMEOUT_MS });
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
      if (cached !== undefined && Date.now() - cached.at < TOOLS_TTL_MS) return [cached.api];
      try {
        const tools = await withClient(async (client) => {
          const all: RemoteTool[] = [];
          let cursor: string | undefined;
          do {
            const page = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: CALL_TIMEOUT_MS });
            all.push(...(page.tools as RemoteTool[]));
            cursor = page.nextCursor;
          } while (cursor !== undefined && all.length < MAX_IMPORTED_TOOLS);
          return all.slice(0, MAX_IMPORTED_TOOLS);
        });
        cached = { api: importTools(server, tools, call), at: Date.now() };
        return [cached.api];
      } catch {
        cached = undefined;
        return [];
      }
    },
  };
}
