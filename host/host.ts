import { loadConfig, type HostConfig } from "./config";
import { createDemoRegistry } from "./demo-apis";
import { createEgressGateway, EGRESS_RULES, type EgressGateway } from "./egress";
import { createMcpSource } from "./mcp/mcp-source";
import { OPENAPI_IMPORTS } from "./openapi/imports";
import { createProviderSource } from "./rpc/providers";
import { importOpenApi } from "./openapi/openapi-import";
import { createIsolateHost, type IsolateHost } from "./isolate-host";
import type { ApiSource } from "./api-sources";
import type { ApiRegistry } from "./registry";
import { TypeChecker } from "./typecheck";

/**
 * Per-isolate state of the host Worker: built on first use, kept warm for
 * every later request. It holds configuration and code, never a request's
 * data: nothing here outlives a request that belongs to a user.
 */
export interface Host {
  readonly env: Env;
  readonly config: HostConfig;
  /** The built-in APIs. Use `currentRegistry(host)` for every API a request can see. */
  readonly registry: ApiRegistry;
  /** Where more APIs come from: imported MCP servers and OpenAPI specs, remote providers. */
  readonly sources: readonly ApiSource[];
  readonly checker: TypeChecker;
  readonly isolates: IsolateHost;
  readonly egress: EgressGateway;
}

let host: Host | undefined;

function createHost(env: Env): Host {
  const config = loadConfig(env);
  const registry = createDemoRegistry();
  for (const spec of OPENAPI_IMPORTS) {
    const api = importOpenApi(spec);
    registry.register(api.contract, api.handlers);
  }
  const egress = createEgressGateway(
    env,
    EGRESS_RULES,
    { maxRequests: config.GHOSTWIRE_MAX_EGRESS_REQUESTS, maxResponseBytes: config.GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES, timeoutMs: config.GHOSTWIRE_EGRESS_TIMEOUT_MS },
    registry.list().map((api) => api.contract),
  );
  const sources: ApiSource[] = [...(config.GHOSTWIRE_MCP_SERVERS ?? []).map((server) => createMcpSource(server, env)), createProviderSource(env)];
  return { env, config, registry, sources, checker: new TypeChecker(), isolates: createIsolateHost(env), egress };
}

/** The host of this Worker isolate; the first call builds it (and fails on a bad config). */
export function getHost(env: Env): Host {
  host ??= createHost(env);
  return host;
}
