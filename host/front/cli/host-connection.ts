import { WebSocket } from "ws";
import { connect } from "../rpc/client.js";
import type { GhostwireClient, WebSocketClass } from "../rpc/client-types.js";
import { stringFlag, type FlagSpec, type ParsedArgs } from "./args.js";
import { CliError, EXIT, usageError } from "./exit-codes.js";
import { printable } from "./terminal.js";

/** Where the CLI looks for a host when neither --url nor GHOSTWIRE_URL says: `npm start`'s address. */
export const DEFAULT_URL = "http://localhost:8787";

/** The flags of every command that talks to a host. */
export const HOST_FLAGS: readonly FlagSpec[] = [
  { name: "url", value: "<url>", description: `The host's base URL. Default: $GHOSTWIRE_URL, else ${DEFAULT_URL}.` },
  { name: "token", value: "<token>", description: "The host's client token, when it requires one. Default: $GHOSTWIRE_TOKEN." },
];

/** A host to talk to: its base URL and the client token, if any. */
export interface HostTarget {
  readonly url: string;
  readonly token: string | undefined;
}

/** The host of a command line: flags win over GHOSTWIRE_URL and GHOSTWIRE_TOKEN. A URL that is not http(s) or ws(s) is a usage error. */
export function hostTarget(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>, command: string): HostTarget {
  const url = stringFlag(args, "url") ?? (env.GHOSTWIRE_URL || DEFAULT_URL);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`${JSON.stringify(url)} is not a URL: pass the host's base URL, e.g. --url ${DEFAULT_URL}.`, command);
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(parsed.protocol)) {
    throw usageError(`${JSON.stringify(url)} is a ${parsed.protocol} URL: a Ghostwire host answers on http(s)://, e.g. --url ${DEFAULT_URL}.`, command);
  }
  const token = stringFlag(args, "token") ?? (env.GHOSTWIRE_TOKEN || undefined);
  return { url, token };
}

/** The host's refusals (host/refusal.ts codes) that are about a token, not the code (exit 4), and what to do about each. */
const TOKEN_REFUSALS = new Map<string, string>([
  ["client_token_required", "refused the client token: pass the host's client token with --token or GHOSTWIRE_TOKEN"],
  ["client_token_not_configured", "runs no code until its deployer sets a client token (GHOSTWIRE_CLIENT_TOKEN): ask them to"],
  ["too_many_failed_attempts", "refuses every token from this address after too many wrong ones: wait a minute, then pass the right token"],
  ["invalid_session", "refused the session token (malformed, burnt or expired): start a new session (POST /v1/sessions) and pass its token with --session"],
]);

/**
 * Runs `work` with a client of the host, over one WebSocket (ws's, so Node
 * 20 streams logs as Node 22 does), and closes it afterwards. Whatever
 * rejects becomes a CliError with the exit code of its cause:
 * - the socket never opened, or closed before the answer: EXIT.unreachable;
 * - the host refused a token (its refusal's `code`, as Cap'n Web carries it): EXIT.refused;
 * - the host refused the request otherwise: EXIT.failed, with its sentence.
 */
export async function withHost<T>(target: HostTarget, work: (client: GhostwireClient) => Promise<T>): Promise<T> {
  const socket = { opened: false, closed: false };
  const client = connect(target.url, { token: target.token, WebSocket: trackedWebSocket(socket) });
  try {
    return await work(client);
  } catch (error) {
    throw hostFailure(error, socket, target.url);
  } finally {
    client[Symbol.dispose]();
  }
}

/** ws's WebSocket, recording into `state` whether it opened and whether it closed. */
function trackedWebSocket(state: { opened: boolean; closed: boolean }): WebSocketClass {
  return class TrackedWebSocket extends WebSocket {
    constructor(url: string, options?: { headers: Record<string, string> }) {
      super(url, options);
      this.addEventListener("open", () => (state.opened = true));
      this.addEventListener("close", () => (state.closed = true));
    }
  };
}

function hostFailure(error: unknown, socket: { opened: boolean; closed: boolean }, url: string): CliError {
  if (!socket.opened) {
    return new CliError(EXIT.unreachable, `Could not reach a Ghostwire host at ${url}: start one (npm start), or pass its address with --url or GHOSTWIRE_URL.`);
  }
  if (socket.closed) {
    return new CliError(EXIT.unreachable, `The connection to ${url} closed before the host answered; the code may or may not have run. Run the command again.`);
  }
  const code = (error as { code?: unknown })?.code;
  const refusal = typeof code === "string" ? tokenRefusal(code, url) : undefined;
  if (refusal !== undefined) return refusal;
  const message = printable(error instanceof Error ? error.message : String(error));
  return new CliError(EXIT.failed, `The host at ${url} refused the request: ${message}`);
}

/** The CliError (exit 4) for a host refusal `code` about a token; undefined for any other code. */
export function tokenRefusal(code: string, url: string): CliError | undefined {
  const refusal = TOKEN_REFUSALS.get(code);
  return refusal === undefined ? undefined : new CliError(EXIT.refused, `The host at ${url} ${refusal} (${code}).`);
}
