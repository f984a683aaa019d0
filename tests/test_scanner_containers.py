"""Containers and deployment: Dockerfiles, docker-compose, shell scripts, Kubernetes manifests."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders.findings import Row, Shape, as_rows, rows

from aibom.inventory import (
    Finding,
)
from aibom.scanners.base import ScanContext
from aibom.scanners.config_files import scan_config_text
from aibom.scanners.containers import (
    ContainerScanner,
    container_kind,
    image_framework,
    scan_compose_text,
    scan_dockerfile_text,
    scan_shell_script,
)
from aibom.walk import SourceFile

SHAPE = Shape()


def summary(findings: list[Finding]) -> list[Row]:
    return as_rows(findings, SHAPE)


S = rows


# ---------------------------------------------------------------------------
# Dockerfile

DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG MODEL=Qwen/Qwen2.5-7B-Instruct
FROM vllm/vllm-openai:v0.6.3 AS serve
ARG MODEL
ENV HF_HOME=/data \\
    MODEL_ID=meta-llama/Llama-3.1-8B-Instruct
ENV LLM_MODEL deepseek-chat
RUN pip install --no-cache-dir x && \\
    huggingface-cli download BAAI/bge-m3 --revision 5617a9f61b028005a4858fdac845db406aefb181 --local-dir /m && \\
    # a comment inside a continuation: vllm serve not/this
    ollama pull qwen2.5:7b
RUN --mount=type=cache,target=/root/.cache hf download --repo-type dataset tatsu-lab/alpaca
ENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]
CMD ["--model", "mistralai/Mistral-7B-Instruct-v0.3", "--served-model-name", "gpt-4o"]

FROM ghcr.io/huggingface/text-generation-inference:2.4 AS tgi
CMD text-generation-launcher --model-id=${MODEL}
CMD ["--model-id", "$UNKNOWN"]

FROM python:3.12-slim AS app
LABEL org.opencontainers.image.source=https://github.com/acme/app
COPY models/ /models/
ENV MODEL_PATH=/models/classifier.onnx
RUN python -m pip install "transformers==4.44.2" && echo "model RandomForest"
CMD ["python", "app.py", "--model", "RandomForest"]
"""


def test_dockerfile_exact_findings() -> None:
    assert summary(scan_dockerfile_text(DOCKERFILE, "docker/Dockerfile")) == S(
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B-Instruct",
            None,
            None,
            "docker/Dockerfile:2",
            "dockerfile",
        ),
        (
            "model",
            "hub",
            "meta-llama/Llama-3.1-8B-Instruct",
            None,
            "vllm",
            "docker/Dockerfile:6",
            "dockerfile",
        ),
        ("service", "deepseek", None, "deepseek-chat", "docker/Dockerfile:7", "dockerfile"),
        (
            "model",
            "hub",
            "BAAI/bge-m3",
            "5617a9f61b028005a4858fdac845db406aefb181",
            None,
            "docker/Dockerfile:9",
            "dockerfile",
        ),
        ("model", "ollama", "qwen2.5:7b", None, "ollama", "docker/Dockerfile:11", "dockerfile"),
        ("dataset", "tatsu-lab/alpaca", "docker/Dockerfile:12", "dockerfile"),
        (
            "model",
            "hub",
            "mistralai/Mistral-7B-Instruct-v0.3",
            None,
            "vllm",
            "docker/Dockerfile:14",
            "dockerfile",
        ),
        # the global ARG default reaches the second stage's CMD through ${MODEL}
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B-Instruct",
            None,
            "text-generation-inference",
            "docker/Dockerfile:17",
            "dockerfile",
        ),
        ("diag", "unresolved-model", "info", "docker/Dockerfile", 18),
    )


