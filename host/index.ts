import { callerOf, withCaller } from "./request-caller";
import { handle } from "./router";

export { DemoRatesUpstream } from "./apis/rates-upstream";
export { Egress } from "./egress";
export { SessionStore } from "./sessions";
export { ProviderDirectory } from "./rpc/provider-directory";
export { ProviderHost } from "./rpc/provider-host";

export default {
  // Every request runs as its caller, whom a refused token counts against (host/failed-attempts.ts).
  fetch: (request, env) => withCaller(callerOf(request), () => handle(request, env)),
} satisfies ExportedHandler<Env>;
