// A Worker that serves Ghostwire with one API of its own: agents send
// TypeScript to POST /v1/execute (or /mcp, /rpc) and call `units.convert(…)`.
import { createGhostwire, defineApi, defineMethod, implementApi } from "ghostwire";
import { z } from "zod";

const METERS_PER_UNIT = { mm: 0.001, cm: 0.01, m: 1, km: 1000 } as const;
const unit = z.enum(["mm", "cm", "m", "km"]);

// The contract: what agent code sees (as TypeScript declarations) and what
// the host validates on the way in and out.
const unitsApi = defineApi({
  name: "units",
  description: "Converts lengths between metric units.",
  methods: {
    convert: defineMethod({
      description: "Converts `value` from unit `from` to unit `to`.",
      input: z.object({ value: z.number(), from: unit, to: unit }),
      output: z.number(),
    }),
  },
});

const ghostwire = createGhostwire({
  apis: [
    implementApi(unitsApi, {
      convert: ({ value, from, to }) => (value * METERS_PER_UNIT[from]) / METERS_PER_UNIT[to],
    }),
  ],
});

// Re-exported under these names: wrangler.jsonc binds the Durable Objects by
// class name, and every execution's fetch() goes through Egress.
export { Egress, SessionStore, ProviderHost, ProviderDirectory, ElicitationMailbox } from "ghostwire";
export default ghostwire.handler;
