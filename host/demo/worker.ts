import { createGhostwire } from "../index.js";
import { DEMO_OPTIONS } from "./index.js";

/**
 * The local demo host (`npm start`, the workerd tests; host/dev/wrangler.jsonc):
 * one user of the library like any other, with the demo APIs, their egress
 * rules and their upstream. It never ships: the deployed Worker is
 * host/worker.ts.
 */
const ghostwire = createGhostwire(DEMO_OPTIONS);

export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "../index.js";
export { DemoRatesUpstream } from "./rates-upstream.js";
export default ghostwire.handler;
