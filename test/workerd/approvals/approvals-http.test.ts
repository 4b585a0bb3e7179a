import { describe, expect, it } from "vitest";
import { execute, postJson, type ExecuteAnswer } from "../helpers.js";

/** POST /v1/approvals/<token> with `body`; the parsed answer and its status. */
async function decide(token: string, body: unknown): Promise<{ status: number; answer: ExecuteAnswer }> {
  const response = await postJson(`/v1/approvals/${encodeURIComponent(token)}`, body);
  return { status: response.status, answer: (await response.json()) as ExecuteAnswer };
}

/** A quantity no other test uses, so this test's orders can be told apart in the shared demo list. */
let nextQuantity = 100;
const quantity = () => nextQuantity++;

/** Places a small order (no approval), then one over $100 (needs approval), then returns the orders of this quantity. */
const code = (q: number) => `
const small = await orders.place({ productId: "p-039", quantity: 1 });
let big;
try {
  big = await orders.place({ productId: "p-001", quantity: ${q} });
} catch (error) {
  return { small: small.id, denied: (error as Error).name, message: (error as Error).message };
}
const mine = (await orders.list()).filter((order) => order.quantity === ${q});
return { small: small.id, big: big.id, mine: mine.length };`;

describe("HTTP pause and resume", () => {
  it("pauses at the call that needs approval, and resumes once approved: the order is placed exactly once", async () => {
    const q = quantity();
    const paused = await execute({ code: code(q), apis: ["orders"] });
    expect(paused.ok).toBe(false);
    expect(paused.error?.name).toBe("ApprovalRequired");
    expect(paused.pending?.call).toEqual({ api: "orders", method: "place", input: { productId: "p-001", quantity: q }, reason: expect.stringContaining("over $100") });
    expect(paused.pending?.approval).toMatch(/^gwa1\./);
    const before = await execute({ code: `return (await orders.list()).length;`, apis: ["orders"] });

    const resumed = await decide(paused.pending!.approval, { decision: "approve" });
    expect(resumed.status).toBe(200);
    expect(resumed.answer.ok).toBe(true);
    expect((resumed.answer.result as { mine: number }).mine).toBe(1);
    const after = await execute({ code: `return (await orders.list()).length;`, apis: ["orders"] });
    // The small order, placed before the pause, was answered from the recording on resume: only the big one is new.
    expect(after.result).toBe((before.result as number) + 1);
  });

  it("resumes a denial as ApprovalDenied, caught in the code, with who denied it and why", async () => {
    const paused = await execute({ code: code(quantity()), apis: ["orders"] });
    const resumed = await decide(paused.pending!.approval, { decision: "deny", note: "over budget this month" });
    expect(resumed.answer.result).toMatchObject({ denied: "ApprovalDenied", message: "orders.place was denied by the approver (POST /v1/approvals): over budget this month" });
  });

  it("refuses a second decision on the same token, and a tampered or malformed token", async () => {
    const paused = await execute({ code: code(quantity()), apis: ["orders"] });
    const token = paused.pending!.approval;
    expect((await decide(token, { decision: "approve" })).status).toBe(200);
    const again = await decide(token, { decision: "deny" });
    expect(again.status).toBe(403);
    expect(again.answer.error?.message).toMatch(/already decided/);

    const other = (await execute({ code: code(quantity()), apis: ["orders"] })).pending!.approval;
    // A character of the key, not of the id: the id's tag still holds, the key fails to open the record.
    const at = other.length - 10;
    const tampered = other.slice(0, at) + (other[at] === "A" ? "B" : "A") + other.slice(at + 1);
    expect((await decide(tampered, { decision: "approve" })).status).toBe(403);
    expect((await decide("gwa1.short", { decision: "approve" })).status).toBe(403);
    // The untampered token still works: a refused one did not consume it.
    expect((await decide(other, { decision: "approve" })).status).toBe(200);
  });

  it("refuses a body that is not a decision, leaving the approval as it was", async () => {
    const paused = await execute({ code: code(quantity()), apis: ["orders"] });
    expect((await decide(paused.pending!.approval, { decision: "maybe" })).status).toBe(400);
    expect((await decide(paused.pending!.approval, { decision: "approve" })).status).toBe(200);
  });

  it("fails with ReplayDiverged when the code makes other calls on resume, and runs nothing unapproved", async () => {
    const q = quantity();
    // The clock reads later on resume (a whole execution and a decision lie between), so the first call's input differs.
    const diverging = `
      await catalog.search({ query: "at " + Date.now() });
      await orders.place({ productId: "p-001", quantity: ${q} });`;
    const paused = await execute({ code: diverging, apis: ["orders", "catalog"] });
    expect(paused.error?.name).toBe("ApprovalRequired");
    const resumed = await decide(paused.pending!.approval, { decision: "approve" });
    expect(resumed.answer.ok).toBe(false);
    expect(resumed.answer.error?.name).toBe("ReplayDiverged");
    const mine = await execute({ code: `return (await orders.list()).filter((order) => order.quantity === ${q}).length;`, apis: ["orders"] });
    expect(mine.result).toBe(0);
  });
});
