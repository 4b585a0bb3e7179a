import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

export const CATEGORIES = ["camping", "climbing", "electronics", "kitchen", "apparel", "books"] as const;

export const product = z.object({
  id: z.string().describe('Stable product id, e.g. "p-007".'),
  name: z.string(),
  category: z.enum(CATEGORIES),
  price: z.number().describe("Unit price in `currency`."),
  currency: z.literal("USD"),
  inStock: z.boolean(),
  rating: z.number().describe("Average review score from 1.0 to 5.0."),
  tags: z.array(z.string()),
  description: z.string(),
});

export type Product = z.infer<typeof product>;

export const catalogApi = defineApi({
  name: "catalog",
  description: "The product catalog of an outdoor, electronics and home goods shop.",
  methods: {
    search: defineMethod({
      description:
        "Finds products by text, category and price range, cheapest first. Pages through results with `cursor`.",
      input: z.object({
        query: z.string().max(200).optional().describe("Words that must all appear in the name, description or tags (case-insensitive)."),
        category: z.enum(CATEGORIES).optional(),
        minPrice: z.number().min(0).optional().describe("Lowest price, inclusive."),
        maxPrice: z.number().min(0).optional().describe("Highest price, inclusive."),
        limit: z.number().int().min(1).max(50).optional().describe("Page size, 1 to 50; default 10."),
        cursor: z.string().max(100).optional().describe("The `nextCursor` of the previous page."),
      }),
      output: z.object({
        items: z.array(product),
        nextCursor: z.string().optional().describe("Present when more results follow; pass it back as `cursor`."),
      }),
      throws: { InvalidCursorError: "when `cursor` is not a `nextCursor` this API returned" },
    }),
    get: defineMethod({
      description: "Returns one product by id, or null when no product has that id.",
      input: z.object({ id: z.string().max(100) }),
      output: product.nullable(),
    }),
    categories: defineMethod({
      description: "Lists every product category, in alphabetical order.",
      input: z.object({}),
      output: z.array(z.enum(CATEGORIES)),
    }),
  },
});
