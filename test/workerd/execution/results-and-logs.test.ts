import { describe, expect, it } from "vitest";
import { TRUNCATION_MARK } from "../../../api-types/sandbox-protocol.js";
import { execute } from "../helpers.js";

describe("console capture", () => {
  it("keeps each level and formats values", async () => {
    const response = await execute({
      code: "console.log('a', 1, { b: [2] });\nconsole.info('i');\nconsole.warn('w');\nconsole.error(new Error('e'));\nconsole.debug(null, undefined, true);",
    });
    expect(response.logs.map((l) => l.level)).toEqual(["log", "info", "warn", "error", "debug"]);
    expect(response.logs[0].message).toBe('a 1 {"b":[2]}');
    expect(response.logs[3].message).toMatch(/^Error: e/);
    expect(response.logs[4].message).toBe("null undefined true");
  });

  it("caps the number of entries and says how many were dropped", async () => {
    const response = await execute({ code: "for (let i = 0; i < 250; i++) console.log(i); return 'done';" });
    expect(response.result).toBe("done");
    expect(response.logs).toHaveLength(200);
    expect(response.logs[199].message).toBe("199");
    expect(response.stats.logsDropped).toBe(50);
    expect(response.stats.truncated.logs).toBe(true);
  });

  it("cuts a long message to the cap, the mark included", async () => {
    const response = await execute({ code: "console.log('x'.repeat(5000));" });
    expect(response.logs[0].message).toBe(`${"x".repeat(4096 - TRUNCATION_MARK.length)}${TRUNCATION_MARK}`);
    expect(response.stats).toMatchObject({ logsDropped: 1, truncated: { logs: true } });
  });

  it("formats a shared graph only up to the message cap", async () => {
    const response = await execute({ code: "let x: any = 1;\nfor (let i = 0; i < 24; i++) x = [x, x];\nconsole.log('graph', x);\nreturn 'logged';", check: false });
    expect(response.result).toBe("logged");
    expect(response.logs[0].message).toMatch(/^graph \[{24}1,1\],\[1,1\]/);
    expect(response.logs[0].message).toHaveLength(4096);
    expect(response.logs[0].message.endsWith(TRUNCATION_MARK)).toBe(true);
  });

  it("keeps the caps when the code replaces the slice methods the capture would use", async () => {
    const response = await execute({
      code: "Array.prototype.slice = function (this: any) { return this; } as any;\nString.prototype.slice = function (this: string) { return String(this); } as any;\nfor (let i = 0; i < 1000; i++) console.log('x'.repeat(5000));\nconsole.error('y'.repeat(3_000_000));",
      check: false,
    });
    expect(response.logs).toHaveLength(16);
    expect(response.logs.every((entry) => entry.message.length <= 4096)).toBe(true);
    expect(response.logs.reduce((sum, entry) => sum + entry.message.length, 0)).toBeLessThanOrEqual(65_536);
    expect(response.stats).toMatchObject({ logsDropped: 1001, truncated: { logs: true } });
  });
});

describe("result values", () => {
  it("keeps JSON and converts the documented types", async () => {
    const response = await execute({ code: `
      const cyclic: any = { name: "loop" };
      cyclic.self = cyclic;
      return {
        json: { s: "x", n: 1.5, b: false, nil: null, list: [1, "two"] },
        date: new Date(Date.UTC(2026, 0, 2)),
        map: new Map<string, number>([["a", 1]]),
        set: new Set([1, 2]),
        bytes: new Uint8Array([1, 2, 255]),
        big: 12345678901234567890n,
        nan: NaN,
        dropped: undefined,
        fn: () => 1,
        listWithHoles: [undefined, () => 1],
        error: new TypeError("t"),
        cyclic,
      };
    ` });
    expect(response.ok).toBe(true);
    expect(response.result).toEqual({
      json: { s: "x", n: 1.5, b: false, nil: null, list: [1, "two"] },
      date: "2026-01-02T00:00:00.000Z",
      map: { a: 1 },
      set: [1, 2],
      bytes: [1, 2, 255],
      big: "12345678901234567890",
      nan: null,
      listWithHoles: [null, null],
      error: { name: "TypeError", message: "t" },
      cyclic: { name: "loop", self: "[Circular]" },
    });
  });

  it("truncates a result over the cap and keeps valid JSON that says so", async () => {
    const response = await execute({ code: "return 'y'.repeat(2 * 1024 * 1024);" });
    expect(response.ok).toBe(true);
    expect(response.stats.truncated.result).toBe(true);
    expect(response.result).toEqual({ $truncated: true, limit: 1024 * 1024, preview: `"${"y".repeat(1023)}` });
  });
});
