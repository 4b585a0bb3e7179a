import { EGRESS_REFUSED_HEADER } from "../api-types/sandbox-protocol";

/**
 * Replaces the isolate's fetch() with one that rejects when the egress
 * gateway refused the request: the gateway answers a refusal with a marked
 * response (api-types/sandbox-protocol.ts) rather than an error, so that
 * the host's console never prints the agent's URL. Agent code sees the same
 * thing either way: fetch() rejects with the gateway's sentence.
 */
export function installEgressFetch(): void {
  const fetch = globalThis.fetch;
  const get = Headers.prototype.get;
  const text = Response.prototype.text;
  const apply = Reflect.apply;
  globalThis.fetch = async function fetchThroughGateway(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await fetch(input, init);
    if (apply(get, response.headers, [EGRESS_REFUSED_HEADER]) !== null) throw new Error(await apply(text, response, []));
    return response;
  };
}
