import { DurableObject } from "cloudflare:workers";
import { RpcTarget, newWorkersWebSocketRpcResponse } from "capnweb";
import type { ProviderContract } from "../../../api-types/rpc.js";
import { RPC_LIMITS } from "../../front/rpc/limits.js";
import { parseProviderContract } from "./provider-contract.js";
import { PROVIDER_LEASE_RENEW_MS, type ProviderDirectory } from "./provider-directory.js";
import type { ProviderReply } from "./provider-reply.js";

/** Calls to one provider in flight at once; more wait for none, they fail with a sentence. */
export const MAX_PROVIDER_CALLS_IN_FLIGHT = 32;
/** Deadline of one call to a provider. */
export const PROVIDER_CALL_TIMEOUT_MS = 30_000;
/** Largest answer a provider may give, in characters of JSON. */
export const MAX_PROVIDER_RESULT_CHARS = 1024 * 1024;

type Implementation = Record<string, (input: unknown) => Promise<unknown>> & { dup(): Implementation; onRpcBroken(cb: (error: unknown) => void): void; [Symbol.dispose]?(): void };

/** What a ProviderHost reads from the Worker's env: the directory it lists its provider in. */
interface ProviderHostEnv {
  readonly PROVIDER_DIRECTORY: DurableObjectNamespace<ProviderDirectory>;
}

/**
 * One remote provider's connection, in the Durable Object named for its
 * API, so every host isolate reaches the same connection. It terminates the
 * provider's Cap'n Web WebSocket, holds the implementation stub the
 * provider registered, and relays calls to it. When the connection breaks,
 * the API leaves the directory and calls in flight fail with a clear error.
 */
export class ProviderHost extends DurableObject<ProviderHostEnv> {
  #name = "";
  #contract: ProviderContract | undefined;
  #implementation: Implementation | undefined;
  readonly #inFlight = new Set<(message: string) => void>();
  #renewal: ReturnType<typeof setInterval> | undefined;

  override async fetch(request: Request): Promise<Response> {
    this.#name = new URL(request.url).searchParams.get("api") ?? "";
    return newWorkersWebSocketRpcResponse(request, new ProviderGateTarget(this), { limits: RPC_LIMITS });
  }

  /**
   * Called through the provider's session (ProviderGateTarget.register). The
   * session exists only once its upgrade request presented the provider
   * token (serveProvider), so whoever calls this is authenticated.
   */
  async register(contractValue: unknown, implementation: Implementation): Promise<{ api: string; methods: string[] }> {
    const contract = parseProviderContract(contractValue);
    if (contract.name !== this.#name) throw new Error(`This connection is for API "${this.#name}" (the ?api= of its URL), not "${contract.name}".`);
    if (this.#implementation !== undefined) throw new Error(`API "${contract.name}" already has a provider connected; it must disconnect first.`);
    if (typeof implementation?.dup !== "function") throw new TypeError("Pass an RpcTarget implementing the contract as the second argument.");
    const refused = await this.#directory().add(contract);
    if (refused !== null) throw new Error(refused);
    const kept = implementation.dup();
    kept.onRpcBroken(() => this.#disconnected(kept));
    this.#contract = contract;
    this.#implementation = kept;
    // The directory holds leases, not storage: renew ours while connected.
    this.#renewal = setInterval(() => void this.#directory().add(contract).catch(() => undefined), PROVIDER_LEASE_RENEW_MS);
    return { api: contract.name, methods: Object.keys(contract.methods) };
  }

  /** A call from a sandbox, already validated against the contract by the host's bridge. Never throws. */
  async call(method: string, input: unknown): Promise<ProviderReply> {
    const implementation = this.#implementation;
    if (implementation === undefined || this.#contract === undefined) return { ok: false, message: `The provider of API "${this.#name}" is not connected.` };
    if (!Object.hasOwn(this.#contract.methods, method)) return { ok: false, message: `API "${this.#name}" has no method "${method}".` };
    if (this.#inFlight.size >= MAX_PROVIDER_CALLS_IN_FLIGHT) return { ok: false, message: `The provider of API "${this.#name}" already has ${MAX_PROVIDER_CALLS_IN_FLIGHT} calls in flight; try again shortly.` };
    let fail: (message: string) => void = () => undefined;
    const failed = new Promise<ProviderReply>((resolve) => (fail = (message) => resolve({ ok: false, message })));
    this.#inFlight.add(fail);
    const timer = setTimeout(() => fail(`The provider of API "${this.#name}" did not answer ${method}() within ${PROVIDER_CALL_TIMEOUT_MS / 1000} s.`), PROVIDER_CALL_TIMEOUT_MS);
    try {
      const answered = implementation[method](input).then(
        (value): ProviderReply => {
          const json = JSON.stringify(value ?? null);
          if (json.length > MAX_PROVIDER_RESULT_CHARS) return { ok: false, message: `The provider's answer is ${json.length} characters of JSON; the limit is ${MAX_PROVIDER_RESULT_CHARS}.` };
          return { ok: true, value: JSON.parse(json) as unknown };
        },
        (error: unknown): ProviderReply => ({ ok: false, message: error instanceof Error ? error.message : String(error) }),
      );
      return await Promise.race([answered, failed]);
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(fail);
    }
  }

  #disconnected(implementation: Implementation): void {
    if (this.#implementation !== implementation) return;
    const name = this.#name;
    this.#implementation = undefined;
    this.#contract = undefined;
    if (this.#renewal !== undefined) clearInterval(this.#renewal);
    for (const fail of this.#inFlight) fail(`The provider of API "${name}" disconnected while the call was in flight; it may or may not have run.`);
    this.ctx.waitUntil(this.#directory().remove(name));
  }

  #directory() {
    return this.env.PROVIDER_DIRECTORY.get(this.env.PROVIDER_DIRECTORY.idFromName("directory"));
  }
}

/** The main object of a provider's session: only `register`. */
class ProviderGateTarget extends RpcTarget {
  readonly #host: ProviderHost;

  constructor(host: ProviderHost) {
    super();
    this.#host = host;
  }

  register(contract: unknown, implementation: Implementation): Promise<{ api: string; methods: string[] }> {
    return this.#host.register(contract, implementation);
  }
}
