import { env } from "cloudflare:test";
import type { Product } from "../../api-types/catalog.js";
import products from "../../host/demo/catalog-products.json";
import { weatherImplementation } from "../../host/demo/weather.js";

/**
 * The demo data the implementations serve, for computing each program's
 * expected result in plain test code: the catalog's product list, the rates
 * upstream's table and the weather implementation's own functions.
 */

export const PRODUCTS = products as readonly Product[];

/** Products as catalog.search documents it: every word in name, description or tags, filters inclusive, cheapest first (ties by id). */
export function searchAll(filter: { query?: string; category?: string; minPrice?: number; maxPrice?: number } = {}): Product[] {
  const words = (filter.query ?? "").toLowerCase().split(" ").filter((w) => w !== "");
  return PRODUCTS.filter((p) => {
    const text = [p.name, p.description, ...p.tags].join(" ").toLowerCase();
    return (
      (filter.category === undefined || p.category === filter.category) &&
      (filter.minPrice === undefined || p.price >= filter.minPrice) &&
      (filter.maxPrice === undefined || p.price <= filter.maxPrice) &&
      words.every((w) => text.includes(w))
    );
  }).sort((a, b) => (a.price === b.price ? (a.id < b.id ? -1 : 1) : a.price - b.price));
}

export function productById(id: string): Product {
  const found = PRODUCTS.find((p) => p.id === id);
  if (found === undefined) throw new Error(`The catalog fixture has no product ${id}.`);
  return found;
}

export const CATEGORY_NAMES = [...new Set(PRODUCTS.map((p) => p.category))].sort();

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

let upstream: Promise<{ date: string; rates: Record<string, number> }> | undefined;

/**
 * The upstream's date and table of units per euro, read from the upstream
 * itself (the table is private to host/demo/rates-upstream.ts), with its
 * token: the host, the gateway and the sandbox take no part.
 */
export function upstreamTable(): Promise<{ date: string; rates: Record<string, number> }> {
  upstream ??= env.DEMO_UPSTREAM.fetch("http://rates.demo.invalid/v1/latest?base=EUR", { headers: { authorization: `Bearer ${env.DEMO_UPSTREAM_TOKEN}` } }).then((response) =>
    response.json<{ date: string; rates: Record<string, number> }>(),
  );
  return upstream;
}

/** The upstream's quote, as its API documents it: units of `to` per one `from`, to 6 decimals. */
export async function rate(from: string, to: string): Promise<number> {
  const { rates } = await upstreamTable();
  return round(rates[to] / rates[from], 6);
}

/** What weather.current answers for a city, from the demo implementation itself. */
export async function weatherNow(city: string, units?: "metric" | "imperial") {
  return await weatherImplementation.current({ city, units }, undefined as never);
}

export async function weatherForecast(city: string, days?: number, units?: "metric" | "imperial") {
  return await weatherImplementation.forecast({ city, days, units }, undefined as never);
}
