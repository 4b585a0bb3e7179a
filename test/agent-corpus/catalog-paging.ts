import { program, type AgentProgram } from "./agent-program.js";
import { CATEGORY_NAMES, PRODUCTS, searchAll } from "./fixtures.js";

/** Catalog tasks that page through catalog.search with `nextCursor`, in the shapes models write loops. */

export const CATALOG_PAGING_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "pages through every camping product with a do/while over nextCursor",
    apis: ["catalog"],
    code: program`
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await catalog.search({ category: "camping", limit: 3, cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all.map((p) => p.id);
    `,
    expect: { result: () => searchAll({ category: "camping" }).map((p) => p.id) },
  },
  {
    name: "top five tags over the whole catalog, counted in a Map while paging",
    apis: ["catalog"],
    code: program`
      const tagCounts = new Map<string, number>();
      let cursor: string | undefined = undefined;
      while (true) {
        const res = await catalog.search({ limit: 20, cursor });
        for (const p of res.items) {
          for (const tag of p.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
        }
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      const top = [...tagCounts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5);
      return Object.fromEntries(top);
    `,
    expect: {
      result: () => {
        const counts = new Map<string, number>();
        for (const tag of PRODUCTS.flatMap((p) => p.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
        return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5));
      },
    },
  },
  {
    name: "counts products per category from categories() and a full scan",
    apis: ["catalog"],
    code: program`
      const cats = await catalog.categories();
      const counts: Record<string, number> = {};
      for (const c of cats) counts[c] = 0;

      let cursor: string | undefined;
      do {
        const page = await catalog.search({ limit: 50, cursor });
        page.items.forEach((p) => {
          counts[p.category] = (counts[p.category] ?? 0) + 1;
        });
        cursor = page.nextCursor;
      } while (cursor !== undefined);

      return { categories: cats.length, counts };
    `,
    expect: {
      result: () => ({
        categories: CATEGORY_NAMES.length,
        counts: Object.fromEntries(CATEGORY_NAMES.map((c) => [c, PRODUCTS.filter((p) => p.category === c).length])),
      }),
    },
  },
  {
    name: "for await over an async generator that yields every page's items",
    apis: ["catalog"],
    code: program`
      async function* allProducts(query: string) {
        let cursor: string | undefined;
        do {
          const page = await catalog.search({ query, limit: 2, cursor });
          yield* page.items;
          cursor = page.nextCursor;
        } while (cursor);
      }

      const names: string[] = [];
      for await (const p of allProducts("waterproof")) {
        names.push(p.name);
      }
      return names;
    `,
    expect: { result: () => searchAll({ query: "waterproof" }).map((p) => p.name) },
  },
  {
    name: "collects the pages of books with Array.fromAsync",
    apis: ["catalog"],
    code: program`
      async function* pages() {
        let cursor: string | undefined = undefined;
        for (;;) {
          const page: { items: { id: string }[]; nextCursor?: string } = await catalog.search({ category: "books", limit: 4, cursor });
          yield page.items;
          if (!page.nextCursor) return;
          cursor = page.nextCursor;
        }
      }
      const chunks = await Array.fromAsync(pages());
      return { pages: chunks.length, ids: chunks.flat().map((b) => b.id) };
    `,
    expect: {
      result: () => {
        const ids = searchAll({ category: "books" }).map((p) => p.id);
        return { pages: Math.ceil(ids.length / 4), ids };
      },
    },
  },
  {
    name: "an out-of-stock report as a text block, sloppy untyped paging",
    apis: ["catalog"],
    code: program`
      const outOfStock = [];
      let page = await catalog.search({ limit: 25 });
      outOfStock.push(...page.items.filter(p => !p.inStock));
      while (page.nextCursor) {
        page = await catalog.search({ limit: 25, cursor: page.nextCursor });
        outOfStock.push(...page.items.filter(p => !p.inStock));
      }
      console.log(\`found \${outOfStock.length} products out of stock\`);
      const lines = outOfStock.map(p => \`- \${p.name} [\${p.category}] $\${p.price.toFixed(2)}\`);
      return \`Out of stock (\${lines.length}):\n\${lines.join("\n")}\`;
    `,
    expect: {
      result: () => {
        const lines = searchAll()
          .filter((p) => !p.inStock)
          .map((p) => `- ${p.name} [${p.category}] $${p.price.toFixed(2)}`);
        return `Out of stock (${lines.length}):\n${lines.join("\n")}`;
      },
    },
  },
];
