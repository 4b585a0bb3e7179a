// A scripted AI SDK language model (MockLanguageModelV4 from `ai/test`) for the
// e2e tests of ghostwire/ai and of this example agent. It answers from the
// prompt alone, so it needs no network and keeps no state between requests:
// - the code to run is given as `runs`, or else is the last user message,
//   several runs separated by lines of `---`;
// - while fewer tool results than runs follow that message, it calls the
//   code tool with the next run's code;
// - then it answers in text with the last tool result it was shown, as JSON,
//   so a test reads what the tool really returned from the model's answer.
import { MockLanguageModelV4 } from "ai/test";

/** The tool the model calls: the name the code tool has in the tool set. */
export const CODE_TOOL_NAME = "execute";
/** How the model's answer begins; the last tool result's output follows as JSON. */
export const ANSWER_PREFIX = "Tool result: ";

const USAGE = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** The code runs to make (`scripted`, or those the last user message asks for), and the tool results the prompt holds after that message. */
function readPrompt(prompt, scripted) {
  const lastUser = prompt.findLastIndex((message) => message.role === "user");
  if (lastUser === -1) throw new Error("The scripted model was given no user message: send a prompt.");
  const text = prompt[lastUser].content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
  const runs = scripted ?? text.split(/^---$/m).map((code) => code.trim()).filter((code) => code !== "");
  const results = prompt.slice(lastUser + 1).flatMap((message) => (message.role === "tool" ? message.content.filter((part) => part.type === "tool-result") : []));
  return { runs, results };
}

/** A fresh scripted model, running `runs` (an array of code) or the code in the prompt; its `doGenerateCalls` records every call it was given. */
export function scriptedModel(runs) {
  return new MockLanguageModelV4({
    doGenerate: async ({ prompt }) => {
      const { runs: codes, results } = readPrompt(prompt, runs);
      if (results.length < codes.length) {
        const input = JSON.stringify({ code: codes[results.length] });
        return { content: [{ type: "tool-call", toolCallId: `run-${results.length + 1}`, toolName: CODE_TOOL_NAME, input }], finishReason: { unified: "tool-calls", raw: undefined }, usage: USAGE, warnings: [] };
      }
      const last = results.at(-1)?.output;
      return { content: [{ type: "text", text: `${ANSWER_PREFIX}${JSON.stringify(last ?? null)}` }], finishReason: { unified: "stop", raw: undefined }, usage: USAGE, warnings: [] };
    },
  });
}
