import { callerOf, withCaller } from "./front/auth/request-caller.js";
import { handle } from "./front/http/router.js";

export { DemoRatesUpstream } from "./demo/rates-upstream.js";
export { Egress } from "./egress/index.js";
export { SessionStore } from "./sessions/index.js";
export { ProviderDirectory } from "./apis/providers/provider-directory.js";
export { ProviderHost } from "./apis/providers/provider-host.js";

export default {
  // Every request runs as its caller, whom a refused token counts against (host/front/auth/failed-attempts.ts).
  fetch: (request, env) => withCaller(callerOf(request), () => handle(request, env)),
} satisfies ExportedHandler<Env>;
