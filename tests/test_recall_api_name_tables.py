"""Display keys mapped to API names (issue 11): a model enum whose values are display/log keys
(``"gpt-5.4-mini (low thinking)"``) reaches the provider through a lookup table of records
holding ``api_name``, or through a function that returns a fixed name for some members and
``model.value`` for the rest. The API names are the models sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

LLM = """
from enum import Enum
import openai


class Llm(Enum):
    GPT_MINI_LOW = "gpt-5.4-mini (low thinking)"
    GEMINI_FLASH_HIGH = "gemini-3-flash-preview (high thinking)"


OPENAI_MODEL_CONFIG = {
    Llm.GPT_MINI_LOW: {"api_name": "gpt-5.4-mini", "reasoning_effort": "low"},
}


def get_gemini_api_model_name(model: Llm) -> str:
    if model in [Llm.GEMINI_FLASH_HIGH]:
        return "gemini-3-flash-preview"
    return model.value


def send(client: openai.OpenAI, model: Llm) -> None:
    client.responses.create(model=OPENAI_MODEL_CONFIG[model]["api_name"], input="hi")
"""


def test_api_name_records_and_enum_value_fallbacks(make_tree: MakeTree) -> None:
    found = hosted(scan(make_tree({"backend/llm.py": LLM})))
    assert "openai" in found["gpt-5.4-mini"]
    assert "google" in found["gemini-3-flash-preview"]


DECOYS = """
import gradio as gr


def label_of(model):
    if model is None:
        return "no model"
    return model.value


def status(model):
    if model.ready:
        return "ready"
    return model.value


demo = gr.Interface(fn=label_of, inputs="text", outputs="text")
demo.launch(api_name="predict")
ENDPOINTS = {"chat": {"api_name": "chat_endpoint", "timeout": 30}}
"""


def test_non_model_api_names_and_returns_are_not_models(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"app.py": DECOYS})))
    assert not {"no model", "ready", "predict", "chat_endpoint"} & found


ENUM = """
from enum import Enum


class Llm(Enum):
    GPT_5_5_LOW = "gpt-5.5 (low thinking)"
    GPT_5_5_HIGH = "gpt-5.5 (high thinking)"
    CLAUDE_OPUS_MAX = "claude-opus-4-8 (max effort)"
    CLAUDE_SONNET = "claude-sonnet-4-6"
"""

NOT_MODELS = """
from enum import Enum


class ModelState(Enum):
    LOADING = "loading (please wait)"
    READY = "ready (idle)"
    FAILED = "failed (see log)"
"""


def test_a_model_enums_display_keys_name_the_model_before_the_parenthesis(
    make_tree: MakeTree,
) -> None:
    found = hosted(scan(make_tree({"llm.py": ENUM, "state.py": NOT_MODELS})))
    assert "openai" in found["gpt-5.5"]
    assert "anthropic" in found["claude-opus-4-8"]
    assert "anthropic" in found["claude-sonnet-4-6"]
    assert "gpt-5.5 (low thinking)" not in found
    assert not {"loading", "ready", "failed"} & set(found)
