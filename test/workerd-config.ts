import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * The vitest config of every suite that runs inside workerd: the suites
 * (test/vitest.config.ts, `npm test`) and the benchmarks
 * (test/vitest.bench.config.ts, `npm run bench:workerd`) differ only in the
 * files they include, given relative to test/.
 */
export function workerdConfig(include: string[]) {
  return defineConfig({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "../host/dev/wrangler.jsonc" },
        // The test runner ships modules into workerd over a WebSocket, whose
        // messages are capped at 1 MiB unless this flag lifts the cap; the
        // TypeScript compiler alone is 9 MB. Tests only: the host never needs it.
        miniflare: {
          compatibilityFlags: ["nodejs_compat", "increase_websocket_message_size"],
          // Egress suites: a canary stands in for the demo upstream's token, so
          // the adversarial suite can look for it in everything the sandbox
          // sees; small egress limits let each limit be crossed quickly.
          bindings: {
            DEMO_UPSTREAM_TOKEN: "canary-7Hq2xZ9v-egress-secret-4kT1",
            GHOSTWIRE_MAX_EGRESS_REQUESTS: "12",
            GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES: "65536",
            GHOSTWIRE_EGRESS_TIMEOUT_MS: "3000",
            // Session suites: small caps, so each can be crossed in a few calls.
            GHOSTWIRE_SESSION_MAX_KEYS: "5",
            GHOSTWIRE_SESSION_MAX_VALUE_BYTES: "2048",
            GHOSTWIRE_SESSION_MAX_BYTES: "8192",
          },
        },
      }),
    ],
    test: {
      include,
      // The first request of each file loads the TypeScript compiler in a new
      // isolate (seconds under the test runner); later ones take milliseconds.
      testTimeout: 30_000,
      root: import.meta.dirname,
    },
  });
}
