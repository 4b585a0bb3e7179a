import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CheckAnswer, CompletionsAnswer, HoverAnswer } from "../../../api-types/language.js";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { TypeChecker } from "../../../host/execution/check/typecheck.js";
import { MAX_COMPLETION_ITEMS, MAX_DETAILED_ITEMS } from "../../../host/execution/check/language-answers.js";
import { GhostwireRpcService } from "../../../host/front/rpc/service.js";
import { createGhostwire } from "../../../host/index.js";
import { CHECK_BOMBS } from "../execution/check-bombs.js";
import { demoHost, postJson } from "../helpers.js";

/** The 1-based line and column just after the first `marker` in `code`, as an editor's caret would be. */
function after(code: string, marker: string): { line: number; column: number } {
  const index = code.indexOf(marker);
  if (index === -1) throw new Error(`The test code does not contain ${marker}.`);
  const before = code.slice(0, index + marker.length).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function answer<T>(path: string, body: unknown, status = 200): Promise<T> {
  const response = await postJson(path, body);
  if (response.status !== status) throw new Error(`POST ${path} answered HTTP ${response.status}, not ${status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const completions = (code: string, marker: string, apis?: string[]) => answer<CompletionsAnswer>("/v1/completions", { code, apis, ...after(code, marker) });
const names = (items: CompletionsAnswer["items"]) => items.map((item) => item.name);

describe("POST /v1/completions", () => {
  it("lists math's methods after `math.`, with their signatures and doc comments", async () => {
    const { items } = await completions("return await math.", "math.");
    expect(names(items)).toEqual(expect.arrayContaining(["add", "stats"]));
    const add = items.find((item) => item.name === "add")!;
    expect(add.kind).toBe("method");
    expect(add.detail).toMatch(/add\(.*a: number.*b: number.*\): Promise<number>/s);
    expect(add.documentation).toContain("Adds two numbers and returns their sum.");
    expect(items.find((item) => item.name === "stats")?.documentation).toContain("Summarizes a list of numbers.");
  });

  it("maps positions from the agent's code into the module: line 3 of three, a called function, a fenced block", async () => {
    const three = "const x = 1;\nconst y = 2;\nreturn math.";
    expect(after(three, "math.")).toEqual({ line: 3, column: 13 });
    expect(names((await completions(three, "math.")).items)).toContain("add");
    // Line 1 of a function expression is shifted by the call the host wraps around it.
    expect(names((await completions("async () => math.", "math.")).items)).toContain("stats");
    // The fence's own line counts: the code is on line 2.
    expect(names((await completions("```ts\nreturn weather.\n```", "weather.")).items)).toContain("current");
    // The same caret one line off would be at `const y`, where `add` is no member.
    expect(names((await answer<CompletionsAnswer>("/v1/completions", { code: three, line: 2, column: 13 })).items)).not.toContain("add");
  });

  it("narrows to the word being typed, from the granted APIs only", async () => {
    expect(names((await completions("return weat", "weat", ["weather"])).items)).toEqual(["weather"]);
    expect(names((await completions("return Ma", "Ma", ["math"])).items)).toEqual(expect.arrayContaining(["math", "Map", "Math"]));
    expect(names((await completions("return Ma", "Ma", ["weather"])).items)).not.toContain("math");
    expect(names((await completions("return math.st", "math.st")).items)).toEqual(["stats"]);
  });

  it("offers the new names of an imported API, not the deprecated old ones the check still accepts", async () => {
    const members = names((await completions("return exchange.", "exchange.", ["exchange"])).items);
    expect(members).toEqual(expect.arrayContaining(["getLatestRates", "echo"]));
    expect(members).not.toContain("get_latest_rates");
    expect(names((await completions("return exchange.get", "exchange.get", ["exchange"])).items)).toEqual(["getLatestRates"]);
  });

  it("caps the items, and the items that get details", async () => {
    const { items } = await completions("return ", "return ");
    expect(items.length).toBe(MAX_COMPLETION_ITEMS);
    expect(items.slice(MAX_DETAILED_ITEMS).every((item) => item.detail === undefined && item.documentation === undefined)).toBe(true);
    expect(items.slice(0, MAX_DETAILED_ITEMS).some((item) => item.detail !== undefined)).toBe(true);
  });
});

describe("POST /v1/hover", () => {
  it("gives math.add's signature and doc comment", async () => {
    const code = "const sum = await math.add({ a: 1, b: 2 });\nreturn sum;";
    const hover = await answer<HoverAnswer>("/v1/hover", { code, ...after(code, "math.a") });
    expect(hover.text).toMatch(/add\(.*a: number.*\): Promise<number>/s);
    expect(hover.documentation).toContain("Adds two numbers and returns their sum.");
  });

  it("describes the agent's own names at their mapped position, and nothing where there is nothing", async () => {
    const code = "const first = 1;\nconst second = 'two';\nreturn second;";
    expect(await answer<HoverAnswer>("/v1/hover", { code, line: 2, column: 8 })).toEqual({ text: 'const second: "two"' });
    expect(await answer<HoverAnswer>("/v1/hover", { code, line: 1, column: 17 })).toEqual({ text: "" });
  });

  it("refuses a hover whose types cost more than a check may spend, then answers the next one", async () => {
    const bomb = CHECK_BOMBS["a tuple of 8,192 elements grown one element at a time"];
    const refused = await answer<{ error: { code: string; message: string } }>("/v1/hover", { code: bomb, ...after(bomb, "const y0") }, 400);
    expect(refused.error.code).toBe("check_budget_exceeded");
    expect(refused.error.message).toMatch(/took more work than the host allows .*Simplify its types/);
    expect((await completions("return math.", "math.")).items.map((item) => item.name)).toContain("add");
  });
});

describe("POST /v1/check", () => {
  it("returns diagnostics at the agent's lines, and none for clean code", async () => {
    const { diagnostics } = await answer<CheckAnswer>("/v1/check", { code: 'const a = 1;\nconst n: number = "x";\nreturn a + n;' });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, column: 7, code: 2322 })]);
    expect(await answer<CheckAnswer>("/v1/check", { code: "return await math.add({ a: 1, b: 2 });", apis: ["math"] })).toEqual({ diagnostics: [] });
  });
});

describe("the language endpoints refuse what execute refuses, and positions outside the code", () => {
  const paths = ["/v1/check", "/v1/completions", "/v1/hover"];

  it("refuses a position outside the code with a 400 sentence", async () => {
    const code = "```ts\nconst x = 1;\nreturn x;\n```";
    for (const path of ["/v1/completions", "/v1/hover"]) {
      for (const [line, column] of [[5, 1], [3, 11], [1, 1], [4, 1]]) {
        const { error } = await answer<{ error: { code: string; message: string } }>(path, { code, line, column }, 400);
        expect(error, `${path} ${line}:${column}`).toMatchObject({ code: "position_outside_code", message: expect.stringContaining(`Line ${line}, column ${column} is outside the code`) });
      }
      await answer(path, { code, line: 3, column: 10 });
      await answer(path, { code, line: 0, column: 1 }, 400);
      await answer(path, { code, line: 2, column: "1" }, 400);
    }
  });

  it("refuses oversize code, deep code, unknown APIs and unknown fields exactly as execute does", async () => {
    const bodies = [
      { code: `return "${"a".repeat(70 * 1024)}";` },
      { code: `return ${"[".repeat(300)}${"]".repeat(300)};` },
      { code: "return 1;", apis: ["nope"] },
      { code: "return 1;", extra: true },
    ];
    for (const body of bodies) {
      const refused = await postJson("/v1/execute", body);
      expect(refused.status).toBe(400);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      for (const path of paths) {
        const response = await postJson(path, path === "/v1/check" ? body : { ...body, line: 1, column: 1 });
        expect(response.status, path).toBe(400);
        const got = ((await response.json()) as { error: { code: string; message: string } }).error;
        if (error.code === "invalid_request") expect(got.code, path).toBe("invalid_request");
        else expect(got, path).toEqual(error);
      }
    }
  });

  it("needs the client token when the host has one", async () => {
    const token = "client-token-for-language-tests-01";
    const { GHOSTWIRE_ALLOW_ANONYMOUS: _, ...rest } = env as unknown as Record<string, unknown>;
    const ghostwire = createGhostwire();
    const workerEnv = { ...rest, GHOSTWIRE_CLIENT_TOKEN: token };
    const post = (path: string, headers: Record<string, string>) => {
      const body = JSON.stringify(path === "/v1/check" ? { code: "return 1;" } : { code: "return 1;", line: 1, column: 1 });
      return ghostwire.handler.fetch(new Request(`http://ghostwire.test${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), workerEnv);
    };
    for (const path of paths) {
      const refused = await post(path, {});
      expect(refused.status, path).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("client_token_required");
      expect((await post(path, { authorization: `Bearer ${token}` })).status, path).toBe(200);
    }
  });
});

