import type { Host } from "./host";
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
  list(host: Host): Promise<readonly RegisteredApi[]>;
}

/**
 * The registry as it stands for this request: the built-in APIs, then each
 * source's. A source's API whose name is already taken is left out; sources
 * reject such names when they are configured or connect.
 */
export async function currentRegistry(host: Host): Promise<ApiRegistry> {
  if (host.sources.length === 0) return host.registry;
  const lists = await Promise.all(host.sources.map((source) => source.list(host)));
  return host.registry.extendedWith(lists.flat());
}

export type { RegisteredApi };
