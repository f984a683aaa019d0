"""Configuration files: YAML, JSON, TOML, INI, .env: model keys, provider URLs, conventions, catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders.findings import Row, Shape, as_rows, rows

from aibom.inventory import (
    Finding,
)
from aibom.scanners.base import ScanContext
from aibom.scanners.config_files import ConfigFileScanner, config_kind, scan_config_text
from aibom.scanners.kernel import expand_vars, is_endpoint_key, is_model_key
from aibom.walk import SourceFile

SHAPE = Shape(
    model=("kind", "name", "revision", "framework", "relation_hint", "base", "location", "source"),
    service=("provider", "endpoint", "model", "client", "location", "source"),
)


def summary(findings: list[Finding]) -> list[Row]:
    return as_rows(findings, SHAPE)


def scan(text: str, rel: str) -> list[tuple[object, ...]]:
    kind = config_kind(rel.rsplit("/", 1)[-1])
    assert kind is not None, rel
    return summary(scan_config_text(text, rel, kind))


S = rows


# ---------------------------------------------------------------------------
# Keys


@pytest.mark.parametrize(
    "key",
    ["model", "MODEL", "model_id", "modelId", "model-name", "model_name_or_path", "base_model",
     "pretrained_model_name_or_path", "embedding_model", "embed_model", "reranker_model", "llm_model",
     "chat_model", "LLM_MODEL", "OPENAI_MODEL", "HF_MODEL_ID", "MODEL_ID", "repo_id", "modelURL", "llm"],
)  # fmt: skip
def test_model_keys(key: str) -> None:
    assert is_model_key(key)


@pytest.mark.parametrize(
    "key",
    ["model_type", "model_class", "served_model_name", "hub_model_id", "output_model", "name", "models_dir",
     "model_max_length", "modelfile", "MODEL_DIR", "image", "deployment_name"],
)  # fmt: skip
def test_not_model_keys(key: str) -> None:
    assert not is_model_key(key)


def test_endpoint_keys() -> None:
    assert all(
        is_endpoint_key(k)
        for k in (
            "base_url",
            "api_base",
            "OPENAI_BASE_URL",
            "OPENAI_API_BASE",
            "endpoint",
            "OLLAMA_HOST",
            "baseURL",
        )
    )
    assert not any(is_endpoint_key(k) for k in ("DATABASE_URL", "homepage", "REDIS_HOST", "url"))


def test_expand_vars() -> None:
    assert expand_vars("${MODEL_ID:-Qwen/Qwen2.5-7B-Instruct}", {}) == "Qwen/Qwen2.5-7B-Instruct"
    assert expand_vars("${MODEL_ID:-x/y}", {"MODEL_ID": "a/b"}) == "a/b"
    assert expand_vars("$ORG/$NAME", {"ORG": "Qwen", "NAME": "Qwen2-7B"}) == "Qwen/Qwen2-7B"
    assert expand_vars("${MISSING}", {}) is None
    assert expand_vars("$(MODEL)", {"MODEL": "m/n"}, kube=True) == "m/n"


# ---------------------------------------------------------------------------
# YAML


def test_generic_yaml_keys_provider_scope_and_decoys() -> None:
    text = """\
llm:
  provider: openai
  model: gpt-4o-mini
embedding:
  model: BAAI/bge-small-en-v1.5
  revision: v1.0
local:
  base_url: http://localhost:11434
  model: qwen2.5:7b-instruct
classifier:
  model: RandomForest
generic:
  model: gpt
name: my-app
image: nginx/nginx
homepage: https://huggingface.co/Qwen/Qwen2.5-7B
description: "We use meta-llama/Llama-3.1-8B for chat"
workers:
  - model: ${{ matrix.model }}
