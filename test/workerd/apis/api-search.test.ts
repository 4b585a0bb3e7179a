import { z } from "zod";
import { describe, expect, it } from "vitest";
import type { RegisteredApi } from "../../../host/apis/registry.js";
import { MAX_QUERY_TERMS, searchApis } from "../../../host/apis/search.js";
import { stem } from "../../../host/apis/search-terms.js";
import { DEMO_OPTIONS } from "../../../host/demo/index.js";
import { resolveOptions } from "../../../host/ghostwire-options.js";
import { GITHUB_LIKE, GITHUB_TASKS } from "./search-fixture-github.js";

const apis = resolveOptions(DEMO_OPTIONS).registry.list();
const names = (query: string, within: readonly RegisteredApi[] = apis) => searchApis(within, query).hits.map((h) => `${h.api}.${h.method}`);

/** An API whose methods do nothing: only names, descriptions and tags matter to search. */
function apiOf(name: string, methods: Record<string, string>, tags?: Record<string, string[]>): RegisteredApi {
  return {
    contract: { name, description: `The ${name} API.`, methods: Object.fromEntries(Object.entries(methods).map(([m, description]) => [m, { description, input: z.object({}), output: z.unknown() }])) },
    handlers: Object.fromEntries(Object.keys(methods).map((m) => [m, () => null])),
    ...(tags && { tags }),
  };
}

describe("searchApis", () => {
  it("finds methods by name and declares only those", () => {
    const found = searchApis(apis, "stats");
    expect(found.hits[0]).toMatchObject({ api: "math", method: "stats" });
    expect(found.declarations).toContain("stats(input");
    expect(found.declarations).not.toContain("add(input");
    expect(found.declarations).not.toContain("declare const catalog");
  });

  it("ranks partial matches rather than needing every term, and splits camelCase", () => {
    expect(names("catalog search")[0]).toBe("catalog.search");
    const partial = names("catalog zzzz-nothing");
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((name) => name.startsWith("catalog."))).toBe(true);
    expect(names("zzzz-nothing")).toEqual([]);
    expect(searchApis(apis, "zzzz-nothing").declarations).toBe("");
    const camel = apiOf("shop", { listOpenOrders: "Orders not yet shipped.", getOrder: "One order." });
    expect(names("open", [camel])).toEqual(["shop.listOpenOrders"]);
  });

  it("matches every method for an empty query, and honours the limit", () => {
    const all = searchApis(apis, "");
    expect(all.total).toBe(apis.reduce((n, api) => n + Object.keys(api.contract.methods).length, 0));
    const two = searchApis(apis, "", 2);
    expect(two.hits).toHaveLength(2);
    expect(two.total).toBe(all.total);
  });

  it("stems plurals and simple endings, without joining different words", () => {
    for (const [a, b] of [["issues", "issue"], ["comments", "comment"], ["created", "create"], ["creating", "create"], ["listing", "list"], ["repositories", "repository"], ["labels", "label"], ["matches", "match"], ["organizations", "organize"]]) {
      expect(stem(a), `${a} ~ ${b}`).toBe(stem(b));
    }
    for (const [a, b] of [["status", "stat"], ["address", "add"], ["users", "use"], ["pulls", "pul"]]) expect(stem(a), `${a} ≁ ${b}`).not.toBe(stem(b));
    const api = apiOf("tracker", { issues_list_comments: "Lists the comments on an issue.", issues_create: "Creates an issue." });
    expect(names("listing comment", [api])[0]).toBe("tracker.issues_list_comments");
    expect(names("created issues", [api])[0]).toBe("tracker.issues_create");
  });

  it("puts the right method of a GitHub-like API in the top 5 for at least 90% of tasks in an agent's words", () => {
    expect(Object.keys(GITHUB_LIKE.contract.methods).length).toBeGreaterThanOrEqual(50);
    const missed = GITHUB_TASKS.filter(([task, method]) => !searchApis([GITHUB_LIKE], task, 5).hits.some((hit) => hit.method === method));
    expect(GITHUB_TASKS.length - missed.length, `missed: ${missed.map(([task]) => task).join("; ")}`).toBeGreaterThanOrEqual(Math.ceil(0.9 * GITHUB_TASKS.length));
  });

  it("breaks ties by relevance: name over description, more terms, shorter name; deterministically", () => {
    const api = apiOf("things", { remove_widget: "Deletes it.", archive: "Archives a widget, or removes it.", widget_remove_all_for_owner: "Deletes every widget." });
    expect(names("remove widget", [api])).toEqual(["things.remove_widget", "things.widget_remove_all_for_owner", "things.archive"]);
    const reversed = apiOf("things", Object.fromEntries(Object.entries(api.contract.methods).reverse().map(([m, c]) => [m, c.description])));
    expect(names("remove widget", [reversed])).toEqual(names("remove widget", [api]));
    const ties = apiOf("things", { list_widgets_for_owner: "Lists widgets.", list_widgets: "Lists widgets." });
    expect(names("list widgets", [ties])).toEqual(["things.list_widgets", "things.list_widgets_for_owner"]);
  });

  it("matches a method's tags", () => {
    const untagged = apiOf("slack", { post: "Sends text.", history: "Reads text." });
    const tagged = apiOf("slack", { post: "Sends text.", history: "Reads text." }, { post: ["chat"], history: ["conversations"] });
    expect(names("chat", [untagged])).toEqual([]);
    expect(names("chat", [tagged])).toEqual(["slack.post"]);
  });

  it(`reads at most ${MAX_QUERY_TERMS} terms of a query`, () => {
    const filler = Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `zq${String.fromCharCode(97 + i)}`).join(" ");
    expect(names(`merge ${filler}`, [GITHUB_LIKE])[0]).toBe("github.pulls_merge");
    expect(names(`${filler} merge`, [GITHUB_LIKE])).toEqual([]);
  });
});
