/**
 * ghostwire: Code Mode for your own Worker. Agents write TypeScript against
 * the APIs you register; each execution is type-checked and runs in a fresh
 * Dynamic Worker isolate, and every fetch goes through the egress rules you
 * set. The README's "Register your own APIs" shows a whole Worker.
 *
 *   const ghostwire = createGhostwire({ apis: [implementApi(todoApi, todo)] });
 *   export const { Egress, SessionStore, ProviderHost, ProviderDirectory } = ghostwire.exports;
 *   export default ghostwire.handler;
 */
export { createGhostwire, type Ghostwire, type GhostwireExports } from "./ghostwire.js";
export { implementApi, type GhostwireOptions, type ImplementedApi } from "./ghostwire-options.js";
export type { GhostwireEnv } from "./ghostwire-env.js";
export type { GhostwireConfig } from "./config.js";
export { defineApi, defineMethod, type ApiCallContext, type ApiContract, type ApiImplementation, type MethodContract } from "../api-types/define.js";
export { defineEgressRules, type EgressRuleInput, type EgressRules } from "./egress/policy/policy.js";
export type { OpenApiImport } from "./apis/imports/openapi/openapi-import.js";
