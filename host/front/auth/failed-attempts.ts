import { env } from "cloudflare:workers";
import { loadConfig } from "../../config.js";
import { hostKeys, macOf } from "./host-secret.js";
import { Refusal } from "../../refusal.js";
import { currentCaller } from "./request-caller.js";

/**
 * The failed-attempt limit: every refused token (client token, provider
 * token, session token) counts against the caller's address, and an address
 * past the limit has every token refused, right ones included, until the
 * limit's period ends. Only refusals count: a client that sends the right
 * token is never counted, so it is never slowed.
 *
 * The counting is Cloudflare's rate limiting binding FAILED_TOKEN_ATTEMPTS
 * (wrangler.jsonc `ratelimits`: the limit and its period live there),
 * keyed by an HMAC of the address (host/front/auth/host-secret.ts), never the address
 * itself. Its `limit()` counts as it answers, so it cannot be asked whether
 * an address is over the limit without counting; instead, each isolate
 * remembers in memory the pseudonyms it saw cross the limit, for one period.
 * An address past the limit therefore gets at most one more try per isolate
 * it reaches, before that isolate refuses it too.
 */

/** The binding's period (wrangler.jsonc `ratelimits[].simple.period`, 60 s): how long an isolate refuses an address it saw cross the limit. */
export const FAILED_ATTEMPT_BLOCK_MS = 60_000;
/** Most pseudonyms one isolate remembers as over the limit; past that it forgets the oldest first. */
export const MAX_BLOCKED_CALLERS = 10_000;
/** Length of an address pseudonym: 128 bits of HMAC-SHA256. */
const PSEUDONYM_BYTES = 16;

export const TOO_MANY_FAILED_ATTEMPTS =
  "Too many failed token attempts came from your address: this host refuses every token from it, right or wrong, for up to a minute. Wait, then send the right token.";

/** The refusal a token check answers with when the caller is over the limit. */
export function tooManyFailedAttempts(): Refusal {
  return new Refusal("rate-limited", "too_many_failed_attempts", TOO_MANY_FAILED_ATTEMPTS);
}

/** `accepted`: the token is right. `refused`: it is wrong, and counted. `limited`: the caller is over the limit; the token was not even looked at, or was wrong. */
export type TokenCheck = "accepted" | "refused" | "limited";

/** Pseudonyms over the limit, with when each stops being refused; in insertion order, so the oldest goes first. */
const blocked = new Map<string, number>();

function remember(pseudonym: string): void {
  const now = Date.now();
  for (const [key, until] of blocked) if (until <= now) blocked.delete(key);
  while (blocked.size >= MAX_BLOCKED_CALLERS) blocked.delete(blocked.keys().next().value as string);
  blocked.set(pseudonym, now + FAILED_ATTEMPT_BLOCK_MS);
}

async function pseudonymOf(caller: string): Promise<string> {
  const { addresses } = await hostKeys(loadConfig(env));
  return Array.from(await macOf(addresses, caller, PSEUDONYM_BYTES), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks one presented token for the current caller (host/front/auth/request-caller.ts).
 * `verify` says whether the token is right; it runs only when the caller is
 * not over the limit. A wrong token is counted; when that count crosses the
 * limit, the answer is `limited`. A failure of the limiter itself leaves the
 * refusal as it is (`refused`): it never turns a wrong token into a right one.
 */
export async function checkToken(verify: () => Promise<boolean>): Promise<TokenCheck> {
  const pseudonym = await pseudonymOf(currentCaller());
  const until = blocked.get(pseudonym);
  if (until !== undefined && until > Date.now()) return "limited";
  if (await verify()) return "accepted";
  let underLimit: boolean;
  try {
    underLimit = (await env.FAILED_TOKEN_ATTEMPTS.limit({ key: pseudonym })).success;
  } catch {
    return "refused";
  }
  if (underLimit) return "refused";
  remember(pseudonym);
  return "limited";
}
