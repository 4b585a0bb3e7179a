/**
 * ghostwire/client: the typed Cap'n Web client of a Ghostwire host, for
 * Node (20 and later), browsers, Deno, Bun and Workers.
 *
 *   import { connect } from "ghostwire/client";
 *   const gw = connect("http://localhost:8787", { token });
 *   const { result, logs } = await gw.execute("return await math.add({ a: 1, b: 2 });", { onLog: console.log });
 *   gw[Symbol.dispose]();
 *
 * `connect` talks to /rpc over one WebSocket where there is a WebSocket
 * class (global, or passed as `WebSocket`), and otherwise over HTTP batch:
 * one POST per call (see ConnectOptions.transport for what that changes).
 * Either way the token check is pipelined with the first call, so it costs
 * no round trip. `provide` connects a provider.
 *
 * The runtime code is this one file, with its two transports below, so
 * that Node 22 runs it from source (the e2e tests do); the public types are
 * in client-types.ts, which is imported for types only.
 */
import { RpcSession, RpcTarget as CapnwebRpcTarget, type RpcTransport } from "capnweb";
import type { GhostwireGate, GhostwireService, ProviderGate } from "../../../api-types/rpc.js";
import type { ExecuteResponse } from "../../../api-types/execution.js";
import type { BatchFetch, ClientSocket, ConnectOptions, GhostwireClient, ProvideOptions, ProvidedApi, RpcTargetClass, WebSocketClass } from "./client-types.js";
// Named with .ts: Node runs this file as it is (type stripping) in the e2e tests, and resolves no .js to a .ts.
import { executeArguments } from "./execute-arguments.ts";

export type { ApiSearchHit, ApiSearchResult, ApiSummary, ApprovalAnswer, ExecuteOptions, GhostwireService, LanguageOptions, ProviderContract, ProviderMethod } from "../../../api-types/rpc.js";
export type { CompletionItem, HoverAnswer } from "../../../api-types/language.js";
export type { DiagnosticInfo, ExecuteResponse } from "../../../api-types/execution.js";
export type { LogEntry } from "../../../api-types/sandbox-protocol.js";
export type * from "./client-types.js";

/** capnweb's RpcTarget, typed without capnweb's declarations (see client-types.ts). */
export const RpcTarget = CapnwebRpcTarget as unknown as RpcTargetClass;

type ServiceMethod = keyof GhostwireService;
type Call = (method: ServiceMethod, args: unknown[]) => unknown;

/** Every method of the service, so a client offers them all: a method added to GhostwireService and not here fails to compile. */
const SERVICE_METHODS: Record<ServiceMethod, true> = { listApis: true, apiNames: true, searchApis: true, types: true, check: true, completions: true, hover: true, execute: true, decide: true };

const RPC_PATH = "/rpc";

/**
 * Connects to the host at `url` (its base URL: http, https, ws or wss).
 * Throws at once for a URL that cannot be one, or for `transport:
 * "websocket"` without a WebSocket class; a refused token rejects the first
 * call with the host's sentence.
 */
export function connect(url: string | URL, options: ConnectOptions = {}): GhostwireClient {
  const Socket = options.WebSocket ?? globalWebSocket();
  const transport = options.transport ?? (Socket === undefined || options.fetch !== undefined ? "batch" : "websocket");
  if (transport === "batch") return batchClient(endpoint(url, RPC_PATH, "http:"), options.token, options.fetch ?? ((address, init) => fetch(address, init)));
  if (transport !== "websocket") throw new TypeError(`Unknown transport ${JSON.stringify(transport)}: pass "websocket" or "batch", or leave it out.`);
  if (Socket === undefined) {
    throw new Error('connect() was asked for transport "websocket", and this runtime has no WebSocket: pass one as connect(url, { WebSocket }) (on Node 20, `WebSocket` from the ws package), or leave transport out to use HTTP batch.');
  }
  const address = endpoint(url, RPC_PATH, "ws:");
  const refused = `Could not open a WebSocket to ${address}: check the URL and that a Ghostwire host is running there (GET / on it lists its routes).`;
  const gate = new RpcSession<GhostwireGate>(new SocketTransport(new Socket(address), address, refused)).getRemoteMain();
  const service = gate.connect(options.token);
  const methods = service as unknown as Record<ServiceMethod, (...args: unknown[]) => unknown>;
  return clientOf(
    (method, args) => methods[method](...args),
    () => {
      service[Symbol.dispose]();
      gate[Symbol.dispose]();
    },
  );
}

