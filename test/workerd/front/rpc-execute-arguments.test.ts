import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { executeArguments } from "../../../host/front/rpc/execute-arguments.js";
import { GhostwireRpcService } from "../../../host/front/rpc/service.js";
import { demoHost } from "../helpers.js";

async function rejection(pending: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const outcome = await pending.then(
    () => undefined,
    (error: { code?: string; message: string }) => error,
  );
  if (outcome === undefined) throw new Error("The call resolved; it should have been refused.");
  return outcome;
}

describe("Cap'n Web execute() arguments", () => {
  const service = () => new GhostwireRpcService(demoHost(env));

  it("takes one request object, the shape of a POST /v1/execute body, as execute(code, options)", async () => {
    const request = { code: "console.log('adding');\nreturn await math.add({ a: 1, b: 2 });", apis: ["math"], check: true };
    const asBody = await service().execute(request);
    const asArguments = await service().execute(request.code, { apis: request.apis, check: true });
    expect(asBody).toMatchObject({ ok: true, result: 3, logs: [{ level: "log", message: "adding" }] });
    expect({ ...asBody, stats: undefined }).toEqual({ ...asArguments, stats: undefined });
  });

  it("takes the request object's options as options: an unknown API is refused as it would be", async () => {
    expect(await rejection(service().execute({ code: "return 1;", apis: ["nope"] }))).toMatchObject({ code: "unknown_api" });
    expect(await rejection(service().execute({ code: "return 1;", fuel: -1 }))).toMatchObject({ code: "invalid_request", message: expect.stringContaining("fuel") });
  });

  it("refuses an object as the code when options follow it, and an object without code, with the request's own sentence", async () => {
    expect(await rejection(service().execute({ code: "return 1;" }, { apis: ["math"] }))).toMatchObject({ code: "invalid_request", message: expect.stringContaining("code") });
    expect(await rejection(service().execute({ source: "return 1;" }))).toMatchObject({ code: "invalid_request", message: expect.stringContaining("code") });
  });

  it("leaves every other shape as it is", () => {
    const onLog = () => undefined;
    expect(executeArguments("return 1;", { apis: ["math"] })).toEqual(["return 1;", { apis: ["math"] }]);
    expect(executeArguments({ code: "return 1;", apis: ["math"], onLog }, undefined)).toEqual(["return 1;", { apis: ["math"], onLog }]);
    expect(executeArguments({ code: "x" }, {})).toEqual([{ code: "x" }, {}]);
    expect(executeArguments(["return 1;"], undefined)).toEqual([["return 1;"], undefined]);
    expect(executeArguments(Object.create({ code: "inherited" }), undefined)[0]).not.toBe("inherited");
    expect(executeArguments(null, undefined)).toEqual([null, undefined]);
  });
});
