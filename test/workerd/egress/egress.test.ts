import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { runInIsolate } from "../../../host/isolates/isolate.js";
import { call, execute } from "../helpers.js";
import { CANARY } from "./egress-helpers.js";

describe("egress: the demo upstream through the gateway", () => {
  it("serves the rates API, whose implementation fetches through the gateway, and lists the request in stats", async () => {
    const response = await execute({ code: `return await rates.convert({ amount: 100, from: "EUR", to: "USD" });`, apis: ["rates"] });
    expect(response).toMatchObject({ ok: true, result: { amount: 100, from: "EUR", to: "USD", rate: 1.0842, result: 108.42 } });
    expect(response.stats.egress).toEqual([{ host: "rates.demo.invalid", method: "GET", status: 200, bytes: expect.any(Number) }]);
    expect(response.stats.egress[0].bytes).toBeGreaterThan(0);
  });

  it("lets code granted the API fetch the upstream itself; the injected credential really arrives", async () => {
    expect(CANARY).toMatch(/^canary-/);
    const response = await execute({
      code: `const latest = await (await fetch("http://rates.demo.invalid/v1/latest?base=USD&symbols=EUR")).json();
       const echo = (await (await fetch("http://rates.demo.invalid/v1/echo")).json()) as { authorized: boolean };
       return { latest, authorized: echo.authorized };`,
      apis: ["rates"],
    });
    expect(response.error).toBeUndefined();
    // The upstream answers /v1/latest only to `Bearer <token>`, and echo compares the header with it.
    expect(response.result).toEqual({ latest: { base: "USD", date: "2026-11-01", rates: { EUR: 0.922339 } }, authorized: true });
    expect(response.stats.egress).toEqual([
      { host: "rates.demo.invalid", method: "GET", status: 200, bytes: expect.any(Number) },
      { host: "rates.demo.invalid", method: "GET", status: 200, bytes: expect.any(Number) },
    ]);
  });

  it("grants a rule named in the request's egress list, without its credential going anywhere else", async () => {
    const response = await execute({
      code: `const echo = (await (await fetch("http://echo.demo.invalid/v1/echo", { method: "POST", body: "hi" })).json()) as { authorized: boolean; method: string; body: string; headers: Record<string, string> };
       return { authorized: echo.authorized, method: echo.method, body: echo.body, sentAuthorization: "authorization" in echo.headers };`,
      apis: [],
      egress: ["demo-echo"],
    });
    // The echo origin's rule has no credential: nothing is injected there.
    expect(response.result).toEqual({ authorized: false, method: "POST", body: "hi", sentAuthorization: false });
  });

  it("answers 400 naming the valid rules when the request names an unknown one", async () => {
    const { error } = await execute({ code: "return 1;", egress: ["the-internet"] }, { status: 400 });
    expect(error?.code).toBe("unknown_egress_rule");
    expect(error?.message).toBe('Unknown egress rule "the-internet". Valid rules: demo-rates, demo-echo.');
  });

  it("lists the rules at GET /v1/egress, with the APIs that declare them and no secret", async () => {
    const text = await (await call("/v1/egress")).text();
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain("DEMO_UPSTREAM_TOKEN");
    const { rules } = JSON.parse(text) as { rules: { id: string; origin: string; methods: string[]; credential?: string; apis: string[] }[] };
    expect(rules.map(({ id, origin, credential, apis }) => ({ id, origin, credential, apis }))).toEqual([
      { id: "demo-rates", origin: "http://rates.demo.invalid", credential: "header", apis: ["exchange", "rates"] },
      { id: "demo-echo", origin: "http://echo.demo.invalid", credential: undefined, apis: [] },
    ]);
  });
});

