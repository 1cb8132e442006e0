// Drives Atom's OpenAI-compatible face with the official, unmodified `openai` client, as a user's script would.
// Usage: ATOM_BASE_URL=http://localhost:8080/v1 ATOM_TOKEN=atom_pat_... node client.mjs plain|stream|tool|error <model>
// Prints one JSON line with what the client saw; OpenAiClientTest asserts on it.
import OpenAI from "openai";

const [mode, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL: process.env.ATOM_BASE_URL, apiKey: process.env.ATOM_TOKEN, maxRetries: 0 });
const messages = [{ role: "user", content: "Say hello" }];

async function plain() {
  const { data, response } = await client.chat.completions.create({ model, messages }).withResponse();
  return {
    content: data.choices[0].message.content,
    finishReason: data.choices[0].finish_reason,
    usage: data.usage,
    atomModel: response.headers.get("x-atom-model"),
    atomProvider: response.headers.get("x-atom-provider"),
    atomCost: response.headers.get("x-atom-cost-usd"),
  };
}

async function stream() {
  const { data: chunks, response } = await client.chat.completions
    .create({ model, messages, stream: true, stream_options: { include_usage: true } })
    .withResponse();
  let content = "";
  let usage = null;
  let atom = null;
  let count = 0;
  for await (const chunk of chunks) {
    count++;
    content += chunk.choices[0]?.delta?.content ?? "";
    if (chunk.usage) {
      usage = chunk.usage;
      atom = chunk.x_atom;
    }
  }
  return { content, usage, atom, chunks: count, atomModel: response.headers.get("x-atom-model") };
}

async function tool() {
  const tools = [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather in a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    },
  ];
  const completion = await client.chat.completions.create({ model, messages, tools, tool_choice: "auto" });
  const call = completion.choices[0].message.tool_calls[0];
  return {
    finishReason: completion.choices[0].finish_reason,
    id: call.id,
    name: call.function.name,
    arguments: JSON.parse(call.function.arguments),
  };
}

async function error() {
  try {
    await client.chat.completions.create({ model, messages });
    return { error: null };
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    return { error: { status: e.status, type: e.type, code: e.code, param: e.param, message: e.message } };
  }
}

const modes = { plain, stream, tool, error };
if (!modes[mode]) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
console.log(JSON.stringify(await modes[mode]()));
