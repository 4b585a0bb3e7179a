import { describe, expect, it } from "vitest";
import { call, execute } from "../helpers.js";
import { CANARY, expectNoCanary, secretDependentRange } from "./egress-helpers.js";

/**
 * The adversarial suite: agent code tries every route we could think of to
 * read the demo upstream's token (a canary in tests) and must never see it.
 * Each test checks the whole execute response (result, logs, error and
 * stats) for the canary in every spelling, and checks that the token really
 * was sent upstream, so a clean response means scrubbed, not never sent.
 */

/** Agent code that collects everything a response exposes, logs it, and returns it. */
const EXPOSE = `
  async function expose(response: Response) {
    const seen = {
      status: response.status,
      statusText: response.statusText,
      url: response.url,
      redirected: response.redirected,
      headers: [...response.headers],
      cookies: response.headers.getSetCookie(),
      body: await response.text(),
    };
    console.log(JSON.stringify(seen));
    return seen;
  }`;

describe("egress secrets: an echoing upstream", () => {
  it("scrubs the credential out of a reflected body, headers, cookies and status text", async () => {
    const response = await execute({ code: `${EXPOSE}\n return await expose(await fetch("http://rates.demo.invalid/v1/echo", { method: "POST", body: "ping" }));`, apis: ["rates"] });
    expect(response.ok).toBe(true);
    const seen = response.result as { statusText: string; headers: [string, string][]; cookies: string[]; body: string };
    expect(JSON.parse(seen.body)).toMatchObject({ authorized: true, headers: { authorization: "Bearer [REDACTED]" } });
    expect(seen.statusText).toBe("OK Bearer [REDACTED]");
    expect(Object.fromEntries(seen.headers)).toMatchObject({ "x-echo-authorization": "Bearer [REDACTED]", "www-authenticate": 'Bearer realm="Bearer [REDACTED]"' });
    expect(seen.cookies).toEqual(["session=Bearer%20[REDACTED]; Path=/"]);
    expect(response.logs).toHaveLength(1);
    expectNoCanary(response);
  });

  it("scrubs the credential when the upstream echoes it base64- or percent-encoded", async () => {
    const response = await execute({
      code: `const base64 = await (await fetch("http://rates.demo.invalid/v1/echo?encoding=base64")).text();
       const url = await (await fetch("http://rates.demo.invalid/v1/echo?encoding=url")).text();
       console.log(base64, url, decodeURIComponent(url));
       return { base64, url, decoded: decodeURIComponent(url) };`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(true);
    const { base64, decoded } = response.result as { base64: string; decoded: string };
    // Scrubbing cuts the token out of the encoded blob; what is left is no longer the token in any spelling.
    expect(base64).toContain("[REDACTED]");
    expect(decoded).toContain('"authorized":true');
    expectNoCanary(response);
  });

  it("leaves no base64 character that depends on a bit of the credential, at each of its three alignments", async () => {
    // Each pad shifts the credential by one byte in the echoed JSON. The same
    // request with "BASE64" (which the upstream does not encode) gives the
    // plain text at the same offsets, from which the test rebuilds the blob.
    const response = await execute({
      code: `const echoes = [];
       for (const pad of ["", "x", "xx"]) {
         const encoded = await (await fetch("http://rates.demo.invalid/v1/echo?encoding=base64&pad=" + pad)).text();
         const plain = await (await fetch("http://rates.demo.invalid/v1/echo?encoding=BASE64&pad=" + pad)).text();
         echoes.push({ encoded, plain });
       }
       return echoes;`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(true);
    const echoes = response.result as { encoded: string; plain: string }[];
    const offsets = new Set<number>();
    for (const { encoded, plain } of echoes) {
      expect(plain.split("Bearer [REDACTED]")).toHaveLength(2);
      const sent = plain.replace("[REDACTED]", CANARY).replace("encoding=BASE64", "encoding=base64");
      const unscrubbed = btoa(sent);
      const { first, last } = secretDependentRange(sent, CANARY, btoa);
      expect(encoded).toBe(unscrubbed.slice(0, first) + "[REDACTED]" + unscrubbed.slice(last + 1));
      offsets.add(sent.indexOf(CANARY) % 3);
    }
    expect(offsets.size).toBe(3);
    expectNoCanary(response);
  });

  it("counts egress bytes after scrubbing, so stats do not give away the credential's length", async () => {
    const response = await execute({ code: `return (await (await fetch("http://rates.demo.invalid/v1/echo")).arrayBuffer()).byteLength;`, apis: ["rates"] });
    expect(response.ok).toBe(true);
    expect(response.stats.egress).toEqual([{ host: "rates.demo.invalid", method: "GET", status: 200, bytes: response.result }]);
  });

  it("scrubs concurrent and HEAD echoes alike, and exposes nothing through Response properties", async () => {
    const response = await execute({
      code: `${EXPOSE}
       const all = await Promise.all([1, 2, 3, 4].map((n) => fetch("http://rates.demo.invalid/v1/echo?n=" + n).then(expose)));
       const head = await fetch("http://rates.demo.invalid/v1/echo", { method: "HEAD" });
       return { all, head: [head.status, [...head.headers]] };`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(true);
    expect(response.stats.egress).toHaveLength(5);
    expectNoCanary(response);
  });
});

describe("egress secrets: redirects", () => {
  it("scrubs a credential an upstream puts into a redirect's Location, followed or not", async () => {
    const response = await execute({
      code: `${EXPOSE}
       const manual = await fetch("http://rates.demo.invalid/v1/redirect?leak=1&to=/v1/echo", { redirect: "manual" });
       const location = manual.headers.get("location");
       const followed = await expose(await fetch("http://rates.demo.invalid/v1/redirect?leak=1&to=/v1/echo"));
       return { location, followed };`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(true);
    const { location, followed } = response.result as { location: string; followed: { url: string; body: string } };
    expect(location).toBe("http://rates.demo.invalid/v1/echo?token=Bearer+[REDACTED]");
    expect(JSON.parse(followed.body)).toMatchObject({ authorized: true, url: "http://rates.demo.invalid/v1/echo?token=Bearer+[REDACTED]" });
    expectNoCanary(response);
  });

  it("sends nothing of the credential to another origin a redirect leads to", async () => {
    const response = await execute({
      code: `const echo = await (await fetch("http://rates.demo.invalid/v1/redirect?leak=1&to=" + encodeURIComponent("http://echo.demo.invalid/v1/echo"))).json();
       return echo;`,
      apis: ["rates"],
      egress: ["demo-echo"],
    });
    expect(response.result).toMatchObject({ authorized: false, url: "http://echo.demo.invalid/v1/echo?token=Bearer+[REDACTED]", headers: {} });
    expectNoCanary(response);
  });
});

describe("egress secrets: errors, logs, results and the environment", () => {
  it("keeps the credential out of every refusal message and the API's own errors", async () => {
    const response = await execute({
      code: `const messages: string[] = [];
       const attempts = [
         () => fetch("http://rates.demo.invalid/v1/echo", { headers: { authorization: "Bearer guess" } }),
         () => fetch("http://rates.demo.invalid/v1/slow?ms=20000"),
         () => fetch("http://rates.demo.invalid/v1/bytes?n=1000000"),
         () => fetch("http://rates.demo.invalid/v1/redirect?leak=1&to=" + encodeURIComponent("https://collector.example/")),
         () => rates.latest({ base: "XXX" as "EUR" }),
       ];
       for (const attempt of attempts) {
         try { await attempt(); messages.push("no error"); } catch (error) { messages.push(String(error), String((error as Error).stack)); }
       }
       console.error(...messages);
       throw new Error(messages.join(" | "));`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(false);
    expect(response.error?.message).toContain("Egress refused");
    expect(response.error?.message).toContain("https://collector.example");
    expect(response.error?.message).toContain("must be one of the quoted currencies");
    expectNoCanary(response);
  });

  it("finds no secret anywhere the sandbox can look: nothing on globalThis, no process, no modules to import", async () => {
    const response = await execute({
      code: `const names = Object.getOwnPropertyNames(globalThis);
       const values = names.map((name) => { try { return name + "=" + String((globalThis as Record<string, unknown>)[name]); } catch { return name; } });
       console.log(values.join(" | "));
       return { values, process: typeof (globalThis as { process?: unknown }).process, env: typeof (globalThis as { env?: unknown }).env };`,
      apis: ["rates"],
      check: false,
    });
    expect(response.error).toBeUndefined();
    expect(response.result).toMatchObject({ process: "undefined", env: "undefined" });
    expectNoCanary(response);
    // The isolate is loaded with env: {} and cannot import cloudflare:workers to look (egress.test.ts checks import() is refused).
  });

  it("serves the rates API's results and the host's listings without the credential", async () => {
    const response = await execute({ code: `return [await rates.latest({}), await rates.convert({ amount: 1, from: "GBP", to: "JPY" })];`, apis: ["rates"] });
    expect(response.ok).toBe(true);
    expectNoCanary(response);
    for (const path of ["/", "/v1/apis", "/v1/types", "/v1/egress"]) expectNoCanary(await (await call(path)).text());
  });

  it("really uses the canary upstream, so the clean answers above are scrubbed, not unsent", async () => {
    const response = await execute({ code: `return (await (await fetch("http://rates.demo.invalid/v1/latest")).json() as { base: string }).base;`, apis: ["rates"] });
    expect(response.result).toBe("EUR");
    expect(CANARY.length).toBeGreaterThanOrEqual(12);
  });
});
