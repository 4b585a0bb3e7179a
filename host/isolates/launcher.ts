import { exports } from "cloudflare:workers";
import { runInIsolate } from "./isolate.js";
import type { IsolateLauncher, RunnerService } from "./contracts.js";
import { remoteIsolateLauncher } from "./runner-launcher.js";

function local(loader: WorkerLoader): IsolateLauncher {
  return {
    run: (job) => runInIsolate(loader, job, exports.Egress({ props: job.egress })),
  };
}

/** The runner when the `RUNNER` binding exists (`npm start`), else this process's loader. */
export function createIsolateLauncher(env: Env): IsolateLauncher {
  // wrangler types a binding to another Worker's entrypoint as an untyped Service.
  return env.RUNNER === undefined ? local(env.LOADER) : remoteIsolateLauncher(env.RUNNER as unknown as RunnerService);
}
