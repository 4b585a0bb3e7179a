/**
 * How an OpenAPI 3 query parameter's value goes into the URL, per its
 * `style` and `explode` (OpenAPI 3, "Style Values"; the default is form with
 * explode true). Names and values are percent-encoded; the delimiters the
 * style puts between values are not, so `symbols=EUR,GBP` stays readable.
 * - scalars: `name=value`; a non-string is sent as its JSON text (true, 3).
 * - arrays: form with explode → the key repeated (`id=1&id=2`); form without
 *   → comma-joined (`symbols=EUR,GBP`); spaceDelimited and pipeDelimited
 *   join with "%20" and "|".
 * - objects: form with explode → each property its own key (`a=1&b=2`);
 *   form without → `name=a,1,b,2`; deepObject → `name[a]=1&name[b]=2`.
 * Values inside arrays and objects are strings or their JSON text.
 */
export interface QueryStyle {
  readonly style?: string;
  readonly explode?: boolean;
}

const text = (value: unknown) => encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value));

const DELIMITERS: Readonly<Record<string, string>> = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" };

/** The `key=value` pairs of parameter `name` with `value` (not undefined), encoded as `style` says. */
export function queryPairs(name: string, value: unknown, { style = "form", explode = style === "form" }: QueryStyle): string[] {
  const key = encodeURIComponent(name);
  if (Array.isArray(value)) {
    return explode ? value.map((item) => `${key}=${text(item)}`) : [`${key}=${value.map(text).join(DELIMITERS[style] ?? ",")}`];
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (style === "deepObject") return entries.map(([k, v]) => `${key}%5B${encodeURIComponent(k)}%5D=${text(v)}`);
    if (explode) return entries.map(([k, v]) => `${encodeURIComponent(k)}=${text(v)}`);
    return [`${key}=${entries.flatMap(([k, v]) => [encodeURIComponent(k), text(v)]).join(",")}`];
  }
  return [`${key}=${text(value)}`];
}
