/**
 * The code a first visit opens with: it uses only the demo APIs (catalog,
 * math), logs while it runs and returns a value. test/workerd/front/
 * documented-examples.test.ts runs it and test/e2e/playground-browser.test.mjs
 * runs it from the page; both expect it to succeed.
 */
export const DEFAULT_EXAMPLE = `// The body of an async function: top-level await, \`return\` a value.
const { items } = await catalog.search({ category: "camping", maxPrice: 100, limit: 3 });
console.log(\`found \${items.length}\`);
const stats = await math.stats({ values: items.map((p) => p.price) });
return { names: items.map((p) => p.name), stats };
`;
