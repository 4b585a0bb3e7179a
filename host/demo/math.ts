import type { ApiImplementation } from "../../api-types/define.js";
import type { mathApi } from "../../api-types/math.js";

export const mathImplementation: ApiImplementation<typeof mathApi> = {
  add: ({ a, b }) => a + b,
  stats: ({ values }) => {
    const sorted = [...values].sort((x, y) => x - y);
    const n = sorted.length;
    const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
    const middle = Math.floor(n / 2);
    const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    const variance = sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / n;
    return { mean, median, stdev: Math.sqrt(variance), min: sorted[0], max: sorted[n - 1] };
  },
};
