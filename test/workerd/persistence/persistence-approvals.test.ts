import { env, listDurableObjectIds, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { execute, postJson } from "../helpers.js";
import { snapshotDurableObjects } from "./persistence-helpers.js";

/**
 * Zero persistence, for approvals: an execution that needs no approval
 * writes nothing; a paused one keeps ciphertext alone, in one object, and
 * that object holds nothing once the approval is decided (either way) or
 * has expired.
 */
const CANARY = "canary-Zr81Hq-approvals";
let quantity = 300;
const pausing = () => ({ code: `// ${CANARY}\nconsole.log("${CANARY}");\nawait orders.place({ productId: "p-039", quantity: 1 });\nreturn await orders.place({ productId: "p-001", quantity: ${quantity++} });`, apis: ["orders"] });

const decide = async (token: string, decision: string) => (await postJson(`/v1/approvals/${token}`, { decision })).text();

describe("approvals", () => {
  it("write nothing for an execution that needs no approval", async () => {
    const before = await snapshotDurableObjects();
    const run = await execute({ code: `return await orders.place({ productId: "p-039", quantity: 2 });`, apis: ["orders"] });
    expect(run.ok).toBe(true);
    expect(await snapshotDurableObjects()).toEqual(before);
  });

  it("keep only ciphertext while paused, and nothing once approved or denied", async () => {
    for (const decision of ["approve", "deny"]) {
      const before = await snapshotDurableObjects();
      const paused = await execute(pausing());
      expect(paused.error?.name).toBe("ApprovalRequired");
      const during = await snapshotDurableObjects();
      const added = Object.keys(during.SESSIONS).filter((id) => !(id in before.SESSIONS));
      expect(added).toHaveLength(1);
      const stored = during.SESSIONS[added[0]];
      for (const plain of [CANARY, "p-001", "orders", paused.pending!.approval.slice(5)]) expect(stored).not.toContain(plain);
      await decide(paused.pending!.approval, decision);
      expect(await snapshotDurableObjects()).toEqual(before);
    }
  });

  it("keep nothing once the approval expires", async () => {
    const before = await snapshotDurableObjects();
    const ids = new Set((await listDurableObjectIds(env.SESSIONS)).map((id) => id.toString()));
    const paused = await execute(pausing());
    const added = (await listDurableObjectIds(env.SESSIONS)).filter((id) => !ids.has(id.toString()));
    expect(added).toHaveLength(1);
    expect(await runDurableObjectAlarm(env.SESSIONS.get(added[0]))).toBe(true);
    expect(await snapshotDurableObjects()).toEqual(before);
    const late = await postJson(`/v1/approvals/${paused.pending!.approval}`, { decision: "approve" });
    expect(late.status).toBe(403);
  });
});
