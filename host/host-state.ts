import type { ApiCatalog } from "./apis/catalog.js";
import type { HostConfig } from "./config.js";
import type { EgressGateway } from "./egress/gateway.js";
import type { IsolateLauncher } from "./isolates/contracts.js";
import type { TypeChecker } from "./execution/check/typecheck.js";
import type { GhostwireEnv } from "./ghostwire-env.js";

/**
 * Per-isolate state of the host Worker: built on first use by the
 * composition root (host/app.ts), kept warm for every later request. It
 * holds configuration and code, never a request's data: nothing here
 * outlives a request that belongs to a user. Types only: a module that
 * needs the state imports this file, never the root that builds it.
 */
export interface HostState {
  readonly env: GhostwireEnv;
  readonly config: HostConfig;
  /** Every API a request can see: the built-in ones, imported MCP servers and OpenAPI specs, remote providers. */
  readonly catalog: ApiCatalog;
  readonly checker: TypeChecker;
  readonly isolates: IsolateLauncher;
  readonly egress: EgressGateway;
}
