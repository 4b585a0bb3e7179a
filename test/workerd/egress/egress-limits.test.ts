import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

// Limits in the tests (test/vitest.config.ts): 12 requests per execution,
// 65536 response bytes, 3000 ms per request.

describe("egress limits", () => {
  it("refuses the request past GHOSTWIRE_MAX_EGRESS_REQUESTS, counting the API's requests and refused ones too", async () => {
    const response = await execute({
      code: `for (let i = 0; i < 5; i++) await rates.latest({});
       for (let i = 0; i < 5; i++) await fetch("http://rates.demo.invalid/v1/latest");
       for (let i = 0; i < 2; i++) await fetch("https://elsewhere.example/").catch(() => "denied");
       await fetch("http://rates.demo.invalid/v1/latest");`,
      apis: ["rates"],
    });
    expect(response.ok).toBe(false);
    expect(response.error?.message).toBe(
      "Egress refused: this execution has already made 12 outbound requests (redirects included), the most it may make (GHOSTWIRE_MAX_EGRESS_REQUESTS). Make fewer, larger requests.",
    );
    expect(response.error?.line).toBe(4);
    expect(response.stats.egress).toHaveLength(12);
  });

  it("stops a redirect loop at the same limit", async () => {
    const response = await execute({ code: `await fetch("http://rates.demo.invalid/v1/redirect?loop=1");`, apis: ["rates"] });
    expect(response.error?.message).toContain("has already made 12 outbound requests (redirects included)");
    expect(response.stats.egress.every((r) => r.status === 302)).toBe(true);
  });

  it("refuses a response larger than GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES and passes one at the limit", async () => {
    const response = await execute({
      code: `const fits = (await (await fetch("http://rates.demo.invalid/v1/bytes?n=65536")).arrayBuffer()).byteLength;
       try { await fetch("http://rates.demo.invalid/v1/bytes?n=65537"); return "too large passed"; }
       catch (error) { return [fits, (error as Error).message]; }`,
      apis: ["rates"],
    });
    expect(response.result).toEqual([
      65536,
      "Egress refused: the response to GET http://rates.demo.invalid is larger than 65536 bytes (GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES) and was dropped. Ask for less, e.g. a smaller page.",
    ]);
    expect(response.stats.egress).toEqual([
      { host: "rates.demo.invalid", method: "GET", status: 200, bytes: 65536 },
      { host: "rates.demo.invalid", method: "GET", status: 200, bytes: 0, refused: "too-large" },
    ]);
  });

  it("cancels a request that outlives GHOSTWIRE_EGRESS_TIMEOUT_MS", async () => {
    const response = await execute({ code: `await fetch("http://rates.demo.invalid/v1/slow?ms=20000");`, apis: ["rates"] });
    expect(response.error?.message).toBe(
      "Egress refused: GET http://rates.demo.invalid did not answer within 3000 ms (GHOSTWIRE_EGRESS_TIMEOUT_MS) and was cancelled. Retry, or ask for less.",
    );
    expect(response.stats.egress).toEqual([{ host: "rates.demo.invalid", method: "GET", status: null, bytes: 0, refused: "timeout" }]);
  });

  it("refuses the requests of code still running after its execution ended", async () => {
    const response = await execute({
      code: `setTimeout(() => { fetch("http://rates.demo.invalid/v1/latest").catch(() => {}); }, 50);
       return "done";`,
      apis: ["rates"],
    });
    expect(response.result).toBe("done");
    expect(response.stats.egress).toEqual([]);
  });
});
