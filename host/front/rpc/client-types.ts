/**
 * The public types of ghostwire/client (host/front/rpc/client.ts).
 *
 * They are written out here instead of taken from capnweb, so that the
 * client's declarations need nothing but TypeScript's own lib: capnweb's
 * declarations import "node:http" and, under TypeScript 6, do not check with
 * `skipLibCheck: false`. A consumer needs `Symbol.dispose` in their lib
 * (lib "esnext" or "esnext.disposable", or @types/node) and `URL` (lib "dom",
 * @types/node or a Workers types package).
 */
import type { GhostwireService, ProviderContract } from "../../../api-types/rpc.js";

declare const pendingBrand: unique symbol;
declare const targetBrand: unique symbol;

/**
 * The result of one client call, not yet awaited. Await it, or pass it
 * unawaited as an argument of another call on the same client: over a
 * WebSocket both calls then travel together (pipelining).
 */
export type Pending<T> = Promise<T> & { readonly [pendingBrand]: T };

/** An argument of a client call: the value itself, or the Pending result of an earlier call. */
export type Arg<T> = T | Pending<T>;

type Pipelined<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: { [I in keyof A]: Arg<A[I]> }) => Pending<R> : never;

/**
 * What `connect()` returns: every method of the host's service
 * (api-types/rpc.ts GhostwireService), each taking values or Pending
 * results. `[Symbol.dispose]()` ends the session and closes its connection,
 * so a script that disposed its clients exits on its own; calls after that
 * reject.
 */
export type GhostwireClient = { [K in keyof GhostwireService]: Pipelined<GhostwireService[K]> } & {
  [Symbol.dispose](): void;
};

/** What a WebSocket event carries, as far as the client reads it. */
export interface ClientSocketEvent {
  data?: unknown;
  code?: number;
  reason?: string;
}

/** The part of the WHATWG WebSocket API the client uses; the global WebSocket of Node 22 and browsers, and ws's, have it. */
export interface ClientSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "message" | "close" | "error", listener: (event: ClientSocketEvent) => void): void;
}

/**
 * A WebSocket class: `WebSocket` from the ws package, or the global one.
 * `provide()` passes `{ headers }` as the second argument, which Node 22's
 * global WebSocket, ws, Deno and Bun accept and browsers do not.
 */
export type WebSocketClass = new (url: string, options?: { headers: Record<string, string> }) => ClientSocket;

/** How `connect()` reaches the host. */
export type ClientTransport = "websocket" | "batch";

export interface ConnectOptions {
  /** The host's client token (GHOSTWIRE_CLIENT_TOKEN), when it requires one. */
  token?: string;
  /** The WebSocket class to use instead of the global one; on Node 20, which has none, `WebSocket` from the ws package. */
  WebSocket?: WebSocketClass;
  /**
   * "websocket": one WebSocket for the whole session; the default when a
   * WebSocket class is passed or global. "batch": one HTTP POST to /rpc per
   * call, with the token check in the same POST; the default otherwise. Over
   * HTTP batch the host cannot call back, so `onLog` is not streamed while
   * the code runs: it is called with each entry of the response's `logs`
   * before `execute()` resolves.
   */
  transport?: ClientTransport;
  /**
   * What sends the HTTP batch POSTs instead of the global fetch: for a Worker
   * reaching the host through a service binding,
   * `(url, init) => env.GHOSTWIRE.fetch(url, init)` (the binding ignores the
   * URL's host name). With it and no `transport`, the transport is "batch".
   */
  fetch?: BatchFetch;
}

/** Sends one HTTP batch: a POST of `init.body` to `url`, resolving with the host's answer. */
export type BatchFetch = (url: string, init: { method: "POST"; body: string }) => Promise<Response>;

/** An object passed by reference over Cap'n Web: its methods run in this process when the host calls them. */
export interface RpcTargetInstance {
  readonly [targetBrand]: never;
}

/** The base class of a provider's implementation (`class Inventory extends RpcTarget { … }`). */
export type RpcTargetClass = new () => RpcTargetInstance;

export interface ProvideOptions {
  /** The host's provider token (GHOSTWIRE_PROVIDER_TOKEN), sent on the WebSocket upgrade. */
  token: string;
  contract: ProviderContract;
  /** An instance of a class extending RpcTarget; each method takes the validated input object and returns JSON. */
  implementation: RpcTargetInstance;
  /** The WebSocket class to use instead of the global one; it must take `{ headers }` (Node 22's global one and ws's do). */
  WebSocket?: WebSocketClass;
}

/** A connected provider: dispose `session` (or end the process) to withdraw the API. */
export interface ProvidedApi {
  api: string;
  methods: string[];
  session: { [Symbol.dispose](): void };
}
