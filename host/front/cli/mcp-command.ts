import process from "node:process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { noPositionals, type ParsedArgs } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT, type ExitCode } from "./exit-codes.js";
import { HOST_FLAGS, hostTarget, tokenRefusal } from "./host-connection.js";
import { printable } from "./terminal.js";

const NAME = "ghostwire mcp";

/**
 * How long one forwarded call may take: the ceiling of the host's
 * GHOSTWIRE_TIMEOUT_MS (300 s, host/config.ts) plus time for the answer, so
 * the host's own deadline ends an execution first. The MCP SDK's default
 * (60 s) would cut off a host configured for longer executions.
 */
const CALL_TIMEOUT_MS = 330_000;

/** How this proxy introduces itself to the host. */
const CLIENT_INFO = { name: "ghostwire-cli-mcp", version: "1" };

/**
 * `ghostwire mcp`: a stdio MCP server that forwards to a host's `/mcp`
 * (Streamable HTTP), with the client token as a bearer header, for clients
 * that only start local servers. It connects to the host first, so a wrong
 * URL or token fails at once with exit 3 or 4, then offers the host's tools
 * (tools/list, tools/call), its server info and its instructions over stdin
 * and stdout. Stdout carries protocol messages only; the CLI's own lines go
 * to stderr. It ends when stdin ends.
 */
export const mcpCommand: Command = {
  name: "mcp",
  usage: `${NAME} [flags]`,
  summary: "Serve the host's MCP tools over stdio, for MCP clients that only start local servers.",
  details: [
    "Speaks MCP over stdin/stdout and forwards tools/list and tools/call to <url>/mcp with the token",
    "as an Authorization header. Stdout carries only protocol messages; notes go to stderr.",
    "It exits when stdin ends. Exits 3 or 4 at start when the host cannot be reached or refuses the token.",
  ].join("\n"),
  flags: HOST_FLAGS,
  run,
};

async function run(args: ParsedArgs): Promise<ExitCode> {
  noPositionals(args, NAME);
  const target = hostTarget(args, process.env, NAME);
  const endpoint = new URL("/mcp", target.url);
  endpoint.protocol = endpoint.protocol === "wss:" || endpoint.protocol === "https:" ? "https:" : "http:";
  const headers: Record<string, string> = target.token === undefined ? {} : { Authorization: `Bearer ${target.token}` };
  const upstream = new Client(CLIENT_INFO);
  try {
    await upstream.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }));
  } catch (error) {
    throw connectFailure(error, endpoint.href);
  }
  const server = new Server(upstream.getServerVersion() ?? { name: "ghostwire", version: "unknown" }, {
    capabilities: { tools: {} },
    instructions: upstream.getInstructions(),
  });
  server.setRequestHandler(ListToolsRequestSchema, (request, extra) => upstream.listTools(request.params, { signal: extra.signal }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    upstream.callTool(request.params, undefined, { signal: extra.signal, timeout: CALL_TIMEOUT_MS }),
  );
  await server.connect(new StdioServerTransport());
  process.stderr.write(`${NAME}: serving ${endpoint.href} over stdio.\n`);
  await new Promise<void>((resolve) => process.stdin.once("end", resolve));
  await server.close();
  await upstream.close();
  return EXIT.ok;
}

/** Why the first request to the host failed, as the CLI's exit code and a sentence. */
function connectFailure(error: unknown, endpoint: string): CliError {
  if (error instanceof StreamableHTTPError) {
    // The SDK's message holds the host's JSON error ({"error":{"code","message"}}) after a prefix.
    const text = error.message;
    const code = hostErrorCode(text.slice(Math.max(0, text.indexOf("{"))));
    const refusal = code === undefined ? undefined : tokenRefusal(code, endpoint);
    if (refusal !== undefined) return refusal;
    return new CliError(EXIT.unreachable, `${endpoint} answered HTTP ${error.code}, not MCP: check that --url points at a Ghostwire host (${printable(text.slice(0, 300))}).`);
  }
  const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error);
  return new CliError(EXIT.unreachable, `Could not reach a Ghostwire host at ${endpoint} (${printable(reason)}): start one (npm start), or pass its address with --url or GHOSTWIRE_URL.`);
}

/** The `code` of a host's JSON error body, if `text` is one. */
function hostErrorCode(text: string): string | undefined {
  try {
    const code: unknown = JSON.parse(text)?.error?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}
