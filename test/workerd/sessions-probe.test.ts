import { env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { it } from "vitest";
import { createSession, runInSession, storeOf } from "./session-helpers";
const dump = (token: string) => runInDurableObject(storeOf(token), async (_i, state) => {
  let tables: unknown; try { tables = state.storage.sql.exec("SELECT type, name FROM sqlite_master").toArray(); } catch (e) { tables = String(e); }
  return { tables, size: state.storage.sql.databaseSize };
});
it("probe", async () => {
  const ids0 = (await listDurableObjectIds(env.SESSIONS)).length;
  const { session } = await createSession();
  await runInSession(session, `await session.set({ key: "a", value: 1 });`);
  console.log("live", JSON.stringify(await dump(session)), ids0, (await listDurableObjectIds(env.SESSIONS)).length);
  await runInSession(session.slice(0, 5) + "B".repeat(64), "return 1;");
  console.log("after probe", (await listDurableObjectIds(env.SESSIONS)).length);
  await storeOf(session).burn();
  console.log("burnt", JSON.stringify(await dump(session)), (await listDurableObjectIds(env.SESSIONS)).length);
});
