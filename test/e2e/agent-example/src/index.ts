// An agent on the `agents` SDK with Ghostwire's code tool: POST a task to
// /agents/ghostwire-agent/<name>; the agent (a Durable Object, src/agent.ts)
// asks its model, which runs TypeScript on the Ghostwire host it reaches
// through the GHOSTWIRE service binding, and answers with the model's text.
import { routeAgentRequest } from "agents";

export { GhostwireAgent } from "./agent";

export default {
  async fetch(request, env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found: POST a task to /agents/ghostwire-agent/<name>.", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
