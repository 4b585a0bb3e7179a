// Cap'n Web end to end: the real host (`npm start`) with a provider token
// and a client token, a typed client from Node (ghostwire/client), and a
// remote API provider connected with capnweb from this process.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newHttpBatchRpcSession, newWebSocketRpcSession } from "capnweb";
import { RpcTarget, connect, provide } from "../../host/front/rpc/client.ts";
import { execute, startHost } from "./host-process.mjs";

const PROVIDER_TOKEN = "provider-token-for-e2e-0123456789";
const CLIENT_TOKEN = "client-token-for-e2e-0123456789";
let host;

class Inventory extends RpcTarget {
  calls = [];
  /** Resolves once slow() has been entered, so the test disconnects with a call surely in flight. */
  slowEntered = new Promise((resolve) => (this.enteredSlow = resolve));
  async stock({ sku }) {
    this.calls.push(sku);
    return { sku, count: sku.length * 10 };
  }
  async reserve({ sku, count }) {
    return { sku, reserved: count, ok: true };
  }
  async slow() {
    this.enteredSlow();
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    return {};
  }
}

const contract = {
  name: "inventory",
  description: "Warehouse stock, served by a provider process.",
  methods: {
    stock: { description: "Units in stock for one SKU.", input: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] }, output: { type: "object", properties: { sku: { type: "string" }, count: { type: "number" } }, required: ["sku", "count"] } },
    reserve: { description: "Reserves units.", input: { type: "object", properties: { sku: { type: "string" }, count: { type: "integer", minimum: 1 } }, required: ["sku", "count"] } },
    slow: { description: "Never answers in time.", input: { type: "object", properties: {} } },
  },
};

before(async () => {
  host = await startHost({ vars: { GHOSTWIRE_PROVIDER_TOKEN: PROVIDER_TOKEN, GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN } });
});

/** assert.rejects for capnweb's RpcPromise, which is a thenable, not a Promise. */
const rejects = (pending, pattern) => assert.rejects(Promise.resolve().then(() => pending), pattern);

const opened = [];
/** A client session, closed after the tests. */
function open(token) {
  const gw = connect(host.base, { token });
  opened.push(gw);
  return gw;
}

after(async () => {
  for (const gw of opened) gw[Symbol.dispose]();
  await host?.stop();
});

describe("Cap'n Web /rpc", { timeout: 180_000 }, () => {
  it("runs code from the typed client, streaming logs before the result arrives", async () => {
    const gw = open(CLIENT_TOKEN);
    const events = [];
    const pending = gw.execute("console.log('one');\nconsole.warn('two');\nreturn await math.add({ a: 20, b: 22 });", {
      onLog: (entry) => events.push(`log:${entry.level}:${entry.message}`),
    });
    const response = await pending;
    events.push("result");
    assert.equal(response.result, 42, JSON.stringify(response));
    assert.deepEqual(events, ["log:log:one", "log:warn:two", "result"]);
    assert.deepEqual(response.logs, [{ level: "log", message: "one" }, { level: "warn", message: "two" }]);
  });

  it("pipelines: connect() and the call go out together, and a promise can be an argument", async () => {
    const gw = open(CLIENT_TOKEN);
    const names = gw.apiNames();
    const diagnostics = await gw.check("return await math.add({ a: 1, b: 2 });", names);
    assert.deepEqual(diagnostics, []);
    const bad = await gw.check("const x: number = 'a';", names);
    assert.equal(bad[0].code, 2322);
    const found = await gw.searchApis("stats");
    assert.match(found.declarations, /stats\(input/);
  });

  it("also answers an HTTP batch: connect and execute in one POST", async () => {
    const gate = newHttpBatchRpcSession(`${host.base}/rpc`);
    const response = await gate.connect(CLIENT_TOKEN).execute("return await math.stats({ values: [1, 2, 3] });");
    assert.deepEqual(response.result, { mean: 2, median: 2, stdev: Math.sqrt(2 / 3), min: 1, max: 3 });
  });

  it("takes execute({ code, ...options }), the shape of a POST body, over a WebSocket and over HTTP batch, onLog included", async () => {
    for (const transport of ["websocket", "batch"]) {
      const gw = connect(host.base, { token: CLIENT_TOKEN, transport });
      opened.push(gw);
      const logged = [];
      const response = await gw.execute({ code: "console.log('adding');\nreturn await math.add({ a: 2, b: 3 });", apis: ["math"], onLog: (entry) => logged.push(entry.message) });
      assert.equal(response.result, 5, `${transport}: ${JSON.stringify(response)}`);
      assert.deepEqual(logged, ["adding"], transport);
    }
  });

  it("refuses a client without the client token, over Cap'n Web and HTTP", async () => {
    const gw = open("wrong-token-000000000000");
    await rejects(gw.execute("return 1;"), /requires a client token/);
    await execute(host.base, { code: "return 1;" }, { status: 401 });
    const authed = await execute(host.base, { code: "return 1;" }, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } });
    assert.equal(authed.result, 1);
  });

  it("validates every argument", async () => {
    const gw = open(CLIENT_TOKEN);
    await rejects(gw.check(42), /Invalid code: /);
    await rejects(gw.execute("return 1;", { fuel: -1 }), /fuel/);
    await rejects(gw.execute("return 1;", { apis: ["nope"] }), /Unknown API "nope"/);
  });
});

