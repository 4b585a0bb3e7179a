import { ProviderDirectory } from "./apis/providers/provider-directory.js";
import { ElicitationMailbox } from "./front/mcp/elicitation-mailbox.js";
import { ProviderHost } from "./apis/providers/provider-host.js";
import { composeHost } from "./compose-host.js";
import { Egress } from "./egress/index.js";
import { callerOf, withCaller } from "./front/auth/request-caller.js";
import { handle } from "./front/http/router.js";
import type { GhostwireEnv } from "./ghostwire-env.js";
import { resolveOptions, type GhostwireOptions } from "./ghostwire-options.js";
import type { HostState } from "./host-state.js";
import { Refusal } from "./refusal.js";
import { SessionStore } from "./sessions/index.js";

/**
 * The classes a Ghostwire Worker exports from its main module, under these
 * exact names: wrangler.jsonc binds the Durable Objects by class name, and
 * every execution's fetch() goes through `ctx.exports.Egress`.
 */
export interface GhostwireExports {
  readonly Egress: typeof Egress;
  readonly SessionStore: typeof SessionStore;
  readonly ProviderHost: typeof ProviderHost;
  readonly ProviderDirectory: typeof ProviderDirectory;
  readonly ElicitationMailbox: typeof ElicitationMailbox;
}

/** What createGhostwire returns: the Worker's handler and the classes its main module re-exports. */
export interface Ghostwire {
  /** `export default ghostwire.handler`, or call `ghostwire.handler.fetch(request, env, ctx)` from a fetch of your own. */
  readonly handler: { fetch(request: Request, env: object, ctx?: ExecutionContext): Promise<Response> };
  /**
   * The classes the Worker re-exports: the same ones "ghostwire" exports by
   * name. Prefer `export { Egress, SessionStore, ProviderHost, ProviderDirectory } from "ghostwire"`,
   * which `wrangler types` can read as types too.
   */
  readonly exports: GhostwireExports;
}

/**
 * A Ghostwire host inside your own Worker: HTTP (/v1/*), MCP (/mcp), Cap'n
 * Web (/rpc, /rpc/provider), sessions and the playground, serving `options.apis`
 * and whatever the options and the Worker's variables import.
 *
 * The options are checked now, at module load, so a mistake fails the deploy
 * with a sentence naming it. The Worker's bindings and variables are checked
 * on the first request of each isolate; a missing binding or a bad variable
 * answers every request with a 503 `host_misconfigured` that names it.
 */
export function createGhostwire(options: GhostwireOptions = {}): Ghostwire {
  const resolved = resolveOptions(options);
  const hosts = new WeakMap<object, HostState>();
  const hostOf = (env: object) => (): HostState => {
    let host = hosts.get(env);
    if (host === undefined) {
      try {
        host = composeHost(env, resolved);
      } catch (error) {
        throw new Refusal("unavailable", "host_misconfigured", error instanceof Error ? error.message : String(error));
      }
      hosts.set(env, host);
    }
    return host;
  };
  return {
    handler: {
      // Every request runs as its caller, whom a refused token counts against (host/front/auth/failed-attempts.ts).
      fetch: (request, env) => withCaller(callerOf(request), () => handle(request, hostOf(env))),
    },
    exports: { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox },
  };
}

export type { GhostwireEnv };