def test_dockerfile_entrypoint_plus_cmd_and_shell_forms() -> None:
    text = """\
FROM python:3.11
ENTRYPOINT ["vllm", "serve"]
CMD ["google/gemma-2-9b-it", "--max-model-len", "8192"]
"""
    assert summary(scan_dockerfile_text(text, "Containerfile")) == [
        ("model", "hub", "google/gemma-2-9b-it", None, "vllm", "Containerfile:3", "dockerfile"),
    ]
    text = """\
FROM ollama/ollama
RUN ollama serve & sleep 5 && ollama pull nomic-embed-text && ollama run hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M
ENTRYPOINT ["/bin/sh", "-c", "ollama serve & sleep 2; ollama run phi3:mini"]
"""
    assert summary(scan_dockerfile_text(text, "ollama.dockerfile")) == S(
        (
            "model",
            "ollama",
            "nomic-embed-text",
            None,
            "ollama",
            "ollama.dockerfile:2",
            "dockerfile",
        ),
        (
            "model",
            "hub",
            "bartowski/Llama-3.2-3B-Instruct-GGUF",
            None,
            "ollama",
            "ollama.dockerfile:2",
            "dockerfile",
        ),
        ("model", "ollama", "phi3:mini", None, "ollama", "ollama.dockerfile:3", "dockerfile"),
    )


def test_dockerfile_heredoc_and_escape_directive() -> None:
    text = """\
# escape=`
FROM python:3.11
RUN <<EOF
set -e
huggingface-cli download sentence-transformers/all-MiniLM-L6-v2
EOF
RUN python -m sglang.launch_server `
    --model-path Qwen/Qwen2.5-Coder-7B-Instruct --port 30000
"""
    assert summary(scan_dockerfile_text(text, "Dockerfile.gpu")) == S(
        (
            "model",
            "hub",
            "sentence-transformers/all-MiniLM-L6-v2",
            None,
            None,
            "Dockerfile.gpu:5",
            "dockerfile",
        ),
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-Coder-7B-Instruct",
            None,
            "sglang",
            "Dockerfile.gpu:8",
            "dockerfile",
        ),
    )


# ---------------------------------------------------------------------------
# docker-compose


COMPOSE = """\
services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4
    environment:
      - MODEL_ID=${MODEL_ID:-HuggingFaceTB/SmolLM2-1.7B-Instruct}
      - PORT=80
    command: ["--model-id", "$$MODEL_ID", "--max-input-length", "1024"]
  ollama:
    image: ollama/ollama
    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 3 && ollama pull llama3.1:8b"]
  vllm:
    image: vllm/vllm-openai
    command: --model deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --revision main
  app:
    image: nginx/nginx
    environment:
      OPENAI_BASE_URL: https://api.deepseek.com/v1
      OPENAI_MODEL: deepseek-chat
      LLM_MODEL: gpt
      APP_NAME: my-app
    labels:
      model: Qwen/NotReported
models:
  small:
    model: ai/smollm2
"""


def test_compose_exact_findings() -> None:
    assert summary(scan_compose_text(COMPOSE, "docker-compose.yml")) == S(
        (
            "model",
            "hub",
            "HuggingFaceTB/SmolLM2-1.7B-Instruct",
            None,
            "text-generation-inference",
            "docker-compose.yml:5",
            "compose",
        ),
        (
            "model",
            "hub",
            "HuggingFaceTB/SmolLM2-1.7B-Instruct",
            None,
            "text-generation-inference",
            "docker-compose.yml:7",
            "compose",
        ),
        ("model", "ollama", "llama3.1:8b", None, "ollama", "docker-compose.yml:10", "compose"),
        (
            "model",
            "hub",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "main",
            "vllm",
            "docker-compose.yml:13",
            "compose",
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com/v1",
            None,
            "docker-compose.yml:17",
            "compose",
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com/v1",
            "deepseek-chat",
            "docker-compose.yml:18",
            "compose",
        ),
    )


def test_invalid_compose_gives_a_diagnostic() -> None:
    assert summary(scan_compose_text("services: [\n", "compose.yaml")) == [
        ("diag", "yaml", "warning", "compose.yaml", 2)
    ]


# ---------------------------------------------------------------------------
# Shell scripts


SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
export MODEL=${MODEL:-deepseek-ai/DeepSeek-R1-Distill-Qwen-7B}
REV=0123456789abcdef0123456789abcdef01234567
vllm serve "$MODEL" \\
  --tensor-parallel-size 2 \\
  --tokenizer Qwen/Qwen2.5-7B
python train.py --model_name_or_path google/gemma-2-2b --model RandomForest  # --model foo/bar
hf download openai/gpt-oss-20b --revision "$REV"
echo "vllm serve not/this"
text-generation-launcher --model-id "$NOPE"
CUDA_VISIBLE_DEVICES=0 llama-server -hf ggml-org/gemma-3-1b-it-GGUF:Q4_K_M --port 8080
tune download meta-llama/Llama-3.2-1B-Instruct --output-dir /tmp/llama
lmdeploy serve api_server internlm/internlm2_5-7b-chat --server-port 23333
cat <<EOF > notes.txt
vllm serve heredoc/ignored
EOF
"""


def test_shell_script_exact_findings() -> None:
    assert summary(scan_shell_script(SCRIPT, "scripts/serve.sh")) == S(
        (
            "model",
            "hub",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            None,
            None,
            "scripts/serve.sh:3",
            "shell",
        ),
        (
            "model",
            "hub",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            None,
            "vllm",
            "scripts/serve.sh:5",
            "shell",
        ),
        ("model", "hub", "Qwen/Qwen2.5-7B", None, "vllm", "scripts/serve.sh:7", "shell"),
        ("model", "hub", "google/gemma-2-2b", None, None, "scripts/serve.sh:8", "shell"),
        (
            "model",
            "hub",
            "openai/gpt-oss-20b",
            "0123456789abcdef0123456789abcdef01234567",
            None,
            "scripts/serve.sh:9",
            "shell",
        ),
        ("diag", "unresolved-model", "info", "scripts/serve.sh", 11),
        (
            "model",
            "hub",
            "ggml-org/gemma-3-1b-it-GGUF",
            None,
            "llama.cpp",
            "scripts/serve.sh:12",
            "shell",
        ),
        (
            "model",
            "hub",
            "meta-llama/Llama-3.2-1B-Instruct",
            None,
            "torchtune",
            "scripts/serve.sh:13",
            "shell",
        ),
        (
            "model",
            "hub",
            "internlm/internlm2_5-7b-chat",
            None,
            "lmdeploy",
            "scripts/serve.sh:14",
            "shell",
        ),
    )


def test_shell_unbalanced_quotes_do_not_raise() -> None:
    out = summary(scan_shell_script("echo 'unterminated\nollama pull qwen2.5\n", "x.sh"))
    assert out == [("diag", "shell-syntax", "info", "x.sh", 1)]


# ---------------------------------------------------------------------------
# Kubernetes


MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          command: ["/bin/sh", "-c"]
          args:
            - vllm serve $(MODEL_NAME) --port 8000
          env:
            - name: MODEL_NAME
              value: Qwen/Qwen2.5-7B-Instruct
            - name: HF_TOKEN
              valueFrom:
                secretKeyRef: {name: hf, key: token}
        - name: tgi
          image: ghcr.io/huggingface/text-generation-inference:2.4
          args: ["--model-id", "$(TGI_MODEL)", "--revision=abc"]
          env:
            - name: TGI_MODEL
              value: HuggingFaceTB/SmolLM2-360M-Instruct
        - name: sidecar
          image: nginx/nginx
          args: ["--model", "$(UNSET)"]
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama
spec:
  predictor:
    model:
      modelFormat:
        name: huggingface
      args:
        - --model_name=llama3
        - --model_id=meta-llama/Meta-Llama-3-8B-Instruct
      storageUri: hf://google/flan-t5-small
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: bert
spec:
  storageUri: "gs://seldon-models/bert"
  requirements: [huggingface]
---
apiVersion: v1
kind: Service
metadata:
  name: model-svc
spec:
  selector: {app: model}
"""


