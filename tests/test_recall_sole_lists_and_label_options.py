"""Round L dev misses (issue 11) in Python: one-member model lists, options whose declared
choices are labels, and endpoint settings named after model-serving software.

- ``_supported_completion_models = ["gpt-3.5-turbo-instruct"]``: a list named as models with
  a single member that can only be a model name is a catalog of one.
- ``model_name = field(default="gpt-3.5-turbo", metadata={"choices": [...]})`` whose choices
  are mostly no model names (``alpaca-7b``, ``bard``, ``wizardlm-7b``): the option picks rows of
  a dataset by the name of the model that wrote them; its default is no model use.
- ``vllm_server_base_url = "http://localhost:8000"``: a local URL under a setting named after
  an inference server is a self-hosted model API.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

OPENAI_LLM = """
class OpenAI(BaseOpenAI):
    _supported_chat_models = ["gpt-4o", "gpt-4o-mini", "gpt-4.1"]
    _supported_completion_models = ["gpt-3.5-turbo-instruct"]
    model: str = "gpt-4.1-mini"
"""


def test_one_member_model_list_is_a_catalog(make_tree: MakeTree) -> None:
    found = hosted(scan(make_tree({"llm/openai.py": OPENAI_LLM})))
    assert found.get("gpt-3.5-turbo-instruct") == {"openai"}


def test_one_member_list_of_a_route_is_no_hub_catalog(make_tree: MakeTree) -> None:
    code = 'GEMINI_MODELS = ["gemini/gemini-2.0-flash"]\n'
    inv = scan(make_tree({"app/routes.py": code}))
    assert "gemini/gemini-2.0-flash" not in {m.name.lower() for m in inv.models.values()}


def test_one_member_list_needs_a_model_name_and_a_models_name(make_tree: MakeTree) -> None:
    code = """
FAST_MODELS = ["fast"]
MODEL_PREFIX = ["gpt-4o"]
DEPRECATED_MODELS = ["text-davinci-003"]
SUPPORTED_LANGUAGES = ["gpt-4o"]
"""
    found = everything(scan(make_tree({"app/consts.py": code})))
    assert not {"fast", "gpt-4o", "text-davinci-003"} & found


ULTRAFEEDBACK = """
from dataclasses import dataclass, field

from datasets import load_dataset
from transformers import HfArgumentParser


@dataclass
class ScriptArguments:
    model_name: str = field(
        default="gpt-3.5-turbo",
        metadata={
            "help": "Language model to target.",
            "choices": ["alpaca-7b", "bard", "falcon-40b-instruct", "gpt-3.5-turbo", "gpt-4",
                        "llama-2-13b-chat", "pythia-12b", "starchat", "vicuna-33b", "wizardlm-7b"],
        },
    )


if __name__ == "__main__":
    args = HfArgumentParser(ScriptArguments).parse_args_into_dataclasses()[0]
    ds = load_dataset("openbmb/UltraFeedback", split="train")
    ds = ds.filter(lambda x: args.model_name in x["models"])
"""


def test_option_choosing_among_labels_is_no_model(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"examples/datasets/ultrafeedback.py": ULTRAFEEDBACK})))
    assert "gpt-3.5-turbo" not in found
    assert "gpt-4" not in found


def test_option_choosing_among_models_keeps_its_default(make_tree: MakeTree) -> None:
    code = """
import argparse
from dataclasses import dataclass, field


@dataclass
class Args:
    model_name: str = field(
        default="gpt-4o-mini",
        metadata={"choices": ["gpt-4o-mini", "gpt-4o", "claude-3-5-haiku-20241022"]},
    )


parser = argparse.ArgumentParser()
parser.add_argument("--judge-model", default="gpt-4.1", choices=["gpt-4.1", "o3-mini", "local"])
"""
    found = hosted(scan(make_tree({"judge.py": code})))
    assert "gpt-4o-mini" in found
    assert "gpt-4.1" in found
    assert "o3-mini" in found  # argparse choices are offered too


def test_argparse_choices_of_labels_drop_the_default(make_tree: MakeTree) -> None:
    code = """
import argparse

parser = argparse.ArgumentParser()
parser.add_argument(
    "--model", default="gpt-4", choices=["gpt-4", "human", "baseline", "random", "oracle"]
)
"""
    assert "gpt-4" not in everything(scan(make_tree({"pick.py": code})))


def test_endpoint_setting_named_after_a_model_server_is_self_hosted(make_tree: MakeTree) -> None:
    code = """
from dataclasses import dataclass, field


@dataclass
class AsyncConfig:
    vllm_server_base_url: str = field(default="http://localhost:8000")
"""
    inv = scan(make_tree({"trl/async_config.py": code}))
    assert ("self-hosted", "http://localhost:8000") in endpoints(inv)


def test_local_url_setting_not_named_for_a_server_is_no_service(make_tree: MakeTree) -> None:
    code = """
from dataclasses import dataclass, field


@dataclass
class WebConfig:
    callback_url: str = field(default="http://localhost:8000")
    server_host: str = "http://localhost:9000"
"""
    assert not endpoints(scan(make_tree({"app/web_config.py": code})))


def test_telemetry_endpoint_of_a_server_project_is_no_model_api(make_tree: MakeTree) -> None:
    code = """
import os

XINFERENCE_OTLP_BASE_ENDPOINT = os.getenv("XINFERENCE_OTLP_ENDPOINT", "http://localhost:4318")
"""
    assert not endpoints(scan(make_tree({"xinference/constants.py": code})))
