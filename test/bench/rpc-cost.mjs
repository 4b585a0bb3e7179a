// `npm run bench:rpc`: what a remote provider call and live log streaming
// cost, side by side in one run against the real host (`npm start`'s two
// processes). Each variant is an execution over /rpc; the variants alternate
// round by round, and the table gives the p50 of the host's stats.wallMs and
// the ratio to the baseline of its pair.
import { RpcTarget, connect, provide } from "../../host/front/rpc/client.ts";
import { startHost } from "../e2e/host-process.mjs";

const ROUNDS = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 40;
const TOKEN = "provider-token-for-bench-0123456789";

class Adder extends RpcTarget {
  async add({ a, b }) {
    return a + b;
  }
}
const contract = {
  name: "remote",
  description: "An adder served by a provider process.",
  methods: { add: { description: "Adds.", input: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] }, output: { type: "number" } } },
};

const p50 = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const logs = "for (let i = 0; i < 20; i++) console.log('line', i);\n";

const host = await startHost({ vars: { GHOSTWIRE_PROVIDER_TOKEN: TOKEN } });
const provider = await provide(host.base, { token: TOKEN, contract, implementation: new Adder() });
const gw = connect(host.base);
try {
  const variants = {
    "one local API call (math.add)": () => gw.execute("return await math.add({ a: 1, b: 2 });"),
    "one provider call (remote.add)": () => gw.execute("return await remote.add({ a: 1, b: 2 });"),
    "20 console.log, no onLog": () => gw.execute(`${logs}return 1;`),
    "20 console.log, streamed to onLog": () => gw.execute(`${logs}return 1;`, { onLog: () => undefined }),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -5; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const response = await run();
      if (!response.ok) throw new Error(`${name}: ${JSON.stringify(response.error)}`);
      if (round >= 0) samples[name].push(response.stats.wallMs);
    }
  }
  const names = Object.keys(variants);
  console.log(`p50 of stats.wallMs over ${ROUNDS} alternating rounds, npm start (layered):\n`);
  console.log("| what | p50 ms | ratio |");
  console.log("|---|---|---|");
  for (const [i, name] of names.entries()) {
    const base = p50(samples[names[i - (i % 2)]]);
    console.log(`| ${name} | ${p50(samples[name])} | ${(p50(samples[name]) / base).toFixed(2)} |`);
  }
} finally {
  gw[Symbol.dispose]();
  provider.session[Symbol.dispose]();
  await host.stop();
}
