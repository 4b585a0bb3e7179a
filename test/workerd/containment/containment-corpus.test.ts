import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";
import { HOSTILE_CORPUS, SMALL_FUEL } from "./hostile-corpus.js";

describe("the hostile corpus: every case fails or succeeds exactly as specified", () => {
  for (const { group, cases } of HOSTILE_CORPUS) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, async () => {
          // Without type-checking: hostile code does not care for types.
          const response = await execute({ code: c.code, check: false, fuel: c.fuel ?? SMALL_FUEL, timeoutMs: c.timeoutMs });
          const { expected } = c;
          if ("refused" in expected) {
            expect(response.ok).toBe(false);
            expect(response.error?.name).toBe("CompileError");
            expect(response.diagnostics?.[0]).toMatchObject({ code: expected.refused, line: expected.line });
            return;
          }
          if (expected.ok) {
            expect(response.error).toBeUndefined();
            if ("result" in expected) expect(response.result).toEqual(expected.result);
            else expect("result" in response).toBe(false);
            return;
          }
          expect(response.ok).toBe(false);
          const { message, ...rest } = expected.error;
          expect(response.error).toMatchObject(rest);
          if (typeof message === "string") expect(response.error?.message).toBe(message);
          if (message instanceof RegExp) expect(response.error?.message).toMatch(message);
        });
      }
    });
  }
});
