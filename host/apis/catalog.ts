import type { ApiContract } from "../../api-types/define";
import { sessionApi } from "../../api-types/session";
import { ApiRegistry, type RegisteredApi } from "./registry";

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
}

/**
 * What the functions below read: the built-in registry and the other
 * sources. The per-isolate `HostState` (host/host-state.ts) is one; taking this
 * instead keeps the catalog from importing the host.
 */
export interface ApiCatalogParts {
  readonly registry: ApiRegistry;
  readonly sources: readonly ApiSource[];
}

/**
 * The registry as it stands for this request: the built-in APIs, then each
 * source's. A source's API whose name is already taken is left out; sources
 * reject such names when they are configured or connect.
 */
export async function currentRegistry(host: ApiCatalogParts): Promise<ApiRegistry> {
  if (host.sources.length === 0) return host.registry;
  const lists = await Promise.all(host.sources.map((source) => source.list()));
  return host.registry.extendedWith(lists.flat());
}

/**
 * A registry that can grant `names`. When the built-in registry has every
 * named API, it is the answer and the sources are not asked: that saves a
 * round trip to the provider directory on every execution that names its
 * APIs. Built-in APIs win over a source's anyway, so the grant is the same.
 */
export function registryFor(host: ApiCatalogParts, names: readonly string[] | undefined): Promise<ApiRegistry> | ApiRegistry {
  if (names !== undefined && names.every((name) => host.registry.has(name))) return host.registry;
  return currentRegistry(host);
}

/**
 * The contracts of the named APIs (all when `names` is undefined), for
 * declarations and type-checks. `session` may be named: it is granted by a
 * token rather than listed, but its declarations come when asked for.
 */
export async function namedContracts(host: ApiCatalogParts, names: readonly string[] | undefined): Promise<ApiContract[]> {
  const listed = names?.filter((name) => name !== sessionApi.name);
  const contracts = (await registryFor(host, listed)).grant(listed).map((api) => api.contract);
  if (names?.includes(sessionApi.name)) contracts.push(sessionApi);
  return contracts;
}

export type { RegisteredApi };
