// The Worker of the one-host step of `npm run test:imports` (one-host.mjs):
// a Ghostwire host built with createGhostwire like any user's, serving the
// demo `math` API plus the OpenAPI imports that the module
// "ghostwire-one-host-imports" lists. one-host.mjs starts it twice with
// wrangler dev: once with that module aliased to GitHub and Stripe (and the
// tricky MCP server named in GHOSTWIRE_MCP_SERVERS), once aliased to an
// empty list, so both hosts have the same shape but for the imports.
import imports from "ghostwire-one-host-imports";
import { mathApi } from "../../../api-types/math.js";
import { mathImplementation } from "../../../host/demo/math.js";
import { createGhostwire, defineEgressRules, implementApi } from "../../../host/index.js";

/** The prefix of the rules' paths, which no GitHub or Stripe operation has: every request is refused by the gateway and none reaches the network. */
const NO_REAL_PATH = "/ghostwire-one-host-offline/";

const egressRules = defineEgressRules({
  github: { description: "GitHub's REST API, closed: no request leaves this test host.", origin: "https://api.github.com", pathPrefix: NO_REAL_PATH, methods: ["GET", "POST"] },
  stripe: { description: "Stripe's API, closed: no request leaves this test host.", origin: "https://api.stripe.com", pathPrefix: NO_REAL_PATH, methods: ["GET", "POST"] },
});

const ghostwire = createGhostwire({ apis: [implementApi(mathApi, mathImplementation)], egressRules, openApi: imports });

export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "../../../host/index.js";
export default ghostwire.handler;
