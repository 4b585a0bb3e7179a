// wrangler's local explorer as the e2e tests see it: it must be off on every
// `wrangler dev` that serves Ghostwire or its examples (host/dev/wrangler-env.mjs).
import assert from "node:assert/strict";

/** The explorer's listing of the Worker's Durable Object namespaces, which names each class. */
const NAMESPACES = "/cdn-cgi/local/explorer/api/workers/durable_objects/namespaces";

/** Throws unless the `wrangler dev` at `base` answers the explorer's listing with the Worker's own 404, naming no `className`. */
export async function assertNoLocalExplorer(base, className) {
  const response = await fetch(`${base}${NAMESPACES}`);
  const text = await response.text();
  assert.equal(response.status, 404, text.slice(0, 300));
  assert.ok(!text.includes(className), text.slice(0, 300));
}
