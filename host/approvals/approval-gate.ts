import { MAX_APPROVAL_NOTE_CHARS, type ApprovalRule, type PendingCall } from "../../api-types/approval.js";
import type { BridgeReply } from "../../api-types/sandbox-protocol.js";
import type { RunClock } from "../isolates/run-clock.js";
import { settleWithin } from "../isolates/settle-within.js";
import type { ApprovalChannel, ApprovalDecision } from "./approval-channel.js";
import { approvalReason } from "./approval-rules.js";
import { CallRecording, sameCall, type RecordedCall } from "./call-recording.js";

/** The call an execution paused at: what the person decides on, and its input as the recording compares it. */
export interface PausedCall extends PendingCall {
  readonly inputJson: string;
}

/** A decision on a paused execution, as its resume replays it; `by` is who decided, named in ApprovalDenied. */
export interface ReplayDecision extends ApprovalDecision {
  readonly by: string;
}

/** What a resumed execution replays: the calls recorded before the pause, then the paused call with its decision. */
export interface Replay {
  readonly calls: readonly RecordedCall[];
  readonly pending: PausedCall;
  readonly decision: ReplayDecision;
}

/** Why the gate ended an execution: it paused for approval, its replay diverged, or it could not pause. */
export type GateStop =
  | { readonly kind: "paused"; readonly pending: PausedCall; readonly calls: readonly RecordedCall[] }
  | { readonly kind: "diverged"; readonly message: string }
  | { readonly kind: "unavailable"; readonly message: string };

/** A call past validation, before its method runs. */
export interface GatedCall {
  readonly api: string;
  readonly method: string;
  readonly input: unknown;
  readonly inputJson: string;
  readonly rule: ApprovalRule<any> | undefined;
}

/** The gate's answer: run the method and report its reply with `done`, or answer with `reply` without running it. */
export type Admission = { readonly run: true; done(reply: BridgeReply): void } | { readonly run: false; readonly reply: BridgeReply };

export interface GateOptions {
  /** Who can be asked while the execution waits; absent (or unable to wait GHOSTWIRE_APPROVAL_WAIT_MS), the execution pauses instead. */
  readonly channel?: ApprovalChannel;
  /** GHOSTWIRE_APPROVAL_WAIT_MS. */
  readonly waitMs: number;
  readonly clock: RunClock;
  readonly replay?: Replay;
  /** GHOSTWIRE_APPROVAL_MAX_BYTES: the recording's cap. */
  readonly maxRecordChars: number;
}

const refused = (name: string, message: string): BridgeReply => ({ ok: false, name, message });
const STOPPED = refused("ExecutionEnded", "This execution stopped at a call that needs approval; its other calls are not run.");
const TIMED_OUT = Symbol("timed out");

/** A note from a channel, cut to MAX_APPROVAL_NOTE_CHARS; anything but a string is no note. */
const noteOf = (note: unknown) => (typeof note === "string" && note !== "" ? note.slice(0, MAX_APPROVAL_NOTE_CHARS) : undefined);

/** The ApprovalDenied reply agent code catches: who denied the call and why, if they said. */
export function deniedReply(api: string, method: string, by: string, note: string | undefined): BridgeReply {
  return refused("ApprovalDenied", `${api}.${method} was denied by ${by}${note === undefined ? "." : `: ${note}`}`);
}

/**
 * Decides, for each call of one execution that reached its method, whether
 * the method runs: the one place approval rules are applied, replays are
 * matched, and the execution is paused. Owned by the executor, which makes
 * one only when a granted method has a rule or the execution resumes; consulted by
 * the bridge (host/execution/bridge.ts) after validation and before the
 * method; `stopped` resolves when the execution must end at once.
 *
 * - Replay: the n-th call must be the n-th recorded one, and is answered from
 *   the recording without running; then the paused call must come, and runs
 *   once (approved) or rejects with ApprovalDenied; then the code runs live.
 *   Any other call ends the execution with ReplayDiverged, and nothing runs.
 * - Live: a call whose rule gives a reason is asked about over the channel,
 *   the execution's deadline held meanwhile, for at most the wait limit.
 * - Pause: with no channel able to wait that long, the first such call ends
 *   the execution with the recording of the calls issued before it.
 */
