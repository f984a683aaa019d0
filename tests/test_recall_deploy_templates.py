"""Deployment templates and specs (issue 11): Terraform-rendered Helm values and the
container commands inside them.

A ``*.tpl`` file with no inner extension is YAML when its text (template expressions
taken out) is a mapping; anything else behind that suffix (HTML, HCL, Helm helpers) is
left alone without a diagnostic. A container spec's ``command: [sh, -c]`` and
``args: [script]`` are one command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_VALUES_TPL = """\
# A Go template rendered by Terraform's templatefile()
servingEngineSpec:
  modelSpec:
  - name: "big"
    modelURL: "/data/models/big"
    replicaCount: ${replicas}
    initContainer:
      name: downloader
      image: python:3.11-slim
      command: ["/bin/sh", "-c"]
      args:
        - |
          pip install --no-cache-dir "huggingface_hub" &&
          hf download acme-labs/Big-Model-7B --local-dir /data/models/big
    # initContainer:
    #   args: ["hf download acme-labs/Commented-Out-1B"]
"""


def test_terraform_values_template_with_a_download_init_container(make_tree: MakeTree) -> None:
    root = make_tree({"deploy/helm/gpu/gpu-values-cw.tpl": _VALUES_TPL})
    found = models(scan(root))
    assert "deploy/helm/gpu/gpu-values-cw.tpl:14" in found["acme-labs/big-model-7b"]
    assert "acme-labs/commented-out-1b" not in found


def test_templates_of_other_formats_are_skipped_quietly(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "web/page.tpl": "<html><body>{{ model }} acme-labs/Big-Model-7B</body></html>\n",
            "chart/templates/_helpers.tpl": (
                '{{- define "chart.model" -}}\n{{ .Values.model | default "x" }}\n{{- end }}\n'
            ),
            "infra/user_data.tftpl": "#!/bin/bash\necho ${greeting} acme-labs/Big-Model-7B\n",
            "notes/readme.tmpl": "model: [unclosed\n",
        }
    )
    inv = scan(root)
    assert "acme-labs/big-model-7b" not in everything(inv)
    assert not [d for d in inv.diagnostics if d.path.endswith((".tpl", ".tftpl", ".tmpl"))]


def test_a_split_container_command_is_read_whole_in_plain_yaml_values(
    make_tree: MakeTree,
) -> None:
    doc = (
        "sidecar:\n"
        "  command: [bash, -c]\n"
        "  args: ['huggingface-cli download acme-labs/Side-3B --local-dir /m']\n"
        "other:\n"
        "  command: [bash, -c]\n"
        "  args: ['git clone https://example.com/acme-labs/Not-A-Model']\n"
    )
    found = models(scan(make_tree({"values.yaml": doc})))
    assert "values.yaml:3" in found["acme-labs/side-3b"]
    assert "acme-labs/not-a-model" not in found


_LORA_CR = """\
apiVersion: example.ai/v1alpha1
kind: LoraAdapter
metadata:
  name: sample
spec:
  baseModel: "Llama-3.1-8B-Instruct"
  adapterSource:
    type: "huggingface"
    adapterName: "topic-control"
    repository: "acme-labs/topic-control-lora"
  mirrorSource:
    type: "git"
    repository: "acme-labs/deploy-scripts"
"""


def test_a_hub_typed_source_names_its_repository(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"config/samples/adapter.yaml": _LORA_CR}))
    found = models(inv)
    assert "config/samples/adapter.yaml:10" in found["acme-labs/topic-control-lora"]
    assert "acme-labs/deploy-scripts" not in everything(inv)


_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: adapters
data:
  configmap.yaml: |
      loraConfig:
        defaultBaseModel: acme-labs/Base-1B-Instruct
        ensureExist:
          models:
          - id: lego
            source:  acme-labs/Lego-LoRA
          - id: local
            source: /adapters/local
  settings.json: '{"model_id": "acme-labs/Json-Embedded-2B"}'
  notes.txt: |
    model: acme-labs/Not-Read-From-Text
"""


def test_config_files_carried_by_a_configmap_are_read_at_their_lines(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"k8s/adapters.yaml": _CONFIGMAP}))
    found = models(inv)
    assert "k8s/adapters.yaml:8" in found["acme-labs/base-1b-instruct"]
    assert "k8s/adapters.yaml:12" in found["acme-labs/lego-lora"]
    assert "acme-labs/json-embedded-2b" in found
    assert not {"lego", "local", "/adapters/local", "acme-labs/not-read-from-text"} & everything(
        inv
    )


def test_a_hub_typed_dataset_source_is_no_model(make_tree: MakeTree) -> None:
    doc = (
        "train:\n"
        "  source:\n"
        "    type: huggingface\n"
        "    path: acme-labs/chat-corpus\n"
        "    split: train\n"
        "  weights:\n"
        "    source: hf\n"
        "    repo_id: acme-labs/Chat-7B\n"
    )
    found = everything(scan(make_tree({"conf/train.yaml": doc})))
    assert "acme-labs/chat-7b" in found
    assert "acme-labs/chat-corpus" not in found


def test_a_command_string_next_to_args_is_still_shell_text(make_tree: MakeTree) -> None:
    doc = (
        "server:\n"
        "  command: vllm serve acme-labs/Served-8B --port 8000\n"
        "  args: ['--max-model-len', '4096']\n"
        "engine:\n"
        "  command: [vllm, serve]\n"
        "  args: [acme-labs/Listed-3B, --port, '8001']\n"
    )
    found = models(scan(make_tree({"values.yaml": doc})))
    assert "values.yaml:2" in found["acme-labs/served-8b"]
    assert "values.yaml:6" in found["acme-labs/listed-3b"]
