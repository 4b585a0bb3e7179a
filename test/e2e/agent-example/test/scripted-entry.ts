// The entry the e2e test serves (`wrangler dev test/scripted-entry.ts`): the
// example Worker, with the agent's model replaced by the scripted one, so the
// test drives the agent with no network but loopback to the host.
import { GhostwireAgent as ExampleAgent } from "../src/agent";
import worker from "../src/index";
import { scriptedModel } from "./scripted-model.mjs";

export class GhostwireAgent extends ExampleAgent {
  override model = scriptedModel();
}

export default worker;
