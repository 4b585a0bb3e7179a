import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mathApi } from "../../../api-types/math.js";
import { createApiCatalog } from "../../../host/apis/catalog.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { ApiRegistry } from "../../../host/apis/registry.js";
import { composeHost } from "../../../host/compose-host.js";
import { mathImplementation } from "../../../host/demo/math.js";
import { runExecuteRequest } from "../../../host/execution/execute-request.js";
import { serveMcp } from "../../../host/front/mcp/index.js";
import { implementApi, resolveOptions } from "../../../host/ghostwire-options.js";

const NEGATIVE = { when: "when a is negative", check: ({ a }: { a: number }) => (a < 0 ? `a is ${a}` : false) };

describe("host approval rules (createGhostwire({ approvals }))", () => {
  it("apply to a built-in API: the declarations say so, and a call that needs approval pauses", async () => {
    const resolved = resolveOptions({ apis: [implementApi(mathApi, mathImplementation)], approvals: { "math.add": NEGATIVE } });
    expect(declareApis(resolved.registry.list().map((api) => api.contract))).toContain("Needs approval: when a is negative.");
    const host = composeHost(env, resolved);
    expect((await runExecuteRequest(host, { code: "return await math.add({ a: 1, b: 2 });" })).result).toBe(3);
    const paused = await runExecuteRequest(host, { code: "return await math.add({ a: -1, b: 2 });" });
    expect(paused.error?.name).toBe("ApprovalRequired");
    expect(paused.pending?.call.reason).toBe("a is -1");
  });

  it("apply to a source's APIs (imported, remote) as the catalog lists them", async () => {
    const source = { name: "test", list: async () => new ApiRegistry().register(mathApi, mathImplementation).list() };
    const catalog = createApiCatalog(new ApiRegistry(), [source], { "math.stats": "required" });
    const [contract] = await catalog.contracts(["math"]);
    expect(contract.methods.stats.approval).toBe("required");
    expect(declareApis([contract])).toContain("Needs approval: always.");
  });

  it("list MCP's decide tool only on a host where some method needs approval", async () => {
    const tools = async (approvals: Record<string, typeof NEGATIVE>) => {
      const host = composeHost(env, resolveOptions({ apis: [implementApi(mathApi, mathImplementation)], approvals }));
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
      const response = await serveMcp(host, new Request("http://ghostwire.test/mcp", { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" }, body }));
      const text = await response.text();
      const data = text.split("\n").find((line) => line.startsWith("data: "));
      return (JSON.parse(data === undefined ? text : data.slice(6)) as { result: { tools: { name: string; outputSchema?: object }[] } }).result.tools;
    };
    expect((await tools({})).map((tool) => tool.name)).toEqual(["search", "execute"]);
    const withRule = await tools({ "math.add": NEGATIVE });
    expect(withRule.map((tool) => tool.name)).toEqual(["search", "execute", "decide"]);
    expect(withRule[2].outputSchema).toBeUndefined();
  });

  it("refuse a malformed key or rule at startup, with a sentence naming it", () => {
    expect(() => resolveOptions({ approvals: { math: "required" } })).toThrow(/must name one method as "api.method"/);
    expect(() => resolveOptions({ approvals: { "math.add": { when: "", check: () => false } } })).toThrow(/needs a `when`/);
  });
});
