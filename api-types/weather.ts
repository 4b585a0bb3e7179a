import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

const units = z.enum(["metric", "imperial"]).describe("metric: °C and km/h; imperial: °F and mph. Default metric.");
const conditions = z.enum(["clear", "partly-cloudy", "cloudy", "rain", "storm", "snow", "fog"]);

const alert = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("heat"),
      severity: z.enum(["advisory", "warning"]),
      peakTemperature: z.number(),
    }),
    z.object({
      kind: z.literal("wind"),
      severity: z.enum(["advisory", "warning"]),
      gustSpeed: z.number(),
    }),
    z.object({
      kind: z.literal("flood"),
      severity: z.enum(["watch", "warning"]),
      areas: z.array(z.string()).describe("Districts named in the alert."),
    }),
  ])
  .describe("An active weather alert; `kind` tells which fields it has.");

export const weatherApi = defineApi({
  name: "weather",
  description: "Current conditions, alerts and daily forecasts for cities (synthetic, deterministic demo data).",
  methods: {
    current: defineMethod({
      description: "Current conditions and active alerts in a city.",
      input: z.object({
        city: z.string().min(1).max(100).describe('City name, e.g. "Lisbon".'),
        units: units.optional(),
      }),
      output: z.object({
        city: z.string(),
        units,
        temperature: z.number(),
        conditions,
        wind: z.object({
          speed: z.number(),
          direction: z.enum(["N", "NE", "E", "SE", "S", "SW", "W", "NW"]),
        }),
        humidity: z.number().describe("Relative humidity in percent."),
        alerts: z.array(alert),
        observedAt: z.string().describe("ISO 8601 time of the observation."),
      }),
    }),
    forecast: defineMethod({
      description: "Daily forecast for the next days, starting tomorrow.",
      input: z.object({
        city: z.string().min(1).max(100),
        days: z.number().int().min(1).max(14).optional().describe("How many days, 1 to 14; default 3."),
        units: units.optional(),
      }),
      output: z.object({
        city: z.string(),
        units,
        days: z.array(
          z.object({
            date: z.string().describe("YYYY-MM-DD."),
            high: z.number(),
            low: z.number(),
            conditions,
            precipitation: z
              .union([
                z.object({ type: z.literal("none") }),
                z.object({ type: z.enum(["rain", "snow"]), millimeters: z.number(), probability: z.number() }),
              ])
              .describe("Expected precipitation; `none` carries no amounts."),
          }),
        ),
      }),
    }),
  },
});
