import { describe, expect, it } from "vitest";
import { call, postJson } from "../helpers.js";

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe("bad requests get a clear JSON error, never a 500", () => {
  it("no code", async () => {
    const error = await expectError(await postJson("/v1/execute", {}), 400, "invalid_request");
    expect(error.message).toContain("code");
  });

  it("empty code", async () => {
    await expectError(await postJson("/v1/execute", { code: "" }), 400, "invalid_request");
  });

  it("code that is not a string", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: 42 }), 400, "invalid_request");
    expect(error.message).toContain("code");
  });

  it("a body that is not JSON", async () => {
    await expectError(await postJson("/v1/execute", "{ code: return 1"), 400, "invalid_json");
  });

  it("an empty body", async () => {
    await expectError(await postJson("/v1/execute", ""), 400, "empty_body");
  });

  it("a JSON body that is not an object", async () => {
    await expectError(await postJson("/v1/execute", "[1,2]"), 400, "invalid_request");
  });

  it("a body that is not JSON by its content type", async () => {
    await expectError(await call("/v1/execute", { method: "POST", headers: { "content-type": "text/plain" }, body: "return 1" }), 400, "unsupported_media_type");
  });

  it("code over the size limit", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: `return "${"a".repeat(70 * 1024)}";` }), 400, "code_too_large");
    expect(error.message).toContain("65536");
  });

  it("a body over the size limit, declared or streamed without a length", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: "a".repeat(300 * 1024) }), 413, "body_too_large");
    expect(error.message).toContain("262144");
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
      },
    });
    const streamed = await call("/v1/execute", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    await expectError(streamed, 413, "body_too_large");
  });

  it("a session token with a malformed percent-encoding in the path", async () => {
    const error = await expectError(await call("/v1/sessions/%ZZ", { method: "DELETE" }), 400, "invalid_path");
    expect(error.message).toContain("percent-encoding");
  });

  it("odd methods and shapes: every answer is a JSON error below 500", async () => {
    await expectError(await call("/v1/execute", { method: "PATCH", body: "{}" }), 405, "method_not_allowed");
    await expectError(await call("/v1/execute", { method: "OPTIONS" }), 405, "method_not_allowed");
    await expectError(await postJson("/v1/execute", "null"), 400, "invalid_request");
    await expectError(await postJson("/v1/execute", '"return 1"'), 400, "invalid_request");
    await expectError(await postJson("/v1/execute", `{"code": "return 1", "apis": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`), 400, "invalid_request");
    await expectError(await postJson("/v1/sessions", '{"ttlSeconds": "soon"}'), 400, "invalid_request");
    await expectError(await call("/v1/execute", { method: "POST", headers: { "content-type": "application/json", "x-filler": "a".repeat(60_000) }, body: "[]" }), 400, "invalid_request");
  });

  it("one long line full of syntax errors gets a bounded answer, not one frame of the whole line per error", async () => {
    for (const check of [true, false]) {
      const response = await postJson("/v1/execute", { code: `return ${"-".repeat(60_000)}1`, check });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.length).toBeLessThan(64 * 1024);
      const body = JSON.parse(text) as { ok: boolean; diagnostics: { frame: string }[] };
      expect(body.ok).toBe(false);
      expect(body.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it("an unknown API in apis", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: "return 1", apis: ["math", "nope"] }), 400, "unknown_api");
    expect(error.message).toBe('Unknown API "nope". Valid APIs: catalog, exchange, math, orders, rates, weather.');
  });

  it("an unknown field", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: "return 1", chek: false }), 400, "invalid_request");
    expect(error.message).toContain("chek");
  });

  it("check that is not a boolean", async () => {
    await expectError(await postJson("/v1/execute", { code: "return 1", check: "no" }), 400, "invalid_request");
  });

  it("an unknown API in /v1/types", async () => {
    await expectError(await call("/v1/types?apis=nope"), 400, "unknown_api");
  });

  it("an unknown route and a wrong method", async () => {
    await expectError(await call("/v2/nothing"), 404, "not_found");
    await expectError(await call("/v1/execute"), 405, "method_not_allowed");
  });
});
