"""Rule 3 of the recall issue: the project's own wrappers around model calls.

A function or class of the project that forwards a parameter into a known model (or
endpoint) argument makes its call sites model sites, across the project's modules and
through chains of wrappers. A parameter that reaches no model call stays a plain argument.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_class_wrapper_forwarding_to_litellm(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "bench/models.py": (
                "import litellm\n"
                "\n"
                "class ClaudeModel:\n"
                "    def __init__(self, model, temperature=0.0):\n"
                "        self.model = model\n"
                "        self.temperature = temperature\n"
                "\n"
                "    def ask(self, messages):\n"
                "        return litellm.completion(model=self.model, messages=messages)\n"
            ),
            "bench/run.py": (
                "from bench.models import ClaudeModel\n"
                "\n"
                'judge = ClaudeModel(model="claude-3-haiku-20240307")\n'
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["claude-3-haiku-20240307"] == {"anthropic"}
    assert "bench/run.py:3" in service_places(inv, "anthropic")


def test_parameter_default_through_a_chain_of_helpers(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "chat/backoff.py": (
                "from openai import OpenAI\n"
                "\n"
                "def completion_with_backoff(messages, model_name, temperature=0):\n"
                "    client = OpenAI()\n"
                "    return client.chat.completions.create(model=model_name, messages=messages)\n"
            ),
            "chat/middle.py": (
                "from chat.backoff import completion_with_backoff\n"
                "\n"
                "def send(messages, model):\n"
                "    return completion_with_backoff(messages, model_name=model)\n"
            ),
            "chat/gpt.py": (
                "from chat.middle import send\n"
                "\n"
                'def converse(question, model: str = "gpt-4.1-mini"):\n'
                '    return send([{"role": "user", "content": question}], model)\n'
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["gpt-4.1-mini"] == {"openai"}
    assert any(p.startswith("chat/gpt.py:") for p in service_places(inv, "openai"))


def test_hub_loader_wrapper(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/load.py": (
                "from transformers import AutoModelForCausalLM\n"
                "\n"
                "def load_backbone(repo, dtype=None):\n"
                "    return AutoModelForCausalLM.from_pretrained(repo, torch_dtype=dtype)\n"
            ),
            "main.py": (
                "from lib.load import load_backbone\n"
                "\n"
                'model = load_backbone("mistralai/Mistral-7B-v0.1")\n'
            ),
        }
    )
    from recall_scan import models

    assert "main.py:3" in models(scan(root))["mistralai/mistral-7b-v0.1"]


def test_endpoint_wrapper(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "svc/client.py": (
                "from openai import OpenAI\n"
                "\n"
                "def make_client(base_url, key='none'):\n"
                "    return OpenAI(base_url=base_url, api_key=key)\n"
            ),
            "svc/app.py": (
                "from svc.client import make_client\n"
                "\n"
                'client = make_client("https://api.deepseek.com/v1")\n'
            ),
        }
    )
    assert ("deepseek", "https://api.deepseek.com/v1") in endpoints(scan(root))


def test_parameters_that_reach_no_model_call_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "util/log.py": (
                "import logging\n"
                "\n"
                "def record_usage(model, tokens):\n"
                '    logging.info("%s used %d tokens", model, tokens)\n'
                "\n"
                "def label(model_id):\n"
                '    return model_id.split("/")[-1]\n'
            ),
            "util/app.py": (
                "from util.log import label, record_usage\n"
                "\n"
                'record_usage("gpt-4o", 12)\n'
                'short = label("Qwen/Qwen2.5-0.5B")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "gpt-4o" not in found
    assert "qwen/qwen2.5-0.5b" not in found


def test_a_summary_cut_short_by_the_depth_limit_is_not_kept() -> None:
    import ast

    from aibom.scanners.python_resolve import ModuleIndex
    from aibom.scanners.python_source import MAX_SUMMARY_DEPTH, forwarding_summary

    code = (
        "import litellm\n"
        "\n"
        "def ask(model, messages):\n"
        "    return litellm.completion(model=model, messages=messages)\n"
    )
    ix = ModuleIndex(ast.parse(code))
    assert forwarding_summary(ix, MAX_SUMMARY_DEPTH) == {}  # asked from too deep: no answer
    assert forwarding_summary(ix) == {"ask": {"model": "model"}}  # asked again: the real one
