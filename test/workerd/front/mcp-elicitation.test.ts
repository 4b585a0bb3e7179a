import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_APPROVAL_NOTE_CHARS } from "../../../api-types/approval.js";
import {
  APPROVAL_FORM,
  ELICITATION_HELD_WAIT_MS,
  ELICITATION_INPUT_MAX_CHARS,
  ELICITATION_UNHELD_WAIT_MS,
  approvalMessage,
  createElicitationChannel,
  decisionOf,
} from "../../../host/front/mcp/elicitation-channel.js";
import { ELICITATION_ID_PATTERN, newElicitationId } from "../../../host/front/mcp/elicitation-mailbox.js";
import { ELICITING_SESSION_PATTERN, declaresFormElicitation } from "../../../host/front/mcp/eliciting-sessions.js";
import { serveMcp } from "../../../host/front/mcp/index.js";
import { BASE, call, demoHost } from "../helpers.js";
import { snapshotDurableObjects } from "../persistence/persistence-helpers.js";

const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };
const post = (body: unknown, headers: Record<string, string> = {}) => call("/mcp", { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body: JSON.stringify(body) });
const initialize = (capabilities: object) => ({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities, clientInfo: { name: "t", version: "1" } } });
const ORDER = { api: "orders", method: "place", input: { productId: "p-1", quantity: 3 }, reason: "total $129.00 is over $100." };
const accepted = (id: string, content: unknown) => ({ jsonrpc: "2.0", id, result: { action: "accept", content } });

describe("the approval question an MCP client shows", () => {
  it("names the call, the rule's reason and the input", () => {
    expect(approvalMessage(ORDER)).toBe('Ghostwire: approve orders.place? Reason: total $129.00 is over $100. Input: {"productId":"p-1","quantity":3}');
  });

  it("cuts a long input and says how much it left out", () => {
    const message = approvalMessage({ ...ORDER, input: { text: "x".repeat(5000) } });
    const json = JSON.stringify({ text: "x".repeat(5000) });
    expect(message).toContain(`${json.slice(0, ELICITATION_INPUT_MAX_CHARS)}… (${json.length - ELICITATION_INPUT_MAX_CHARS} more characters)`);
    expect(message.length).toBeLessThan(ELICITATION_INPUT_MAX_CHARS + 200);
  });

  it("asks with a boolean approve, unchecked by default, and an optional note", () => {
    expect(APPROVAL_FORM.required).toEqual(["approve"]);
    expect(APPROVAL_FORM.properties.approve).toMatchObject({ type: "boolean", default: false });
    expect(APPROVAL_FORM.properties.note).toMatchObject({ type: "string", maxLength: MAX_APPROVAL_NOTE_CHARS });
  });
});

describe("the decision in a client's answer", () => {
  it("approves only an accepted form whose approve is true", () => {
    expect(decisionOf(accepted("i", { approve: true }))).toEqual({ approve: true });
    expect(decisionOf(accepted("i", { approve: true, note: "ok" }))).toEqual({ approve: true, note: "ok" });
    expect(decisionOf(accepted("i", { approve: false, note: "too many" }))).toEqual({ approve: false, note: "too many" });
  });

  it("denies, with a note saying what came back, on anything else", () => {
    const cases: [unknown, RegExp][] = [
      [accepted("i", { approve: "yes" }), /without a boolean `approve`/],
      [accepted("i", undefined), /without a boolean `approve`/],
      [{ jsonrpc: "2.0", id: "i", result: { action: "decline" } }, /declined/],
      [{ jsonrpc: "2.0", id: "i", result: { action: "cancel" } }, /dismissed/],
      [{ jsonrpc: "2.0", id: "i", result: { action: "approve!" } }, /unknown action/],
      [{ jsonrpc: "2.0", id: "i", error: { code: -1, message: "no UI" } }, /failed to ask its user: no UI/],
      [{ jsonrpc: "2.0", id: "i", result: "accept" }, /not an elicitation result/],
      [null, /ended unanswered/],
    ];
    for (const [answer, note] of cases) {
      const decision = decisionOf(answer);
      expect(decision.approve, JSON.stringify(answer)).toBe(false);
      expect(decision.note).toMatch(note);
    }
  });

  it("cuts a long note to the host's limit", () => {
    expect(decisionOf(accepted("i", { approve: false, note: "n".repeat(5000) })).note).toHaveLength(MAX_APPROVAL_NOTE_CHARS);
  });
});

