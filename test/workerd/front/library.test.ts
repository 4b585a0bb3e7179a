import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGhostwire, defineApi, defineEgressRules, defineMethod, implementApi } from "../../../host/index.js";

/**
 * The library entry (host/index.ts) as a Worker of your own uses it: one API
 * of its own, its own config, the safe-by-default access rule. Each case
 * builds its host over a copy of the test Worker's env, so the variables it
 * sets or removes are its own.
 */
const unitsApi = defineApi({
  name: "units",
  description: "Converts lengths.",
  methods: {
    toMeters: defineMethod({
      description: "Converts kilometres to metres.",
      input: z.object({ km: z.number() }),
      output: z.number(),
    }),
  },
});

const TOKEN = "client-token-for-library-tests-01";
const units = implementApi(unitsApi, { toMeters: ({ km }) => km * 1000 });

/** The test Worker's env without the demo config's anonymous access, plus `vars`. */
function envWith(vars: Record<string, unknown>): object {
  const { GHOSTWIRE_ALLOW_ANONYMOUS: _, ...rest } = env as unknown as Record<string, unknown>;
  return { ...rest, ...vars };
}

function post(ghostwire: ReturnType<typeof createGhostwire>, workerEnv: object, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return ghostwire.handler.fetch(new Request(`http://ghostwire.test${path}`, { method: "POST", headers, body: JSON.stringify(body) }), workerEnv);
}

describe("createGhostwire", () => {
  it("serves the APIs it is given, and only those", async () => {
    const ghostwire = createGhostwire({ apis: [units] });
    const workerEnv = envWith({ GHOSTWIRE_CLIENT_TOKEN: TOKEN });
    const response = await post(ghostwire, workerEnv, "/v1/execute", { code: "return await units.toMeters({ km: 1.5 });" }, TOKEN);
    expect(await response.json()).toMatchObject({ ok: true, result: 1500 });
    const apis = await ghostwire.handler.fetch(new Request("http://ghostwire.test/v1/apis"), workerEnv);
    expect(((await apis.json()) as { apis: { name: string }[] }).apis.map((api) => api.name)).toEqual(["units"]);
    const typeError = await post(ghostwire, workerEnv, "/v1/execute", { code: 'return await units.toMeters({ km: "1" });' }, TOKEN);
    expect(await typeError.json()).toMatchObject({ ok: false, error: { name: "CompileError" } });
  });

  it("refuses to run code when deployed with neither a client token nor anonymous access: a 503 that names the secret", async () => {
    const ghostwire = createGhostwire({ apis: [units] });
    const workerEnv = envWith({});
    for (const path of ["/v1/execute", "/v1/sessions", "/mcp"]) {
      const response = await post(ghostwire, workerEnv, path, { code: "return 1;" });
      expect(response.status, path).toBe(503);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({
        code: "client_token_not_configured",
        message: expect.stringContaining("wrangler secret put GHOSTWIRE_CLIENT_TOKEN"),
      });
    }
    // Cap'n Web over HTTP batch: the client's first message pipelines connect() on the gate, then pulls its answer.
    const rpc = await ghostwire.handler.fetch(
      new Request("http://ghostwire.test/rpc", { method: "POST", body: '["push",["pipeline",0,["connect"],[]]]\n["pull",1]' }),
      workerEnv,
    );
    expect(await rpc.text()).toContain("GHOSTWIRE_CLIENT_TOKEN");
    // Reading what is registered needs no token: it runs nothing.
    expect((await ghostwire.handler.fetch(new Request("http://ghostwire.test/v1/apis"), workerEnv)).status).toBe(200);
  });

  it("runs anyone's code with GHOSTWIRE_ALLOW_ANONYMOUS=true, and asks for the token once one is set", async () => {
    const ghostwire = createGhostwire({ apis: [units] });
    const open = await post(ghostwire, envWith({ GHOSTWIRE_ALLOW_ANONYMOUS: "true" }), "/v1/execute", { code: "return 2;" });
    expect(await open.json()).toMatchObject({ ok: true, result: 2 });
    const closed = await post(ghostwire, envWith({ GHOSTWIRE_CLIENT_TOKEN: TOKEN }), "/v1/execute", { code: "return 2;" }, "wrong-token-000000000");
    expect(closed.status).toBe(401);
  });

  it("takes limits from config, and a Worker variable of the same name wins", async () => {
    const ghostwire = createGhostwire({ apis: [units], config: { GHOSTWIRE_MAX_CODE_BYTES: 64 } });
    const code = `return ${"1 + ".repeat(20)}1;`;
    const fromConfig = await post(ghostwire, envWith({ GHOSTWIRE_ALLOW_ANONYMOUS: true }), "/v1/execute", { code });
    expect(fromConfig.status).toBe(400);
    const fromVariable = await post(ghostwire, envWith({ GHOSTWIRE_ALLOW_ANONYMOUS: true, GHOSTWIRE_MAX_CODE_BYTES: "4096" }), "/v1/execute", { code });
    expect(await fromVariable.json()).toMatchObject({ ok: true, result: 21 });
  });

  it("answers 503 host_misconfigured, naming each missing binding and how to add it", async () => {
    const ghostwire = createGhostwire({ apis: [units] });
    const { LOADER: _, FAILED_TOKEN_ATTEMPTS: __, ...rest } = envWith({ GHOSTWIRE_ALLOW_ANONYMOUS: "true" }) as Record<string, unknown>;
    const response = await post(ghostwire, rest, "/v1/execute", { code: "return 1;" });
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("host_misconfigured");
    expect(error.message).toContain('LOADER ("worker_loaders": [{ "binding": "LOADER" }])');
    expect(error.message).toContain("FAILED_TOKEN_ATTEMPTS (");
  });

  it("fails at module load on options it cannot serve, with a sentence naming the problem", () => {
    expect(() => createGhostwire({ apis: [units, units] })).toThrow('An API named "units" is already registered.');
    const fetcher = defineApi({ ...unitsApi, name: "fetcher", egress: ["missing-rule"] });
    expect(() => createGhostwire({ apis: [implementApi(fetcher, { toMeters: () => 0 })], egressRules: defineEgressRules({}) })).toThrow(
      'API "fetcher" declares the egress rule "missing-rule"',
    );
    expect(() => createGhostwire({ mcpServers: [{ name: "not an identifier", url: "https://mcp.example" }] })).toThrow("Invalid mcpServers");
    const secretInCode = createGhostwire({ config: { GHOSTWIRE_CLIENT_TOKEN: "x".repeat(20) } as never });
    return expect(post(secretInCode, envWith({}), "/v1/execute", { code: "return 1;" }).then((r) => r.json())).resolves.toMatchObject({
      error: { code: "host_misconfigured", message: expect.stringContaining("GHOSTWIRE_CLIENT_TOKEN is not accepted in createGhostwire({ config })") },
    });
  });
});
