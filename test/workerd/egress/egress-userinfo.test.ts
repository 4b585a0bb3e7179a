import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_EGRESS_RULES } from "../../../host/demo/egress-rules.js";
import { createEgressGateway } from "../../../host/egress/index.js";
import { refuse } from "../../../host/egress/refusals.js";
import { execute } from "../helpers.js";

/**
 * URLs with a user name or password are refused, with one sentence wherever
 * the refusal happens. workerd drops user info from an outbound request
 * before the gateway sees it, so the sandbox's fetch() refuses such URLs
 * itself, and agent code that replaces the built-ins it could reach cannot
 * get one past it. The gateway refuses them too, for API implementations.
 */

const ORIGIN = "http://rates.demo.invalid";
const refusal = (method: string) => refuse.userinfo(method, new URL(ORIGIN)).message;

/** Agent code that tries each way of passing a URL with user info to fetch() and returns what each did. */
const ATTEMPTS = `
  const tries: [string, () => Promise<Response>][] = [
    ["string", () => fetch("http://intruder:guess@rates.demo.invalid/v1/echo")],
    ["user only", () => fetch("http://intruder@rates.demo.invalid/v1/echo")],
    ["password only", () => fetch("http://:guess@rates.demo.invalid/v1/echo")],
    ["URL", () => fetch(new URL("http://intruder:guess@rates.demo.invalid/v1/echo"))],
    ["Request", () => fetch(new Request("http://intruder:guess@rates.demo.invalid/v1/echo", { method: "POST", body: "x" }))],
    ["init method", () => fetch("http://intruder:guess@rates.demo.invalid/v1/echo", { method: "post", body: "x" })],
    ["object", () => fetch({ toString: () => "http://intruder:guess@rates.demo.invalid/v1/echo" } as unknown as string)],
  ];
  const seen: Record<string, string> = {};
  for (const [name, attempt] of tries) {
    try { seen[name] = "sent: " + (await attempt()).status; } catch (error) { seen[name] = (error as Error).message; }
  }
  return seen;`;

function expectAllRefused(result: unknown): void {
  const get = refusal("GET");
  const post = refusal("POST");
  expect(result).toEqual({ string: get, "user only": get, "password only": get, URL: get, Request: post, "init method": post, object: get });
}

describe("egress: URLs with a user name or password", () => {
  it("are refused by the sandbox's fetch() with the gateway's sentence, as strings, URLs, Requests and objects, and nothing is sent", async () => {
    const response = await execute({ code: ATTEMPTS, apis: ["rates"], check: false });
    expectAllRefused(response.result);
    expect(response.stats.egress).toEqual([]);
  });

  it("are still refused after agent code replaces URL, String, Reflect.apply and the getters the check could use", async () => {
    const tamper = `
      const clean = () => "";
      for (const name of ["username", "password"]) Object.defineProperty(URL.prototype, name, { get: clean, configurable: true });
      Object.defineProperty(URL.prototype, "href", { get: () => "http://rates.demo.invalid/v1/echo", configurable: true });
      Object.defineProperty(Request.prototype, "url", { get: () => "http://rates.demo.invalid/v1/echo", configurable: true });
      const RealURL = URL;
      (globalThis as any).URL = class extends RealURL { constructor() { super("http://rates.demo.invalid/v1/echo"); } };
      String.prototype.toUpperCase = function () { return "GET"; };
      (globalThis as any).String = () => "http://rates.demo.invalid/v1/echo";
      Reflect.apply = () => "";
      Object.getOwnPropertyDescriptor = () => undefined;`;
    const response = await execute({ code: `${tamper}\n${ATTEMPTS}`, apis: ["rates"], check: false });
    expect(response.error).toBeUndefined();
    // The tampered globals are the agent's own: new URL(...) in its code now builds a clean URL, so only that attempt is not a user-info URL.
    const get = refusal("GET");
    const post = refusal("POST");
    expect(response.result).toEqual({ string: get, "user only": get, "password only": get, URL: "sent: 200", Request: post, "init method": post, object: get });
  });

  it("are refused through every fetch the global scope holds, its prototypes' included", async () => {
    const response = await execute({
      code: `const seen: string[] = [];
       for (let holder = globalThis; holder !== null; holder = Object.getPrototypeOf(holder)) {
         const own = Object.getOwnPropertyDescriptor(holder, "fetch");
         if (own === undefined) continue;
         try { seen.push("sent: " + (await own.value.call(globalThis, "http://intruder:guess@rates.demo.invalid/v1/echo")).status); } catch (error) { seen.push((error as Error).message); }
       }
       return seen;`,
      apis: ["rates"],
      check: false,
    });
    const seen = response.result as string[];
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([refusal("GET")]));
    expect(response.stats.egress).toEqual([]);
  });

  it("read the URL once, so an input whose toString() changes between reads cannot pass the check with one URL and send another", async () => {
    const response = await execute({
      code: `let reads = 0;
       const shifty = { toString: () => (reads++ === 0 ? "http://rates.demo.invalid/v1/echo" : "http://intruder:guess@rates.demo.invalid/v1/echo") };
       const echo = (await (await fetch(shifty as unknown as string)).json()) as { url: string };
       return { reads, url: echo.url };`,
      apis: ["rates"],
      check: false,
    });
    expect(response.result).toEqual({ reads: 1, url: "http://rates.demo.invalid/v1/echo" });
  });

  it("are refused by the gateway for API implementations, with the same sentence", async () => {
    const gateway = createEgressGateway(env, DEMO_EGRESS_RULES, { maxRequests: 5, maxResponseBytes: 65536, timeoutMs: 3000 });
    const session = gateway.open(["demo-rates"]);
    try {
      const fetcher = session.fetcherFor(["demo-rates"]);
      await expect(fetcher("http://intruder:guess@rates.demo.invalid/v1/latest")).rejects.toThrow(refusal("GET"));
      expect(session.records).toEqual([{ host: "rates.demo.invalid", method: "GET", status: null, bytes: 0, refused: "denied" }]);
    } finally {
      gateway.close(session);
    }
  });
});
