import { z } from "zod";
import type { ApprovalRule } from "../api-types/approval.js";
import type { ApiContract, ApiImplementation } from "../api-types/define.js";
import { importedMcpServer, MAX_IMPORTED_SERVERS, type ImportedMcpServer } from "./apis/imports/mcp/config.js";
import { importOpenApi, type OpenApiImport } from "./apis/imports/openapi/openapi-import.js";
import { ApiRegistry, type MethodHandler } from "./apis/registry.js";
import { checkHostApprovals, withHostApprovals, type HostApprovals } from "./approvals/approval-rules.js";
import type { GhostwireConfig } from "./config.js";
import { defineEgressRules, type EgressRules } from "./egress/policy/policy.js";
import { describeIssues } from "./zod-issues.js";

/** An API contract paired with its implementation, as createGhostwire({ apis }) takes it. */
export interface ImplementedApi {
  readonly contract: ApiContract;
  readonly implementation: Readonly<Record<string, MethodHandler>>;
}

/**
 * Pairs a contract (defineApi) with its implementation, checking at compile
 * time that every method is implemented with the contract's types.
 */
export function implementApi<C extends ApiContract>(contract: C, implementation: ApiImplementation<C>): ImplementedApi {
  return { contract, implementation: implementation as Readonly<Record<string, MethodHandler>> };
}

/** What a Worker passes to createGhostwire. Every field is optional. */
export interface GhostwireOptions {
  /** The APIs agent code can call, each made with implementApi(contract, implementation). */
  readonly apis?: readonly ImplementedApi[];
  /**
   * The only destinations agent code and API implementations may fetch
   * (defineEgressRules). Nothing else is reachable: with no rules, no fetch
   * leaves the host. A rule's credential names a Worker secret.
   */
  readonly egressRules?: EgressRules;
  /** Remote MCP servers imported as APIs, besides those GHOSTWIRE_MCP_SERVERS names. */
  readonly mcpServers?: readonly z.input<typeof importedMcpServer>[];
  /** OpenAPI 3 documents imported as APIs, each reached through the egress rule it names. */
  readonly openApi?: readonly OpenApiImport[];
  /**
   * Approval rules for any API, imported and remote ones included: "api.method"
   * → "required" or { when, check } (api-types/approval.ts). A rule here is
   * applied in place of the contract's own, and the declarations show it.
   */
  readonly approvals?: Readonly<Record<string, ApprovalRule<any>>>;
  /** Defaults for the host's limits (README, "Limits"); a Worker variable of the same name wins. */
  readonly config?: GhostwireConfig;
}

/** Options checked once, when the Worker's module loads: what every host isolate of this Worker is built from. */
export interface ResolvedOptions {
  readonly registry: ApiRegistry;
  /** Host approval rules, applied to the registry's APIs here and to every source's by the catalog. */
  readonly approvals: HostApprovals;
  readonly egressRules: EgressRules;
  readonly mcpServers: readonly ImportedMcpServer[];
  readonly config: GhostwireConfig;
}

const NO_RULES = defineEgressRules({});

/**
 * Checks `options` and builds what does not depend on the Worker's env: the
 * registry of its APIs (OpenAPI imports included) and its egress rules. A
 * mistake throws a sentence naming it, at module load, so it fails the
 * deploy rather than a request.
 */
export function resolveOptions(options: GhostwireOptions): ResolvedOptions {
  const built = new ApiRegistry();
  for (const api of options.apis ?? []) built.register(api.contract, api.implementation);
  for (const spec of options.openApi ?? []) {
    const api = importOpenApi(spec);
    built.register(api.contract, api.handlers, api);
  }
  const approvals = options.approvals ?? {};
  checkHostApprovals(approvals);
  const registry = new ApiRegistry().extendedWith(built.list().map((api) => withHostApprovals(api, approvals)));
  const egressRules = options.egressRules ?? NO_RULES;
  for (const { contract } of registry.list()) {
    for (const id of contract.egress ?? []) {
      if (!egressRules.has(id)) throw new Error(`API "${contract.name}" declares the egress rule "${id}", which the host's egress rules (createGhostwire({ egressRules })) do not define.`);
    }
  }
  const servers = z.array(importedMcpServer).max(MAX_IMPORTED_SERVERS).safeParse(options.mcpServers ?? []);
  if (!servers.success) throw new Error(`Invalid mcpServers: ${describeIssues(servers.error.issues, { root: "(list)" })}.`);
  return { registry, approvals, egressRules, mcpServers: servers.data, config: options.config ?? {} };
}
