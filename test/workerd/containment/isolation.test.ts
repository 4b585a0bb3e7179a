import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

const SET_GLOBAL = "(globalThis as any).leak = 'from earlier'; (Object.prototype as any).polluted = true; return 'set';";
const READ_GLOBAL = "return { leak: (globalThis as any).leak ?? null, polluted: ({} as any).polluted ?? null };";

describe("every execution runs in a fresh isolate", () => {
  it("does not see a global set by an earlier execution", async () => {
    expect((await execute({ code: SET_GLOBAL })).result).toBe("set");
    expect((await execute({ code: READ_GLOBAL })).result).toEqual({ leak: null, polluted: null });
  });

  it("does not see globals of executions running at the same time", async () => {
    const writers = Array.from({ length: 4 }, (_, i) =>
      execute({ code: `(globalThis as any).mine = ${i}; await math.add({ a: 1, b: 1 }); await new Promise((r) => setTimeout(r, 20)); return (globalThis as any).mine;` }),
    );
    const readers = Array.from({ length: 4 }, () => execute({ code: `await new Promise((r) => setTimeout(r, 10)); ${READ_GLOBAL}` }));
    const results = await Promise.all([...writers, ...readers]);
    expect(results.slice(0, 4).map((r) => r.result)).toEqual([0, 1, 2, 3]);
    for (const reader of results.slice(4)) expect(reader.result).toEqual({ leak: null, polluted: null });
  });

  it("cannot replace the API namespaces or console", async () => {
    const response = await execute({
      code: "const tries: string[] = [];\n" +
        "try { (globalThis as any).math = {}; } catch (e) { tries.push('math'); }\n" +
        "try { (math as any).add = () => 0; } catch (e) { tries.push('add'); }\n" +
        "try { (console as any).log = () => {}; } catch (e) { tries.push('log'); }\n" +
        "console.log('still captured');\n" +
        "return { tries, sum: await math.add({ a: 1, b: 1 }) };",
    });
    expect(response.result).toEqual({ tries: ["math", "add", "log"], sum: 2 });
    expect(response.logs).toEqual([{ level: "log", message: "still captured" }]);
  });
});