describe("egress: deny by default", () => {
  it("refuses an origin no granted rule allows, naming it and saying how a deployer allows it", async () => {
    const response = await execute({ code: `await fetch("https://api.example.com/v1/data?q=1");`, apis: ["math"] });
    expect(response.ok).toBe(false);
    expect(response.error?.message).toBe(
      "Egress denied: GET https://api.example.com: no egress rule granted to this execution allows that origin. Origins granted to this execution: none. " +
        'A deployer allows an origin by adding an egress rule to the host (createGhostwire({ egressRules })); a caller grants the rule with the execute request\'s "egress" list, or by granting an API that declares it.',
    );
    expect(response.error?.line).toBe(1);
    expect(response.stats.egress).toEqual([{ host: "api.example.com", method: "GET", status: null, bytes: 0, refused: "denied" }]);
  });

  it("refuses the demo upstream to an execution that was not granted its rule", async () => {
    const response = await execute({ code: `await fetch("http://rates.demo.invalid/v1/latest");`, apis: ["math"] });
    expect(response.error?.message).toContain("Egress denied: GET http://rates.demo.invalid: no egress rule granted to this execution allows that origin.");
  });

  it("refuses the host's own routes, loopback, private and metadata addresses in every spelling", async () => {
    const targets = [
      "http://ghostwire.test/v1/execute",
      "http://localhost:8787/v1/execute",
      "http://127.0.0.1/",
      "http://127.1/",
      "http://0x7f000001/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://10.0.0.8/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://metadata/",
    ];
    const response = await execute({
      code: `const outcomes: string[] = [];
       for (const url of ${JSON.stringify(targets)}) {
         try { await fetch(url); outcomes.push("reached " + url); } catch (error) { outcomes.push(String((error as Error).message)); }
       }
       return outcomes;`,
      apis: ["rates"],
      egress: ["demo-echo"],
    });
    const outcomes = response.result as string[];
    expect(outcomes).toHaveLength(targets.length);
    for (const outcome of outcomes) expect(outcome).toMatch(/^Egress denied: GET http:\/\/\S+: no egress rule granted to this execution allows /);
    // All but the test host's own name are loopback, private or single-label: the refusal says so.
    expect(outcomes.filter((o) => o.includes("loopback, private or local address"))).toHaveLength(targets.length - 1);
    expect(response.stats.egress.every((r) => r.refused === "denied")).toBe(true);
  });

  it("refuses methods and paths outside the rule, encoded escapes from the path prefix, and other schemes", async () => {
    const attempts = [
      `fetch("http://rates.demo.invalid/v1/latest", { method: "DELETE" })`,
      `fetch("http://rates.demo.invalid/admin")`,
      `fetch("http://rates.demo.invalid/v1/../admin")`,
      `fetch("http://rates.demo.invalid/v1/%2e%2e/admin")`,
      `fetch("http://rates.demo.invalid/v1/..%2fadmin")`,
      `fetch("ftp://rates.demo.invalid/v1/latest")`,
    ];
    const response = await execute({
      code: `const outcomes: string[] = [];
       for (const attempt of [${attempts.map((a) => `() => ${a}`).join(", ")}]) {
         try { await attempt(); outcomes.push("reached"); } catch (error) { outcomes.push(String((error as Error).message)); }
       }
       return outcomes;`,
      apis: ["rates"],
    });
    expect(response.result).toEqual([
      'Egress denied: DELETE http://rates.demo.invalid: rule "demo-rates" allows GET, HEAD, POST, not DELETE.',
      'Egress denied: GET http://rates.demo.invalid: rule "demo-rates" allows only paths under /v1/, and this path is outside it.',
      'Egress denied: GET http://rates.demo.invalid: rule "demo-rates" allows only paths under /v1/, and this path is outside it.',
      'Egress denied: GET http://rates.demo.invalid: rule "demo-rates" allows only paths under /v1/, and this path is outside it.',
      'Egress denied: GET http://rates.demo.invalid: rule "demo-rates" limits paths to /v1/, so the path may not hold an encoded slash, backslash or dot (%2F, %5C, %2E); send it unencoded.',
      // The sandbox's own fetch() refuses other schemes before the gateway sees them.
      "Fetch API cannot load: ftp://rates.demo.invalid/v1/latest",
    ]);
  });

  it("refuses connect(): agent code cannot import cloudflare:sockets, and the gateway has no connect() handler", async () => {
    const agent = await execute({ code: `const { connect } = await import("cloudflare:sockets");\nreturn connect;`, apis: ["rates"], check: false });
    expect(agent.error?.name).toBe("CompileError");
    expect(agent.diagnostics?.[0].message).toContain("import() is not available");

    // Below the agent's reach: an isolate that calls connect() with the Egress
    // entrypoint as its globalOutbound gets a socket that carries nothing.
    const module = `export default () => async () => {
      const { connect } = await import("cloudflare:sockets");
      const socket = connect("rates.demo.invalid:80");
      const steps = [];
      try { await socket.opened; } catch (error) { steps.push("open refused"); }
      try { await socket.writable.getWriter().write(new TextEncoder().encode("GET / HTTP/1.0\\r\\n\\r\\n")); steps.push("wrote"); } catch (error) { steps.push("write refused"); }
      try { const read = await socket.readable.getReader().read(); steps.push(read.done ? "read nothing" : "read bytes"); } catch (error) { steps.push("read refused"); }
      return steps;
    };`;
    const manifest = { apis: {}, limits: { maxLogEntries: 1, maxLogMessageChars: 100, maxLogTotalChars: 100, maxResultChars: 1000, maxCallInputChars: 1000 }, fuel: 1000 };
    const bridge = new ExecutionBridge([], { maxApiCalls: 0, maxCallInputChars: 0, maxLogEntries: 0, maxLogMessageChars: 0 });
    const job = { agentJs: module, bridge, manifest, limits: { timeoutMs: 5000, cpuMs: 5000, subRequests: 1 }, egress: { session: "no-such-session" } };
    const run = await runInIsolate(env.LOADER, job, exports.Egress({ props: job.egress }));
    expect(run.kind).toBe("settled");
    const steps = JSON.parse((run as { outcome: { resultJson: string } }).outcome.resultJson) as string[];
    expect(steps).not.toContain("wrote");
    expect(steps).not.toContain("read bytes");
  });
});
