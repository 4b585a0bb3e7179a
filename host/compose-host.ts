import { createApiCatalog } from "./apis/catalog.js";
import { createMcpSource } from "./apis/imports/mcp/source.js";
import { createProviderSource } from "./apis/providers/source.js";
import { loadConfig } from "./config.js";
import { createEgressGateway } from "./egress/index.js";
import { TypeChecker } from "./execution/check/typecheck.js";
import { checkBindings } from "./ghostwire-env.js";
import type { ResolvedOptions } from "./ghostwire-options.js";
import type { HostState } from "./host-state.js";
import { createIsolateLauncher } from "./isolates/launcher.js";

/**
 * The composition root: builds the per-isolate `HostState` (host/host-state.ts)
 * of one Worker from its bindings and the options its module passed to
 * createGhostwire. Only createGhostwire (and tests) call it; every other
 * module takes the `HostState` it is given. Throws a sentence naming the
 * problem when a binding is missing or a variable is invalid.
 */
export function composeHost(workerEnv: object, options: ResolvedOptions): HostState {
  const env = checkBindings(workerEnv);
  const config = loadConfig(env, options.config);
  const egress = createEgressGateway(env, options.egressRules, {
    maxRequests: config.GHOSTWIRE_MAX_EGRESS_REQUESTS,
    maxResponseBytes: config.GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES,
    timeoutMs: config.GHOSTWIRE_EGRESS_TIMEOUT_MS,
  });
  const servers = [...options.mcpServers, ...(config.GHOSTWIRE_MCP_SERVERS ?? [])];
  const taken = servers.find((server, at) => options.registry.has(server.name) || servers.findIndex((other) => other.name === server.name) !== at);
  if (taken !== undefined) {
    throw new Error(`Invalid configuration: the MCP server name "${taken.name}" is already used by another API or MCP server; give it another name in createGhostwire({ mcpServers }) or GHOSTWIRE_MCP_SERVERS.`);
  }
  const sources = [...servers.map((server) => createMcpSource(server, env)), createProviderSource(env)];
  return { env, config, catalog: createApiCatalog(options.registry, sources, options.approvals), checker: new TypeChecker(), isolates: createIsolateLauncher(env), egress };
}
