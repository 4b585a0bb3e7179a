// The callee of `npm run bench:dev-registry` (test/bench/dev-registry-cost.mjs),
// in a `wrangler dev` process of its own, as the runner of `npm start` is.
import { RpcTarget, WorkerEntrypoint } from "cloudflare:workers";
import { loadAndCall } from "./dev-registry-load.js";

interface CalleeEnv {
  LOADER: WorkerLoader;
}

interface Caller {
  ping(): Promise<number>;
}

/** A capability the caller keeps for several calls. */
class Session extends RpcTarget {
  ping(): number {
    return 1;
  }
}

export class Callee extends WorkerEntrypoint<CalleeEnv> {
  ping(): number {
    return 1;
  }

  session(): Session {
    return new Session();
  }

  /** Calls `caller` back once before it answers, as the runner's isolate calls the host's bridge. */
  async run(caller: Caller): Promise<number> {
    return await caller.ping();
  }

  /** Loads a fresh isolate that calls `caller` back once: what the runner does for an execution with one API call. */
  async load(caller: Caller): Promise<unknown> {
    return await loadAndCall(this.env.LOADER, caller);
  }
}

export default {
  fetch: () => new Response("ok"),
} satisfies ExportedHandler<CalleeEnv>;
