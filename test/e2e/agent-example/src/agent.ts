import { Agent } from "agents";
import { generateText, stepCountIs, type LanguageModel } from "ai";
import { codeTool, searchTool } from "ghostwire/ai";

export class GhostwireAgent extends Agent<Env> {
  model: LanguageModel = "anthropic/claude-sonnet-4.5"; // any AI SDK model; this one through AI Gateway
  async onRequest(request: Request): Promise<Response> {
    const ghostwire = { binding: this.env.GHOSTWIRE, apis: ["math"] }; // the host, through a service binding
    const tools = { execute: await codeTool(ghostwire), search: searchTool(ghostwire) };
    const { text } = await generateText({ model: this.model, tools, stopWhen: stepCountIs(5), prompt: await request.text() });
    return new Response(text);
  }
}
