import { handle } from "./router";

export default {
  fetch: (request, env) => handle(request, env),
} satisfies ExportedHandler<Env>;
