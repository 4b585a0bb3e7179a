/// <reference path="../../async-hooks.d.ts" />
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is making the request being handled, for the failed-attempt limiter
 * (host/front/auth/failed-attempts.ts): the client address from `CF-Connecting-IP`,
 * which Cloudflare sets on every request and a client cannot forge there.
 * Requests without it (`npm start`, the tests) share one bucket; locally a
 * client could set the header itself, which only matters on your machine.
 *
 * The address is request context, set once where a request enters the
 * Worker (host/index.ts) and read where a token is refused, however deep.
 * Cap'n Web sessions over a WebSocket run their calls outside the request
 * that opened them, so host/front/rpc/index.ts binds the opening request's caller
 * to the calls that check tokens.
 */
export const UNATTRIBUTED_CALLER = "unattributed";

/** Longest CF-Connecting-IP value used as is; anything longer is not an address. */
const MAX_ADDRESS_CHARS = 64;

const current = new AsyncLocalStorage<string>();

/** The 64-bit network prefix of an IPv6 address, which one subscriber usually holds whole; undefined if it does not parse. */
function ipv6Prefix(address: string): string | undefined {
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const left = halves[0] === "" ? [] : halves[0].split(":");
  const right = halves.length === 1 || halves[1] === "" ? [] : halves[1].split(":");
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...right].slice(0, 4);
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return `${groups.map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}

/** The caller of `request`: its IPv4 address, the /64 of its IPv6 address, or the shared local bucket. */
export function callerOf(request: Request): string {
  const address = request.headers.get("cf-connecting-ip")?.trim() ?? "";
  if (address === "" || address.length > MAX_ADDRESS_CHARS) return UNATTRIBUTED_CALLER;
  return address.includes(":") ? (ipv6Prefix(address) ?? address) : address;
}

/** Runs `work` with `caller` as the request's caller. */
export function withCaller<T>(caller: string, work: () => T): T {
  return current.run(caller, work);
}

/** The caller of the request being handled; the shared bucket outside any. */
export function currentCaller(): string {
  return current.getStore() ?? UNATTRIBUTED_CALLER;
}
