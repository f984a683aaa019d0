"""Local Hugging Face model directories, model cards, adapters and lone weight files."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from conftest import component, props, scan_to_bom

from aibom.inventory import ModelKind
from aibom.pipeline import ScanRequest, scan_tree
from aibom.scanners.model_dir import parse_front_matter


def safetensors_bytes(
    tensors: dict[str, list[int]], metadata: dict[str, str] | None = None
) -> bytes:
    """A tiny but real safetensors file (F32 tensors of the given shapes)."""
    header: dict[str, object] = {"__metadata__": metadata} if metadata else {}
    offset = 0
    for name, shape in tensors.items():
        n = 4
        for dim in shape:
            n *= dim
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + n]}
        offset += n
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + bytes(offset)


CARD = """---
license: apache-2.0
base_model: Qwen/Qwen2.5-7B-Instruct
base_model_relation: finetune
pipeline_tag: text-generation
library_name: transformers
datasets:
  - acme/tickets
  - acme/faq
---
# My bot
Fine-tuned on support tickets.
"""
CONFIG = {
    "model_type": "qwen2",
    "architectures": ["Qwen2ForCausalLM"],
    "vocab_size": 152064,
    "max_position_embeddings": 32768,
}
TOKENIZER = {
    "bos_token": None,
    "eos_token": "<|im_end|>",
    "pad_token": {"content": "<|endoftext|>", "special": True},
    "added_tokens_decoder": {
        "151644": {"content": "<|im_start|>"},
        "151645": {"content": "<|im_end|>"},
    },
    "chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>{% endfor %}",
}


def test_model_directory_becomes_one_model_with_all_its_facts(make_tree) -> None:
    root = make_tree(
        {
            "models/bot/README.md": CARD,
            "models/bot/config.json": json.dumps(CONFIG),
            "models/bot/tokenizer_config.json": json.dumps(TOKENIZER),
            "models/bot/generation_config.json": json.dumps({"eos_token_id": 151645}),
            "models/bot/model.safetensors": safetensors_bytes({"w": [4, 4]}, {"format": "pt"}),
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    [model] = inv.sorted_models()
    assert (model.name, model.kind, model.frameworks, model.tasks) == (
        "models/bot",
        ModelKind.LOCAL,
        {"transformers"},
        {"text-generation"},
    )
    assert [str(loc) for loc in model.occurrences] == ["models/bot/README.md:1"]
    facts = model.facts
    assert facts is not None
    assert facts.card is not None and facts.card["base_model"] == "Qwen/Qwen2.5-7B-Instruct"
    assert facts.config == CONFIG
    assert facts.vocab_size == 152064
    assert facts.special_tokens == ["<|endoftext|>", "<|im_end|>", "<|im_start|>"]
    assert facts.chat_template is not None and "<|im_start|>" in facts.chat_template
    assert [w.path for w in facts.weights] == ["models/bot/model.safetensors"]
    assert [d.name for d in inv.sorted_datasets()] == ["acme/faq", "acme/tickets"]


def test_bom_of_a_model_directory_is_valid_and_links_datasets(make_tree) -> None:
    root = make_tree({"m/README.md": CARD, "m/config.json": json.dumps(CONFIG)})
    bom = scan_to_bom(root)
    model = component(bom, "model:local:m")
    assert props(model, "aibom:model.kind") == ["local"]
    assert model["modelCard"]["modelParameters"]["datasets"] == [
        {"ref": "dataset:acme/faq"},
        {"ref": "dataset:acme/tickets"},
    ]
    assert component(bom, "dataset:acme/faq")["type"] == "data"


def test_adapter_directory(make_tree) -> None:
    root = make_tree(
        {
            "lora/adapter_config.json": json.dumps(
                {"base_model_name_or_path": "meta-llama/Llama-3.1-8B", "peft_type": "LORA"}
            ),
            "lora/adapter_model.safetensors": safetensors_bytes({"a": [2, 2]}),
        }
    )
    [model] = scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models()
    assert model.name == "lora"
    assert model.relation_hints == {"adapter"}
    assert model.frameworks == {"peft"}
    assert model.facts is not None and model.facts.adapter_config is not None


def test_lone_weight_files_are_models_of_their_own(make_tree) -> None:
    root = make_tree(
        {
            "weights/a.safetensors": safetensors_bytes({"x": [2]}),
            "weights/b.safetensors": safetensors_bytes({"y": [3]}),
            "weights/notes.txt": "hi",
        }
    )
    names = [m.name for m in scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models()]
    assert names == ["weights/a.safetensors", "weights/b.safetensors"]


def test_weights_are_hashed_when_asked(make_tree) -> None:
    import hashlib

    data = safetensors_bytes({"x": [8]})
    root = make_tree({"w/custom.safetensors": data, "hf/model.safetensors": data})
    bom = scan_to_bom(root, hash_weights=True)
    digest = hashlib.sha256(data).hexdigest()
    lone = component(bom, "model:local:w/custom.safetensors")
    assert lone["hashes"] == [{"alg": "SHA-256", "content": digest}]
    # model.safetensors names a Hugging Face model directory
    hf_dir = component(bom, "model:local:hf")
    assert [(c["name"], c["hashes"]) for c in hf_dir["components"]] == [
        ("hf/model.safetensors", [{"alg": "SHA-256", "content": digest}])
    ]


def test_decoys_are_not_model_directories(make_tree) -> None:
    root = make_tree(
        {
            "README.md": "---\ntitle: My project\nlayout: page\n---\n# Project\n",
            "web/config.json": json.dumps({"port": 8080, "debug": True}),
            "docs/README.md": "# Docs\nWe use Qwen/Qwen2.5-7B-Instruct.\n",
        }
    )
    assert scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models() == []


def test_malformed_inputs_become_diagnostics(make_tree) -> None:
    root = make_tree(
        {
            "m/README.md": "---\nlicense: [unclosed\nbase_model: x\n---\n",
            "m/config.json": "{not json",
            "m/adapter_config.json": json.dumps([1, 2]),
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    codes = sorted((d.path, d.code) for d in inv.diagnostics)
    assert ("m/README.md", "model-card") in codes
    assert ("m/config.json", "json") in codes
    assert ("m/adapter_config.json", "json") in codes
    assert [m.name for m in inv.sorted_models()] == ["m"]


def test_front_matter_parsing() -> None:
    assert parse_front_matter("---\na: 1\n---\nbody") == ({"a": 1}, "body", None)
    assert parse_front_matter("no front matter") == (None, "no front matter", None)
    assert parse_front_matter("---\n- 1\n---\n")[2] == "YAML front matter is not a mapping"
    front, _, error = parse_front_matter("---\na: [1\n---\n")
    assert front is None and error is not None and error.startswith("malformed YAML front matter")


def test_symlinked_model_dir_outside_root_is_not_read(make_tree, tmp_path: Path) -> None:
    outside = make_tree({"README.md": CARD}, root=tmp_path / "outside")
    root = make_tree({"app.py": "x = 1"})
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models() == []
