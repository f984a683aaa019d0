import OpenAI from "openai";

// Summaries come from Moonshot's Kimi API (OpenAI-compatible).
const kimi = new OpenAI({
  baseURL: "https://api.moonshot.cn/v1",
  apiKey: process.env.MOONSHOT_API_KEY,
});

const SUMMARY_MODEL = "moonshot-v1-8k";

export async function summarise(text: string): Promise<string> {
  console.log("summarising with gpt-4o"); // log text, not a model use
  const res = await kimi.chat.completions.create({
    model: SUMMARY_MODEL,
    messages: [{ role: "user", content: `Summarise:\n${text}` }],
  });
  return res.choices[0].message.content ?? "";
}
