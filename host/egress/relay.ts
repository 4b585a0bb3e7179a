import { WorkerEntrypoint } from "cloudflare:workers";
import type { Egress, EgressProps } from "./entrypoint.js";
import { sandboxResponse } from "./refusals.js";

/** The runner's bindings that the relay uses (host/isolates/runner/wrangler.jsonc). */
export interface EgressRelayEnv {
  /** The host's Egress entrypoint, through the dev registry. */
  readonly EGRESS: Service<Egress>;
}

/**
 * The `globalOutbound` of isolates loaded in the local runner process
 * (`npm start`). It holds no policy and no secret: it hands each request to
 * the host's Egress entrypoint, naming the execution's session from its
 * props, and encodes the host's result for the sandbox as the host's own
 * Egress entrypoint does (sandboxResponse).
 */
export class EgressRelay extends WorkerEntrypoint<EgressRelayEnv, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    return sandboxResponse(await this.env.EGRESS.relay(this.ctx.props.session, request));
  }
}
