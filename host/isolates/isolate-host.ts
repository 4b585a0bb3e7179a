import { exports } from "cloudflare:workers";
import { runInIsolate } from "./isolate";
import type { IsolateHost, RunnerService } from "./contracts";
import { remoteIsolateHost } from "./runner-isolate-host";

function local(loader: WorkerLoader): IsolateHost {
  return {
    run: (job) => runInIsolate(loader, job, exports.Egress({ props: job.egress })),
  };
}

/** The runner when the `RUNNER` binding exists (`npm start`), else this process's loader. */
export function createIsolateHost(env: Env): IsolateHost {
  // wrangler types a binding to another Worker's entrypoint as an untyped Service.
  return env.RUNNER === undefined ? local(env.LOADER) : remoteIsolateHost(env.RUNNER as unknown as RunnerService);
}
