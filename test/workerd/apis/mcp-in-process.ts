import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";

/**
 * A real MCP server (the official SDK, stateless Streamable HTTP) served
 * inside this workerd: a fetch for createMcpSource's `baseFetch` that
 * answers each request with a fresh server on which `register` set up its
 * tools. `requests` records each request's headers, to check what the host
 * sent.
 */
export function inProcessMcpServer(register: (server: McpServer) => void): FetchLike & { requests: Headers[] } {
  const requests: Headers[] = [];
  const serve = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    requests.push(request.headers);
    const server = new McpServer({ name: "in-process", version: "1.0.0" });
    register(server);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    return transport.handleRequest(request);
  };
  return Object.assign(serve, { requests });
}
