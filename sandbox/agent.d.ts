/**
 * The agent's module, transpiled by the host and loaded next to the runtime
 * as "./agent.js". Its default export is the agent's code as an async function.
 */
declare const runAgent: () => Promise<unknown>;
export default runAgent;
