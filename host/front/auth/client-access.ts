import type { HostConfig } from "../../config.js";
import { Refusal } from "../../refusal.js";
import { tokenMatches } from "./auth-token.js";
import { checkToken, tooManyFailedAttempts } from "./failed-attempts.js";

/**
 * Who may run code on this host: the one check behind POST /v1/execute,
 * POST /v1/sessions, the language endpoints (POST /v1/check, /v1/completions,
 * /v1/hover), /mcp and Cap'n Web's connect(token).
 * - GHOSTWIRE_CLIENT_TOKEN set: only a caller presenting it; a wrong or
 *   missing token counts as a failed attempt (host/front/auth/failed-attempts.ts).
 * - Unset and GHOSTWIRE_ALLOW_ANONYMOUS "true" (the local demo host): anyone.
 * - Unset otherwise: no one. A deploy that forgot the token fails closed,
 *   with a refusal that names the secret to set.
 * Resolves when the caller may go on; otherwise throws the Refusal.
 */
export async function requireClientAccess(config: HostConfig, presented: unknown): Promise<void> {
  const required = config.GHOSTWIRE_CLIENT_TOKEN;
  if (required === undefined) {
    if (config.GHOSTWIRE_ALLOW_ANONYMOUS) return;
    throw new Refusal(
      "unavailable",
      "client_token_not_configured",
      "This host runs no code until its deployer sets a client token: `wrangler secret put GHOSTWIRE_CLIENT_TOKEN` (at least 16 characters), then send it as Authorization: Bearer <token>. To let anyone run code instead, set the variable GHOSTWIRE_ALLOW_ANONYMOUS to \"true\".",
    );
  }
  const outcome = await checkToken(() => tokenMatches(presented, required));
  if (outcome === "accepted") return;
  if (outcome === "limited") throw tooManyFailedAttempts();
  throw new Refusal("unauthorized", "client_token_required", "This host requires a client token: send it as Authorization: Bearer <token>, or pass it to connect(url, { token }).");
}