def test_kubernetes_manifests_exact_findings() -> None:
    assert summary(scan_config_text(MANIFESTS, "deploy/k8s.yaml", "yaml")) == S(
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B-Instruct",
            None,
            "vllm",
            "deploy/k8s.yaml:16",
            "kubernetes",
        ),
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-7B-Instruct",
            None,
            "vllm",
            "deploy/k8s.yaml:13",
            "kubernetes",
        ),
        (
            "model",
            "hub",
            "HuggingFaceTB/SmolLM2-360M-Instruct",
            None,
            "text-generation-inference",
            "deploy/k8s.yaml:25",
            "kubernetes",
        ),
        (
            "model",
            "hub",
            "HuggingFaceTB/SmolLM2-360M-Instruct",
            "abc",
            "text-generation-inference",
            "deploy/k8s.yaml:22",
            "kubernetes",
        ),
        ("diag", "unresolved-model", "info", "deploy/k8s.yaml", 28),
        (
            "model",
            "hub",
            "meta-llama/Meta-Llama-3-8B-Instruct",
            None,
            "kserve",
            "deploy/k8s.yaml:41",
            "kubernetes",
        ),
        (
            "model",
            "hub",
            "google/flan-t5-small",
            None,
            "kserve",
            "deploy/k8s.yaml:42",
            "kubernetes",
        ),
    )


# ---------------------------------------------------------------------------
# Dispatch


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Dockerfile", "dockerfile"), ("Dockerfile.gpu", "dockerfile"), ("Containerfile", "dockerfile"),
     ("api.dockerfile", "dockerfile"), ("docker-compose.yml", "compose"), ("docker-compose.prod.yaml", "compose"),
     ("compose.yaml", "compose"), ("run.sh", "shell"), ("setup.bash", "shell"), ("Dockerfile.md", None),
     ("values.yaml", None), ("dockerfile_utils.py", None)],
)  # fmt: skip
def test_container_kind(name: str, kind: str | None) -> None:
    assert container_kind(name) == kind


def test_image_framework() -> None:
    assert image_framework("vllm/vllm-openai:v0.6.3") == "vllm"
    assert (
        image_framework("ghcr.io/huggingface/text-generation-inference:2.4")
        == "text-generation-inference"
    )
    assert image_framework("ollama/ollama:latest") == "ollama"
    assert image_framework("python:3.12-slim") is None
    assert image_framework("nginx/nginx") is None


