import { isValidName } from "../../../api-types/define.js";
import type { ProviderContract } from "../../../api-types/rpc.js";
import type { ApiSource } from "../catalog.js";
import { bearerToken, tokenMatches } from "../../front/auth/auth-token.js";
import { loadConfig } from "../../config.js";
import { checkToken, tooManyFailedAttempts } from "../../front/auth/failed-attempts.js";
import { Refusal } from "../../refusal.js";
import type { MethodHandler, RegisteredApi } from "../registry.js";
import { toApiContract } from "./provider-contract.js";
import type { ProviderReply } from "./provider-reply.js";
import type { GhostwireEnv } from "../../ghostwire-env.js";

export const PROVIDER_PATH = "/rpc/provider";

/**
 * `/rpc/provider?api=<name>`: a provider's Cap'n Web WebSocket. The
 * provider token is checked on the upgrade request itself, as
 * `Authorization: Bearer <token>`, before any Durable Object is reached: an
 * unauthenticated caller wakes no object and creates none. Only then is the
 * connection handed to the object named for the API, without the token;
 * the contract is registered over the session (host/apis/providers/provider-host.ts).
 */
export async function serveProvider(env: GhostwireEnv, request: Request): Promise<Response> {
  const required = loadConfig(env).GHOSTWIRE_PROVIDER_TOKEN;
  if (required === undefined) {
    throw new Refusal("unavailable", "providers_disabled", "This host accepts no providers: its deployer has not set GHOSTWIRE_PROVIDER_TOKEN. Nothing was registered.");
  }
  const outcome = await checkToken(() => tokenMatches(bearerToken(request), required));
  if (outcome === "limited") throw tooManyFailedAttempts();
  if (outcome === "refused") {
    throw new Refusal("unauthorized", "provider_token_required", "Send the provider token on the WebSocket upgrade as Authorization: Bearer <token> (provide() from ghostwire/client does this). Nothing was registered.");
  }
  const api = new URL(request.url).searchParams.get("api") ?? "";
  if (!isValidName(api)) throw new Refusal("invalid", "invalid_provider", "Name the API in the URL: /rpc/provider?api=<name>, a JavaScript identifier.");
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new Refusal("upgrade-required", "websocket_required", "Providers connect over a WebSocket (Cap'n Web's newWebSocketRpcSession).");
  const forwarded = new Request(request);
  forwarded.headers.delete("authorization");
  return env.PROVIDERS.get(env.PROVIDERS.idFromName(api)).fetch(forwarded);
}

/**
 * The connected providers as an API source. Each request asks the
 * directory which providers are connected; contracts are converted once per
 * distinct contract. Calls go to the provider's own Durable Object.
 */
export function createProviderSource(env: GhostwireEnv): ApiSource {
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