describe("which clients can be asked", () => {
  it("those whose initialize declares form elicitation, in either spec's words", () => {
    expect(declaresFormElicitation(initialize({ elicitation: {} }))).toBe(true);
    expect(declaresFormElicitation(initialize({ elicitation: { form: {} } }))).toBe(true);
    expect(declaresFormElicitation(initialize({ elicitation: { form: {}, url: {} } }))).toBe(true);
    expect(declaresFormElicitation(initialize({ elicitation: { url: {} } }))).toBe(false);
    expect(declaresFormElicitation(initialize({ sampling: {} }))).toBe(false);
    expect(declaresFormElicitation(initialize({ elicitation: true }))).toBe(false);
    expect(declaresFormElicitation({ ...initialize({ elicitation: {} }), method: "tools/list" })).toBe(false);
  });

  it("get a session id at initialize; any other client gets none and stays stateless", async () => {
    const eliciting = await post(initialize({ elicitation: {} }));
    expect(eliciting.status).toBe(200);
    expect(eliciting.headers.get("mcp-session-id")).toMatch(ELICITING_SESSION_PATTERN);
    await eliciting.text();
    const plain = await post(initialize({}));
    expect(plain.status).toBe(200);
    expect(plain.headers.get("mcp-session-id")).toBeNull();
    await plain.text();
  });

  it("are none on a host without the optional ELICITATIONS binding: no session id, and an answer finds nobody waiting", async () => {
    const host = demoHost({ ...env, ELICITATIONS: undefined });
    const postTo = (body: unknown) => serveMcp(host, new Request(`${BASE}/mcp`, { method: "POST", headers: MCP_HEADERS, body: JSON.stringify(body) }));
    const initialized = await postTo(initialize({ elicitation: {} }));
    expect(initialized.status).toBe(200);
    expect(initialized.headers.get("mcp-session-id")).toBeNull();
    await initialized.text();
    const answer = await postTo(accepted(newElicitationId(), { approve: true }));
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Nothing waits for this answer/);
  });

  it("are served execute on their own transport, for code that needs no approval too", async () => {
    const session = (await post(initialize({ elicitation: {} }))).headers.get("mcp-session-id")!;
    const response = await post({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "execute", arguments: { code: "return await math.add({ a: 2, b: 3 });" } } }, { "mcp-session-id": session });
    const text = await response.text();
    expect(JSON.parse(text.split("\n").find((line) => line.startsWith("data: "))!.slice(6)).result.structuredContent.result).toBe(5);
  });
});

describe("an elicitation answer", () => {
  /** A channel whose stream is this test, standing where the client reads the tools/call's SSE stream. */
  function channelReadBy(sent: { id?: string; method: string; params: Record<string, unknown> }[], progressToken?: number) {
    return createElicitationChannel(env.ELICITATIONS, { send: async (message) => void sent.push(message), ...(progressToken === undefined ? {} : { progressToken }) });
  }

  it("POSTed to /mcp reaches the waiting call through the mailbox object, and nothing is stored", async () => {
    const before = await snapshotDurableObjects();
    const sent: { id?: string; method: string; params: Record<string, unknown> }[] = [];
    const asking = channelReadBy(sent).ask(ORDER, new AbortController().signal);
    await expect.poll(() => sent.length).toBe(1);
    const [request] = sent;
    expect(request.method).toBe("elicitation/create");
    expect(request.id).toMatch(ELICITATION_ID_PATTERN);
    expect(request.params).toEqual({ message: approvalMessage(ORDER), requestedSchema: APPROVAL_FORM });
    const answered = await post(accepted(request.id!, { approve: true, note: "fine" }));
    expect(answered.status).toBe(202);
    expect(await asking).toEqual({ approve: true, note: "fine" });
    expect(await snapshotDurableObjects()).toEqual(before);
  });

  it("is taken once: a second answer, or one to an id nobody asked with, is refused with a sentence", async () => {
    const sent: { id?: string; method: string; params: Record<string, unknown> }[] = [];
    const asking = channelReadBy(sent).ask(ORDER, new AbortController().signal);
    await expect.poll(() => sent.length).toBe(1);
    expect((await post({ jsonrpc: "2.0", id: sent[0].id, result: { action: "decline" } })).status).toBe(202);
    expect(await asking).toMatchObject({ approve: false, note: expect.stringMatching(/declined/) });
    for (const id of [sent[0].id, newElicitationId()]) {
      const refused = await post(accepted(id!, { approve: true }));
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Nothing waits for this answer/);
    }
  });

  it("no longer counts once the host stops waiting: the client is told the request is cancelled", async () => {
    const sent: { id?: string; method: string; params: Record<string, unknown> }[] = [];
    const stop = new AbortController();
    const asking = channelReadBy(sent).ask(ORDER, stop.signal);
    await expect.poll(() => sent.length).toBe(1);
    stop.abort();
    expect(await asking).toMatchObject({ approve: false });
    expect(sent[1]).toMatchObject({ method: "notifications/cancelled", params: { requestId: sent[0].id } });
    expect((await post(accepted(sent[0].id!, { approve: true }))).status).toBe(404);
  });

  it("is waited for longer when the call carries a progress token, which the host keeps busy", () => {
    expect(channelReadBy([]).maxWaitMs).toBe(ELICITATION_UNHELD_WAIT_MS);
    expect(channelReadBy([], 7).maxWaitMs).toBe(ELICITATION_HELD_WAIT_MS);
  });
});