def test_scanner_through_context(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(
        "FROM ollama/ollama\nRUN ollama pull gemma2:2b\n", encoding="utf-8"
    )
    (tmp_path / "bin.sh").write_bytes(b"\x00\x01binary")
    ctx = ScanContext(root=tmp_path)
    scanner = ContainerScanner()
    out: list[Finding] = []
    for name in ("Dockerfile", "bin.sh"):
        p = tmp_path / name
        f = SourceFile(name, p, p.stat().st_size)
        assert scanner.wants(f)
        out.extend(scanner.scan(f, ctx))
    assert summary(out) == [
        ("model", "ollama", "gemma2:2b", None, "ollama", "Dockerfile:2", "dockerfile")
    ]
    assert [(d.path, d.code) for d in ctx.diagnostics] == [("bin.sh", "binary")]


def test_hostile_kubernetes_yaml_is_bounded() -> None:
    cyclic = "apiVersion: v1\nkind: Pod\nspec: &s\n  a: *s\n  b: *s\n  c: *s\n  containers:\n    - image: ollama/ollama\n      args: [ollama, pull, phi3]\n"
    laughs = "apiVersion: v1\nkind: List\nl0: &l0 [x, x, x, x]\n" + "".join(
        f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n"
        for i in range(1, 12)
    )
    assert summary(scan_config_text(cyclic, "pod.yaml", "yaml")) == [
        ("model", "ollama", "phi3", None, "ollama", "pod.yaml:9", "kubernetes")
    ]
    assert summary(scan_config_text(laughs, "list.yaml", "yaml")) == []


def test_compose_service_hosts_are_self_hosted_endpoints() -> None:
    text = """\
services:
  app:
    image: acme/app
    environment:
      OPENAI_BASE_URL: http://vllm:8000/v1
      OPENAI_MODEL: Qwen/Qwen2.5-7B-Instruct
      OLLAMA_BASE_URL: http://ollama:11434
      OLLAMA_MODEL: llama3.2
      CACHE_URL: http://redis:6379
"""
    assert summary(scan_compose_text(text, "compose.yaml")) == S(
        ("service", "self-hosted", "http://vllm:8000/v1", None, "compose.yaml:5", "compose"),
        ("model", "hub", "Qwen/Qwen2.5-7B-Instruct", None, None, "compose.yaml:6", "compose"),
        (
            "service",
            "self-hosted",
            "http://vllm:8000/v1",
            "Qwen/Qwen2.5-7B-Instruct",
            "compose.yaml:6",
            "compose",
        ),
        ("service", "ollama", "http://ollama:11434", None, "compose.yaml:7", "compose"),
        ("model", "ollama", "llama3.2", None, "ollama", "compose.yaml:8", "compose"),
        ("service", "ollama", "http://ollama:11434", "llama3.2", "compose.yaml:8", "compose"),
    )


def test_hub_urls_in_commands() -> None:
    text = """\
git lfs install && git clone https://huggingface.co/BAAI/bge-m3
wget -O m.gguf https://huggingface.co/TheBloke/Llama-2-7B-GGUF/resolve/main/llama-2-7b.Q4_K_M.gguf
curl -L -o a.json https://hf.co/datasets/tatsu-lab/alpaca/resolve/main/a.json
curl -L https://huggingface.co/Qwen/Qwen2.5-0.5B/resolve/0123abc/config.json
open https://huggingface.co/docs/transformers https://huggingface.co/blog/some-post https://huggingface.co/spaces/org/app
"""
    assert summary(scan_shell_script(text, "get.sh")) == S(
        ("model", "hub", "BAAI/bge-m3", None, None, "get.sh:1", "shell"),
        ("model", "hub", "TheBloke/Llama-2-7B-GGUF", None, None, "get.sh:2", "shell"),
        ("dataset", "tatsu-lab/alpaca", "get.sh:3", "shell"),
        ("model", "hub", "Qwen/Qwen2.5-0.5B", "0123abc", None, "get.sh:4", "shell"),
    )


def test_seldon_parameters() -> None:
    text = """\
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: gpt2
spec:
  predictors:
    - name: default
      graph:
        name: model
        implementation: HUGGINGFACE_SERVER
        parameters:
          - name: task
            type: STRING
            value: text-generation
          - name: pretrained_model
            type: STRING
            value: openai-community/gpt2
"""
    assert summary(scan_config_text(text, "seldon.yaml", "yaml")) == [
        ("model", "hub", "openai-community/gpt2", None, "seldon", "seldon.yaml:17", "kubernetes")
    ]


def test_compose_interpolates_from_the_sibling_dotenv(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / ".env").write_text(
        "GEN_MODEL=Qwen/Qwen2.5-14B-Instruct\n", encoding="utf-8"
    )
    compose = "services:\n  vllm:\n    image: vllm/vllm-openai\n    command: --model ${GEN_MODEL} --port 8000\n  other:\n    image: x\n    command: --model ${MISSING}\n"
    (tmp_path / "deploy" / "compose.yaml").write_text(compose, encoding="utf-8")
    p = tmp_path / "deploy" / "compose.yaml"
    out = list(
        ContainerScanner().scan(
            SourceFile("deploy/compose.yaml", p, p.stat().st_size), ScanContext(root=tmp_path)
        )
    )
    assert summary(out) == [
        ("diag", "unresolved-model", "info", "deploy/compose.yaml", 7),
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-14B-Instruct",
            None,
            "vllm",
            "deploy/compose.yaml:4",
            "compose",
        ),
    ]
