import { createMcpHandler } from "agents/mcp";
import type { HostState } from "../../host-state.js";
import { readBodyBytes } from "../http/body.js";
import { refusalStatus } from "../http/http-refusal.js";
import { Refusal } from "../../refusal.js";
import { createMcpServer } from "./server.js";
import { deliverAnswers, elicitationAnswers } from "./elicitation-answers.js";
import { declaresFormElicitation, fromElicitingClient, markElicitingSession, serveElicitingClient } from "./eliciting-sessions.js";

export { EMBED_DECLARATIONS_MAX_CHARS } from "./server.js";
export { MCP_RESULT_PREVIEW_CHARS, MCP_TEXT_MAX_CHARS } from "./execution-text.js";

export const MCP_PATH = "/mcp";

/** JSON-RPC error codes: the MCP SDK's code for transport refusals, and the spec's invalid request. */
const TRANSPORT_ERROR = -32000;
const INVALID_REQUEST = -32600;

/** One handler per host state, built on its first request: each serves servers of its own host. */
const handlers = new WeakMap<HostState, ReturnType<typeof createMcpHandler>>();

function handlerOf(host: HostState): ReturnType<typeof createMcpHandler> {
  let handler = handlers.get(host);
  if (handler === undefined) {
    handler = createMcpHandler(() => createMcpServer(host), { route: MCP_PATH });
    handlers.set(host, handler);
  }
  return handler;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status });
}

/** A JSON-RPC request (it has a method and an id), as opposed to a notification or a response. */
const isRequest = (message: unknown) => typeof message === "object" && message !== null && "method" in message && "id" in message;

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * `/mcp`: a stateless Streamable HTTP MCP server (the `agents` package's
 * handler over the MCP SDK). Each request gets a fresh server instance built
 * from the registry as it stands, and nothing is kept between requests.
 *
 * Before the library sees a POST, the host enforces its own limits: the body
 * is read up to GHOSTWIRE_MAX_BODY_BYTES (over it is a 413), and a JSON-RPC
 * batch may hold at most one request, so one POST runs at most one execution.
 * Both refusals are JSON-RPC errors, the shape an MCP client reads.
 *
 * Approvals by elicitation: an `initialize` that declares form elicitation
 * is answered with a session id that marks its client (eliciting-sessions.ts);
 * that client's requests are served on a transport that can send it an
 * elicitation request, and a POSTed answer goes to the call that waits for it
 * (elicitation-answers.ts). Every other client is served as above, and so
 * is every client of a host without the optional ELICITATIONS binding.
 */
export async function serveMcp(host: HostState, request: Request): Promise<Response> {
  const handler = handlerOf(host);
  if (request.method !== "POST") return handler.fetch(request);
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(request, host.config.GHOSTWIRE_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof Refusal) return jsonRpcError(refusalStatus(error), TRANSPORT_ERROR, error.message);
    throw error;
  }
  const parsed = parseJson(bytes);
  if (Array.isArray(parsed) && parsed.filter(isRequest).length > 1) {
    return jsonRpcError(400, INVALID_REQUEST, "A batch may hold at most one request on this host, so that one POST runs at most one tool call. Send each request in a POST of its own.");
  }
  const mailboxes = host.env.ELICITATIONS;
  const answers = elicitationAnswers(parsed);
  if (answers.length > 0) return deliverAnswers(mailboxes, answers);
  const bounded = new Request(request.url, { method: request.method, headers: request.headers, body: bytes });
  if (mailboxes !== undefined && (await fromElicitingClient(bounded, parsed))) return serveElicitingClient(host, mailboxes, bounded, parsed);
  const response = await handler.fetch(bounded, parsed === undefined ? undefined : { parsedBody: parsed });
  return mailboxes !== undefined && declaresFormElicitation(parsed) ? markElicitingSession(response) : response;
}
