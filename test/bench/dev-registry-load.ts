// What both Workers of `npm run bench:dev-registry` (test/bench/dev-registry-cost.mjs)
// run for its load rows: the floor of one execution (test/bench/bare-load.ts).

/** One tiny module that calls its caller back once. */
const MODULE = `import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async run(caller) { return await caller.ping(); }
}`;

/** Loads a fresh isolate of MODULE and runs it once with `caller`. */
export async function loadAndCall(loader: WorkerLoader, caller: object): Promise<unknown> {
  const worker = loader.load({ compatibilityDate: "2026-11-01", mainModule: "main.js", modules: { "main.js": MODULE }, env: {}, globalOutbound: null });
  const entrypoint = worker.getEntrypoint() as unknown as { run(caller: object): Promise<unknown> } & Partial<Disposable>;
  try {
    return await entrypoint.run(caller);
  } finally {
    entrypoint[Symbol.dispose]?.();
  }
}
