import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mathApi } from "../../../api-types/math.js";
import type { ApprovalChannel, ApprovalDecision, ApprovalRequest } from "../../../host/approvals/approval-channel.js";
import { composeHost } from "../../../host/compose-host.js";
import { mathImplementation } from "../../../host/demo/math.js";
import { runExecuteRequest } from "../../../host/execution/execute-request.js";
import { implementApi, resolveOptions } from "../../../host/ghostwire-options.js";

/** A host whose math.add always needs approval, and whose approval wait is `waitMs`. */
function hostWaiting(waitMs: number) {
  return composeHost(env, resolveOptions({ apis: [implementApi(mathApi, mathImplementation)], approvals: { "math.add": "required" }, config: { GHOSTWIRE_APPROVAL_WAIT_MS: waitMs } }));
}

/** A channel that records what it was asked and answers with `answer` (a function of the request and the abort signal). */
function channel(maxWaitMs: number, answer: (request: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalDecision>) {
  const asked: ApprovalRequest[] = [];
  const signals: AbortSignal[] = [];
  const live: ApprovalChannel = {
    by: "the test's person",
    maxWaitMs,
    ask: (request, signal) => {
      asked.push(request);
      signals.push(signal);
      return answer(request, signal);
    },
  };
  return { live, asked, signals };
}

const CAUGHT = "try { return await math.add({ a: 1, b: 2 }); } catch (error) { return [(error as Error).name, (error as Error).message]; }";

describe("a live approval channel (runExecuteRequest's approvals)", () => {
  it("is asked with the call and its reason, and an approval runs the call", async () => {
    const { live, asked } = channel(60_000, async () => ({ approve: true }));
    const response = await runExecuteRequest(hostWaiting(30_000), { code: "return await math.add({ a: 1, b: 2 });" }, { approvals: live });
    expect(response.result).toBe(3);
    expect(asked).toEqual([{ api: "math", method: "add", input: { a: 1, b: 2 }, reason: expect.any(String) }]);
  });

  it("that never answers makes the call reject with ApprovalTimeout after the wait limit, and its signal is aborted", async () => {
    const { live, signals } = channel(60_000, () => new Promise<ApprovalDecision>(() => undefined));
    const response = await runExecuteRequest(hostWaiting(300), { code: CAUGHT }, { approvals: live });
    expect(response.ok).toBe(true);
    expect(response.result).toEqual(["ApprovalTimeout", expect.stringMatching(/the test's person did not decide within 300 ms; it did not run/)]);
    expect(signals[0].aborted).toBe(true);
  });

  it("that fails is a denial whose note says no decision came back", async () => {
    const { live } = channel(60_000, () => Promise.reject(new Error("the client went away")));
    const response = await runExecuteRequest(hostWaiting(30_000), { code: CAUGHT }, { approvals: live });
    expect(response.result).toEqual(["ApprovalDenied", "math.add was denied by the test's person: no decision came back (the client went away)"]);
  });

  it("that cannot hold a call as long as the wait limit is not asked: the execution pauses instead", async () => {
    const { live, asked } = channel(1_000, async () => ({ approve: true }));
    const response = await runExecuteRequest(hostWaiting(30_000), { code: "return await math.add({ a: 1, b: 2 });" }, { approvals: live });
    expect(response.error?.name).toBe("ApprovalRequired");
    expect(response.pending?.call).toMatchObject({ api: "math", method: "add", input: { a: 1, b: 2 } });
    expect(asked).toHaveLength(0);
  });
});
