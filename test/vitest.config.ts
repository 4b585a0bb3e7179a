import { workerdConfig } from "./workerd-config.js";

/** The workerd suites of `npm test`; benchmarks live in test/bench/ (test/vitest.bench.config.ts). */
export default workerdConfig(["workerd/**/*.test.ts", "agent-corpus/**/*.test.ts"]);
