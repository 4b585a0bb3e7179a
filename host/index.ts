import { handle } from "./router";

export { DemoRatesUpstream } from "./apis/rates-upstream";
export { Egress } from "./egress";
export { SessionStore } from "./sessions";
export { ProviderDirectory } from "./rpc/provider-directory";
export { ProviderHost } from "./rpc/provider-host";

export default {
  fetch: (request, env) => handle(request, env),
} satisfies ExportedHandler<Env>;
