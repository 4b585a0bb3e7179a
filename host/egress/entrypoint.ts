import { WorkerEntrypoint } from "cloudflare:workers";
import { EgressRefused, refuse, refusalResponse } from "./refusals";
import { findSession } from "./sessions";

/**
 * What relay() answers: a refusal travels as a value, so the relay rethrows
 * it in the runner and nothing is thrown across the process boundary.
 */
export type EgressRelayReply = { response: Response; refused?: undefined } | { refused: string };

/** What the Egress entrypoint is bound with: the id of one execution's session. Never a secret. */
export interface EgressProps {
  readonly session: string;
}

/**
 * The sandbox's `globalOutbound`: every fetch() agent code makes arrives
 * here, as `ctx.exports.Egress({ props })` scoped to one execution.
 * Policy, secrets and limits stay on the host (host/egress/session.ts).
 * There is no connect() handler: a socket the sandbox opens with connect()
 * carries nothing (writes fail, reads end at once), so raw TCP is refused.
 *
 * Contract: resolves with a scrubbed response, or with a refusal response
 * (refusalResponse) whose message the sandbox's fetch() rejects with. It
 * never throws: workerd would print a thrown error, URL included, on the
 * host's console.
 */
export class Egress extends WorkerEntrypoint<Env, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    const session = findSession(this.ctx.props?.session);
    if (session === undefined) return refusalResponse(refuse.ended().message);
    try {
      return await session.fetch(request);
    } catch (error) {
      return refusalResponse(error instanceof EgressRefused ? error.message : "Egress failed: the gateway could not handle this request.");
    }
  }

  /**
   * The door of the local runner process (`npm start`, host/egress/relay.ts):
   * a runner cannot hand the host's Egress binding to its isolates, because
   * bindings do not cross processes, so it relays each request here, naming
   * the session the host gave it. Refused unless this host runs layered
   * (a RUNNER binding exists): in production nothing may call it.
   */
  async relay(session: string, request: Request): Promise<EgressRelayReply> {
    if (this.env.RUNNER === undefined) return { refused: "Egress.relay() serves only the local runner process, and this host has none." };
    const found = findSession(session);
    if (found === undefined) return { refused: refuse.ended().message };
    try {
      return { response: await found.fetch(request) };
    } catch (error) {
      return { refused: error instanceof Error ? error.message : String(error) };
    }
  }
}
