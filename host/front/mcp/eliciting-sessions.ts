import {
  hostHeaderValidationResponse,
  isLegacyRequest,
  legacyStatelessFallback,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
  type LegacyHttpHandler,
  type McpServer,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { randomHex } from "../../bytes.js";
import type { HostState } from "../../host-state.js";
import { createElicitationChannel, type ElicitationStream } from "./elicitation-channel.js";
import type { ElicitationMailbox } from "./elicitation-mailbox.js";
import { createMcpServer } from "./server.js";

/**
 * Clients that can be asked. /mcp is stateless, and a stateless server forgets
 * `initialize`, so the host carries the one fact it needs in the session id:
 * a client whose `initialize` declares form elicitation gets an
 * `Mcp-Session-Id` of this shape, which Streamable HTTP clients send with
 * every later request. Nothing is stored under it; the id is the client's own
 * word about itself, as `initialize` was, so forging it gains a client
 * nothing but the questions it said it could answer. A client that declares
 * no elicitation gets no session id and is served exactly as before.
 */
export const ELICITING_SESSION_PATTERN = /^ghostwire-elicit-[0-9a-f]{32}$/;

const SESSION_HEADER = "mcp-session-id";

function newElicitingSessionId(): string {
  return `ghostwire-elicit-${randomHex(16)}`;
}

/**
 * Whether `body` is an `initialize` whose client declares form elicitation:
 * `elicitation: {}` (2025-06-18, where form was the only mode) or
 * `elicitation: { form: {} }`. URL mode alone does not count: the host asks with a form.
 */
export function declaresFormElicitation(body: unknown): boolean {
  if (typeof body !== "object" || body === null || (body as { method?: unknown }).method !== "initialize") return false;
  const elicitation = (body as { params?: { capabilities?: { elicitation?: unknown } } }).params?.capabilities?.elicitation;
  if (typeof elicitation !== "object" || elicitation === null || Array.isArray(elicitation)) return false;
  const modes = Object.keys(elicitation);
  return modes.includes("form") || !modes.includes("url");
}

/** The initialize response, with the session id that marks its client as one that can be asked. */
export function markElicitingSession(response: Response): Response {
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set(SESSION_HEADER, newElicitingSessionId());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Whether `request` comes from a client that declared form elicitation at initialize (a 2025-era request with such a session id). */
export async function fromElicitingClient(request: Request, parsedBody: unknown): Promise<boolean> {
  const session = request.headers.get(SESSION_HEADER);
  return session !== null && ELICITING_SESSION_PATTERN.test(session) && (await isLegacyRequest(request, parsedBody));
}

/** The tools/call's SSE stream, as the elicitation channel writes to it. */
function streamOf(server: McpServer, ctx: ServerContext): ElicitationStream {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    send: async (message) => {
      if (server.server.transport === undefined) throw new Error("The tools/call's stream is closed.");
      await server.server.transport.send(message, { relatedRequestId: ctx.mcpReq.id });
    },
    ...(progressToken === undefined ? {} : { progressToken }),
  };
}

/** One lane per host state, built on its first eliciting request: each serves servers of its own host. */
const lanes = new WeakMap<HostState, LegacyHttpHandler>();

/**
 * Serves a request of a client that can be asked: the same server as every
 * other client (createMcpServer), whose `execute` gets an elicitation channel,
 * on the MCP SDK's stateless transport, which lets a server-to-client request
 * out on the tools/call's SSE stream (the `agents` handler refuses those).
 * The answer comes back in a POST of its own (elicitation-answers.ts). The
 * Host and Origin checks are the ones the `agents` handler applies to every
 * other request: a local host answers only local names and pages.
 */
export async function serveElicitingClient(host: HostState, mailboxes: DurableObjectNamespace<ElicitationMailbox>, request: Request, parsedBody: unknown): Promise<Response> {
  const url = new URL(request.url);
  const local = localhostAllowedHostnames().includes(url.hostname);
  const refused =
    (local ? hostHeaderValidationResponse(request, localhostAllowedHostnames()) : undefined) ??
    originValidationResponse(request, [...localhostAllowedOrigins(), url.hostname]);
  if (refused !== undefined) return refused;
  let lane = lanes.get(host);
  if (lane === undefined) {
    lane = legacyStatelessFallback(async () => {
      const server: McpServer = await createMcpServer(host, {
        approvalsFor: (ctx: ServerContext) => createElicitationChannel(mailboxes, streamOf(server, ctx)),
      });
      return server;
    });
    lanes.set(host, lane);
  }
  return lane(request, { parsedBody });
}
