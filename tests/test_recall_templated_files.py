"""Rule 5 of the recall issue: shell-like and templated files, recognised by content.

Batch scripts, extension-less shebang scripts, Makefiles, Terraform templates and
Jinja/Go templates of Kubernetes manifests carry model ids in ``MODEL=...`` assignments,
``--model`` flags, ``vllm serve`` and ``hf download`` commands. Dataset ids and clone URLs
in the same files stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_slurm_and_sbatch_scripts(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "recipes/launch.slurm": (
                "#!/bin/bash\n"
                "#SBATCH --nodes=2\n"
                'MODEL_PATH="deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"\n'
                "srun accelerate launch train.py --model_name_or_path $MODEL_PATH \\\n"
                "    --dataset_name HuggingFaceH4/ultrachat_200k\n"
            ),
            "recipes/serve.sbatch": (
                "#!/bin/bash\n#SBATCH --gres=gpu:8\nvllm serve Qwen/Qwen2.5-72B-Instruct --tp 8\n"
            ),
        }
    )
    found = models(scan(root))
    assert "recipes/launch.slurm:3" in found["deepseek-ai/deepseek-r1-distill-qwen-7b"]
    assert "recipes/serve.sbatch:3" in found["qwen/qwen2.5-72b-instruct"]
    assert "huggingfaceh4/ultrachat_200k" not in found


def test_extension_less_shebang_script(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "bin/serve-model": (
                "#!/usr/bin/env bash\n"
                "set -e\n"
                "python -m vllm.entrypoints.openai.api_server --model mistralai/Mistral-7B-Instruct-v0.3\n"
            ),
            "bin/NOTES": "see mistralai/Mistral-7B-Instruct-v0.2 for the old one\n",
        }
    )
    found = models(scan(root))
    assert "bin/serve-model:3" in found["mistralai/mistral-7b-instruct-v0.3"]
    assert "mistralai/mistral-7b-instruct-v0.2" not in found


def test_makefile_targets(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "Makefile": (
                "MODEL ?= meta-llama/Llama-3.1-8B-Instruct\n"
                "\n"
                "serve:\n"
                "\tvllm serve $(MODEL) --port 8000\n"
                "\n"
                "fetch:\n"
                "\thf download BAAI/bge-small-en-v1.5 --local-dir models/bge\n"
                "\n"
                "clone:\n"
                "\tgit clone https://github.com/acme/tools-repo\n"
            )
        }
    )
    found = models(scan(root))
    assert "Makefile:1" in found["meta-llama/llama-3.1-8b-instruct"]
    assert "Makefile:7" in found["baai/bge-small-en-v1.5"]
    assert "acme/tools-repo" not in found


def test_terraform_template_with_a_serve_command(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "deploy/main.tf": (
                'resource "kubernetes_deployment" "llm" {\n'
                "  spec {\n"
                "    container {\n"
                '      args = ["vllm", "serve", "google/gemma-2-9b-it", "--max-model-len", "8192"]\n'
                "    }\n"
                "  }\n"
                "}\n"
            ),
            "deploy/values.yaml.tpl": (
                "image: vllm/vllm-openai:v0.6.0\n"
                'modelId: "microsoft/Phi-3-mini-4k-instruct"\n'
                'servedName: "${served_name}"\n'
            ),
        }
    )
    found = models(scan(root))
    assert "deploy/main.tf:4" in found["google/gemma-2-9b-it"]
    assert "deploy/values.yaml.tpl:2" in found["microsoft/phi-3-mini-4k-instruct"]


def test_jinja_and_go_templates_of_manifests(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "k8s/deployment.yaml.j2": (
                "apiVersion: apps/v1\n"
                "kind: Deployment\n"
                "metadata:\n"
                "  name: {{ name }}\n"
                "spec:\n"
                "  template:\n"
                "    spec:\n"
                "      containers:\n"
                "        - name: server\n"
                "          image: vllm/vllm-openai:latest\n"
                '          args: ["--model", "Qwen/Qwen2.5-Coder-7B-Instruct", "--port", "{{ port }}"]\n'
            ),
            "chart/templates/deployment.yaml": (
                "apiVersion: apps/v1\n"
                "kind: Deployment\n"
                "metadata:\n"
                "  name: {{ .Release.Name }}\n"
                "spec:\n"
                "  template:\n"
                "    spec:\n"
                "      containers:\n"
                "        - name: tgi\n"
                "          image: ghcr.io/huggingface/text-generation-inference:2.4\n"
                "          env:\n"
                "            - name: MODEL_ID\n"
                '              value: {{ .Values.modelId | default "HuggingFaceH4/zephyr-7b-beta" | quote }}\n'
            ),
        }
    )
    found = models(scan(root))
    assert "k8s/deployment.yaml.j2:11" in found["qwen/qwen2.5-coder-7b-instruct"]
    assert "chart/templates/deployment.yaml:13" in found["huggingfaceh4/zephyr-7b-beta"]


def test_prose_files_are_not_scripts(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "CHANGES": "Switched the default from org-a/model-one to org-b/model-two.\n",
            "docs/run.txt": "vllm serve org-c/model-three\n",
        }
    )
    found = everything(scan(root))
    assert not {"org-a/model-one", "org-b/model-two", "org-c/model-three"} & found
