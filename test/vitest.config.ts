import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "../wrangler.jsonc" },
      // The test runner ships modules into workerd over a WebSocket, whose
      // messages are capped at 1 MiB unless this flag lifts the cap; the
      // TypeScript compiler alone is 9 MB. Tests only: the host never needs it.
      miniflare: { compatibilityFlags: ["nodejs_compat", "increase_websocket_message_size"] },
    }),
  ],
  test: {
    include: ["workerd/**/*.test.ts"],
    // The first request of each file loads the TypeScript compiler in a new
    // isolate (seconds under the test runner); later ones take milliseconds.
    testTimeout: 30_000,
    root: import.meta.dirname,
  },
});
