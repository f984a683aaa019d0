"""An inference server's name where a model name goes is no model (issue 11).

Clients of a Text Embeddings Inference server pass ``model: "tei"`` (TEI ignores the field);
configs select a backend with ``model: "vllm"``. The names of serving software (TEI, TGI,
vLLM, Ollama, llama.cpp, ...) never name a model, so such a value is not reported, while a
real model name in the same place still is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

EMBEDDER = """
import OpenAI from "openai";

export class HuggingFaceEmbedder {
  constructor(config) {
    const baseURL = config.baseURL || "http://localhost:8080/v1";
    this.openai = new OpenAI({ apiKey: "hf", baseURL });
    // TEI ignores the model field
    this.model = config.model || "tei";
  }
  async embed(text) {
    const response = await this.openai.embeddings.create({ model: this.model, input: text });
    return response.data[0].embedding;
  }
}

export class Chat {
  constructor(config) {
    this.openai = new OpenAI({ apiKey: "x", baseURL: "http://localhost:8000/v1" });
    this.model = config.model || "vllm";
  }
  async run(messages) {
    return this.openai.chat.completions.create({ model: this.model, messages });
  }
}
"""

REAL = """
import OpenAI from "openai";

export class Chat {
  constructor(config) {
    this.openai = new OpenAI({ apiKey: "x", baseURL: "http://localhost:8000/v1" });
    this.model = config.model || "Qwen/Qwen2.5-7B-Instruct";
  }
  async run(messages) {
    return this.openai.chat.completions.create({ model: this.model, messages });
  }
}
"""


def test_serving_software_names_are_not_models(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"src/embeddings/huggingface.ts": EMBEDDER})))
    assert "tei" not in found and "vllm" not in found


def test_a_real_model_in_the_same_place_is_still_found(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/llms/chat.ts": REAL}))
    assert "qwen/qwen2.5-7b-instruct" in everything(inv)
