import { env, listDurableObjectIds } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../host/config.js";
import { hostKeys } from "../../../host/front/auth/host-secret.js";
import { hasGenuineId, mintSessionToken, parseSessionToken } from "../../../host/sessions/session-token.js";
import { execute } from "../helpers.js";
import { createSession, withRandomId } from "./session-helpers.js";

/**
 * Session ids are authenticated by the token itself: an id the host did not
 * mint is refused in memory, and its Durable Object is never reached.
 */
/** A request from its own address (CF-Connecting-IP), so that no probe is cut short by the failed-attempt limit. */
function from(address: string, path: string, init: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://ghostwire.test${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), "cf-connecting-ip": address } }));
}

describe("a session token's id", () => {
  it("forged for other ids wakes no object: 20 probes, 20 refusals, no new object", async () => {
    const { session } = await createSession();
    const before = (await listDurableObjectIds(env.SESSIONS)).length;
    for (let i = 0; i < 20; i++) {
      const forged = withRandomId(session);
      const attempt = await execute({ code: "return 1;", apis: ["math"], session: forged }, { status: 403, headers: { "cf-connecting-ip": `192.0.2.${i}` } });
      expect(attempt.error?.code).toBe("invalid_session");
      expect((await from(`192.0.2.${100 + i}`, "/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${forged}` } })).status).toBe(403);
    }
    expect((await listDurableObjectIds(env.SESSIONS)).length).toBe(before);
    expect((await execute({ code: "return 1;", session })).result).toBe(1);
  });

  it("is tagged under the host secret: another secret refuses it, the same one accepts it", async () => {
    const config = loadConfig(env);
    const a = await hostKeys({ ...config, GHOSTWIRE_HOST_SECRET: "host-secret-a-0123456789abcdef0123456789" });
    const b = await hostKeys({ ...config, GHOSTWIRE_HOST_SECRET: "host-secret-b-0123456789abcdef0123456789" });
    const again = await hostKeys({ ...config, GHOSTWIRE_HOST_SECRET: "host-secret-a-0123456789abcdef0123456789" });
    const { token } = await mintSessionToken(a.sessionIds);
    const parsed = parseSessionToken(token)!;
    expect(await hasGenuineId(again.sessionIds, parsed)).toBe(true);
    expect(await hasGenuineId(b.sessionIds, parsed)).toBe(false);
  });
});
