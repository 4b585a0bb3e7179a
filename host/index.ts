import { callerOf, withCaller } from "./front/auth/request-caller";
import { handle } from "./front/http/router";

export { DemoRatesUpstream } from "./demo/rates-upstream";
export { Egress } from "./egress";
export { SessionStore } from "./sessions";
export { ProviderDirectory } from "./apis/providers/provider-directory";
export { ProviderHost } from "./apis/providers/provider-host";

export default {
  // Every request runs as its caller, whom a refused token counts against (host/front/auth/failed-attempts.ts).
  fetch: (request, env) => withCaller(callerOf(request), () => handle(request, env)),
} satisfies ExportedHandler<Env>;
