import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

/** The demo's price list, in USD: a few products of the catalog demo, by id. */
export const ORDER_PRICES: Readonly<Record<string, { readonly name: string; readonly price: number }>> = Object.freeze({
  "p-001": { name: "Trailblazer 2P Tent", price: 289 },
  "p-014": { name: "Keystone Locking Carabiner", price: 14.99 },
  "p-039": { name: "Silicone Spatula Set", price: 12.99 },
  "p-040": { name: "Digital Kitchen Scale", price: 19.95 },
});

/** Orders over this total, in USD, need a person's approval. */
export const ORDER_APPROVAL_OVER_USD = 100;

const productIds = Object.keys(ORDER_PRICES) as [string, ...string[]];

/** The total of `quantity` of a product, in USD, rounded to cents. */
export const orderTotal = (productId: string, quantity: number) => Math.round((ORDER_PRICES[productId]?.price ?? 0) * quantity * 100) / 100;

const order = z.object({
  id: z.string().describe("The order's id, e.g. \"o-1\"."),
  productId: z.string(),
  name: z.string().describe("The product's name."),
  quantity: z.number().int(),
  total: z.number().describe("Price times quantity, in USD."),
});

export const ordersApi = defineApi({
  name: "orders",
  description: "Places demo orders from a small price list (the side effect approvals guard) and lists them. Demo state: orders live in the host's memory only.",
  methods: {
    place: defineMethod({
      description: `Places an order for a product of the price list (${productIds.map((id) => `${id}: ${ORDER_PRICES[id].name}, $${ORDER_PRICES[id].price}`).join("; ")}).`,
      input: z.object({
        productId: z.enum(productIds).describe("Which product."),
        quantity: z.number().int().min(1).max(1000).describe("How many."),
      }),
      output: order,
      approval: {
        when: `when the total is over $${ORDER_APPROVAL_OVER_USD}`,
        check: ({ productId, quantity }) => {
          const total = orderTotal(productId, quantity);
          return total > ORDER_APPROVAL_OVER_USD ? `an order of ${quantity} × ${ORDER_PRICES[productId].name} totals $${total}, over $${ORDER_APPROVAL_OVER_USD}` : false;
        },
      },
    }),
    list: defineMethod({
      description: "The orders placed so far, oldest first.",
      input: z.object({}),
      output: z.array(order),
    }),
  },
});