/**
 * One POST per call: the arguments are awaited first (a Pending one costs its
 * own POST), then the token check and the call go out together. `onLog`
 * cannot travel (the host cannot call back), so `execute` leaves it out and
 * calls it with each entry of the response's logs before resolving; like a
 * streamed listener, one that throws changes nothing. `onApproval` cannot
 * either: it is left out, and a call that needs approval pauses the
 * execution (ApprovalRequired; resume it with decide()).
 */
function batchClient(address: string, token: string | undefined, post: BatchFetch): GhostwireClient {
  const send = async (method: ServiceMethod, args: unknown[]): Promise<unknown> => {
    const gate = new RpcSession<GhostwireGate>(new BatchTransport(address, post)).getRemoteMain();
    try {
      const methods = gate.connect(token) as unknown as Record<ServiceMethod, (...args: unknown[]) => unknown>;
      return await methods[method](...args);
    } finally {
      gate[Symbol.dispose]();
    }
  };
  return clientOf(
    async (method, pending) => {
      const args = await Promise.all(pending);
      if (method !== "execute") return send(method, args);
      const [code, options] = executeArguments(args[0], args[1]);
      const { onLog, onApproval, ...rest } = (typeof options === "object" && options !== null ? options : {}) as { onLog?: unknown; onApproval?: unknown };
      // Anything but a function stays in, for the host to refuse with its own sentence; onApproval cannot be called back, so the execution pauses instead.
      const sent = typeof onLog === "function" || typeof onApproval === "function" ? [code, { ...rest, ...(typeof onLog !== "function" && { onLog }), ...(typeof onApproval !== "function" && { onApproval }) }] : [code, options];
      const response = (await send(method, sent)) as ExecuteResponse;
      if (typeof onLog === "function") {
        for (const entry of Array.isArray(response?.logs) ? response.logs : []) {
          try {
            void Promise.resolve(onLog(entry)).catch(() => undefined);
          } catch {
            // A failing listener changes nothing, as over a WebSocket.
          }
        }
      }
      return response;
    },
    () => undefined,
  );
}

/** The client object: the service's methods through `call`, refused once `[Symbol.dispose]()` has run `close`. */
function clientOf(call: Call, close: () => void): GhostwireClient {
  let closed = false;
  const client: Record<string | symbol, unknown> = {
    [Symbol.dispose]() {
      if (closed) return;
      closed = true;
      close();
    },
  };
  for (const method of Object.keys(SERVICE_METHODS) as ServiceMethod[]) {
    client[method] = (...args: unknown[]) =>
      closed ? Promise.reject(new Error(`${method}() was called on a disposed client: connect() again for a new session.`)) : call(method, args);
  }
  return client as unknown as GhostwireClient;
}

/**
 * Offers `implementation` as API `contract.name` for as long as the returned
 * session stays open; dispose it (or end the process) to withdraw the API.
 * The provider token goes on the WebSocket upgrade as an Authorization
 * header, which the host checks before anything else. That needs a
 * WebSocket that takes `{ headers }`: the global one of Node 22 and later,
 * Deno and Bun, or `WebSocket` from the ws package passed as an option (on
 * Node 20). Browsers cannot set the header.
 */