"""
    assert scan(text, "config/app.yaml") == S(
        ("service", "openai", None, "gpt-4o-mini", None, "config/app.yaml:3", "yaml-config"),
        (
            "model",
            "hub",
            "BAAI/bge-small-en-v1.5",
            "v1.0",
            None,
            None,
            None,
            "config/app.yaml:5",
            "yaml-config",
        ),
        (
            "service",
            "ollama",
            "http://localhost:11434",
            None,
            None,
            "config/app.yaml:8",
            "yaml-config",
        ),
        (
            "model",
            "ollama",
            "qwen2.5:7b-instruct",
            None,
            "ollama",
            None,
            None,
            "config/app.yaml:9",
            "yaml-config",
        ),
        (
            "service",
            "ollama",
            "http://localhost:11434",
            "qwen2.5:7b-instruct",
            None,
            "config/app.yaml:9",
            "yaml-config",
        ),
    )


def test_litellm_model_list() -> None:
    text = """\
model_list:
  - model_name: fast
    litellm_params:
      model: deepseek/deepseek-chat
      api_base: https://api.deepseek.com
  - model_name: local-qwen
    litellm_params:
      model: hosted_vllm/Qwen/Qwen2.5-7B-Instruct
      api_base: http://localhost:8000/v1
  - model_name: claude
    litellm_params:
      model: anthropic/claude-3-5-sonnet-20241022
  - model_name: llama
    litellm_params:
      model: ollama/llama3.1:8b
litellm_settings:
  drop_params: true
"""
    assert scan(text, "litellm/config.yaml") == S(
        (
            "service",
            "deepseek",
            "https://api.deepseek.com",
            None,
            "litellm",
            "litellm/config.yaml:5",
            "yaml-config",
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com",
            "deepseek-chat",
            "litellm",
            "litellm/config.yaml:4",
            "yaml-config",
        ),
        (
            "service",
            "self-hosted",
            "http://localhost:8000/v1",
            None,
            "litellm",
            "litellm/config.yaml:9",
            "yaml-config",
        ),
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B-Instruct",
            None,
            None,
            None,
            None,
            "litellm/config.yaml:8",
            "yaml-config",
        ),
        (
            "service",
            "self-hosted",
            "http://localhost:8000/v1",
            "Qwen/Qwen2.5-7B-Instruct",
            "litellm",
            "litellm/config.yaml:8",
            "yaml-config",
        ),
        (
            "service",
            "anthropic",
            None,
            "claude-3-5-sonnet-20241022",
            "litellm",
            "litellm/config.yaml:12",
            "yaml-config",
        ),
        (
            "model",
            "ollama",
            "llama3.1:8b",
            None,
            "ollama",
            None,
            None,
            "litellm/config.yaml:15",
            "yaml-config",
        ),
        (
            "service",
            "ollama",
            None,
            "llama3.1:8b",
            "litellm",
            "litellm/config.yaml:15",
            "yaml-config",
        ),
    )


def test_platform_catalog_each_member_with_its_line() -> None:
    text = """\
provider: deepseek
models:
  - deepseek-chat
  - deepseek-reasoner
openai:
  base_url: https://api.openai.com/v1
  models:
    - id: gpt-4o
      label: GPT-4o
    - id: o3-mini
      label: o3 mini
mixed:
  models: [gpt-4o, not a model, banana]
token_limits:
  gpt-4: 8192
  gpt-4o: 128000
"""
    assert scan(text, "catalog.yml") == S(
        ("service", "deepseek", None, "deepseek-chat", None, "catalog.yml:3", "yaml-config"),
        ("service", "deepseek", None, "deepseek-reasoner", None, "catalog.yml:4", "yaml-config"),
        (
            "service",
            "openai",
            "https://api.openai.com/v1",
            None,
            None,
            "catalog.yml:6",
            "yaml-config",
        ),
        (
            "service",
            "openai",
            "https://api.openai.com/v1",
            "gpt-4o",
            None,
            "catalog.yml:8",
            "yaml-config",
        ),
        (
            "service",
            "openai",
            "https://api.openai.com/v1",
            "o3-mini",
            None,
            "catalog.yml:10",
            "yaml-config",
        ),
    )


def test_axolotl_config() -> None:
    text = """\
base_model: Qwen/Qwen2.5-7B
model_type: AutoModelForCausalLM
adapter: qlora
datasets:
  - path: tatsu-lab/alpaca
    type: alpaca
  - path: data/local.jsonl
    type: completion
