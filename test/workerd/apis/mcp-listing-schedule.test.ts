import { describe, expect, it } from "vitest";
import { ListingSchedule, RETRY_FIRST_MS, RETRY_MAX_MS, STALE_IF_ERROR_MS, TOOLS_TTL_MS } from "../../../host/apis/imports/mcp/listing-schedule.js";

/**
 * An imported MCP server is listed when GET /v1/apis (open to anonymous
 * callers on some hosts) or an execution needs it, so how often the host
 * asks it must not depend on how many requests come.
 */
function harness() {
  let clock = 1_000_000;
  let reads = 0;
  let answer: () => Promise<string> = async () => "tools";
  const failures: unknown[] = [];
  const schedule = new ListingSchedule<string>(() => clock);
  return {
    get: () =>
      schedule.get(
        () => {
          reads++;
          return answer();
        },
        (error) => failures.push(error),
      ),
    advance: (ms: number) => (clock += ms),
    answerWith: (next: () => Promise<string>) => (answer = next),
    reads: () => reads,
    failures,
  };
}
const down = async (): Promise<string> => {
  throw new Error("Network connection lost.");
};

describe("ListingSchedule", () => {
  it("reads once for concurrent callers and reuses the list until it is TOOLS_TTL_MS old", async () => {
    const h = harness();
    let release!: (value: string) => void;
    h.answerWith(() => new Promise((resolve) => (release = resolve)));
    const waiting = [h.get(), h.get(), h.get()];
    release("v1");
    expect(await Promise.all(waiting)).toEqual(["v1", "v1", "v1"]);
    expect(h.reads()).toBe(1);
    h.advance(TOOLS_TTL_MS - 1);
    expect(await h.get()).toBe("v1");
    expect(h.reads()).toBe(1);
    h.answerWith(async () => "v2");
    h.advance(1);
    expect(await h.get()).toBe("v2");
    expect(h.reads()).toBe(2);
  });

  it("after a failure asks again only once the backoff has passed, doubling up to RETRY_MAX_MS", async () => {
    const h = harness();
    h.answerWith(down);
    expect(await h.get()).toBeUndefined();
    expect(h.failures).toHaveLength(1);
    for (let i = 0; i < 100; i++) expect(await h.get()).toBeUndefined();
    expect(h.reads(), "a hundred requests during the backoff make no listing").toBe(1);
    let wait = RETRY_FIRST_MS;
    for (let failure = 2; wait < RETRY_MAX_MS; failure++) {
      h.advance(wait - 1);
      await h.get();
      expect(h.reads()).toBe(failure - 1);
      h.advance(1);
      await h.get();
      expect(h.reads()).toBe(failure);
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
    const reads = h.reads();
    h.advance(RETRY_MAX_MS);
    await h.get();
    expect(h.reads(), "the wait stops growing at RETRY_MAX_MS").toBe(reads + 1);
    h.answerWith(async () => "back");
    h.advance(RETRY_MAX_MS);
    expect(await h.get()).toBe("back");
    h.answerWith(down);
    h.advance(TOOLS_TTL_MS);
    await h.get();
    h.advance(RETRY_FIRST_MS);
    const before = h.reads();
    await h.get();
    expect(h.reads(), "a success resets the backoff").toBe(before + 1);
  });

  it("keeps offering the last list while refreshing fails, for STALE_IF_ERROR_MS", async () => {
    const h = harness();
    expect(await h.get()).toBe("tools");
    h.answerWith(down);
    h.advance(TOOLS_TTL_MS);
    expect(await h.get()).toBe("tools");
    expect(h.failures).toHaveLength(1);
    h.advance(STALE_IF_ERROR_MS - TOOLS_TTL_MS);
    expect(await h.get()).toBeUndefined();
  });
});