export async function provide(url: string | URL, options: ProvideOptions): Promise<ProvidedApi> {
  const address = endpoint(url, `${RPC_PATH}/provider?api=${encodeURIComponent(options.contract.name)}`, "ws:");
  const Socket = options.WebSocket ?? globalWebSocket();
  if (Socket === undefined) {
    throw new Error("provide() needs a WebSocket that sends an Authorization header, and this runtime has no WebSocket: run it on Node 22 or later, or pass one as provide(url, { ..., WebSocket }) with `import { WebSocket } from \"ws\"`.");
  }
  let socket;
  try {
    socket = new Socket(address, { headers: { authorization: `Bearer ${options.token}` } });
  } catch (error) {
    throw new Error(`This runtime's WebSocket cannot send an Authorization header (${String(error)}): run provide() on Node 22 or later, Deno or Bun, or pass \`WebSocket\` from the ws package.`);
  }
  // A refused upgrade never opens the socket, and the WebSocket API hides the host's answer: say what to check.
  const refused = `The host refused the provider connection to ${address}: check the provider token (GHOSTWIRE_PROVIDER_TOKEN) and the URL. A GET of that URL with the same Authorization header shows the host's reason.`;
  const session = new RpcSession<ProviderGate>(new SocketTransport(socket, address, refused)).getRemoteMain();
  try {
    const registered = await session.register(options.contract, options.implementation);
    return { ...registered, session };
  } catch (error) {
    session[Symbol.dispose]();
    throw error;
  }
}

/** The global WebSocket class, where the runtime has one (Node 22 and later, browsers, Deno, Bun, Workers). */
function globalWebSocket(): WebSocketClass | undefined {
  return (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
}

/** `path` on the host at `base`, with the scheme of `kind` (http: or ws:, secure when `base` is). */
function endpoint(base: string | URL, path: string, kind: "http:" | "ws:"): string {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new TypeError(`${JSON.stringify(String(base))} is not a URL: pass the host's base URL, e.g. "http://localhost:8787" or "https://ghostwire.example.com".`);
  }
  const secure = url.protocol === "https:" || url.protocol === "wss:";
  if (!secure && url.protocol !== "http:" && url.protocol !== "ws:") {
    throw new TypeError(`${JSON.stringify(String(base))} is a ${url.protocol} URL: a Ghostwire host answers on http(s):// (or ws(s)://), e.g. "http://localhost:8787".`);
  }
  url.protocol = kind === "http:" ? (secure ? "https:" : "http:") : secure ? "wss:" : "ws:";
  return url.href;
}

/** WHATWG WebSocket readyState values (ws uses the same); read from no global, so any WebSocket class works. */
const CONNECTING = 0;
/** The close code of a session that ended as planned. */
const NORMAL_CLOSURE = 1000;

/**
 * A Cap'n Web transport over any WebSocket with the WHATWG event API: the
 * global one of Node 22 and browsers, or ws's on Node 20 (capnweb's own
 * transport reads the global `WebSocket`, which Node 20 lacks).
 * - Messages sent before the socket opens wait for it.
 * - A socket that fails before it opens rejects every call with
 *   `refusedMessage`; one the host closes later, with its close code.
 * - `abort()`, which capnweb calls when the session ends (disposing its main
 *   stub), closes the socket, so nothing keeps the process alive.
 */
class SocketTransport implements RpcTransport {
  readonly #socket: ClientSocket;
  #waiting: string[] | undefined;
  readonly #received: string[] = [];
  #receiver: { resolve(message: string): void; reject(error: Error): void } | undefined;
  #failure: Error | undefined;
  #opened = false;

