import { describe, expect, it } from "vitest";
import { expectNoCanary } from "./egress-helpers.js";
import { execute } from "../helpers.js";

/** Agent code that tries `attempts` in turn and returns each error message, or "sent". */
function tryEach(attempts: string[]): string {
  return `const outcomes: string[] = [];
    for (const attempt of [${attempts.map((a) => `() => ${a}`).join(",\n")}]) {
      try { await attempt(); outcomes.push("sent"); } catch (error) { outcomes.push(String((error as Error).message)); }
    }
    return outcomes;`;
}

const OVERRIDE = (what: string) =>
  `Egress refused: GET http://rates.demo.invalid: rule "demo-rates" injects the credential itself, so the request may not carry its own ${what}. Remove it; the gateway adds the credential.`;

describe("egress smuggling: overriding the injected credential", () => {
  it("rejects a request that brings its own credential under a credentialed rule, however it is spelled", async () => {
    const response = await execute({
      code: tryEach([
        `fetch("http://rates.demo.invalid/v1/echo", { headers: { Authorization: "Bearer mine" } })`,
        `fetch("http://rates.demo.invalid/v1/echo", { headers: { authorization: "Basic bWluZTptaW5l" } })`,
        `fetch("http://rates.demo.invalid/v1/echo", { headers: new Headers([["AUTHORIZATION", "Bearer mine"]]) })`,
        `fetch(new Request("http://rates.demo.invalid/v1/echo", { headers: { authorization: "Bearer mine" } }))`,
        `fetch("http://rates.demo.invalid/v1/echo", { headers: { "Proxy-Authorization": "Bearer mine" } })`,
      ]),
      apis: ["rates"],
    });
    expect(response.result).toEqual([
      OVERRIDE("authorization header"),
      OVERRIDE("authorization header"),
      OVERRIDE("authorization header"),
      OVERRIDE("authorization header"),
      OVERRIDE("proxy-authorization header"),
    ]);
    // Nothing was sent upstream for any of them.
    expect(response.stats.egress.map(({ status, refused }) => ({ status, refused }))).toEqual(Array(5).fill({ status: null, refused: "override" }));
    expectNoCanary(response);
  });

  it("passes an agent's own Authorization to an origin whose rule injects nothing: it is the agent's, not a secret", async () => {
    const response = await execute({
      code: `const echo = (await (await fetch("http://echo.demo.invalid/v1/echo", { headers: { authorization: "Bearer agent-own" } })).json()) as { headers: Record<string, string> };
       return echo.headers.authorization;`,
      apis: [],
      egress: ["demo-echo"],
    });
    expect(response.result).toBe("Bearer agent-own");
  });

  it("refuses protocol upgrades, so no WebSocket can bypass the response checks", async () => {
    const response = await execute({ code: tryEach([`fetch("http://echo.demo.invalid/v1/echo", { headers: { Upgrade: "websocket" } })`]), apis: [], egress: ["demo-echo"] });
    expect(response.result).toEqual(["Egress denied: GET http://echo.demo.invalid: the gateway does not proxy WebSocket or other protocol upgrades. Use plain HTTP requests."]);
  });
});

describe("egress smuggling: redirects are followed hop by hop, each through the gateway", () => {
  it("follows a redirect within the rule, injecting the credential again at the new hop", async () => {
    const response = await execute({
      code: `const response = await fetch("http://rates.demo.invalid/v1/redirect?to=/v1/echo");
       const echo = (await response.json()) as { authorized: boolean };
       return { redirected: response.redirected, url: response.url, authorized: echo.authorized };`,
      apis: ["rates"],
    });
    expect(response.result).toEqual({ redirected: true, url: "http://rates.demo.invalid/v1/echo", authorized: true });
    expect(response.stats.egress.map((r) => r.status)).toEqual([302, 200]);
  });

  it("fails a redirect to an origin no rule allows, naming that origin, after the first hop", async () => {
    const response = await execute({
      code: tryEach([
        `fetch("http://rates.demo.invalid/v1/redirect?to=" + encodeURIComponent("https://evil.example/steal"))`,
        `fetch("http://rates.demo.invalid/v1/redirect?status=307&to=" + encodeURIComponent("http://127.0.0.1:8787/v1/execute"), { method: "POST", body: "{}" })`,
        `fetch("http://rates.demo.invalid/v1/redirect?to=" + encodeURIComponent("http://rates.demo.invalid/admin"))`,
      ]),
      apis: ["rates"],
    });
    const [evil, loopback, outside] = response.result as string[];
    expect(evil).toMatch(/^Egress denied: GET https:\/\/evil\.example: no egress rule granted to this execution allows that origin\./);
    expect(loopback).toMatch(/^Egress denied: POST http:\/\/127\.0\.0\.1:8787: no egress rule granted .* loopback, private or local address/);
    expect(outside).toBe('Egress denied: GET http://rates.demo.invalid: rule "demo-rates" allows only paths under /v1/, and this path is outside it.');
    expect(response.stats.egress.map(({ host, status, refused }) => [host, status, refused ?? null])).toEqual([
      ["rates.demo.invalid", 302, null],
      ["evil.example", null, "denied"],
      ["rates.demo.invalid", 307, null],
      ["127.0.0.1:8787", null, "denied"],
      ["rates.demo.invalid", 302, null],
      ["rates.demo.invalid", null, "denied"],
    ]);
  });

  it("hands a manual redirect back as it is, without following it", async () => {
    const response = await execute({
      code: `const response = await fetch("http://rates.demo.invalid/v1/redirect?to=" + encodeURIComponent("https://evil.example/"), { redirect: "manual" });
       return [response.status, response.headers.get("location")];`,
      apis: ["rates"],
    });
    expect(response.result).toEqual([302, "https://evil.example/"]);
    expect(response.stats.egress).toHaveLength(1);
  });
});
