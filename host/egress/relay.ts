import { WorkerEntrypoint } from "cloudflare:workers";
import type { Egress, EgressProps } from "./entrypoint";
import { refusalResponse } from "./refusals";

/** The runner's bindings that the relay uses (host/runner/wrangler.jsonc). */
export interface EgressRelayEnv {
  /** The host's Egress entrypoint, through the dev registry. */
  readonly EGRESS: Service<Egress>;
}

/**
 * The `globalOutbound` of isolates loaded in the local runner process
 * (`npm start`). It holds no policy and no secret: it hands each request to
 * the host's Egress entrypoint, naming the execution's session from its
 * props, and returns the host's answer unchanged.
 */
export class EgressRelay extends WorkerEntrypoint<EgressRelayEnv, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    const reply = await this.env.EGRESS.relay(this.ctx.props.session, request);
    if (reply.refused !== undefined) return refusalResponse(reply.refused);
    return reply.response;
  }
}
