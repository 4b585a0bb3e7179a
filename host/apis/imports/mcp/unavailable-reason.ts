import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { ImportedMcpServer } from "./config.js";
import { ResponseTooLarge, ServerUnreachable } from "./listing-fetch.js";

/** Longest reason shown for a server that is unavailable. */
export const MAX_UNAVAILABLE_REASON_CHARS = 300;

/** Thrown before connecting when the server's credential secret is not set; its message names the secret, never a value. */
export class MissingMcpSecret extends Error {}

/**
 * Why listing a server's tools failed, as one sentence for `/v1/apis`.
 *
 * The sentence is built from fixed phrases, an HTTP status, the server's
 * host name and the name of its secret: never from the error's message or
 * anything the server sent, so neither the credential the host sent nor
 * text a hostile server chose can appear in it. At most
 * MAX_UNAVAILABLE_REASON_CHARS characters.
 */
export function unavailableReason(server: ImportedMcpServer, error: unknown, tooLarge: boolean): string {
  const host = new URL(server.url).host;
  const what = (() => {
    if (error instanceof MissingMcpSecret) return `needs the Worker secret ${server.credential?.secret}, which is not set; set it with wrangler secret put (or .dev.vars locally)`;
    if (error instanceof ServerUnreachable) return "could not be reached";
    if (tooLarge || error instanceof ResponseTooLarge) return "sent a tool list larger than this host reads; the server must offer fewer or smaller tools";
    if (error instanceof StreamableHTTPError) {
      const status = typeof error.code === "number" ? error.code : -1;
      if (status === 401 || status === 403) {
        return server.credential === undefined
          ? `refused the host with HTTP ${status}; configure a credential for it`
          : `refused the host's credential with HTTP ${status}; check the Worker secret ${server.credential.secret}`;
      }
      if (status >= 100 && status <= 599) return `answered HTTP ${status} instead of MCP`;
      return "answered with something other than MCP";
    }
    if (error instanceof McpError) {
      if (error.code === ErrorCode.RequestTimeout) return "did not answer in time";
      if (error.code === ErrorCode.ConnectionClosed) return "closed the connection";
      return "answered the handshake or the tool list with an error";
    }
    if (error instanceof SyntaxError || (error instanceof Error && error.name === "ZodError")) return "answered with something other than MCP";
    return "could not be read";
  })();
  const sentence = `The MCP server at ${host} ${what}. Its tools are left out until it answers; nothing else is affected.`;
  return sentence.length > MAX_UNAVAILABLE_REASON_CHARS ? `${sentence.slice(0, MAX_UNAVAILABLE_REASON_CHARS - 1)}…` : sentence;
}
