import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../../host/front/http/http-refusal.js";
import { withCaller, callerOf, UNATTRIBUTED_CALLER } from "../../../host/front/auth/request-caller.js";
import { serveProvider } from "../../../host/apis/providers/source.js";
import { execute } from "../helpers.js";
import { createSession } from "../sessions/session-helpers.js";

/**
 * The failed-attempt limit (host/front/auth/failed-attempts.ts; wrangler.jsonc allows
 * 30 refusals a minute per address). Every test uses addresses of its own,
 * since counts last a minute.
 */
const LIMIT = 30;
const PROVIDER_TOKEN = "provider-token-for-limits-0123456789";
let nextGroup = 0;
/** A fresh address: counts from earlier tests never reach it. */
const freshAddress = () => `203.0.${nextGroup++}.${Math.floor(Math.random() * 250)}`;

function burn(token: string, address: string): Promise<Response> {
  return exports.default.fetch(new Request("http://ghostwire.test/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": address } }));
}

describe("failed token attempts", () => {
  it("past the limit, an address has every session token refused with a 429, the right one included; other addresses are not", async () => {
    const { session } = await createSession();
    const attacker = freshAddress();
    for (let i = 0; i < LIMIT; i++) expect((await burn(`gws2.guess-${i}`, attacker)).status).toBe(403);
    const limited = await burn("gws2.one-more", attacker);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "too_many_failed_attempts",
      message: expect.stringMatching(/Too many failed token attempts came from your address.*Wait, then send the right token\./),
    });
    await execute({ code: "return 1;", session }, { status: 429, headers: { "cf-connecting-ip": attacker } });
    const elsewhere = await execute({ code: "return 1;", session }, { headers: { "cf-connecting-ip": freshAddress() } });
    expect(elsewhere.result).toBe(1);
  });

  it("never counts a right token: a busy legitimate client is not slowed", async () => {
    const { session } = await createSession();
    const client = freshAddress();
    for (let i = 0; i < LIMIT + 10; i++) await execute({ code: "return 1;", session }, { headers: { "cf-connecting-ip": client } });
    expect((await burn("gws2.typo", client)).status).toBe(403);
  });

  it("limits provider token guesses on the upgrade, before any object", async () => {
    const withProviders = { ...env, GHOSTWIRE_PROVIDER_TOKEN: PROVIDER_TOKEN } as Env;
    const attacker = freshAddress();
    const attempt = (token: string) =>
      withCaller(attacker, () =>
        serveProvider(withProviders, new Request("http://ghostwire.test/rpc/provider?api=guessed", { headers: { upgrade: "websocket", authorization: `Bearer ${token}` } })).catch(errorResponse),
      );
    for (let i = 0; i < LIMIT; i++) expect((await attempt(`wrong-token-${i}-000000000000`)).status).toBe(401);
    expect((await attempt("wrong-token-last-000000000000")).status).toBe(429);
    expect((await attempt(PROVIDER_TOKEN)).status).toBe(429);
  });
});

describe("the caller's address", () => {
  const from = (value?: string) => callerOf(new Request("http://ghostwire.test/", { headers: value === undefined ? {} : { "cf-connecting-ip": value } }));

  it("is CF-Connecting-IP: IPv4 whole, IPv6 by its /64, and one shared bucket without it", () => {
    expect(from("192.0.2.7")).toBe("192.0.2.7");
    expect(from("2001:db8:0:1:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
    expect(from("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(from("2001:0DB8::1")).toBe("2001:db8:0:0::/64");
    expect(from("::1")).toBe("0:0:0:0::/64");
    expect(from()).toBe(UNATTRIBUTED_CALLER);
    expect(from("x".repeat(65))).toBe(UNATTRIBUTED_CALLER);
  });
});
