// The caller of `npm run bench:dev-registry` (test/bench/dev-registry-cost.mjs):
// it calls the callee in another `wrangler dev` process through a service
// binding, which wrangler's dev registry connects, as the host of `npm start`
// calls its runner. GET /<way>?calls=N makes N calls one way and answers the
// milliseconds per call (workerd's clock moves at I/O, and every call is I/O):
//   direct    a call on the binding;
//   reused    a call on a capability the binding gave once;
//   callback  a call on the binding that passes a capability, which the
//             callee calls back once before it answers;
//   kept      a call on a Durable Object of this Worker, which keeps one
//             capability from the binding across requests and calls it: a
//             Worker's own requests cannot keep one (workerd binds it to the
//             request that made it);
//   load      a call on the binding whose callee loads a fresh isolate that
//             calls back once (the runner's work for one execution);
//   local     the same load in this process (a single-process host's).
import { DurableObject, RpcTarget } from "cloudflare:workers";
import { loadAndCall } from "./dev-registry-load.js";

/** The capability the callee, or its isolate, calls back. */
class Caller extends RpcTarget {
  ping(): number {
    return 1;
  }
}

interface CalleeService {
  ping(): Promise<number>;
  session(): Promise<{ ping(): Promise<number> } & Disposable>;
  run(caller: Caller): Promise<number>;
  load(caller: Caller): Promise<unknown>;
}

interface CallerEnv {
  CALLEE: CalleeService;
  LOADER: WorkerLoader;
  KEPT: DurableObjectNamespace<KeptSession>;
}

/** Keeps one capability from the callee for every request it gets. */
export class KeptSession extends DurableObject<CallerEnv> {
  #session: { ping(): Promise<number> } | undefined;

  async ping(): Promise<number> {
    this.#session ??= await this.env.CALLEE.session();
    return await this.#session.ping();
  }
}

const MAX_CALLS = 1000;

/** One call of each way, on `env`. */
const WAYS: Record<string, (env: CallerEnv, session: () => Promise<{ ping(): Promise<number> }>) => Promise<unknown>> = {
  direct: (env) => env.CALLEE.ping(),
  reused: async (_env, session) => (await session()).ping(),
  callback: (env) => env.CALLEE.run(new Caller()),
  kept: (env) => env.KEPT.get(env.KEPT.idFromName("bench")).ping(),
  load: (env) => env.CALLEE.load(new Caller()),
  local: (env) => loadAndCall(env.LOADER, new Caller()),
};

export default {
  async fetch(request: Request, env: CallerEnv): Promise<Response> {
    const url = new URL(request.url);
    const way = WAYS[url.pathname.slice(1)];
    if (way === undefined) return new Response("ok");
    const calls = Math.min(MAX_CALLS, Math.max(1, Number(url.searchParams.get("calls")) || 50));
    let kept: ({ ping(): Promise<number> } & Disposable) | undefined;
    const session = async () => (kept ??= await env.CALLEE.session());
    if (url.pathname === "/reused") await session();
    try {
      const started = Date.now();
      for (let i = 0; i < calls; i++) await way(env, session);
      return Response.json({ msPerCall: (Date.now() - started) / calls });
    } finally {
      kept?.[Symbol.dispose]();
    }
  },
} satisfies ExportedHandler<CallerEnv>;
