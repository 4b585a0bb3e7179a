import { env, runInDurableObject } from "cloudflare:test";
import type { SessionStore } from "../../../host/sessions/index.js";
import { parseSessionToken } from "../../../host/sessions/session-token.js";
import { call, postJson } from "../helpers.js";

export async function createSession(body?: unknown): Promise<{ session: string; expiresAt: string }> {
  const response = body === undefined ? await call("/v1/sessions", { method: "POST" }) : await postJson("/v1/sessions", body);
  if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * `token` with its session id (the first 16 bytes of its body) replaced by
 * random bytes, everything else kept: the well-formed token an attacker
 * holding one real token can forge for any id.
 */
export function withRandomId(token: string): string {
  const [prefix, body] = token.split(".");
  const bytes = Uint8Array.from(atob(body.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
  bytes.set(crypto.getRandomValues(new Uint8Array(16)));
  return `${prefix}.${btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}

/** What an object holds once a session is burnt or expired: nothing at all. */
export const EMPTY_STORAGE = { keys: [], bytes: new Uint8Array(), tables: [], alarm: null };

export function storeOf(token: string): DurableObjectStub<SessionStore> {
  const parsed = parseSessionToken(token)!;
  return env.SESSIONS.get(env.SESSIONS.idFromName(parsed.id));
}

/**
 * Everything the session's object has in storage, read past the host: its
 * raw keys and bytes, the SQLite tables that hold them (the runtime's own
 * `_cf_*` tables included), and whether an alarm is set.
 */
export async function rawStorage(token: string): Promise<{ keys: string[]; bytes: Uint8Array; tables: string[]; alarm: number | null }> {
  return runInDurableObject(storeOf(token), async (_instance, state) => {
    const entries = await state.storage.list();
    const parts: Uint8Array[] = [];
    const encoder = new TextEncoder();
    const flatten = (value: unknown): void => {
      if (value instanceof Uint8Array) parts.push(value);
      else if (ArrayBuffer.isView(value)) parts.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else if (value !== null && typeof value === "object") for (const inner of Object.values(value)) flatten(inner);
      else parts.push(encoder.encode(String(value)));
    };
    for (const [key, value] of entries) {
      parts.push(encoder.encode(key));
      flatten(value);
    }
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master").toArray().map((row) => row.name);
    return { keys: [...entries.keys()], bytes, tables, alarm: await state.storage.getAlarm() };
  });
}

/** Whether `needle` occurs in `haystack` as UTF-8 or UTF-16LE text. */
export function containsCanary(haystack: Uint8Array, needle: string): boolean {
  const latin1 = Array.from(haystack, (b) => String.fromCharCode(b)).join("");
  return latin1.includes(needle) || latin1.includes(Array.from(needle, (c) => `${c}\0`).join(""));
}
