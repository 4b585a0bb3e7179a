// The peer of `npm run bench`: @cloudflare/codemode's DynamicWorkerExecutor
// running the bench's program, wired the way its README says (one executor
// on env.LOADER, one provider named `math` resolved with resolveProvider).
// Each request loads a fresh isolate that calls `math.add` once over Workers
// RPC and answers {"result": 42}; an execution that reports an error answers
// HTTP 500 with it, so the bench counts it as a failure.
import { DynamicWorkerExecutor, resolveProvider } from "@cloudflare/codemode";

interface PeerEnv {
  LOADER: WorkerLoader;
}

/** The bench's program in codemode's format: an async arrow function. */
const CODE = "async () => await math.add({ a: 20, b: 22 })";

const math = resolveProvider({
  name: "math",
  tools: {
    add: {
      description: "Adds two numbers.",
      execute: async (args: unknown) => {
        const { a, b } = args as { a: number; b: number };
        return a + b;
      },
    },
  },
});

export default {
  async fetch(_request: Request, env: PeerEnv): Promise<Response> {
    const executor = new DynamicWorkerExecutor({ loader: env.LOADER });
    const outcome = await executor.execute(CODE, [math]);
    if (outcome.error !== undefined) return Response.json({ error: outcome.error }, { status: 500 });
    return Response.json({ result: outcome.result });
  },
} satisfies ExportedHandler<PeerEnv>;
