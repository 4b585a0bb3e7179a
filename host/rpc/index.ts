import { RpcTarget, newWorkersRpcResponse } from "capnweb";
import { tokenMatches } from "../auth-token";
import type { Host } from "../host";
import { GhostwireRpcService } from "./service";

export const RPC_PATH = "/rpc";

/** capnweb's receiver-side limits for client sessions: a message past them aborts the session. */
export const RPC_LIMITS = { maxMessageSize: 1024 * 1024, maxDepth: 64 };

/**
 * The main object of a `/rpc` session. `connect(token)` hands out the
 * service; when the host requires a client token (GHOSTWIRE_CLIENT_TOKEN)
 * only the right one does. Clients pipeline the call, so it costs no round
 * trip: `gate.connect(token).execute(…)`.
 */
class GhostwireGate extends RpcTarget {
  readonly #host: Host;

  constructor(host: Host) {
    super();
    this.#host = host;
  }

  async connect(token?: unknown): Promise<GhostwireRpcService> {
    const required = this.#host.config.GHOSTWIRE_CLIENT_TOKEN;
    if (required !== undefined && !(await tokenMatches(token, required))) {
      throw new Error("This host requires a client token: pass the right one to connect(url, { token }).");
    }
    return new GhostwireRpcService(this.#host);
  }
}

/** `/rpc`: Cap'n Web over WebSocket (an Upgrade request) or HTTP batch (POST). */
export function serveRpc(host: Host, request: Request): Promise<Response> {
  return newWorkersRpcResponse(request, new GhostwireGate(host), { limits: RPC_LIMITS });
}
