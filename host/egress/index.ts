/**
 * The egress gateway: every outbound request of an execution, from agent
 * code or from the API implementations it calls, is checked against the
 * host's rules, given its credential on the host, bounded, scrubbed of
 * secrets and recorded in the execution's stats.
 */
export { Egress, type EgressProps } from "./entrypoint.js";
export { EgressRelay, type EgressRelayEnv } from "./relay.js";
export { createEgressGateway, type EgressGateway, type EgressRuleInfo } from "./gateway.js";
export type { EgressFetch, EgressLimits, ExecutionEgress } from "./execution-egress.js";
