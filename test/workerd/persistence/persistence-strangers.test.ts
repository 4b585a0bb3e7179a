import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../../host/front/http/http-refusal.js";
import { withCaller } from "../../../host/front/auth/request-caller.js";
import { serveProvider } from "../../../host/apis/providers/source.js";
import { countDurableObjects, snapshotDurableObjects } from "./persistence-helpers.js";
import { createSession, withRandomId } from "../sessions/session-helpers.js";

/**
 * No stranger creates state: requests that present no valid credential
 * leave every Durable Object namespace with the same objects (empty ones
 * count: locally each is a file) and the same contents. Each request comes
 * from its own address (CF-Connecting-IP), so none is cut short by the
 * failed-attempt limit: every one goes through the check it targets.
 */
const ATTEMPTS = 100;
const PROVIDER_TOKEN = "provider-token-for-persistence-0123456789";
const address = (group: number, i: number) => `198.51.${group}.${i}`;

function upgrade(api: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://ghostwire.test/rpc/provider?api=${api}`, { headers: { upgrade: "websocket", ...headers } });
}

describe("unauthenticated callers", () => {
  it("create no object and store no byte with forged session tokens", async () => {
    const { session } = await createSession();
    const objects = await countDurableObjects();
    const stored = await snapshotDurableObjects();
    for (let i = 0; i < ATTEMPTS; i++) {
      // Built-in APIs only: an execution that names none also lists remote providers, which wakes their directory object (one for the host, memory only).
      const body = JSON.stringify({ code: "return 1;", apis: ["math"], session: withRandomId(session) });
      const response = await exports.default.fetch(
        new Request("http://ghostwire.test/v1/execute", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": address(100, i) }, body }),
      );
      expect(response.status).toBe(403);
      await response.text();
    }
    expect(await countDurableObjects()).toEqual(objects);
    expect(await snapshotDurableObjects()).toEqual(stored);
  });

  it("create no object with provider upgrades, whether or not the host takes providers", async () => {
    const objects = await countDurableObjects();
    // This host sets no provider token: refused before any object.
    for (let i = 0; i < ATTEMPTS; i++) {
      const response = await exports.default.fetch(new Request(upgrade(`stranger${i}`), { headers: { upgrade: "websocket", "cf-connecting-ip": address(101, i) } }));
      expect(response.status).toBe(503);
      await response.text();
    }
    // A host that takes providers: no token, or a wrong one, is refused before any object too.
    const withProviders = { ...env, GHOSTWIRE_PROVIDER_TOKEN: PROVIDER_TOKEN } as Env;
    for (let i = 0; i < ATTEMPTS; i++) {
      const headers: Record<string, string> = i % 2 === 0 ? {} : { authorization: `Bearer wrong-${PROVIDER_TOKEN}` };
      const response = await withCaller(address(102, i), () => serveProvider(withProviders, upgrade(`guess${i}`, headers)).catch(errorResponse));
      expect(response.status).toBe(401);
    }
    expect(await countDurableObjects()).toEqual(objects);

    // The control: the right token reaches the API's object, and the count sees it.
    const accepted = await withCaller(address(103, 1), () => serveProvider(withProviders, upgrade("trusted", { authorization: `Bearer ${PROVIDER_TOKEN}` })));
    expect(accepted.status).toBe(101);
    accepted.webSocket!.accept();
    accepted.webSocket!.close();
    expect((await countDurableObjects()).PROVIDERS).toBe(objects.PROVIDERS + 1);
  });
});
