/**
 * The rule that turns schema names (an OpenAPI component's key, a `$defs`
 * entry) into TypeScript type names, deterministically:
 * - split the name at every character outside [A-Za-z0-9];
 * - upper-case the first letter of each piece and join them
 *   ("simple-user" → SimpleUser, "payment_method.card" → PaymentMethodCard);
 * - a name that is empty or starts with a digit gets "T" in front ("2fa" → T2fa);
 * - when two names come out the same, the later one (in the document's
 *   order) gets 2, then 3… ("foo-bar" → FooBar, "foo_bar" → FooBar2).
 */
export function typeNameOf(original: string): string {
  const pascal = original
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((piece) => piece[0].toUpperCase() + piece.slice(1))
    .join("");
  return pascal === "" || /^[0-9]/.test(pascal) ? `T${pascal}` : pascal;
}

/** Hands out unique type names within one import, following typeNameOf's rule. */
export class TypeNames {
  readonly #taken = new Set<string>();

  claim(original: string): string {
    const base = typeNameOf(original);
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}${n}`;
    this.#taken.add(name);
    return name;
  }
}
