"""Round L dev misses (issue 11): catalog records naming their provider by a free-form name.

``- provider: ernie`` / ``models: [- name: ...]`` (a CLI's shipped ``models.yaml``): the
record's provider is read through the provider table's free-form names too (``ernie`` is
Baidu's, ``qianwen`` Alibaba's Tongyi Qianwen, LiteLLM's ``github`` GitHub Models at
``models.inference.ai.azure.com``), so the provider's plain names (``bge-large-zh``,
``phi-4``) are its models there. Only in a mapping that lists models: ``provider: aws`` in
a deployment file names no model provider.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

MODELS_YAML = """\
- provider: openai
  models:
    - name: gpt-4o
      max_input_tokens: 128000
- provider: ernie
  models:
    - name: ernie-4.5-turbo-128k
      max_input_tokens: 131072
    - name: bge-large-zh
      type: embedding
    - name: bce-reranker-base
      type: reranker
- provider: qianwen
  models:
    - name: qwen3-max
      max_input_tokens: 262144
    - name: qwen3-max:thinking
      real_name: qwen3-max
    - name: qwen3-coder-flash
      max_input_tokens: 1000000
- provider: github
  models:
    - name: gpt-4.1
    - name: phi-4
    - name: mai-ds-r1
    - name: cohere-embed-v3-english
      type: embedding
"""


def test_record_provider_named_freely_owns_its_plain_names(make_tree: MakeTree) -> None:
    found = hosted(scan(make_tree({"models.yaml": MODELS_YAML})))
    for name in ("ernie-4.5-turbo-128k", "bge-large-zh", "bce-reranker-base"):
        assert found.get(name) == {"baidu"}, name
    for name in ("qwen3-max", "qwen3-max:thinking", "qwen3-coder-flash"):
        assert found.get(name) == {"alibaba-dashscope"}, name
    for name in ("phi-4", "mai-ds-r1", "cohere-embed-v3-english"):
        assert found.get(name) == {"azure-openai"}, name
    assert "openai" in found["gpt-4o"]


def test_free_form_provider_name_needs_a_model_list(make_tree: MakeTree) -> None:
    deploy = """\
provider: aws
runtime: python3.12
functions:
  handler:
    name: bge-large-zh
    memory: 1024
"""
    found = everything(scan(make_tree({"serverless.yml": deploy})))
    assert "bge-large-zh" not in found


def test_unknown_record_provider_keeps_plain_names_out(make_tree: MakeTree) -> None:
    # a provider name the table does not know vouches for nothing
    text = """\
- provider: acme
  models:
    - name: bge-large-zh
    - name: bce-reranker-base
    - name: house-model
"""
    found = everything(scan(make_tree({"models.yaml": text})))
    assert not {"bge-large-zh", "bce-reranker-base", "house-model"} & found


def test_github_route_is_github_models(make_tree: MakeTree) -> None:
    code = 'import litellm\nlitellm.completion(model="github/gpt-4o-mini", messages=[])\n'
    assert hosted(scan(make_tree({"app.py": code}))).get("gpt-4o-mini") == {"azure-openai"}