hub_model_id: acme/my-finetune
sequence_len: 4096
"""
    assert scan(text, "axolotl/qlora.yml") == S(
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B",
            None,
            "axolotl",
            "adapter-base",
            None,
            "axolotl/qlora.yml:1",
            "yaml-config",
        ),
        ("dataset", "tatsu-lab/alpaca", "axolotl/qlora.yml:5", "yaml-config"),
    )


def test_llama_factory_config() -> None:
    text = """\
model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct
adapter_name_or_path: saves/llama3-8b/lora/sft
stage: sft
finetuning_type: lora
dataset: identity,alpaca_en_demo,HuggingFaceH4/ultrachat_200k
template: llama3
output_dir: saves/llama3-8b/lora/sft
"""
    assert scan(text, "examples/train_lora/llama3_lora_sft.yaml") == S(
        (
            "model",
            "hub",
            "meta-llama/Meta-Llama-3-8B-Instruct",
            None,
            "llama-factory",
            "adapter-base",
            None,
            "examples/train_lora/llama3_lora_sft.yaml:1",
            "yaml-config",
        ),
        (
            "dataset",
            "HuggingFaceH4/ultrachat_200k",
            "examples/train_lora/llama3_lora_sft.yaml:5",
            "yaml-config",
        ),
    )
    merged = "model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\nadapter_name_or_path: acme/llama3-lora\ntemplate: llama3\n"
    assert scan(merged, "merge.yaml") == S(
        (
            "model",
            "hub",
            "meta-llama/Meta-Llama-3-8B-Instruct",
            None,
            "llama-factory",
            None,
            None,
            "merge.yaml:1",
            "yaml-config",
        ),
        (
            "model",
            "hub",
            "acme/llama3-lora",
            None,
            "llama-factory",
            "adapter",
            "meta-llama/Meta-Llama-3-8B-Instruct",
            "merge.yaml:2",
            "yaml-config",
        ),
    )


def test_hydra_torchtune_and_mlflow() -> None:
    hydra = """\
model:
  _target_: transformers.AutoModelForSequenceClassification.from_pretrained
  pretrained_model_name_or_path: distilbert/distilbert-base-uncased
tokenizer:
  _target_: transformers.AutoTokenizer.from_pretrained
  pretrained_model_name_or_path: ${model.pretrained_model_name_or_path}
optimizer:
  _target_: torch.optim.AdamW
"""
    assert scan(hydra, "conf/config.yaml") == S(
        (
            "model",
            "hub",
            "distilbert/distilbert-base-uncased",
            None,
            "transformers",
            None,
            None,
            "conf/config.yaml:3",
            "yaml-config",
        ),
    )
    torchtune = """\
model:
  _component_: torchtune.models.llama3_2.lora_llama3_2_1b
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/Llama-3.2-1B-Instruct/original/tokenizer.model
checkpointer:
  checkpoint_dir: /tmp/Llama-3.2-1B-Instruct/
  model_type: LLAMA3_2
"""
    assert scan(torchtune, "recipes/lora.yaml") == []
    mlmodel = """\
artifact_path: model
flavors:
  transformers:
    source_model_name: openai-community/gpt2
    source_model_revision: 607a30d783dfa663caf39e06633721c8d4cfcd7e
    task: text-generation
"""
    assert scan(mlmodel, "mlruns/0/abc/artifacts/model/MLmodel") == S(
        (
            "model",
            "hub",
            "openai-community/gpt2",
            "607a30d783dfa663caf39e06633721c8d4cfcd7e",
            None,
            None,
            None,
            "mlruns/0/abc/artifacts/model/MLmodel:4",
            "yaml-config",
        ),
    )


def test_helm_values() -> None:
    text = """\
servingEngineSpec:
  modelSpec:
  - name: "llama3"
    repository: "vllm/vllm-openai"
    modelURL: "meta-llama/Llama-3.1-8B-Instruct"
    env:
      - name: HF_TOKEN
        value: hf_xyz
image:
  repository: ghcr.io/huggingface/text-generation-inference
