import { isValidName } from "../../api-types/define";
import type { ProviderContract } from "../../api-types/rpc";
import type { ApiSource } from "../api-sources";
import { HttpError } from "../http-error";
import type { MethodHandler, RegisteredApi } from "../registry";
import { toApiContract } from "./provider-contract";
import type { ProviderReply } from "./provider-host";

export const PROVIDER_PATH = "/rpc/provider";

/**
 * `/rpc/provider?api=<name>`: a provider's Cap'n Web WebSocket, handed to
 * the Durable Object named for the API. Registration itself (token,
 * contract) happens over the session, in host/rpc/provider-host.ts.
 */
export function serveProvider(env: Env, request: Request): Promise<Response> {
  const api = new URL(request.url).searchParams.get("api") ?? "";
  if (!isValidName(api)) throw new HttpError(400, "invalid_provider", "Name the API in the URL: /rpc/provider?api=<name>, a JavaScript identifier.");
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new HttpError(426, "websocket_required", "Providers connect over a WebSocket (Cap'n Web's newWebSocketRpcSession).");
  return env.PROVIDERS.get(env.PROVIDERS.idFromName(api)).fetch(request);
}

/**
 * The connected providers as an API source. Each request asks the
 * directory which providers are connected; contracts are converted once per
 * distinct contract. Calls go to the provider's own Durable Object.
 */
export function createProviderSource(env: Env): ApiSource {
  const converted = new Map<string, RegisteredApi>();
  const build = (contract: ProviderContract): RegisteredApi => {
    const key = JSON.stringify(contract);
    let api = converted.get(key);
    if (api === undefined) {
      const stub = () => env.PROVIDERS.get(env.PROVIDERS.idFromName(contract.name));
      const handlers: Record<string, MethodHandler> = {};
      for (const method of Object.keys(contract.methods)) {
        handlers[method] = async (input: unknown) => {
          const reply = (await stub().call(method, input)) as ProviderReply;
          if (!reply.ok) throw new Error(reply.message);
          return reply.value;
        };
      }
      api = { contract: toApiContract(contract), handlers };
      if (converted.size > 200) converted.clear();
      converted.set(key, api);
    }
    return api;
  };
  return {
    name: "providers",
    async list() {
      try {
        const contracts = (await env.PROVIDER_DIRECTORY.get(env.PROVIDER_DIRECTORY.idFromName("directory")).list()) as ProviderContract[];
        return contracts.map(build);
      } catch {
        return [];
      }
    },
  };
}
