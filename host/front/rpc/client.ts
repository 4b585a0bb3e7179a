/**
 * ghostwire/client: the typed Cap'n Web client of a Ghostwire host, for
 * Node and browsers.
 *
 *   import { connect } from "ghostwire/client";
 *   const gw = connect("http://localhost:8787");
 *   const { result, logs } = await gw.execute("return await math.add({ a: 1, b: 2 });", { onLog: console.log });
 *
 * `connect` opens one WebSocket session and pipelines the token check, so
 * the first call costs no extra round trip. `provide` connects a provider.
 * Close a session with `gw[Symbol.dispose]()`.
 */
import { RpcTarget, newWebSocketRpcSession, type RpcStub } from "capnweb";
import type { GhostwireGate, GhostwireService, ProviderContract, ProviderGate } from "../../../api-types/rpc.js";

export type { ApiSearchResult, ApiSummary, ExecuteOptions, GhostwireService, ProviderContract, ProviderMethod } from "../../../api-types/rpc.js";
export type { DiagnosticInfo, ExecuteResponse } from "../../../api-types/execution.js";
export { RpcTarget };

function socketUrl(base: string | URL, path: string): string {
  const url = new URL(path, base);
  url.protocol = url.protocol === "https:" ? "wss:" : url.protocol === "http:" ? "ws:" : url.protocol;
  return url.href;
}

/** Connects to a host's /rpc. `token` is the client token, when the host requires one. */
export function connect(url: string | URL, options: { token?: string } = {}): RpcStub<GhostwireService> {
  const gate = newWebSocketRpcSession<GhostwireGate>(socketUrl(url, "/rpc"));
  return gate.connect(options.token) as unknown as RpcStub<GhostwireService>;
}

/**
 * Offers `implementation` as API `contract.name` for as long as the returned
 * session stays open; dispose it (or end the process) to withdraw the API.
 * The provider token goes on the WebSocket upgrade as an Authorization
 * header, which the host checks before anything else. Browsers cannot set
 * that header, so providers run where WebSocket takes `{ headers }`: Node 22
 * and later (undici), Deno, Bun.
 */
export async function provide(
  url: string | URL,
  options: { token: string; contract: ProviderContract; implementation: RpcTarget },
): Promise<{ api: string; methods: string[]; session: RpcStub<ProviderGate> }> {
  const SocketWithHeaders = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
  const address = socketUrl(url, `/rpc/provider?api=${encodeURIComponent(options.contract.name)}`);
  const socket = new SocketWithHeaders(address, { headers: { authorization: `Bearer ${options.token}` } });
  // A refused upgrade never opens the socket, and the WebSocket API hides the host's answer: say what to check.
  const refused = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(`The host refused the provider connection to ${address}: check the provider token (GHOSTWIRE_PROVIDER_TOKEN) and the URL. A GET of that URL with the same Authorization header shows the host's reason.`));
    socket.addEventListener("error", fail);
    socket.addEventListener("close", fail);
    socket.addEventListener("open", () => {
      socket.removeEventListener("error", fail);
      socket.removeEventListener("close", fail);
    });
  });
  const session = newWebSocketRpcSession<ProviderGate>(socket);
  const registered = await Promise.race([session.register(options.contract, options.implementation), refused]);
  return { ...registered, session };
}
