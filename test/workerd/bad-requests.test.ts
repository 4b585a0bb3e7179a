import { describe, expect, it } from "vitest";
import { call, postJson } from "./helpers";

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

  it("a body over the size limit", async () => {
    await expectError(await postJson("/v1/execute", { code: "a".repeat(300 * 1024) }), 413, "body_too_large");
  });

  it("an unknown API in apis", async () => {
    const error = await expectError(await postJson("/v1/execute", { code: "return 1", apis: ["math", "nope"] }), 400, "unknown_api");
    expect(error.message).toBe('Unknown API "nope". Valid APIs: catalog, exchange, math, rates, weather.');
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
