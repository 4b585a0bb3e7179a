import { handle } from "./router";

export { DemoRatesUpstream } from "./apis/rates-upstream";
export { Egress } from "./egress";
export { SessionStore } from "./sessions";

export default {
  fetch: (request, env) => handle(request, env),
} satisfies ExportedHandler<Env>;
