import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

const numbers = z
  .array(z.number().finite())
  .min(1, "values must hold at least one number")
  .max(100_000)
  .describe("The numbers to summarize; at least one.");

export const mathApi = defineApi({
  name: "math",
  description: "Arithmetic and descriptive statistics over lists of numbers, in double-precision floating point (as JavaScript numbers).",
  methods: {
    add: defineMethod({
      description: "Adds two numbers and returns their sum.",
      input: z.object({
        a: z.number().finite().describe("The first addend."),
        b: z.number().finite().describe("The second addend."),
      }),
      output: z.number(),
    }),
    stats: defineMethod({
      description: "Summarizes a list of numbers. Fails on an empty list.",
      input: z.object({ values: numbers }),
      output: z.object({
        mean: z.number().describe("Arithmetic mean."),
        median: z.number().describe("Middle value; the mean of the two middle values for an even count."),
        stdev: z.number().describe("Population standard deviation."),
        min: z.number(),
        max: z.number(),
      }),
    }),
  },
});
