import { connect } from "../rpc/client.js";
import type { GhostwireClient } from "../rpc/client-types.js";

/**
 * A Worker service binding to the host (`env.GHOSTWIRE`), or anything else
 * with a `fetch` that takes a URL and a POST: the tools send their calls
 * through it instead of over the network.
 */
export interface HostBinding {
  fetch(url: string, init: { method: "POST"; body: string }): Promise<Response>;
}

interface Common {
  /** The host's client token (GHOSTWIRE_CLIENT_TOKEN), when it requires one. */
  token?: string;
  /** The APIs the code may call and the search looks through; every API when left out. */
  apis?: string[];
  /** A session token (POST /v1/sessions): grants the `session` API, whose state lasts between executions. */
  session?: string;
  /** The name the search tool has in your tool set, which the code tool's description names; "search" when left out. */
  searchToolName?: string;
}

/** Where `codeTool()` and `searchTool()` find the host: its base URL, or a service binding to it. */
export type GhostwireToolOptions = Common & ({ url: string | URL; binding?: undefined } | { binding: HostBinding; url?: undefined });

/** The URL requests through a binding carry: a service binding ignores its host name, and /rpc is the path that counts. */
const BINDING_BASE_URL = "http://ghostwire.binding/";

/**
 * A client of the host over Cap'n Web HTTP batch: one POST per call, token
 * check included, no connection held open, so a tool set can live as long as
 * its caller likes and a Node process still ends by itself. Throws a sentence
 * for options that name no host, or two.
 */
export function connectToHost(options: GhostwireToolOptions): GhostwireClient {
  const { url, binding, token } = options;
  if (url !== undefined && binding !== undefined) {
    throw new TypeError("Pass the host as { url } or as { binding }, not both: a binding is for a Worker that reaches the host through a service binding.");
  }
  if (binding !== undefined) {
    if (typeof binding?.fetch !== "function") throw new TypeError("options.binding has no fetch method: pass the service binding itself, e.g. { binding: env.GHOSTWIRE }.");
    return connect(BINDING_BASE_URL, { token, fetch: (address, init) => binding.fetch(address, init) });
  }
  if (url === undefined) {
    throw new TypeError('The Ghostwire tools need a host: pass { url: "http://localhost:8787" } (its base URL), or { binding: env.GHOSTWIRE } in a Worker with a service binding to it.');
  }
  return connect(url, { token, transport: "batch" });
}