args: ["--model-id", "tiiuae/falcon-7b-instruct", "--port", "80"]
env:
  - name: MODEL_ID
    value: ${MODEL_ID}
ingress:
  host: chat.example.com
"""
    assert scan(text, "charts/llm/values-prod.yaml") == S(
        (
            "model",
            "hub",
            "meta-llama/Llama-3.1-8B-Instruct",
            None,
            "vllm",
            None,
            None,
            "charts/llm/values-prod.yaml:5",
            "helm",
        ),
        (
            "model",
            "hub",
            "tiiuae/falcon-7b-instruct",
            None,
            "text-generation-inference",
            None,
            None,
            "charts/llm/values-prod.yaml:11",
            "helm",
        ),
        ("diag", "unresolved-model", "info", "charts/llm/values-prod.yaml", 14),
    )


def test_multi_document_yaml_and_kubernetes_dispatch() -> None:
    text = """\
model: Qwen/Qwen2.5-1.5B
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: llm
data:
  MODEL_ID: google/gemma-2-9b-it
"""
    assert scan(text, "deploy/all.yaml") == S(
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-1.5B",
            None,
            None,
            None,
            None,
            "deploy/all.yaml:1",
            "yaml-config",
        ),
        (
            "model",
            "hub",
            "google/gemma-2-9b-it",
            None,
            None,
            None,
            None,
            "deploy/all.yaml:8",
            "kubernetes",
        ),
    )


# ---------------------------------------------------------------------------
# JSON, TOML, INI, .env


def test_json_config() -> None:
    text = """\
{
  "llm": {"provider": "deepseek", "model": "deepseek-reasoner"},
  "embeddings": {"modelId": "sentence-transformers/all-MiniLM-L6-v2"},
  "classifier": {"model": "RandomForest"},
  "image": "nginx/nginx",
  "homepage": "https://huggingface.co/org/x",
  "models": [{"id": "gpt-4o", "label": "GPT-4o"}, {"id": "claude-3-5-sonnet-latest", "label": "Sonnet"}]
}
"""
    assert scan(text, "settings/llm.json") == S(
        (
            "service",
            "deepseek",
            None,
            "deepseek-reasoner",
            None,
            "settings/llm.json:2",
            "json-config",
        ),
        (
            "model",
            "hub",
            "sentence-transformers/all-MiniLM-L6-v2",
            None,
            None,
            None,
            None,
            "settings/llm.json:3",
            "json-config",
        ),
        ("service", "openai", None, "gpt-4o", None, "settings/llm.json:7", "json-config"),
        (
            "service",
            "anthropic",
            None,
            "claude-3-5-sonnet-latest",
            None,
            "settings/llm.json:7",
            "json-config",
        ),
    )


def test_toml_config() -> None:
    text = """\
[llm]
model = "glm-4-plus"
base_url = "https://open.bigmodel.cn/api/paas/v4"

[embedding]
model_name = "BAAI/bge-large-zh-v1.5"

[decoy]
model = "gpt"
name = "my-app"
"""
    assert scan(text, "app.toml") == S(
        (
            "service",
            "zhipu",
            "https://open.bigmodel.cn/api/paas/v4",
            None,
            None,
            "app.toml:3",
            "toml-config",
        ),
        (
            "service",
            "zhipu",
            "https://open.bigmodel.cn/api/paas/v4",
            "glm-4-plus",
            None,
            "app.toml:2",
            "toml-config",
        ),
        (
            "model",
            "hub",
            "BAAI/bge-large-zh-v1.5",
            None,
            None,
            None,
            None,
            "app.toml:6",
            "toml-config",
        ),
    )


def test_ini_config() -> None:
    text = """\
[DEFAULT]
model_id = intfloat/multilingual-e5-large
[server]
host = localhost
; model = fake/commented
[llm]
api_base = https://api.moonshot.cn/v1
chat_model = moonshot-v1-8k
name = RandomForest
"""
    assert scan(text, "app.ini") == S(
        (
            "model",
            "hub",
            "intfloat/multilingual-e5-large",
            None,
            None,
            None,
            None,
            "app.ini:2",
            "ini-config",
        ),
        (
            "service",
            "moonshot",
            "https://api.moonshot.cn/v1",
            None,
            None,
            "app.ini:7",
            "ini-config",
        ),
        (
            "service",
            "moonshot",
            "https://api.moonshot.cn/v1",
            "moonshot-v1-8k",
            None,
            "app.ini:8",
            "ini-config",
        ),
    )


def test_dotenv() -> None:
    text = """\
