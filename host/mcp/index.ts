import { createMcpHandler } from "agents/mcp";
import type { Host } from "../host";
import { createMcpServer } from "./tools";

export { EMBED_DECLARATIONS_MAX_CHARS } from "./tools";

export const MCP_PATH = "/mcp";

let handler: ReturnType<typeof createMcpHandler> | undefined;

/**
 * `/mcp`: a stateless Streamable HTTP MCP server (the `agents` package's
 * handler over the MCP SDK). Each request gets a fresh server instance built
 * from the registry as it stands, and nothing is kept between requests.
 */
export function serveMcp(host: Host, request: Request): Promise<Response> {
  handler ??= createMcpHandler(() => createMcpServer(host), { route: MCP_PATH });
  return handler.fetch(request);
}
