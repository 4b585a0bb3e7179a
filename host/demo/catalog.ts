import { CATEGORIES, product, type catalogApi, type Product } from "../../api-types/catalog.js";
import { ApiError } from "../../api-types/call-errors.js";
import type { ApiImplementation } from "../../api-types/define.js";
import fixture from "./catalog-products.json";

const PRODUCTS: readonly Product[] = Object.freeze(product.array().parse(fixture));
const BY_ID = new Map(PRODUCTS.map((p) => [p.id, p]));
const DEFAULT_LIMIT = 10;

/** Cursors are opaque to agents: the offset of the next page, base64url-encoded. */
function encodeCursor(offset: number): string {
  return btoa(`o:${offset}`).replaceAll("=", "");
}

function decodeCursor(cursor: string): number {
  let offset = Number.NaN;
  try {
    const text = atob(cursor);
    if (text.startsWith("o:")) offset = Number(text.slice(2));
  } catch {
    // Falls through to the error below.
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ApiError("InvalidCursorError", "cursor is not one this API returned; pass the nextCursor of the previous page, or omit it for the first page.");
  }
  return offset;
}

function matches(p: Product, words: string[]): boolean {
  const haystack = `${p.name} ${p.description} ${p.tags.join(" ")}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export const catalogImplementation: ApiImplementation<typeof catalogApi> = {
  search: ({ query, category, minPrice, maxPrice, limit = DEFAULT_LIMIT, cursor }) => {
    const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const found = PRODUCTS.filter(
      (p) =>
        (category === undefined || p.category === category) &&
        (minPrice === undefined || p.price >= minPrice) &&
        (maxPrice === undefined || p.price <= maxPrice) &&
        matches(p, words),
    ).sort((a, b) => a.price - b.price || a.id.localeCompare(b.id));
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    const items = found.slice(offset, offset + limit);
    const next = offset + limit;
    return next < found.length ? { items, nextCursor: encodeCursor(next) } : { items };
  },
  get: ({ id }) => BY_ID.get(id) ?? null,
  categories: () => [...CATEGORIES].sort(),
};
