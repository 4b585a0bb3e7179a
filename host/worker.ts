import { createGhostwire } from "./index.js";

/**
 * The Worker `wrangler deploy` ships from this repository (wrangler.jsonc):
 * a host with no APIs of its own, serving what its variables import
 * (GHOSTWIRE_MCP_SERVERS) and the remote providers that connect. To serve
 * APIs of your own, call createGhostwire in your own Worker instead
 * (README, "Register your own APIs"). The demo APIs run only locally
 * (host/demo/worker.ts).
 */
const ghostwire = createGhostwire();

export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "./index.js";
export default ghostwire.handler;
