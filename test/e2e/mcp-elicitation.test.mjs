// MCP approvals by elicitation, end to end: the real host (`npm start`) and
// the official SDK client over Streamable HTTP. A client that declares form
// elicitation is asked during tools/call (its answer travels in a POST of its
// own, through the host's mailbox object) and the execution proceeds on the
// answer; a client that declares nothing is never asked and gets the paused
// result instead. Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { startHost } from "./host-process.mjs";

/** An order over $100, which orders.place asks approval for. */
const PLACE = `return await orders.place({ productId: "p-001", quantity: 3 });`;

let host;
/** The elicitation requests the asking client received, and how it answers the next one. */
const asked = [];
let answer;

async function connect(capabilities) {
  const client = new Client({ name: "e2e-elicitation", version: "1.0.0" }, { capabilities });
  if (capabilities.elicitation !== undefined) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params);
      return answer;
    });
  }
  await client.connect(new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`)));
  return client;
}

/** Runs `code` through execute, with a progress token so that the host holds the call for a person. */
async function run(client, code) {
  const result = await client.callTool({ name: "execute", arguments: { code } }, undefined, { onprogress: () => {}, resetTimeoutOnProgress: true });
  return result.structuredContent;
}

let asking;
let silent;

before(async () => {
  host = await startHost();
  asking = await connect({ elicitation: {} });
  silent = await connect({});
});

after(async () => {
  await asking?.close();
  await silent?.close();
  await host?.stop();
});

describe("/mcp approvals by elicitation, with the official SDK client", { timeout: 180_000 }, () => {
  it("asks a client that declared elicitation, and places the order once on its approval", async () => {
    asked.length = 0;
    answer = { action: "accept", content: { approve: true } };
    const placed = await run(asking, PLACE);
    assert.equal(placed.ok, true, JSON.stringify(placed));
    assert.equal(asked.length, 1);
    assert.match(asked[0].message, /^Ghostwire: approve orders\.place\? Reason: .+ Input: \{"productId":"p-001","quantity":3\}$/);
    assert.deepEqual(asked[0].requestedSchema.required, ["approve"]);
    const listed = await run(asking, `return (await orders.list()).filter((order) => order.productId === "p-001" && order.quantity === 3).length;`);
    assert.equal(listed.result, 1);
  });

  it("rejects the call with ApprovalDenied, which the code can catch, when the user declines", async () => {
    asked.length = 0;
    answer = { action: "decline" };
    const denied = await run(asking, `try { ${PLACE} } catch (error) { return [error.name, error.message]; }`);
    assert.equal(denied.ok, true, JSON.stringify(denied));
    assert.equal(denied.result[0], "ApprovalDenied");
    assert.match(denied.result[1], /declined/);
    assert.equal(asked.length, 1);
  });

  it("never asks a client that declared no elicitation: its execution pauses instead", async () => {
    asked.length = 0;
    const paused = await run(silent, PLACE);
    assert.equal(paused.ok, false);
    assert.equal(paused.error.name, "ApprovalRequired");
    assert.equal(asked.length, 0);
  });

  it("runs code that needs no approval for both clients alike", async () => {
    for (const client of [asking, silent]) assert.equal((await run(client, "return await math.add({ a: 2, b: 3 });")).result, 5);
  });
});
