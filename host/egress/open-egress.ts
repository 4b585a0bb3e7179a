import type { ExecutionEgress } from "./execution-egress.js";

/**
 * The sessions of the executions running in this host isolate, by id. The
 * Egress entrypoint finds its execution's session here: its props carry
 * only the id, because props cannot carry objects or stubs.
 *
 * This assumes a loopback call through `ctx.exports` lands in the isolate
 * that made the binding, which holds in workerd (one isolate per Worker).
 * Were it ever to land elsewhere, the lookup fails and the request is
 * refused: the gateway fails closed, never open.
 */
const open = new Map<string, ExecutionEgress>();

export function registerSession(session: ExecutionEgress): void {
  open.set(session.id, session);
}

/** Closes the session and forgets it; later requests naming it are refused. */
export function unregisterSession(session: ExecutionEgress): void {
  session.close();
  open.delete(session.id);
}

export function findSession(id: unknown): ExecutionEgress | undefined {
  return typeof id === "string" ? open.get(id) : undefined;
}
