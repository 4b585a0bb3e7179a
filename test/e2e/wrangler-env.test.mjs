// `npm run start:single` sets wrangler's environment in package.json, where
// host/dev/wrangler-env.mjs cannot reach: it must set every variable there.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { WRANGLER_DEV_ENV } from "../../host/dev/wrangler-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("npm run start:single runs wrangler dev with every variable of WRANGLER_DEV_ENV", async () => {
  const { scripts } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const [environment] = scripts["start:single"].split(" wrangler dev ");
  const set = Object.fromEntries(environment.split(" ").map((pair) => pair.split("=")));
  assert.deepEqual(set, WRANGLER_DEV_ENV);
});
