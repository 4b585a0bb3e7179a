import { describe, expect, it } from "vitest";
import { searchApis } from "../../../host/apis/search.js";
import { DEMO_OPTIONS } from "../../../host/demo/index.js";
import { resolveOptions } from "../../../host/ghostwire-options.js";

const apis = resolveOptions(DEMO_OPTIONS).registry.list();

describe("searchApis", () => {
  it("finds methods by name and declares only those", () => {
    const found = searchApis(apis, "stats");
    expect(found.hits[0]).toMatchObject({ api: "math", method: "stats" });
    expect(found.declarations).toContain("stats(input");
    expect(found.declarations).not.toContain("add(input");
    expect(found.declarations).not.toContain("declare const catalog");
  });

  it("needs every term to match, and splits camelCase", () => {
    expect(searchApis(apis, "catalog search").hits.map((h) => `${h.api}.${h.method}`)).toEqual(["catalog.search"]);
    expect(searchApis(apis, "catalog zzzz-nothing").hits).toEqual([]);
    expect(searchApis(apis, "zzzz-nothing").declarations).toBe("");
  });

  it("matches every method for an empty query, and honours the limit", () => {
    const all = searchApis(apis, "");
    expect(all.total).toBe(apis.reduce((n, api) => n + Object.keys(api.contract.methods).length, 0));
    const two = searchApis(apis, "", 2);
    expect(two.hits).toHaveLength(2);
    expect(two.total).toBe(all.total);
  });
});
