/** How an operation's request body is sent: the media type chosen and its encoding. */
export interface BodyEncoding {
  readonly mediaType: string;
  readonly kind: "json" | "form" | "multipart" | "text";
}

/** Most characters of one form field name built from nested keys ("a[b][0][c]"). */
const MAX_FORM_KEY_CHARS = 1000;

/** JSON media types: application/json and any application/…+json. */
export const isJsonMediaType = (type: string) => /^application\/(?:[\w.-]+\+)?json\b/i.test(type);

/**
 * The body an operation takes, preferring JSON, then form-encoded, then
 * multipart, then text (`text/*`, or `application/octet-stream` taken as a
 * string sent as its UTF-8 bytes); undefined when it declares none of them
 * (the body is then not part of the method's input).
 */
export function pickBody(content: Record<string, unknown> | undefined): BodyEncoding | undefined {
  const types = Object.keys(content ?? {});
  const json = types.find(isJsonMediaType);
  if (json !== undefined) return { mediaType: json, kind: "json" };
  const form = types.find((type) => /^application\/x-www-form-urlencoded\b/i.test(type));
  if (form !== undefined) return { mediaType: form, kind: "form" };
  const multipart = types.find((type) => /^multipart\/form-data\b/i.test(type));
  if (multipart !== undefined) return { mediaType: multipart, kind: "multipart" };
  const text = types.find((type) => /^text\//i.test(type)) ?? types.find((type) => /^application\/octet-stream\b/i.test(type));
  if (text !== undefined) return { mediaType: text, kind: "text" };
  return undefined;
}

/**
 * Form fields of a body object, with nested objects and arrays in the
 * bracket style form APIs read (`metadata[order]=6`, `items[0][price]=p1`).
 */
export function formFields(value: unknown, prefix = ""): [string, string][] {
  if (value === undefined) return [];
  if (value === null) return prefix === "" ? [] : [[prefix, ""]];
  if (typeof value !== "object") return prefix === "" ? [] : [[prefix, String(value)]];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return entries.flatMap(([key, inner]) => {
    const name = prefix === "" ? key : `${prefix}[${key}]`;
    return name.length > MAX_FORM_KEY_CHARS ? [] : formFields(inner, name);
  });
}

/** The body to send, encoded as `encoding` says. Multipart leaves the content type (with its boundary) to fetch. */
export function encodeBody(encoding: BodyEncoding, value: unknown): BodyInit {
  if (encoding.kind === "json") return JSON.stringify(value);
  if (encoding.kind === "form") return new URLSearchParams(formFields(value)).toString();
  if (encoding.kind === "text") return typeof value === "string" ? value : JSON.stringify(value);
  const form = new FormData();
  for (const [key, inner] of Object.entries(value !== null && typeof value === "object" ? value : {})) {
    if (inner !== undefined) form.append(key, typeof inner === "string" ? inner : JSON.stringify(inner));
  }
  return form;
}