/** What `promise` rejected with, as plain fields; fails the test if it resolved. */
async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const outcome = await promise.then(
    () => undefined,
    (error: Error & { code?: string }) => ({ code: error.code, message: error.message }),
  );
  if (outcome === undefined) throw new Error("The call resolved; it should have been refused.");
  return outcome;
}

describe("Cap'n Web completions() and hover()", () => {
  const service = () => new GhostwireRpcService(demoHost(env));

  it("answer like the HTTP endpoints", async () => {
    const items = await service().completions("const x = 1;\nreturn math.", { line: 2, column: 13, apis: ["math"] });
    expect(items.find((item) => item.name === "add")).toMatchObject({ kind: "method", documentation: expect.stringContaining("Adds two numbers") });
    const hover = await service().hover("return await math.stats({ values: [1] });", { line: 1, column: 21 });
    expect(hover).toMatchObject({ text: expect.stringContaining("stats("), documentation: expect.stringContaining("Summarizes a list of numbers.") });
  });

  it("reject a bad position or missing options with the same sentence and code", async () => {
    expect(await rejection(service().hover("return 1;", { line: 2, column: 1 }))).toMatchObject({ code: "position_outside_code", message: expect.stringContaining("outside the code") });
    expect(await rejection(service().completions("return 1;"))).toMatchObject({ code: "invalid_request", message: expect.stringContaining("line") });
    expect(await rejection(service().completions("return 1;", { line: 1, column: 1, apis: ["nope"] }))).toMatchObject({ code: "unknown_api" });
  });
});

describe("the type checker's language answers", () => {
  it("are metered like a check: a budget of a few units stops a completion", () => {
    const source = createAgentSource("const a = [1, 2].map((n) => n + 1);\nreturn a.");
    const offset = source.toModule(2, 10)!;
    expect(new TypeChecker({ budgetUnits: 5 }).completions(source, "", offset)).toEqual({ ok: false, budgetExceeded: expect.stringContaining("(5 units") });
    const answered = new TypeChecker().completions(source, "", offset);
    expect(answered.ok && answered.value.map((item) => item.name)).toContain("length");
  });
});
