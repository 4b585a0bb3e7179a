import { defineEgressRules } from "../egress/policy/policy.js";

/**
 * The demo host's egress rules: the only destinations its agent code and API
 * implementations can reach. Rules are checked when the module loads, and a
 * malformed one fails with a sentence naming it.
 *
 * A rule is granted to an execution when the caller lists its id in the
 * execute request's `egress`, or grants an API whose contract declares it
 * (`egress: [...]` in api-types/). A credential names a Worker secret
 * (`wrangler secret put NAME`; locally a line in .dev.vars); its value is
 * read by the gateway alone and never reaches the sandbox.
 */
export const DEMO_EGRESS_RULES = defineEgressRules({
  "demo-rates": {
    description: "The demo exchange-rates upstream, which wants a bearer token; the gateway injects it. The rates API uses it, and agent code may fetch it directly.",
    origin: "http://rates.demo.invalid",
    pathPrefix: "/v1/",
    methods: ["GET", "HEAD", "POST"],
    credential: { header: "Authorization", template: "Bearer {secret}", secret: "DEMO_UPSTREAM_TOKEN" },
    // Served by this Worker's DemoRatesUpstream entrypoint, so the demo works
    // offline; `.invalid` never resolves, so nothing can reach the network.
    service: "DEMO_UPSTREAM",
  },
  "demo-echo": {
    description: "The same demo upstream under a second origin and with no credential: a credential never follows a request to another origin.",
    origin: "http://echo.demo.invalid",
    methods: ["GET", "POST"],
    service: "DEMO_UPSTREAM",
  },
});
