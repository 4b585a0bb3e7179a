// The baseline of `npm run bench`: the least a Code Mode execution can cost.
// One request loads a fresh isolate with one tiny module (same compatibility
// date as the sandbox) and hands it a capability whose one method the
// isolate calls once over Workers RPC. No type-check, no transpile, no
// validation, no egress: only load() plus one RPC round trip.
import { RpcTarget } from "cloudflare:workers";
import { SANDBOX_COMPATIBILITY_DATE } from "../../host/isolates/isolate.js";

interface BenchEnv {
  LOADER: WorkerLoader;
}

class Adder extends RpcTarget {
  add(a: number, b: number): number {
    return a + b;
  }
}

const MODULE = `import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async run(cap) { return await cap.add(20, 22); }
}`;

export default {
  async fetch(_request: Request, env: BenchEnv): Promise<Response> {
    const worker = env.LOADER.load({
      compatibilityDate: SANDBOX_COMPATIBILITY_DATE,
      mainModule: "bare.js",
      modules: { "bare.js": MODULE },
      env: {},
      globalOutbound: null,
    });
    const entrypoint = worker.getEntrypoint() as unknown as { run(cap: Adder): Promise<number> } & Partial<Disposable>;
    try {
      return Response.json({ result: await entrypoint.run(new Adder()) });
    } finally {
      entrypoint[Symbol.dispose]?.();
    }
  },
} satisfies ExportedHandler<BenchEnv>;