# OpenAI-compatible client pointed at DashScope
OPENAI_BASE_URL=https://dashscope.aliyuncs.com/compatible-mode/v1
OPENAI_MODEL="qwen-max"
EMBEDDING_MODEL=text-embedding-v3  # trailing comment
OLLAMA_MODEL=my-custom:latest
export HF_MODEL_ID=${HF_MODEL_ID:-HuggingFaceH4/zephyr-7b-beta}
DATABASE_URL=postgres://localhost:5432/db
APP_NAME=demo
MODEL=gpt
# LLM_MODEL=meta-llama/Llama-2-7b
"""
    assert scan(text, "svc/.env.example") == S(
        (
            "service",
            "alibaba-dashscope",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            None,
            None,
            "svc/.env.example:2",
            "dotenv",
        ),
        (
            "service",
            "alibaba-dashscope",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            "qwen-max",
            None,
            "svc/.env.example:3",
            "dotenv",
        ),
        (
            "service",
            "alibaba-dashscope",
            None,
            "text-embedding-v3",
            None,
            "svc/.env.example:4",
            "dotenv",
        ),
        (
            "model",
            "ollama",
            "my-custom:latest",
            None,
            "ollama",
            None,
            None,
            "svc/.env.example:5",
            "dotenv",
        ),
        (
            "model",
            "hub",
            "HuggingFaceH4/zephyr-7b-beta",
            None,
            None,
            None,
            None,
            "svc/.env.example:6",
            "dotenv",
        ),
    )


# ---------------------------------------------------------------------------
# Which files, and bad input


@pytest.mark.parametrize(
    ("name", "kind"),
    [("app.yaml", "yaml"), ("x.yml", "yaml"), ("MLmodel", "yaml"), ("settings.json", None), ("app.json", None),
     ("llm.json", "json"), ("config.toml", "toml"), ("pyproject.toml", None), ("Cargo.toml", None),
     ("uv.lock", None), ("package.json", None), ("package-lock.json", None), ("tsconfig.base.json", None),
     ("nb.ipynb", None), ("setup.cfg", None), ("app.cfg", "ini"), ("tox.ini", None), (".env", "dotenv"),
     (".env.local", "dotenv"), ("prod.env", "dotenv"), ("docker-compose.yml", None), ("compose.prod.yaml", None),
     ("README.md", None), ("pnpm-lock.yaml", None), ("model.safetensors.index.json", None)],
)  # fmt: skip
def test_config_kind(name: str, kind: str | None) -> None:
    assert config_kind(name) == kind


def test_invalid_files_give_diagnostics_naming_the_file() -> None:
    assert scan("a: [unclosed\n", "bad.yaml") == [("diag", "yaml", "warning", "bad.yaml", 2)]
    assert scan('{"a": ', "bad.json") == [("diag", "json", "warning", "bad.json", None)]
    assert scan("x = = 1", "bad.toml") == [("diag", "toml", "warning", "bad.toml", None)]
    # a Helm template is not YAML before rendering: silently skipped
    assert scan("model: {{ .Values.model }}\n  - {{ end }}\n", "charts/x/templates/dep.yaml") == []


def test_hostile_yaml_is_bounded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert scan(bomb, "bomb.yaml") == []
    deep = "model:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    assert all(t[0] == "diag" for t in scan(deep, "deep.yaml"))


def test_scanner_reads_through_context_and_skips_large_json(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text(
        '{"model": "Qwen/Qwen2.5-7B", "pad": "' + "x" * (1024 * 1024) + '"}', encoding="utf-8"
    )
    (tmp_path / "small.json").write_text('{"model": "Qwen/Qwen2.5-7B"}', encoding="utf-8")
    ctx = ScanContext(root=tmp_path)
    scanner = ConfigFileScanner()
    out: list[Finding] = []
    for name in ("big.json", "small.json"):
        p = tmp_path / name
        f = SourceFile(name, p, p.stat().st_size)
        assert scanner.wants(f)
        out.extend(scanner.scan(f, ctx))
    assert summary(out) == [
        ("model", "hub", "Qwen/Qwen2.5-7B", None, None, None, None, "small.json:1", "json-config")
    ]


def test_repeated_json_values_get_their_own_lines() -> None:
    text = '{\n  "a": {"model": "gpt-4o"},\n  "b": {"model": "gpt-4o"}\n}\n'
    assert scan(text, "two.json") == S(
        ("service", "openai", None, "gpt-4o", None, "two.json:2", "json-config"),
        ("service", "openai", None, "gpt-4o", None, "two.json:3", "json-config"),
    )


def test_github_workflow_run_scripts_are_shell() -> None:
    text = """\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          pip install -r requirements.txt
          huggingface-cli download Qwen/Qwen2.5-0.5B-Instruct
      - run: echo "model ${{ matrix.model }}"
