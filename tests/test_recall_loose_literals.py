"""Loose literals (issue 11): a string that can only be a model name, passed to an unknown call.

Real projects pass model names to libraries no table lists and to wrappers aibom cannot follow.
A hub id of a known model organisation, a versioned lower-case hosted API name or an Ollama tag
with its size is a model there: as a positional or model-named keyword argument of a callee
outside the project. Not for string methods, messages, data
or template callees, nor in tests. The same literals kept as values elsewhere (assignments,
collections, defaults, returns, the project's own calls) are the stray-literal rule's
(``test_recall_stray_literals.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from recall_scan import everything, hosted, models, scan

from aibom.knowledge.classify import strong_model_literal

MakeTree = Callable[[dict[str, str | bytes]], Path]


@pytest.mark.parametrize(
    "value",
    ["gpt-4o-mini", "claude-3-5-haiku-20241022", "Qwen/Qwen2.5-7B-Instruct", "llama3.1:8b",
     "anthropic/claude-3-haiku-20240307", "gemini-1.5-pro-002"],
)  # fmt: skip
def test_strong_literals(value: str) -> None:
    assert strong_model_literal(value)


@pytest.mark.parametrize(
    "value",
    ["GPT-4o", "o1-", "deepseek-chat", "llama3", "gpt-3.5-turbo&chatglm3", " gpt-4o ",
     "https://huggingface.co/Qwen/Qwen2.5-7B", "openai/v1", "tatsu-lab/alpaca", "gpt-4o {x}",
     "Mistral-7B-v0.2", "gpt-4o_27-01_run", "gpt-researcher:8000", "acme/Qwen2.5-7B"],
)  # fmt: skip
def test_weak_literals(value: str) -> None:
    assert not strong_model_literal(value)


def test_python_model_literals_passed_to_unknown_calls(make_tree: MakeTree) -> None:
    src = (
        "from llmkit import get_llm\n"
        "import newsdk\n"
        "def agent(kind):\n"
        '    llm = get_llm(model="gpt-4o-mini")\n'  # a model keyword of a library's function
        '    other = newsdk.Client("claude-3-5-haiku-20241022", 3)\n'  # an unknown library
        '    emb = newsdk.Embedder(embed_model=kind or "Qwen/Qwen2.5-7B-Instruct")\n'
        '    local = newsdk.pull("x", "llama3.1:8b" if kind else "llama3.2:3b")\n'
        "    return llm, other, emb, local\n"
    )
    inv = scan(make_tree({"app/__init__.py": "", "app/llms.py": "", "app/agent.py": src}))
    assert hosted(inv)["gpt-4o-mini"] == {"openai"}
    assert hosted(inv)["claude-3-5-haiku-20241022"] == {"anthropic"}
    found = models(inv)
    assert found["qwen/qwen2.5-7b-instruct"] == {"app/agent.py:6"}
    assert found["llama3.1:8b"] == {"app/agent.py:7"}
    assert found["llama3.2:3b"] == {"app/agent.py:7"}


def test_python_places_that_do_not_use_the_model_stay_out(make_tree: MakeTree) -> None:
    src = (
        '"""Uses gpt-4o-2024-08-06 by default."""\n'  # docstring
        "def route(model):\n"
        '    if model == "gpt-4.1-nano":\n'  # comparison
        '        print("o3-mini-2025-01-31")\n'  # message
        '    if model.startswith("claude-3-7-sonnet-20250219"):\n'  # string method
        '        raise ValueError("gemini-2.0-flash-001")\n'  # an exception's message
        '    ds = load_dataset("Qwen/Qwen2.5-7B-Instruct")\n'  # named as data
        '    conv = get_conv_template("claude-3-5-sonnet-20240620")\n'  # a template's name
        "    return model\n"
    )
    names = everything(scan(make_tree({"app/route.py": src})))
    assert not names & {
        "gpt-4o-2024-08-06", "gpt-4.1-nano", "o3-mini-2025-01-31", "claude-3-7-sonnet-20250219",
        "gemini-2.0-flash-001", "qwen/qwen2.5-7b-instruct", "claude-3-5-sonnet-20240620",
    }  # fmt: skip


def test_tests_are_not_read_loosely(make_tree: MakeTree) -> None:
    src = 'import newsdk\ndef test_it(client):\n    newsdk.run(client, model="gpt-4o-mini")\n'
    assert "gpt-4o-mini" not in everything(scan(make_tree({"tests/test_run.py": src})))
    assert "gpt-4o-mini" in everything(scan(make_tree({"app/run.py": src})))


def test_js_model_literals_passed_to_unknown_calls(make_tree: MakeTree) -> None:
    src = (
        'import { NewSdk } from "new-sdk";\n'
        'const a = new NewSdk("gpt-4o-mini");\n'
        'export const b = pick(process.env.M ?? "claude-3-5-haiku-20241022");\n'
        'export const c = load(flag ? "Qwen/Qwen2.5-72B-Instruct" : "llama3.1:8b");\n'
    )
    inv = scan(make_tree({"src/pick.ts": src}))
    assert hosted(inv)["gpt-4o-mini"] == {"openai"}
    assert hosted(inv)["claude-3-5-haiku-20241022"] == {"anthropic"}
    found = models(inv)
    assert found["qwen/qwen2.5-72b-instruct"] == {"src/pick.ts:4"}
    assert found["llama3.1:8b"] == {"src/pick.ts:4"}


def test_js_places_that_do_not_use_the_model_stay_out(make_tree: MakeTree) -> None:
    src = (
        'import x from "gpt-4o-2024-08-06";\n'
        'if (m === "gpt-4.1-nano") { console.log("o3-mini-2025-01-31") }\n'
        'if (name.startsWith("claude-3-7-sonnet-20250219")) {}\n'
        'switch (m) { case "mistral-large-2407": break }\n'
        "throw new Error(`gpt-4-0613 ${x}`);\n"
        'throw new Error("gpt-4-0314");\n'
        'const price = TABLE["gpt-4o-mini-2024-07-18"];\n'
        'type Id = "o1-mini-2024-09-12" | "o1-preview-2024-09-12";\n'
    )
    names = everything(scan(make_tree({"src/route.ts": src})))
    assert not names & {
        "gpt-4o-2024-08-06", "gpt-4.1-nano", "o3-mini-2025-01-31", "claude-3-7-sonnet-20250219",
        "mistral-large-2407", "gpt-4-0613", "gpt-4-0314", "gpt-4o-mini-2024-07-18",
        "o1-mini-2024-09-12", "o1-preview-2024-09-12",
    }  # fmt: skip
    assert "gpt-4o-mini" not in everything(
        scan(make_tree({"src/__tests__/pick.test.ts": 'const a = load("gpt-4o-mini");\n'}))
    )
