import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../../../api-types/call-errors.js";
import type { ApiCallContext, ApiContract } from "../../../api-types/define.js";
import { ratesApi } from "../../../api-types/rates.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import type { RegisteredApi } from "../../../host/apis/registry.js";
import { loadConfig } from "../../../host/config.js";
import { ratesImplementation } from "../../../host/demo/rates.js";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { openSession } from "../../../host/sessions/session-api.js";
import { execute } from "../helpers.js";
import { createSession, storeOf } from "../sessions/session-helpers.js";

const LIMITS = { maxApiCalls: 10, maxCallInputChars: 10_000, maxLogEntries: 10, maxLogMessageChars: 1000 };

/** An API whose one method `fail` throws an error named `thrown`, with `declared` as its contract's throws. A contract built by hand, as imports build theirs: defineApi's checks do not apply. */
function failing(thrown: string, declared?: Record<string, string>): RegisteredApi {
  const contract: ApiContract = { name: "shop", description: "A shop.", methods: { fail: { description: "Fails.", input: z.object({}), output: z.null(), ...(declared && { throws: declared }) } } };
  return { contract, handlers: { fail: () => Promise.reject(new ApiError(thrown, `It failed as ${thrown}.`)) } };
}

const replyOf = (api: RegisteredApi, method = "fail", input = "{}", context?: ApiCallContext) =>
  new ExecutionBridge([api], LIMITS, context && (() => context)).call(api.contract.name, method, input);

describe("an implementation's error name reaches agent code only when its contract declares it", () => {
  it("passes a declared name, and turns an undeclared one into Error", async () => {
    expect(await replyOf(failing("NotFoundError", { NotFoundError: "when it is not there" }))).toEqual({ ok: false, name: "NotFoundError", message: "It failed as NotFoundError." });
    expect(await replyOf(failing("NotFoundError"))).toEqual({ ok: false, name: "Error", message: "It failed as NotFoundError." });
    expect(await replyOf(failing("NotFoundError", { OtherError: "when" }))).toMatchObject({ name: "Error" });
  });

  it("never passes one of the host's or the sandbox's own names, even when a contract declares it", async () => {
    for (const name of ["ValidationError", "ApiCallBudgetExceeded", "Timeout", "UnhandledRejection", "ExecutionEnded"]) {
      expect(await replyOf(failing(name, { [name]: "when it pretends" }))).toMatchObject({ ok: false, name: "Error" });
    }
  });

  it("reaches agent code as e.name: catalog.search with a bad cursor throws InvalidCursorError", async () => {
    const response = await execute({
      code: "try { await catalog.search({ cursor: 'garbage!' }); return null; } catch (e) { return e instanceof Error && e.name === 'InvalidCursorError' ? e.message : `caught ${String(e)}`; }",
    });
    expect(response.result).toBe("cursor is not one this API returned; pass the nextCursor of the previous page, or omit it for the first page.");
  });

  it("rates: an upstream that refuses, or cannot be reached, is an UpstreamError", async () => {
    const rates: RegisteredApi = { contract: ratesApi, handlers: ratesImplementation };
    const refusing: ApiCallContext = { fetch: async () => Response.json({ error: "Try later." }, { status: 503 }) };
    expect(await replyOf(rates, "latest", "{}", refusing)).toEqual({ ok: false, name: "UpstreamError", message: "The rates upstream answered 503: Try later." });
    const unreachable: ApiCallContext = { fetch: () => Promise.reject(new Error("This execution may make at most 12 outbound requests.")) };
    expect(await replyOf(rates, "convert", JSON.stringify({ amount: 1, from: "EUR", to: "USD" }), unreachable)).toMatchObject({ name: "UpstreamError", message: expect.stringContaining("at most 12 outbound requests") });
  });

  it("session: a cap is SessionLimitExceeded, and a session burnt under the execution is SessionEnded", async () => {
    const { session } = await createSession();
    const big = await execute({ code: `try { await session.set({ key: "big", value: "x".repeat(3000) }); return null; } catch (e) { return (e as Error).name; }`, session });
    expect(big.result).toBe("SessionLimitExceeded");
    const opened = await openSession(env, loadConfig(env), session);
    await storeOf(session).burn();
    expect(await replyOf(opened, "get", JSON.stringify({ key: "k" }))).toMatchObject({ ok: false, name: "SessionEnded", message: expect.stringContaining("burnt or expired while the execution ran") });
    expect(await replyOf(opened, "set", JSON.stringify({ key: "k", value: 1 }))).toMatchObject({ name: "SessionEnded" });
  });

  it("OpenAPI imports: a status outside 2xx is an HttpError, declared with the spec's error statuses, at most five listed", async () => {
    const responses = (...statuses: string[]) => Object.fromEntries(statuses.map((status) => [status, { description: `Status ${status}.` }]));
    const spec = {
      openapi: "3.0.3",
      servers: [{ url: "http://rates.demo.invalid" }],
      paths: {
        "/items": { get: { operationId: "listItems", responses: responses("200", "404", "422", "default") } },
        "/orders": { get: { operationId: "listOrders", responses: responses("200", "400", "401", "403", "404", "409", "429", "5XX") } },
      },
    };
    const api = importOpenApi({ name: "shop", egress: "demo-rates", spec });
    const text = declareApis([api.contract]);
    expect(text).toContain("@throws HttpError when the API answers a status outside 2xx (documented: 404, 422)\n");
    expect(text).toContain("@throws HttpError when the API answers a status outside 2xx (documented: 400, 401, 403, 404, 409 and 2 more)\n");
    const method = Object.keys(api.contract.methods).find((name) => name.toLowerCase().includes("items"))!;
    const notFound: ApiCallContext = { fetch: async () => Response.json({ error: "No such item." }, { status: 404 }) };
    expect(await replyOf(api, method, "{}", notFound)).toEqual({ ok: false, name: "HttpError", message: 'GET /items answered HTTP 404: {"error":"No such item."}' });
  });
});
