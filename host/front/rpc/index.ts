import { RpcTarget, newWorkersRpcResponse } from "capnweb";
import { tokenMatches } from "../auth/auth-token.js";
import { checkToken, TOO_MANY_FAILED_ATTEMPTS } from "../auth/failed-attempts.js";
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
 * service; when the host requires a client token (GHOSTWIRE_CLIENT_TOKEN)
 * only the right one does, and a wrong one counts as a failed attempt
 * (host/front/auth/failed-attempts.ts). Clients pipeline the call, so it costs no
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
    const required = this.#host.config.GHOSTWIRE_CLIENT_TOKEN;
    if (required !== undefined) {
      const outcome = await withCaller(this.#caller, () => checkToken(() => tokenMatches(token, required)));
      if (outcome === "limited") throw new Error(TOO_MANY_FAILED_ATTEMPTS);
      if (outcome === "refused") throw new Error("This host requires a client token: pass the right one to connect(url, { token }).");
    }
    return new CallerBoundService(this.#host, this.#caller);
  }
}

/** `/rpc`: Cap'n Web over WebSocket (an Upgrade request) or HTTP batch (POST). */
export function serveRpc(host: HostState, request: Request): Promise<Response> {
  return newWorkersRpcResponse(request, new GhostwireGate(host), { limits: RPC_LIMITS });
}
