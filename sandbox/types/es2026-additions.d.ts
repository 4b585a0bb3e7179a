// What the sandbox's V8 ships at its compatibility date and TypeScript 6's
// libraries do not declare yet: ES2026 additions, declared the way the
// proposals specify them. Built into the type environment by sandbox/build.mjs;
// test/workerd/execution/type-environment.test.ts checks both sides.

interface Math {
  /** Sums the numbers exactly, without rounding the partial sums (ES2026). */
  sumPrecise(numbers: Iterable<number>): number;
}

/** A value JSON.stringify writes as its raw text (ES2026). */
interface RawJSON {
  readonly rawJSON: string;
}

interface JSON {
  /** A value that JSON.stringify writes as `text`, which must be a JSON primitive (ES2026). */
  rawJSON(text: string): RawJSON;
  /** Whether `value` was made by JSON.rawJSON (ES2026). */
  isRawJSON(value: unknown): value is RawJSON;
}
