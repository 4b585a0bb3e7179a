import { loadConfig } from "./config.js";
import { createDemoRegistry } from "./demo/index.js";
import { createEgressGateway, EGRESS_RULES } from "./egress/index.js";
import { createMcpSource } from "./apis/imports/mcp/source.js";
import { OPENAPI_IMPORTS } from "./apis/imports/openapi/imports.js";
import { createProviderSource } from "./apis/providers/source.js";
import { importOpenApi } from "./apis/imports/openapi/openapi-import.js";
import { createIsolateLauncher } from "./isolates/launcher.js";
import { createApiCatalog, type ApiSource } from "./apis/catalog.js";
import type { HostState } from "./host-state.js";
import { TypeChecker } from "./execution/check/typecheck.js";

/**
 * The composition root: it builds the per-isolate `HostState` (host/host-state.ts)
 * from the Worker's bindings. Only the router (and tests) import it; every other module
 * takes the `HostState` it is given.
 */
let host: HostState | undefined;

function createHost(env: Env): HostState {
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
  return { env, config, catalog: createApiCatalog(registry, sources), checker: new TypeChecker(), isolates: createIsolateLauncher(env), egress };
}

/** The host of this Worker isolate; the first call builds it (and fails on a bad config). */
export function getHost(env: Env): HostState {
  host ??= createHost(env);
  return host;
}
