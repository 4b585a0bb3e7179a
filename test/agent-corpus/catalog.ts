import { program, type AgentProgram } from "./agent-program.js";
import { PRODUCTS, productById, round, searchAll, sum } from "./fixtures.js";

/** Shopping tasks against `catalog` (some with `math`), as models write them; paging loops are in catalog-paging.ts. */

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const FIXED_CATEGORIES = ["camping", "climbing", "electronics", "kitchen", "apparel", "books"] as const;

export const CATALOG_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "cheapest in-stock product per category, fanned out with Promise.all",
    apis: ["catalog"],
    code: program`
      const categories = ["camping", "climbing", "electronics", "kitchen", "apparel", "books"] as const;

      const cheapest = await Promise.all(
        categories.map(async (category) => {
          const { items } = await catalog.search({ category, limit: 50 });
          const inStock = items.filter((p) => p.inStock);
          return { category, cheapest: inStock[0]?.name ?? null, price: inStock[0]?.price ?? null };
        })
      );
      return cheapest;
    `,
    expect: {
      result: () =>
        FIXED_CATEGORIES.map((category) => {
          const first = searchAll({ category }).find((p) => p.inStock);
          return { category, cheapest: first?.name ?? null, price: first?.price ?? null };
        }),
    },
  },
  {
    name: "counts a price band per category with Object.groupBy",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ minPrice: 20, maxPrice: 80, limit: 50 });
      const byCategory = Object.groupBy(items, (p) => p.category);
      return Object.fromEntries(
        Object.entries(byCategory).map(([cat, list]) => [cat, list?.length ?? 0])
      );
    `,
    expect: {
      result: () => {
        const counts: Record<string, number> = {};
        for (const p of searchAll({ minPrice: 20, maxPrice: 80 }).slice(0, 50)) counts[p.category] = (counts[p.category] ?? 0) + 1;
        return counts;
      },
    },
  },
  {
    name: "top three electronics by rating, toSorted and Intl.NumberFormat",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ category: "electronics", limit: 50 });
      const fmt = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
      return items
        .toSorted((a, b) => b.rating - a.rating)
        .slice(0, 3)
        .map((p) => \`\${p.name} (\${p.rating}★) – \${fmt.format(p.price)}\`);
    `,
    expect: {
      result: () =>
        searchAll({ category: "electronics" })
          .sort((a, b) => b.rating - a.rating)
          .slice(0, 3)
          .map((p) => `${p.name} (${p.rating}★) – ${usd.format(p.price)}`),
    },
  },
  {
    name: "gets several ids at once and reports the ones that are missing",
    apis: ["catalog"],
    code: program`
      const ids = ["p-001", "p-014", "p-999", "p-042"];
      const products = await Promise.all(ids.map((id) => catalog.get({ id })));
      const found = products.filter((p) => p !== null);
      const missing = ids.filter((_, i) => products[i] === null);
      return { total: found.reduce((sum, p) => sum + p.price, 0), missing };
    `,
    expect: { result: () => ({ total: productById("p-001").price + productById("p-014").price + productById("p-042").price, missing: ["p-999"] }) },
  },
  {
    name: "average rating of the tents the search finds",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ query: "tent" });
      if (items.length === 0) return "no tents found";

      const avg = items.reduce((acc, p) => acc + p.rating, 0) / items.length;
      return {
        count: items.length,
        avgRating: Math.round(avg * 100) / 100,
        names: items.map(p => p.name),
      };
    `,
    expect: {
      result: () => {
        const tents = searchAll({ query: "tent" }).slice(0, 10);
        return { count: tents.length, avgRating: round(sum(tents.map((p) => p.rating)) / tents.length, 2), names: tents.map((p) => p.name) };
      },
    },
  },
  {
    name: "fills a $300 budget greedily with a Cart class declared in the body",
    apis: ["catalog"],
    code: program`
      type Line = { id: string; name: string; price: number };

      class Cart {
        private lines: Line[] = [];
        constructor(private readonly budget: number) {}

        get total() {
          return this.lines.reduce((s, l) => s + l.price, 0);
        }

        tryAdd(p: Line): boolean {
          if (this.total + p.price > this.budget) return false;
          this.lines.push(p);
          return true;
        }

        summary() {
          return { total: this.total, items: this.lines.map((l) => l.name) };
        }
      }

      const cart = new Cart(300);
      const wanted = ["tent", "headlamp", "stove", "sleeping bag", "water filter"];
      for (const q of wanted) {
        const { items } = await catalog.search({ query: q, limit: 1 });
        const [first] = items;
        if (first && first.inStock) cart.tryAdd(first);
      }
      return cart.summary();
    `,
    expect: {
      result: () => {
        const chosen: string[] = [];
        let total = 0;
        for (const query of ["tent", "headlamp", "stove", "sleeping bag", "water filter"]) {
          const first = searchAll({ query })[0];
          if (first?.inStock && total + first.price <= 300) {
            chosen.push(first.name);
            total += first.price;
          }
        }
        return { total, items: chosen };
      },
    },
  },
  {
    name: "distinct climbing tags through a Set, sorted",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ category: "climbing", limit: 50 });
      const tags = new Set(items.flatMap((p) => p.tags));
      return [...tags].toSorted();
    `,
    expect: { result: () => [...new Set(PRODUCTS.filter((p) => p.category === "climbing").flatMap((p) => p.tags))].sort() },
  },
  {
    name: "compares two products with destructuring and defaults",
    apis: ["catalog"],
    code: program`
      const [a, b] = await Promise.all([catalog.get({ id: "p-003" }), catalog.get({ id: "p-021" })]);
      if (!a || !b) throw new Error("product not found");

      const { name: nameA, price: priceA, rating: ratingA = 0 } = a;
      const { name: nameB, price: priceB, rating: ratingB = 0 } = b;

      return {
        cheaper: priceA <= priceB ? nameA : nameB,
        priceDiff: Math.abs(priceA - priceB),
        betterRated: ratingA >= ratingB ? nameA : nameB,
      };
    `,
    expect: {
      result: () => {
        const [a, b] = [productById("p-003"), productById("p-021")];
        return { cheaper: a.price <= b.price ? a.name : b.name, priceDiff: Math.abs(a.price - b.price), betterRated: a.rating >= b.rating ? a.name : b.name };
      },
    },
  },
  {
    name: "summarizes kitchen prices with math.stats",
    apis: ["catalog", "math"],
    code: program`
      const { items } = await catalog.search({ category: "kitchen", limit: 50 });
      const s = await math.stats({ values: items.map((p) => p.price) });
      return { n: items.length, mean: s.mean.toFixed(2), median: s.median, spread: s.max - s.min };
    `,
    expect: {
      result: () => {
        const prices = searchAll({ category: "kitchen" })
          .map((p) => p.price)
          .sort((a, b) => a - b);
        const n = prices.length;
        const median = n % 2 === 1 ? prices[(n - 1) / 2] : (prices[n / 2 - 1] + prices[n / 2]) / 2;
        return { n, mean: (sum(prices) / n).toFixed(2), median, spread: prices[n - 1] - prices[0] };
      },
    },
  },
  {
    name: "a search helper that catches, logs with console.error and falls back",
    apis: ["catalog"],
    code: program`
      async function safeSearch(query: string, limit: number) {
        try {
          return (await catalog.search({ query, limit })).items;
        } catch (e) {
          console.error("search failed:", e);
          return [];
        }
      }

      const big = await safeSearch("waterproof", 500);
      const small = await safeSearch("waterproof", 3);
      return { big: big.length, small: small.map((p) => p.id) };
    `,
    expect: {
      result: () => ({ big: 0, small: searchAll({ query: "waterproof" }).slice(0, 3).map((p) => p.id) }),
      // The logged error names the failing field and points at the call, on the agent's line 3.
      log: /^error search failed: ValidationError: Invalid input for catalog\.search[^\n]*limit[\s\S]*agent\.ts:3:\d+/m,
    },
  },
  {
    name: "the first three in-stock products under $50 through iterator helpers",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ maxPrice: 50, limit: 50 });
      const picks = items
        .values()
        .filter((p) => p.inStock)
        .map((p) => ({ id: p.id, label: \`\${p.name} ($\${p.price})\` }))
        .take(3)
        .toArray();
      return picks;
    `,
    expect: {
      result: () =>
        searchAll({ maxPrice: 50 })
          .slice(0, 50)
          .filter((p) => p.inStock)
          .slice(0, 3)
          .map((p) => ({ id: p.id, label: `${p.name} ($${p.price})` })),
    },
  },
];
