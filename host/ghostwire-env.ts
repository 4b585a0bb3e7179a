import type { ProviderDirectory } from "./apis/providers/provider-directory.js";
import type { ProviderHost } from "./apis/providers/provider-host.js";
import type { ElicitationMailbox } from "./front/mcp/elicitation-mailbox.js";
import type { SessionStore } from "./sessions/session-store.js";

/**
 * The bindings a Worker that serves Ghostwire declares in its wrangler.jsonc
 * (see the README, "Register your own APIs"). Besides these, the host reads
 * its GHOSTWIRE_ variables, and by name the secrets and service bindings
 * that egress rules and imported MCP servers name.
 */
export interface GhostwireEnv {
  /** `worker_loaders`: every execution gets a fresh isolate from it. */
  readonly LOADER: WorkerLoader;
  /** Durable Object namespace of class SessionStore: one object per opt-in session, holding ciphertext only. */
  readonly SESSIONS: DurableObjectNamespace<SessionStore>;
  /** Durable Object namespace of class ProviderHost: one object per connected provider's API. */
  readonly PROVIDERS: DurableObjectNamespace<ProviderHost>;
  /** Durable Object namespace of class ProviderDirectory: who is connected, in memory. */
  readonly PROVIDER_DIRECTORY: DurableObjectNamespace<ProviderDirectory>;
  /**
   * Durable Object namespace of class ElicitationMailbox: one object per MCP
   * approval question, where its answer meets the waiting call, in memory.
   * Optional: without it, no MCP client is asked by elicitation, and calls
   * that need approval pause instead (README, "Approvals").
   */
  readonly ELICITATIONS?: DurableObjectNamespace<ElicitationMailbox>;
  /** `ratelimits`: failed token attempts per client address (30 a minute). */
  readonly FAILED_TOKEN_ATTEMPTS: RateLimit;
  /** `npm start` only: the runner process that loads the isolates (host/isolates/runner/). */
  readonly RUNNER?: Fetcher;
}

/** What each required binding is, and the wrangler.jsonc that declares it. */
const REQUIRED_BINDINGS: Readonly<Record<Exclude<keyof GhostwireEnv, "RUNNER" | "ELICITATIONS">, string>> = {
  LOADER: '"worker_loaders": [{ "binding": "LOADER" }]',
  SESSIONS: '"durable_objects": { "bindings": [{ "name": "SESSIONS", "class_name": "SessionStore" }, …] } with SessionStore in "migrations" new_sqlite_classes',
  PROVIDERS: '"durable_objects": { "bindings": [{ "name": "PROVIDERS", "class_name": "ProviderHost" }, …] } with ProviderHost in "migrations" new_sqlite_classes',
  PROVIDER_DIRECTORY: '"durable_objects": { "bindings": [{ "name": "PROVIDER_DIRECTORY", "class_name": "ProviderDirectory" }, …] } with ProviderDirectory in "migrations" new_sqlite_classes',
  FAILED_TOKEN_ATTEMPTS: '"ratelimits": [{ "name": "FAILED_TOKEN_ATTEMPTS", "namespace_id": "1001", "simple": { "limit": 30, "period": 60 } }]',
};

/**
 * The Worker's env as a GhostwireEnv, or a sentence naming every binding
 * that is missing and the wrangler.jsonc line that adds it.
 */
export function checkBindings(env: object): GhostwireEnv {
  const missing = Object.entries(REQUIRED_BINDINGS).filter(([name]) => (env as Record<string, unknown>)[name] === undefined);
  if (missing.length > 0) {
    const lines = missing.map(([name, config]) => `${name} (${config})`).join("; ");
    throw new Error(`This Worker lacks the bindings Ghostwire needs: ${lines}. Add them to its wrangler.jsonc.`);
  }
  return env as GhostwireEnv;
}
