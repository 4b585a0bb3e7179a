import { WorkerEntrypoint } from "cloudflare:workers";
import { refuse, sandboxResponse, type EgressResult } from "./refusals.js";
import { findSession } from "./open-egress.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/** What the Egress entrypoint is bound with: the id of one execution's session. Never a secret. */
export interface EgressProps {
  readonly session: string;
}

/** Sends `request` through the session named `id`; a session that is gone or unknown refuses it as ended. */
function sendThrough(id: unknown, request: Request): Promise<EgressResult> {
  const session = findSession(id);
  return session === undefined ? Promise.resolve({ refused: refuse.ended() }) : session.send(request);
}

/**
 * The sandbox's `globalOutbound`: every fetch() agent code makes arrives
 * here, as `ctx.exports.Egress({ props })` scoped to one execution.
 * Policy, secrets and limits stay on the host (host/egress/execution-egress.ts).
 * There is no connect() handler: a socket the sandbox opens with connect()
 * carries nothing (writes fail, reads end at once), so raw TCP is refused.
 *
 * Contract: neither door throws, because workerd would print a thrown
 * error, URL included, on the host's console. fetch() resolves with the
 * session's result encoded for the sandbox (sandboxResponse); relay()
 * resolves with the result itself.
 */
export class Egress extends WorkerEntrypoint<GhostwireEnv, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    return sandboxResponse(await sendThrough(this.ctx.props?.session, request));
  }

  /**
   * The door of the local runner process (`npm start`, host/egress/relay.ts):
   * a runner cannot hand the host's Egress binding to its isolates, because
   * bindings do not cross processes, so it relays each request here, naming
   * the session the host gave it. Refused unless this host runs layered
   * (a RUNNER binding exists): in production nothing may call it.
   */
  async relay(session: string, request: Request): Promise<EgressResult> {
    if (this.env.RUNNER === undefined) return { refused: refuse.relayUnavailable() };
    return sendThrough(session, request);
  }
}