  constructor(socket: ClientSocket, address: string, refusedMessage: string) {
    this.#socket = socket;
    if (socket.readyState === CONNECTING) this.#waiting = [];
    else this.#opened = true;
    socket.addEventListener("open", () => {
      this.#opened = true;
      const waiting = this.#waiting ?? [];
      this.#waiting = undefined;
      try {
        for (const message of waiting) socket.send(message);
      } catch (error) {
        this.#fail(new Error(`Sending to ${address} failed: ${String(error)}. Connect again.`));
      }
    });
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") this.#deliver(event.data);
      else this.#fail(new Error(`${address} sent a binary message, and Cap'n Web speaks text: check that the URL points at a Ghostwire host.`));
    });
    const ended = (event: { code?: number; reason?: string }) => {
      if (!this.#opened) return this.#fail(new Error(refusedMessage));
      const reason = event.reason ? `: ${event.reason}` : "";
      this.#fail(new Error(`The connection to ${address} closed (code ${event.code ?? "unknown"}${reason}); calls in flight may or may not have run. Connect again.`));
    };
    socket.addEventListener("close", ended);
    socket.addEventListener("error", ended);
  }

  send(message: string): void {
    if (this.#failure !== undefined) return;
    if (this.#waiting !== undefined) this.#waiting.push(message);
    else this.#socket.send(message);
  }

  receive(): Promise<string> {
    const next = this.#received.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => (this.#receiver = { resolve, reject }));
  }

  abort(reason: unknown): void {
    this.#fail(reason instanceof Error ? reason : new Error(String(reason)));
    this.#socket.close(NORMAL_CLOSURE);
  }

  #deliver(message: string): void {
    if (this.#failure !== undefined) return;
    const receiver = this.#receiver;
    this.#receiver = undefined;
    if (receiver) receiver.resolve(message);
    else this.#received.push(message);
  }

  #fail(error: Error): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    this.#waiting = undefined;
    const receiver = this.#receiver;
    this.#receiver = undefined;
    receiver?.reject(error);
  }
}

/** How much of a refusing host's answer goes into the client's error message. */
const MAX_REASON_CHARS = 500;

/**
 * A Cap'n Web transport for one HTTP batch: the messages of the calls made
 * before the next macrotask go out in one POST to `endpoint` (the wire
 * format of capnweb's newHttpBatchRpcSession: one message a line), and the
 * answer's lines are the messages received. The host cannot call back after
 * the POST is answered, so a batch suits calls that pass no functions.
 * `post` sends it: the global fetch, or ConnectOptions.fetch.
 * Failures are full sentences: the host unreachable, or refusing the POST
 * (with the reason from its JSON error).
 */
class BatchTransport implements RpcTransport {
  #outgoing: string[] | undefined = [];
  readonly #incoming: Promise<string[]>;

  constructor(endpoint: string, post: BatchFetch) {
    this.#incoming = this.#exchange(endpoint, post);
    // A failed exchange reaches the session through receive(); this only keeps it from counting as unhandled.
    this.#incoming.catch(() => undefined);
  }

  send(message: string): void {
    this.#outgoing?.push(message);
  }

  async receive(): Promise<string> {
    const next = (await this.#incoming).shift();
    if (next === undefined) throw new Error("The host's answer to the HTTP batch ended before the call's result: it ends every batch after one answer. Make the call again.");
    return next;
  }

  async #exchange(endpoint: string, post: BatchFetch): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const body = (this.#outgoing ?? []).join("\n");
    this.#outgoing = undefined;
    let response: Response;
    try {
      response = await post(endpoint, { method: "POST", body });
    } catch (error) {
      throw new Error(`Could not reach ${endpoint} (${error instanceof Error ? error.message : String(error)}): check the URL and that the host is running.`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${endpoint} refused the HTTP batch with HTTP ${response.status}: ${reasonIn(text)} Check that the URL points at a Ghostwire host.`);
    return text === "" ? [] : text.split("\n");
  }
}

/** The message of a host's JSON error (`{ "error": { "message" } }`), or the start of whatever else it answered. */
function reasonIn(text: string): string {
  try {
    const message: unknown = JSON.parse(text)?.error?.message;
    if (typeof message === "string") return message.slice(0, MAX_REASON_CHARS);
  } catch {
    // Not JSON: quote the text itself.
  }
  return `"${text.slice(0, MAX_REASON_CHARS)}".`;
}