describe("remote API providers", { timeout: 180_000 }, () => {
  it("checks the provider token on the upgrade itself, and refuses a contract for another name", async () => {
    const upgrade = (headers) => fetch(`${host.base}/rpc/provider?api=inventory`, { headers });
    for (const headers of [{}, { authorization: "Bearer wrong-provider-token-0000" }]) {
      const refused = await upgrade(headers);
      assert.equal(refused.status, 401);
      assert.match((await refused.json()).error.message, /Send the provider token on the WebSocket upgrade as Authorization: Bearer <token>/);
    }
    // The right token passes the check; only then does the host ask for a WebSocket.
    assert.equal((await upgrade({ authorization: `Bearer ${PROVIDER_TOKEN}` })).status, 426);
    await assert.rejects(provide(host.base, { token: "wrong-provider-token-0000", contract, implementation: new Inventory() }), /provider token/);

    const socket = new WebSocket(`${host.base.replace("http", "ws")}/rpc/provider?api=other`, { headers: { authorization: `Bearer ${PROVIDER_TOKEN}` } });
    const session = newWebSocketRpcSession(socket);
    await rejects(session.register(contract, new Inventory()), /This connection is for API "other"/);
    session[Symbol.dispose]();
  });

  it("serves sandbox calls while connected, and disappears with a clean error on disconnect", async () => {
    const implementation = new Inventory();
    const { session, methods } = await provide(host.base, { token: PROVIDER_TOKEN, contract, implementation });
    assert.deepEqual(methods, ["stock", "reserve", "slow"]);
    const gw = open(CLIENT_TOKEN);
    assert.ok((await gw.apiNames()).includes("inventory"));
    assert.match(await gw.types(["inventory"]), /stock\(input: \{\n\s+sku: string;\n\s+\}\): Promise<\{/);

    // Calls made at once, one fed by the other's promise inside the sandbox.
    const code = `
      const a = inventory.stock({ sku: "ab" });
      const b = inventory.stock({ sku: "abcd" });
      const both = await Promise.all([a, b]);
      const reserved = await inventory.reserve({ sku: both[1].sku, count: both[0].count });
      return { both, reserved };`;
    const response = await gw.execute(code);
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.deepEqual(response.result, { both: [{ sku: "ab", count: 20 }, { sku: "abcd", count: 40 }], reserved: { sku: "abcd", reserved: 20, ok: true } });
    assert.deepEqual(implementation.calls.sort(), ["ab", "abcd"]);

    const invalid = await gw.execute(`return await inventory.reserve({ sku: "x", count: 0 });`, { check: false });
    assert.equal(invalid.error.name, "ValidationError");

    // A call in flight when the provider goes away.
    const inFlight = gw.execute(`return await inventory.slow();`);
    await implementation.slowEntered;
    session[Symbol.dispose]();
    const broken = await inFlight;
    assert.equal(broken.ok, false);
    assert.match(broken.error.message, /The provider of API "inventory" disconnected while the call was in flight/);

    for (let i = 0; i < 20 && (await gw.apiNames()).includes("inventory"); i++) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(!(await gw.apiNames()).includes("inventory"));
    const gone = await gw.execute(`return await inventory.stock({ sku: "a" });`, { check: false });
    assert.match(gone.error.message, /inventory is not defined|not connected/);
  });
});
