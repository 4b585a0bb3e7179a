/**
 * The one place zod issues become words. Every caller wraps the clause this
 * returns in its own sentence ("Invalid input for math.add: …."), so the
 * wording of an issue's place and problem is the same everywhere.
 */

/** The parts of a zod issue a sentence uses; zod's own issues fit it. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** On an "unrecognized_keys" issue: the keys that are not allowed. */
  readonly keys?: readonly string[];
}

/** How to word issues; every option is off unless given. */
export interface IssueWording {
  /** How many issues to name, joined by "; ". Default 1: the first only. */
  readonly count?: number;
  /** Names an issue at the root, e.g. "(input)"; without it, such an issue is its message alone. */
  readonly root?: string;
  /** The name every path is under: with "options", a path reads "options.timeoutMs" and the root "options". */
  readonly under?: string;
  /** What joins `under` and a path: "." unless given, e.g. " at ". */
  readonly joiner?: string;
  /**
   * Name only the first segment of a path, or else the first unrecognized
   * key: the place in a flat record such as the Worker's variables.
   */
  readonly firstSegment?: boolean;
}

function place(issue: IssueLike, wording: IssueWording): string | undefined {
  const path = wording.firstSegment ? issue.path.slice(0, 1) : issue.path;
  const where = path.length > 0 ? path.join(".") : wording.firstSegment ? issue.keys?.[0] : undefined;
  if (wording.under !== undefined) return where === undefined ? wording.under : `${wording.under}${wording.joiner ?? "."}${where}`;
  return where ?? wording.root;
}

/**
 * "place: problem" for the first `count` issues, joined by "; ". No final
 * period: the caller's sentence ends it.
 */
export function describeIssues(issues: readonly IssueLike[], wording: IssueWording = {}): string {
  return issues
    .slice(0, wording.count ?? 1)
    .map((issue) => {
      const where = place(issue, wording);
      return where === undefined ? issue.message : `${where}: ${issue.message}`;
    })
    .join("; ");
}
