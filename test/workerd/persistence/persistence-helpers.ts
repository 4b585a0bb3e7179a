import { env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";

/**
 * Every binding the host has, reviewed for what it could persist. A binding
 * that is not listed here fails the persistence suite until someone reviews
 * it and adds it, with its runtime class and what it may store.
 */
export const REVIEWED_BINDINGS: Record<string, { kind: string; stores: string }> = {
  DEMO_UPSTREAM: { kind: "Fetcher", stores: "nothing: the demo upstream, an entrypoint of this Worker" },
  DEMO_UPSTREAM_TOKEN: { kind: "string", stores: "nothing: a variable (the demo credential)" },
  LOADER: { kind: "WorkerLoader", stores: "nothing: it loads the isolates" },
  SESSIONS: { kind: "DurableObjectNamespace", stores: "opt-in sessions, as ciphertext, written only for executions that present a token" },
  PROVIDERS: { kind: "DurableObjectNamespace", stores: "nothing: each object holds a remote provider's live connection (host/apis/providers/)" },
  FAILED_TOKEN_ATTEMPTS: {
    kind: "Ratelimit",
    stores: "counts of refused tokens under HMAC pseudonyms of client addresses, for one minute, in Cloudflare's rate limiter (locally, miniflare's own object, outside env)",
  },
  ELICITATIONS: {
    kind: "DurableObjectNamespace",
    stores: "nothing: each object holds one MCP approval question's answer in memory until the waiting call takes it",
  },
  PROVIDER_DIRECTORY: {
    kind: "DurableObjectNamespace",
    stores: "nothing: the contracts of connected remote providers live in its memory as leases that their connections renew",
  },
};

/** The runtime class of every binding in env (`string` for variables), the host's limits and the test runner's own left out. */
export function bindingKinds(): Record<string, string> {
  const bindings = Object.entries(env).filter(([name]) => !name.startsWith("GHOSTWIRE_") && !name.startsWith("__VITEST_POOL_WORKERS_"));
  return Object.fromEntries(bindings.map(([name, value]) => [name, value !== null && typeof value === "object" ? value.constructor.name : typeof value]));
}

function durableObjectNamespaces(): [string, DurableObjectNamespace][] {
  const kinds = bindingKinds();
  return Object.keys(kinds)
    .filter((name) => /DurableObjectNamespace$/.test(kinds[name]))
    .map((name) => [name, (env as unknown as Record<string, DurableObjectNamespace>)[name]]);
}

/** One object's storage, read past its class: every key with its value as text, its SQL tables and its alarm. */
function dumpObject(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, async (_instance: unknown, state: DurableObjectState) => {
    const text = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (ArrayBuffer.isView(inner) ? Array.from(new Uint8Array(inner.buffer, inner.byteOffset, inner.byteLength)) : inner));
    const entries = [...(await state.storage.list())].map(([key, value]) => `${key}=${text(value)}`);
    const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master").toArray().map((row) => row.name);
    return JSON.stringify({ entries, tables, alarm: await state.storage.getAlarm() });
  });
}

const HOLDS_NOTHING = JSON.stringify({ entries: [], tables: [], alarm: null });

/**
 * Everything every Durable Object of every namespace bound in env holds, by
 * namespace and object id. Two snapshots that are equal mean nothing was
 * written or deleted in between. Objects that hold nothing are left out:
 * locally, workerd keeps an empty SQLite file for every object it has
 * started, even one that only read.
 */
export async function snapshotDurableObjects(): Promise<Record<string, Record<string, string>>> {
  const snapshot: Record<string, Record<string, string>> = {};
  for (const [name, namespace] of durableObjectNamespaces()) {
    snapshot[name] = {};
    for (const id of await listDurableObjectIds(namespace)) {
      const dump = await dumpObject(namespace.get(id));
      if (dump !== HOLDS_NOTHING) snapshot[name][id.toString()] = dump;
    }
  }
  return snapshot;
}

/** How many objects each Durable Object namespace bound in env has, empty ones included: an object that exists at all is state. */
export async function countDurableObjects(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, namespace] of durableObjectNamespaces()) counts[name] = (await listDurableObjectIds(namespace)).length;
  return counts;
}
