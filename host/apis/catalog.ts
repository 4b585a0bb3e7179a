import type { ApiContract } from "../../api-types/define.js";
import type { ApiSummary } from "../../api-types/rpc.js";
import { sessionApi } from "../../api-types/session.js";
import { ApiRegistry, type RegisteredApi } from "./registry.js";
import { withHostApprovals, type HostApprovals } from "../approvals/approval-rules.js";

/**
 * A place APIs come from besides the built-in registry: an imported MCP
 * server, an OpenAPI spec, a connected remote provider. `list` is called once
 * per request that needs the registry, so a source caches what is costly to
 * build. A source that cannot answer returns what it can (or nothing) and
 * never throws: one broken source must not hide the others.
 */
export interface ApiSource {
  /** For error messages: e.g. "mcp:weather" or "providers". */
  readonly name: string;
  list(): Promise<readonly RegisteredApi[]>;
  /**
   * The API this source is configured to offer but could not on its last
   * `list()`, with the reason (one bounded sentence, no secret); undefined
   * when it offered everything it has. Sources that never fail this way
   * leave it out.
   */
  unavailable?(): UnavailableApi | undefined;
}

/** An API that is configured but cannot be offered now: what GET /v1/apis shows in its place. */
export interface UnavailableApi {
  name: string;
  description: string;
  reason: string;
}

/**
 * Every API a request can see: the built-in registry plus the sources. One
 * object per host isolate (host/app.ts builds it); front ends and the
 * execution ask it, never the registry or a source directly.
 */
export interface ApiCatalog {
  /** The built-in APIs alone: known at startup, never asks a source. */
  readonly builtIn: ApiRegistry;
  /**
   * The registry as it stands for this request: the built-in APIs, then each
   * source's. A source's API whose name is already taken is left out; sources
   * reject such names when they are configured or connect.
   */
  current(): Promise<ApiRegistry>;
  /**
   * A registry that can grant `names`. When the built-in registry has every
   * named API, it is the answer and the sources are not asked: that saves a
   * round trip to the provider directory on every execution that names its
   * APIs. Built-in APIs win over a source's anyway, so the grant is the same.
   */
  for(names: readonly string[] | undefined): Promise<ApiRegistry> | ApiRegistry;
  /**
   * The contracts of the named APIs (all when `names` is undefined), for
   * declarations and type-checks. `session` may be named: it is granted by a
   * token rather than listed, but its declarations come when asked for.
   */
  contracts(names: readonly string[] | undefined): Promise<ApiContract[]>;
  /**
   * What GET /v1/apis and Cap'n Web's listApis() show: the current registry's
   * summaries plus one for each configured API a source could not offer,
   * with `unavailable` set and no methods; sorted by name.
   */
  summaries(): Promise<ApiSummary[]>;
}

/** `approvals`: the host's rules (createGhostwire({ approvals })), applied to every source's APIs as they are listed. */
export function createApiCatalog(builtIn: ApiRegistry, sources: readonly ApiSource[], approvals: HostApprovals = {}): ApiCatalog {
  const current = async (): Promise<ApiRegistry> => {
    if (sources.length === 0) return builtIn;
    const lists = await Promise.all(sources.map((source) => source.list()));
    return builtIn.extendedWith(lists.flat().map((api) => withHostApprovals(api, approvals)));
  };
  const registryFor = (names: readonly string[] | undefined) =>
    names !== undefined && names.every((name) => builtIn.has(name)) ? builtIn : current();
  return {
    builtIn,
    current,
    for: registryFor,
    async contracts(names) {
      const listed = names?.filter((name) => name !== sessionApi.name);
      const contracts = (await registryFor(listed)).grant(listed).map((api) => api.contract);
      if (names?.includes(sessionApi.name)) contracts.push(sessionApi);
      return contracts;
    },
    async summaries() {
      const registry = await current();
      const missing = sources
        .map((source) => source.unavailable?.())
        .filter((api): api is UnavailableApi => api !== undefined && !registry.has(api.name))
        .map(({ name, description, reason }): ApiSummary => ({ name, description, methods: [], unavailable: reason }));
      return [...registry.summaries(), ...missing].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type { RegisteredApi };
