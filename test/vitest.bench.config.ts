import { workerdConfig } from "./workerd-config.js";

/** The benchmarks that run inside workerd (`npm run bench:workerd`): they print timings and assert only on outcomes. */
export default workerdConfig(["bench/workerd/*.bench-test.ts"]);
