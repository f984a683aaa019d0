"""Model-download catalogs: JSON/YAML lists of records naming a weight file and its URL.

Desktop apps ship the list of models they offer as records such as
``{"filename": "x.Q4_0.gguf", "url": "https://.../x.Q4_0.gguf", "ramrequired": "8"}``.
A Hugging Face ``resolve`` URL names the hub repository; another host makes the file
itself the model. Lists of other downloads (archives, firmware) stay silent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _record(name: str, filename: str, url: str, **extra: str) -> dict[str, str]:
    return {
        "order": "a",
        "md5sum": "0" * 32,
        "name": name,
        "filename": filename,
        "url": url,
        **extra,
    }


def test_gguf_catalog_records(make_tree: MakeTree) -> None:
    catalog = [
        _record(
            "Reasoner",
            "qwen2.5-coder-7b-instruct-q4_0.gguf",
            "https://huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct-GGUF/resolve/main/"
            "qwen2.5-coder-7b-instruct-q4_0.gguf",
            parameters="8 billion",
        ),
        _record(
            "Llama 3 8B",
            "Meta-Llama-3-8B-Instruct.Q4_0.gguf",
            "https://example-cdn.io/models/gguf/Meta-Llama-3-8B-Instruct.Q4_0.gguf",
            ramrequired="8",
        ),
        _record(
            "Orca 2",
            "orca-2-7b.Q4_0.gguf",
            "https://example-cdn.io/models/gguf/orca-2-7b.Q4_0.gguf",
        ),
    ]
    root = make_tree({"app/metadata/catalog.json": json.dumps(catalog, indent=2)})
    inv = scan(root)
    kinds = model_kinds(inv)
    assert kinds["qwen/qwen2.5-coder-7b-instruct-gguf"] == "hub"
    assert kinds["meta-llama-3-8b-instruct.q4_0.gguf"] == "local"
    assert kinds["orca-2-7b.q4_0.gguf"] == "local"
    assert "app/metadata/catalog.json:14" in models(inv)["meta-llama-3-8b-instruct.q4_0.gguf"]
    assert "app/metadata/catalog.json:7" in models(inv)["qwen/qwen2.5-coder-7b-instruct-gguf"]


def test_bin_records_need_model_metadata(make_tree: MakeTree) -> None:
    with_meta = [
        _record(
            "A", "ggml-model-a.bin", "https://cdn.io/a/ggml-model-a.bin", parameters="7 billion"
        ),
        _record("B", "ggml-model-b.bin", "https://cdn.io/b/ggml-model-b.bin", quant="q4_0"),
    ]
    firmware = [
        _record("Router", "router-fw.bin", "https://cdn.io/fw/router-fw.bin"),
        _record("Switch", "switch-fw.bin", "https://cdn.io/fw/switch-fw.bin"),
    ]
    root = make_tree(
        {
            "models.json": json.dumps(with_meta, indent=2),
            "firmware/releases.json": json.dumps(firmware, indent=2),
        }
    )
    found = everything(scan(root))
    assert {"ggml-model-a.bin", "ggml-model-b.bin"} <= found
    assert not {"router-fw.bin", "switch-fw.bin"} & found


def test_decoy_download_lists_stay_silent(make_tree: MakeTree) -> None:
    archives = [
        _record("Docs", "docs-v1.zip", "https://cdn.io/docs-v1.zip"),
        _record("Data", "data-v2.tar.gz", "https://cdn.io/data-v2.tar.gz"),
    ]
    # the URL does not fetch the named file: not a download record
    mismatched = [
        {"filename": "tiny-a.gguf", "url": "https://cdn.io/index.html"},
        {"filename": "tiny-b.gguf", "url": "https://cdn.io/about"},
    ]
    # one record is no catalog
    single = [{"filename": "lonely.gguf", "url": "https://cdn.io/lonely.gguf"}]
    root = make_tree(
        {
            "downloads.json": json.dumps(archives),
            "links.json": json.dumps(mismatched),
            "one.json": json.dumps(single),
        }
    )
    found = everything(scan(root))
    assert (
        not {"docs-v1.zip", "data-v2.tar.gz", "tiny-a.gguf", "tiny-b.gguf", "lonely.gguf"} & found
    )