export class ApprovalGate {
  readonly #options: GateOptions;
  readonly #recording: CallRecording;
  #issued = 0;
  #stop: GateStop | undefined;
  #stopping = false;
  #onStop: (stop: GateStop) => void = () => undefined;
  /** Resolves with why the execution must end, if it must; never rejects. */
  readonly stopped: Promise<GateStop>;

  constructor(options: GateOptions) {
    this.#options = options;
    this.#recording = new CallRecording(options.maxRecordChars);
    this.stopped = new Promise((resolve) => (this.#onStop = resolve));
  }

  async admit(call: GatedCall): Promise<Admission> {
    if (this.#stopping) return { run: false, reply: STOPPED };
    const index = this.#issued++;
    const replay = this.#options.replay;
    if (replay !== undefined && index <= replay.calls.length) {
      const expected = index < replay.calls.length ? replay.calls[index] : replay.pending;
      if (!sameCall(expected, call)) {
        return this.#end({
          kind: "diverged",
          message: `On resume, call ${index + 1} of the code was ${call.api}.${call.method}(${call.inputJson.slice(0, 200)}) where it was ${expected.api}.${expected.method}(${expected.inputJson.slice(0, 200)}) before the pause, so the approval cannot apply; nothing else ran. Make the code take the same path every time (no Math.random, Date or fetch results deciding which calls it makes), then run it again.`,
        });
      }
      if (index < replay.calls.length) return this.#answer(call, replay.calls[index].reply ?? STOPPED);
      const { approve, note, by } = replay.decision;
      return approve ? this.#run(call) : this.#answer(call, deniedReply(call.api, call.method, by, note));
    }
    const reason = approvalReason(call.rule, call.api, call.method, call.input);
    if (reason === undefined) return this.#run(call);
    const { channel, waitMs } = this.#options;
    if (channel !== undefined && channel.maxWaitMs >= waitMs) return this.#ask(channel, call, reason);
    // From here on, later calls are refused; calls issued before this one finish and are recorded first.
    this.#stopping = true;
    await this.#recording.settled();
    const recording = this.#recording;
    if (recording.overflowed) {
      return this.#end({ kind: "unavailable", message: `${call.api}.${call.method} needs approval, and this execution made more calls before it than a paused execution may keep (GHOSTWIRE_APPROVAL_MAX_BYTES). Make fewer or smaller calls before it, or approve it live (Cap'n Web onApproval, MCP elicitation).` });
    }
    return this.#end({ kind: "paused", pending: { api: call.api, method: call.method, input: call.input, inputJson: call.inputJson, reason }, calls: recording.calls });
  }

  async #ask(channel: ApprovalChannel, call: GatedCall, reason: string): Promise<Admission> {
    const abort = new AbortController();
    const release = this.#options.clock.hold();
    let answer: unknown;
    try {
      answer = await settleWithin(
        channel.ask({ api: call.api, method: call.method, input: call.input, reason }, abort.signal).catch((error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) })),
        this.#options.waitMs,
        TIMED_OUT,
      );
    } finally {
      release();
    }
    if (answer === TIMED_OUT) {
      abort.abort();
      return this.#answer(call, refused("ApprovalTimeout", `${call.api}.${call.method} needs approval, and ${channel.by} did not decide within ${this.#options.waitMs} ms; it did not run.`));
    }
    const decision = answer as { approve?: unknown; note?: unknown; failed?: unknown };
    if (typeof decision === "object" && decision !== null && decision.approve === true) return this.#run(call);
    const note = typeof decision?.failed === "string" ? `no decision came back (${decision.failed.slice(0, 200)})` : typeof decision === "object" && decision !== null && typeof decision.approve === "boolean" ? noteOf(decision.note) : "the answer was not a decision";
    return this.#answer(call, deniedReply(call.api, call.method, channel.by, note));
  }

  #run(call: GatedCall): Admission {
    return { run: true, done: this.#recording.add(call) };
  }

  #answer(call: GatedCall, reply: BridgeReply): Admission {
    this.#recording.add(call, reply);
    return { run: false, reply };
  }

  #end(stop: GateStop): Admission {
    this.#stopping = true;
    this.#stop ??= stop;
    this.#onStop(this.#stop);
    return { run: false, reply: STOPPED };
  }
}
