// The environment of every `wrangler dev` and `wrangler deploy --dry-run` this
// repository starts: host/dev/start.mjs (`npm start`), the tests, the benches
// and the import run. `npm run start:single` sets the same variables in
// package.json; test/e2e/wrangler-env.test.mjs holds it to this list.

/** Loopback is the only network: no telemetry, no fetch of Cloudflare's request metadata. */
export const OFFLINE_WRANGLER_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

/**
 * Two features `wrangler dev` turns on unless told otherwise, both off, since
 * each breaks a promise the host makes (README, "Privacy"):
 * - local observability (`X_LOCAL_OBSERVABILITY`): a trace collector tails
 *   every request the Worker serves and writes its spans and console lines
 *   to SQLite under .wrangler/state/v3/observability, kept across runs. The
 *   spans hold full URLs, among them those agent code fetched through the
 *   egress gateway, query strings included. It also costs CPU on every
 *   request, more for a host that makes several RPC calls per execution.
 * - the local explorer (`X_LOCAL_EXPLORER`): `/cdn-cgi/local/explorer` on the
 *   Worker's own port, which lists and queries its Durable Objects and reads
 *   those traces, without the host's client token.
 * Wrangler reads both from its environment, or from a `.env` file where it
 * runs (test/e2e/example-worker/.env).
 */
const PRIVATE_DEV_ENV = { X_LOCAL_OBSERVABILITY: "false", X_LOCAL_EXPLORER: "false" };

/** Both of the above: what every `wrangler dev` of the host runs with. */
export const WRANGLER_DEV_ENV = { ...OFFLINE_WRANGLER_ENV, ...PRIVATE_DEV_ENV };
