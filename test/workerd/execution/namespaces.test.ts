import { describe, expect, it } from "vitest";
import type { BridgeReply, SandboxBridge } from "../../../api-types/sandbox-protocol.js";
import { createNamespace } from "../../../sandbox/namespaces.js";
import { createPendingCalls } from "../../../sandbox/pending-calls.js";

/**
 * The namespaces of sandbox/namespaces.ts, built here directly: an API's
 * methods arrive sorted (SandboxManifest.apis) and nothing is made per
 * method until the code reads it, while the namespace still behaves as a
 * frozen object of its methods and groups.
 */

/** A bridge that records the calls it gets and answers each with its own name. */
function recordingBridge() {
  const calls: string[] = [];
  const bridge = {
    call: async (_api: string, method: string): Promise<BridgeReply> => {
      calls.push(method);
      return { ok: true, json: JSON.stringify(method) };
    },
    log: () => undefined,
  } as unknown as SandboxBridge;
  return { bridge, calls };
}

/** `names` sorted as the host sends them, behind a proxy that counts how many of them are read. */
function countedMethods(names: string[]) {
  const sorted = [...names].sort();
  let reads = 0;
  const methods = new Proxy(sorted, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { methods, reads: () => reads };
}

/** What agent code sees: every member may be called or read further. */
interface Namespace {
  readonly [name: string]: Namespace & ((input?: unknown) => Promise<unknown>);
}

function namespaceOf(names: string[]) {
  const { bridge, calls } = recordingBridge();
  const counted = countedMethods(names);
  const ns = createNamespace(bridge, "big", counted.methods, 10_000, createPendingCalls()) as Namespace;
  return { ns, calls, reads: counted.reads };
}

const BIG = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `method${i}` : `group${i % 50}.method${i}`));

describe("a namespace of thousands of methods", () => {
  it("reads only a few of the method names to build it and to call one method", async () => {
    const { ns, calls, reads } = namespaceOf(BIG);
    expect(reads()).toBe(0);
    expect(await ns.group7.method7()).toBe("group7.method7");
    expect(await ns.method9()).toBe("method9");
    expect(calls).toEqual(["group7.method7", "method9"]);
    // Binary searches: a few dozen reads, not the 3000 names a per-method build reads.
    expect(reads()).toBeLessThan(100);
  });

  it("still lists every member once the code looks at its shape", () => {
    const { ns, reads } = namespaceOf(BIG);
    const keys = Object.keys(ns);
    expect(reads()).toBeGreaterThanOrEqual(BIG.length);
    expect(keys).toHaveLength(1000 + 50);
    expect(keys).toEqual([...keys].sort());
    expect(Object.keys(ns.group7)).toHaveLength(40);
    expect(Object.isFrozen(ns)).toBe(true);
    expect(Object.isFrozen(ns.group7)).toBe(true);
  });
});

describe("a namespace", () => {
  const NAMES = ["user", "user-info", "user.get", "user.list", "x", "x.y", "add", "toString"];

  it("finds methods and groups at the edges of the sorted names; a group wins over a method of its name", async () => {
    const { ns, calls } = namespaceOf(NAMES);
    expect(typeof ns.user).toBe("object");
    expect(await ns.user.get()).toBe("user.get");
    expect(await ns.user.list()).toBe("user.list");
    expect(await ns["user-info"]()).toBe("user-info");
    expect(typeof ns.x).toBe("object");
    expect(await ns.x.y()).toBe("x.y");
    expect(await ns.add()).toBe("add");
    expect(await ns.toString()).toBe("toString");
    expect(calls).toEqual(["user.get", "user.list", "user-info", "x.y", "add", "toString"]);
  });

  it("sends unknown names to the host, at the top and in a group", async () => {
    const { ns, calls } = namespaceOf(NAMES);
    expect(await ns.nope()).toBe("nope");
    expect(await ns.user.nope()).toBe("user.nope");
    expect(await ns.user["get.deeper"]()).toBe("user.get.deeper");
    expect(calls).toEqual(["nope", "user.nope", "user.get.deeper"]);
  });

  it("gives the same member every time, before and after its shape was read", () => {
    const { ns } = namespaceOf(NAMES);
    const [add, user, get] = [ns.add, ns.user, ns.user.get];
    expect(ns.add).toBe(add);
    expect(Object.keys(ns)).toEqual(["add", "toString", "user", "user-info", "x"]);
    expect(Object.getOwnPropertyDescriptor(ns, "add")).toEqual({ value: add, writable: false, enumerable: true, configurable: false });
    expect(ns.user).toBe(user);
    expect(Object.getOwnPropertyDescriptor(user, "get")?.value).toBe(get);
    expect(Object.keys(user)).toEqual(["get", "list"]);
  });

  it("is read-only and not a thenable, and answers the language's own names as an ordinary object", () => {
    const { ns } = namespaceOf(NAMES);
    expect(Reflect.set(ns, "add", 1)).toBe(false);
    expect(Reflect.defineProperty(ns, "extra", { value: 1 })).toBe(false);
    expect(Reflect.deleteProperty(ns, "add")).toBe(false);
    expect(Reflect.setPrototypeOf(ns, null)).toBe(false);
    expect(() => Object.freeze(ns)).toThrow(TypeError);
    expect(Object.isExtensible(ns)).toBe(false);
    expect(ns.then).toBeUndefined();
    expect("add" in ns).toBe(true);
    expect("nope" in ns).toBe(false);
    expect("hasOwnProperty" in ns).toBe(true);
    expect(ns.hasOwnProperty).toBeUndefined();
    expect(String(ns.user)).toBe("[API big.user]");
    expect(JSON.stringify(ns)).toBe('{"user":{},"x":{}}');
  });

  it("keeps its shape when agent code has put setters and accessors on Object.prototype first", () => {
    const { ns } = namespaceOf(NAMES);
    const touched: string[] = [];
    const proto = Object.prototype as Record<string, unknown>;
    Object.defineProperty(proto, "add", { set: () => touched.push("add"), configurable: true });
    Object.defineProperty(proto, "get", { get: () => touched.push("get"), configurable: true });
    Object.defineProperty(proto, "value", { get: () => "forged", configurable: true });
    let seen: unknown[];
    try {
      seen = [Object.keys(ns), Object.keys(ns.user), typeof Object.getOwnPropertyDescriptor(ns, "add")?.value, Object.isFrozen(ns)];
    } finally {
      delete proto.add;
      delete proto.get;
      delete proto.value;
    }
    expect(seen).toEqual([["add", "toString", "user", "user-info", "x"], ["get", "list"], "function", true]);
    expect(touched).toEqual([]);
  });
});
