// Approvals end to end: the real host (`npm start`), a Node client over
// Cap'n Web (ghostwire/client) and the official MCP SDK client.
// Live approval and denial through onApproval, its deadline held while the
// client decides; pause and decide() without onApproval; and the MCP
// fallback for a client without elicitation: a paused execute, then the
// `decide` tool. Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { connect } from "../../host/front/rpc/client.ts";
import { startHost } from "./host-process.mjs";

const CLIENT_TOKEN = "client-token-for-e2e-approvals-0123";
let host;
let gw;

before(async () => {
  host = await startHost({ vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN } });
  gw = connect(host.base, { token: CLIENT_TOKEN });
});

after(async () => {
  gw?.[Symbol.dispose]();
  await host?.stop();
});

/** A quantity per test, so each test's orders can be told apart in the host's shared demo list. */
let nextQuantity = 200;

/** Places an order over $100 (it needs approval) with a deadline of 1 s, and reports how it went and how many such orders exist. */
const orderCode = (quantity) => `
try {
  const order = await orders.place({ productId: "p-001", quantity: ${quantity} });
  return { placed: order.quantity, count: (await orders.list()).filter((o) => o.quantity === ${quantity}).length };
} catch (error) {
  return { name: (error as Error).name, message: (error as Error).message };
}`;

describe("Cap'n Web onApproval", () => {
  it("asks the client with the call and its reason, waits past the deadline while it decides, and runs the approved call once", async () => {
    const quantity = nextQuantity++;
    const asked = [];
    const response = await gw.execute(orderCode(quantity), {
      apis: ["orders"],
      timeoutMs: 1000,
      // The person takes longer than the execution's whole deadline: the wait must not count against it.
      onApproval: async (call) => {
        asked.push(call);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return true;
      },
    });
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.deepEqual(response.result, { placed: quantity, count: 1 });
    assert.equal(asked.length, 1);
    assert.deepEqual({ ...asked[0], reason: undefined }, { api: "orders", method: "place", input: { productId: "p-001", quantity }, reason: undefined });
    assert.match(asked[0].reason, /over \$100/);
  });

  it("rejects a denied call with ApprovalDenied inside the code, naming the client and its note", async () => {
    const response = await gw.execute(orderCode(nextQuantity++), { apis: ["orders"], onApproval: () => ({ approve: false, note: "not this week" }) });
    assert.deepEqual(response.result, { name: "ApprovalDenied", message: "orders.place was denied by the Cap'n Web client: not this week" });
  });

  it("treats an answer that is not a decision as a denial that says so", async () => {
    const response = await gw.execute(orderCode(nextQuantity++), { apis: ["orders"], onApproval: () => "yes please" });
    assert.equal(response.result.name, "ApprovalDenied");
    assert.match(response.result.message, /something other than true, false/);
  });

  it("pauses without onApproval, and decide() resumes it", async () => {
    const quantity = nextQuantity++;
    const paused = await gw.execute(orderCode(quantity), { apis: ["orders"] });
    assert.equal(paused.error.name, "ApprovalRequired");
    const resumed = await gw.decide(paused.pending.approval, "approve");
    assert.deepEqual(resumed.result, { placed: quantity, count: 1 });
    await assert.rejects(Promise.resolve().then(() => gw.decide(paused.pending.approval, "approve")), /already decided/);
  });
});

describe("MCP without elicitation", () => {
  it("answers a paused execute with the pending approval, and the decide tool resumes it", async () => {
    const quantity = nextQuantity++;
    const client = new Client({ name: "approvals-e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL("/mcp", host.base), { requestInit: { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } } }));
    try {
      const paused = await client.callTool({ name: "execute", arguments: { code: orderCode(quantity), apis: ["orders"] } });
      assert.equal(paused.structuredContent.error.name, "ApprovalRequired");
      const { approval, call } = paused.structuredContent.pending;
      assert.deepEqual(call.input, { productId: "p-001", quantity });
      const resumed = await client.callTool({ name: "decide", arguments: { approval, decision: "approve" } });
      assert.equal(resumed.isError, false);
      assert.deepEqual(resumed.structuredContent.result, { placed: quantity, count: 1 });
      const again = await client.callTool({ name: "decide", arguments: { approval, decision: "deny" } });
      assert.equal(again.isError, true);
      assert.match(again.content[0].text, /already decided/);
    } finally {
      await client.close();
    }
  });
});