"""
    assert scan(text, ".github/workflows/eval.yml") == S(
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-0.5B-Instruct",
            None,
            None,
            None,
            None,
            ".github/workflows/eval.yml:10",
            "yaml-config",
        ),
    )


def test_provider_key_with_a_hub_model_is_a_service_and_a_model() -> None:
    text = "llm:\n  provider: together_ai\n  model: meta-llama/Llama-3.3-70B-Instruct-Turbo\n"
    assert scan(text, "cfg.yaml") == S(
        (
            "model",
            "hub",
            "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            None,
            None,
            None,
            None,
            "cfg.yaml:3",
            "yaml-config",
        ),
        (
            "service",
            "together",
            None,
            "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            None,
            "cfg.yaml:3",
            "yaml-config",
        ),
    )


def test_provider_api_urls_under_any_key() -> None:
    text = """\
upstreams:
  deepseek: https://api.deepseek.com/v1
  docs: https://platform.openai.com/docs
  local: http://localhost:8080
  site: https://example.com
"""
    assert scan(text, "gateway.yaml") == [
        (
            "service",
            "deepseek",
            "https://api.deepseek.com/v1",
            None,
            None,
            "gateway.yaml:2",
            "yaml-config",
        )
    ]


def test_catalog_keyed_by_model_names() -> None:
    text = """\
{
  "providers": [
    {
      "id": "deepseek",
      "baseURL": "https://api.deepseek.com",
      "models": {
        "deepseek-chat": {"contextWindow": 65536},
        "deepseek-reasoner": {"contextWindow": 65536}
      }
    }
  ],
  "tokenLimits": {"gpt-4": 8192, "gpt-4o": 128000},
  "capabilities": {"models": {"vision": {"enabled": true}}}
}
"""
    assert scan(text, "catalog.json") == S(
        (
            "service",
            "deepseek",
            "https://api.deepseek.com",
            None,
            None,
            "catalog.json:5",
            "json-config",
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com",
            "deepseek-chat",
            None,
            "catalog.json:7",
            "json-config",
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com",
            "deepseek-reasoner",
            None,
            "catalog.json:8",
            "json-config",
        ),
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("env.example", "dotenv"),
        ("env.ollama.example", "dotenv"),
        ("env.litellm.sample", "dotenv"),
        ("env.template", "dotenv"),
        ("env.py", None),  # a module, not a settings template
        ("env.yaml", "yaml"),
        ("environment.example", None),
    ],
)
def test_env_templates_without_the_leading_dot(name: str, kind: str | None) -> None:
    assert config_kind(name) == kind


def test_env_variant_template() -> None:
    text = "ENABLE_OLLAMA=true\nOLLAMA_SERVER_URL=http://localhost:11434\nOLLAMA_MODEL=llama3.1\n"
    found = scan(text, "env.ollama.example")
    assert any(
        r[0] == "model" and r[2] == "llama3.1" and r[-2] == "env.ollama.example:3" for r in found
    )
