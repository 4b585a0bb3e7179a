/**
 * ghostwire: Code Mode for your own Worker. Agents write TypeScript against
 * the APIs you register; each execution is type-checked and runs in a fresh
 * Dynamic Worker isolate, and every fetch goes through the egress rules you
 * set. The README's "Register your own APIs" shows a whole Worker.
 *
 *   export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "ghostwire";
 *   export default createGhostwire({ apis: [implementApi(todoApi, todo)] }).handler;
 */
export { createGhostwire, type Ghostwire, type GhostwireExports } from "./ghostwire.js";
export { implementApi, type GhostwireOptions, type ImplementedApi } from "./ghostwire-options.js";
export type { GhostwireEnv } from "./ghostwire-env.js";
/** The classes a Ghostwire Worker re-exports from its main module under these names (also `ghostwire.exports`). */
export { Egress } from "./egress/entrypoint.js";
export { SessionStore } from "./sessions/session-store.js";
export { ProviderHost } from "./apis/providers/provider-host.js";
export { ProviderDirectory } from "./apis/providers/provider-directory.js";
export { ElicitationMailbox } from "./front/mcp/elicitation-mailbox.js";
export type { GhostwireConfig } from "./config.js";
export { ApiError } from "../api-types/call-errors.js";
export type { ApprovalRule, PendingApproval, PendingCall } from "../api-types/approval.js";
export type { ApprovalChannel, ApprovalDecision, ApprovalRequest } from "./approvals/approval-channel.js";
export { defineApi, defineMethod, type ApiCallContext, type ApiContract, type ApiImplementation, type MethodContract } from "../api-types/define.js";
export { defineEgressRules, type EgressRuleInput, type EgressRules } from "./egress/policy/policy.js";
export type { OpenApiImport } from "./apis/imports/openapi/openapi-import.js";
