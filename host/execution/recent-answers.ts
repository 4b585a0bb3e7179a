/**
 * Answers to agent code kept by the code as sent, for code that comes again:
 * the most recent `capacity` answers, each for code of at most
 * RECENT_CODE_MAX_CHARS characters; the oldest is forgotten first. What is kept is
 * code and what the host derived from it, in the host's memory only
 * (README, "Privacy"). Used by the nesting check (host/execution/check/code-nesting.ts),
 * the type check's recent checks, kept per set of declarations, which are
 * keys of another RecentAnswers (host/execution/check/typecheck.ts), and the
 * recent compilations (host/execution/compile-agent.ts).
 */
/** Longest code whose answers are kept: longer code is rare, and would make what is kept large. */
export const RECENT_CODE_MAX_CHARS = 16_384;

export class RecentAnswers<T> {
  readonly #answers = new Map<string, T>();

  /** `maxKeyChars`: the longest key kept; code's limit unless the keys are the host's own text. */
  constructor(
    readonly capacity: number,
    readonly maxKeyChars = RECENT_CODE_MAX_CHARS,
  ) {}

  /** The answer kept for `code`, which becomes the most recent; undefined when none is. */
  get(code: string): T | undefined {
    const answer = this.#answers.get(code);
    if (answer === undefined) return undefined;
    this.#answers.delete(code);
    this.#answers.set(code, answer);
    return answer;
  }

  /** Keeps `answer` for `code`, unless the code is longer than `maxKeyChars`; forgets the oldest past `capacity`. */
  remember(code: string, answer: T): void {
    if (code.length > this.maxKeyChars) return;
    if (this.#answers.size >= this.capacity) this.#answers.delete(this.#answers.keys().next().value!);
    this.#answers.set(code, answer);
  }
}
