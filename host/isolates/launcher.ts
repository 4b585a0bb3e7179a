import { exports } from "cloudflare:workers";
import { runInIsolate } from "./isolate.js";
import type { IsolateLauncher, RunnerService } from "./contracts.js";
import { remoteIsolateLauncher } from "./runner-launcher.js";
import type { EgressProps } from "../egress/entrypoint.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/** How this Worker's Egress entrypoint is bound for one execution: `ctx.exports.Egress({ props })`. */
type EgressLoopback = (options: { props: EgressProps }) => Fetcher;

/** The Worker's own Egress entrypoint, or a sentence saying how to export it. */
function egressLoopback(): EgressLoopback {
  const entrypoint = (exports as Record<string, unknown>).Egress;
  if (entrypoint === undefined || entrypoint === null) {
    throw new Error(
      'This Worker does not export Ghostwire\'s Egress entrypoint, which every execution\'s fetch() goes through. Add `export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "ghostwire";` to its main module.',
    );
  }
  return entrypoint as EgressLoopback;
}

function local(loader: WorkerLoader): IsolateLauncher {
  const egress = egressLoopback();
  return {
    run: (job) => runInIsolate(loader, job, egress({ props: job.egress })),
  };
}

/** The runner when the `RUNNER` binding exists (`npm start`), else this process's loader. */
export function createIsolateLauncher(env: GhostwireEnv): IsolateLauncher {
  // wrangler types a binding to another Worker's entrypoint as an untyped Service.
  return env.RUNNER === undefined ? local(env.LOADER) : remoteIsolateLauncher(env.RUNNER as unknown as RunnerService);
}
