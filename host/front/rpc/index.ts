import { RpcTarget, newWorkersRpcResponse } from "capnweb";
import { requireClientAccess } from "../auth/client-access.js";
import { Refusal } from "../../refusal.js";
import type { HostState } from "../../host-state.js";
import { currentCaller, withCaller } from "../auth/request-caller.js";
import { RPC_LIMITS } from "./limits.js";
import { GhostwireRpcService } from "./service.js";

export const RPC_PATH = "/rpc";

/**
 * The service, with every execute() run as the caller that opened the
 * session: over a WebSocket, calls arrive outside the opening request, and
 * a session token refused inside an execution counts against that caller.
 */
class CallerBoundService extends GhostwireRpcService {
  readonly #caller: string;

  constructor(host: HostState, caller: string) {
    super(host);
    this.#caller = caller;
  }

  override execute(source: unknown, options?: unknown): ReturnType<GhostwireRpcService["execute"]> {
    return withCaller(this.#caller, () => super.execute(source, options));
  }
}

/**
 * The main object of a `/rpc` session. `connect(token)` hands out the
 * service to a caller the host lets run code (host/front/auth/client-access.ts). Clients pipeline the call, so it costs no
 * round trip: `gate.connect(token).execute(…)`.
 */
class GhostwireGate extends RpcTarget {
  readonly #host: HostState;
  /** The caller of the request that opened the session, taken while it runs. */
  readonly #caller = currentCaller();

  constructor(host: HostState) {
    super();
    this.#host = host;
  }

  async connect(token?: unknown): Promise<GhostwireRpcService> {
    try {
      await withCaller(this.#caller, () => requireClientAccess(this.#host.config, token));
    } catch (error) {
      // Cap'n Web sends a rejection's message and own properties: a Refusal's sentence, and its code (e.g. "client_token_required").
      throw error instanceof Refusal ? Object.assign(new Error(error.message), { code: error.code }) : error;
    }
    return new CallerBoundService(this.#host, this.#caller);
  }
}

/** `/rpc`: Cap'n Web over WebSocket (an Upgrade request) or HTTP batch (POST). */
export function serveRpc(host: HostState, request: Request): Promise<Response> {
  return newWorkersRpcResponse(request, new GhostwireGate(host), { limits: RPC_LIMITS });
}
