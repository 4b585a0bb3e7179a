import type { BridgeReply } from "../../api-types/sandbox-protocol.js";

/**
 * One API call as the bridge saw it, for replay: the method's current name,
 * the JSON text of its validated input, and the reply the bridge gave
 * (absent while the call runs). Replay matches a call by all three names.
 */
export interface RecordedCall {
  readonly api: string;
  readonly method: string;
  readonly inputJson: string;
  reply?: BridgeReply;
}

/** Whether two calls are the same call: same API, method and input. */
export const sameCall = (a: Omit<RecordedCall, "reply">, b: Omit<RecordedCall, "reply">) => a.api === b.api && a.method === b.method && a.inputJson === b.inputJson;

/**
 * The calls of one execution that reached their method (validated, past
 * approval), in the order the code issued them. It is kept only while an
 * execution may pause (a granted method has an approval rule, or it is a
 * replay), and only up to `maxChars` of JSON: past that it is `overflowed`
 * and the execution can no longer pause.
 */
export class CallRecording {
  readonly #calls: RecordedCall[] = [];
  readonly #maxChars: number;
  #chars = 0;
  readonly #running = new Set<Promise<void>>();

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  get overflowed(): boolean {
    return this.#chars > this.#maxChars;
  }

  /** Adds a call as it is issued; `reply` when it is answered at once, else call the returned `done` once it is. */
  add(call: Omit<RecordedCall, "reply">, reply?: BridgeReply): (reply: BridgeReply) => void {
    const entry: RecordedCall = { api: call.api, method: call.method, inputJson: call.inputJson };
    this.#calls.push(entry);
    this.#chars += call.api.length + call.method.length + call.inputJson.length;
    let finish: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (finish = resolve));
    this.#running.add(running);
    const done = (answer: BridgeReply) => {
      if (entry.reply !== undefined) return;
      entry.reply = answer;
      this.#chars += JSON.stringify(answer).length;
      this.#running.delete(running);
      finish();
    };
    if (reply !== undefined) done(reply);
    return done;
  }

  /** Resolves once every call added so far has its reply: a call still running when the execution paused counts as done before it. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  /** The calls, each with its reply; call after `settled()`. */
  get calls(): readonly RecordedCall[] {
    return this.#calls.filter((call): call is RecordedCall & { reply: BridgeReply } => call.reply !== undefined).map((call) => ({ ...call }));
  }
}
