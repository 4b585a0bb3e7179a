/**
 * The agent's module, transpiled by the host and loaded next to the runtime
 * as "./agent.js". Its default export is a factory (host/execution/instrument.ts): called
 * once with the fuel's `burn`, it returns the agent's code as an async function.
 */
declare const runAgent: (burn: () => void) => () => Promise<unknown>;
export default runAgent;
