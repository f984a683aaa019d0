"""Weight files named in presets and download calls: models picked by their file name.

Image-generation apps ship JSON/YAML presets naming the checkpoint, LoRAs, VAE and upscaler by
file name, with ``{file name: URL}`` download maps, and fetch further networks with
``load_file_from_url(url=..., file_name=...)``. Each file name is a local model; a Hugging
Face ``resolve`` URL also names its hub repository. Placeholders, generic file names, data
files, documentation links and test files stay silent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

from aibom.scanners.kernel import hub_file_repo, is_weight_file_name, parse_hub_file_url

MakeTree = Callable[[dict[str, str | bytes]], Path]

HF = "https://huggingface.co"


def _preset() -> str:
    return json.dumps(
        {
            "default_model": "dreamyXL_v3Turbo.safetensors",
            "default_refiner": "None",
            "default_vae": "Default (model)",
            "default_loras": [
                [True, "film_grain_style-lora_0.8.safetensors", 0.4],
                [True, "None", 1.0],
            ],
            "default_styles": ["Cinematic", "Sharp"],
            "checkpoint_downloads": {
                "dreamyXL_v3Turbo.safetensors": f"{HF}/someone/xl_models/resolve/main/dreamyXL_v3Turbo.safetensors"
            },
            "lora_downloads": {
                "film_grain_style-lora_0.8.safetensors": f"{HF}/someone/loras/resolve/main/film_grain_style-lora_0.8.safetensors"
            },
            "embeddings_downloads": {},
            "previous_default_models": ["dreamyXL_v2Turbo.safetensors", "dreamyXL_v1.safetensors"],
            "output_model": "my_finetune.safetensors",
            "example_image": f"{HF}/someone/xl_models/resolve/main/sample.png",
        },
        indent=4,
    )


def test_preset_json(make_tree: MakeTree) -> None:
    text = _preset()
    inv = scan(make_tree({"presets/default.json": text}))
    found = models(inv)
    lines = {
        str(n)
        for n, line in enumerate(text.splitlines(), 1)
        if '"dreamyXL_v3Turbo.safetensors"' in line
    }
    assert len(lines) == 2
    kinds = model_kinds(inv)
    for name in (
        "dreamyxl_v3turbo.safetensors",
        "film_grain_style-lora_0.8.safetensors",
        "dreamyxl_v2turbo.safetensors",
        "dreamyxl_v1.safetensors",
    ):
        assert kinds.get(name) == "local", name
    assert kinds.get("someone/xl_models") == "hub"
    assert kinds.get("someone/loras") == "hub"
    # the default on its own line and the download map's key
    assert {o.rsplit(":", 1)[1] for o in found["dreamyxl_v3turbo.safetensors"]} == lines
    everything_found = everything(inv)
    for decoy in ("none", "default (model)", "cinematic", "my_finetune.safetensors"):
        assert decoy not in everything_found


def test_preset_yaml_and_generic_names(make_tree: MakeTree) -> None:
    yaml_text = (
        "upscaler: 4x_RealESRGAN_plus.pth\n"
        "vae: sdxl_vae_fp16_fix.safetensors\n"
        "model: model.safetensors\n"  # every hub repo's file name: no model of its own
        "checkpoint: ${CKPT_FILE}\n"
        "lora_dir: loras/extra.safetensors\n"  # a place, not a model
        "training_data: shards/part-0001.bin\n"
        "weights_url: https://huggingface.co/someone/upscalers/blob/main/README.md\n"
    )
    inv = scan(make_tree({"config/pipeline.yaml": yaml_text}))
    kinds = model_kinds(inv)
    assert kinds.get("4x_realesrgan_plus.pth") == "local"
    assert kinds.get("sdxl_vae_fp16_fix.safetensors") == "local"
    for decoy in (
        "model.safetensors",
        "loras/extra.safetensors",
        "shards/part-0001.bin",
        "someone/upscalers",
    ):
        assert decoy not in everything(inv)


def test_translation_keys_are_no_settings(make_tree: MakeTree) -> None:
    # a UI translation table keyed by the texts it shows, old dropdown values among them
    table = {"Refiner": "Refiner", "retro_vae-lora_2.safetensors": "retro_vae-lora_2.safetensors"}
    inv = scan(make_tree({"language/en.json": json.dumps(table, indent=2)}))
    assert not everything(inv)


def test_download_map_needs_weight_urls(make_tree: MakeTree) -> None:
    # a map of file names to URLs of documents is no download map of models
    doc = {
        "pages": {"guide.safetensors": "https://example.org/docs/guide.html"},
        "assets": {"logo.png": "https://example.org/logo.png"},
        "icon": f"{HF}/someone/art/resolve/main/icon.png",
        "dataset_files": [f"{HF}/datasets/someone/corpus/resolve/main/train.parquet"],
    }
    inv = scan(make_tree({"site.json": json.dumps(doc, indent=2)}))
    assert not everything(inv)


def test_hub_url_in_config_names_repo(make_tree: MakeTree) -> None:
    text = (
        "weights:\n  - url: https://huggingface.co/someone/upscalers/resolve/v1/RealESRGAN_x4.pth\n"
    )
    inv = scan(make_tree({"models.yaml": text}))
    assert model_kinds(inv).get("someone/upscalers") == "hub"


def test_presets_in_tests_are_optional(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"tests/fixtures/preset.json": _preset()}))
    assert "dreamyxl_v3turbo.safetensors" not in everything(inv)


_DOWNLOADS = """
from modules.util import load_file_from_url

approx = [
    ("tinyvae_xl.pth", "https://huggingface.co/someone/misc/resolve/main/tinyvae_xl.pth"),
]


def download_inpaint():
    load_file_from_url(
        url="https://huggingface.co/someone/inpaint/resolve/main/inpaint_head.pth",
        model_dir=path_inpaint,
        file_name="inpaint_head.pth",
    )
    load_file_from_url(
        url="https://huggingface.co/someone/inpaint/resolve/main/inpaint_v2.fooocus.patch",
        model_dir=path_inpaint,
        file_name="inpaint_v2.fooocus.patch",
    )
    load_file_from_url(
        url="https://huggingface.co/someone/misc/resolve/main/fast_lora.safetensors",
        model_dir=path_loras,
        file_name=flags.FAST_LORA,
    )
    load_file_from_url(
        url="https://huggingface.co/someone/misc/resolve/main/expansion.bin",
        model_dir=path_expansion,
        file_name="pytorch_model.bin",
    )
    load_file_from_url(
        url="https://huggingface.co/someone/misc/resolve/main/tags.csv",
        model_dir=path_tags,
        file_name="tags.csv",
    )
    requests.get("https://example.org/files/report.bin")
"""


def test_download_calls(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"modules/config.py": _DOWNLOADS}))
    found = models(inv)
    kinds = model_kinds(inv)
    for name in (
        "tinyvae_xl.pth",
        "inpaint_head.pth",
        "inpaint_v2.fooocus.patch",
        "fast_lora.safetensors",  # named by the URL when the file name is computed
    ):
        assert kinds.get(name) == "local", name
    assert kinds.get("someone/inpaint") == "hub"
    assert "modules/config.py:11" in found["inpaint_head.pth"]  # the URL line
    for decoy in ("pytorch_model.bin", "expansion.bin", "tags.csv", "report.bin"):
        assert decoy not in everything(inv)


def test_kernel_pieces() -> None:
    assert is_weight_file_name("juggernautXL_v8Rundiffusion.safetensors")
    assert is_weight_file_name("models/sam_vit_b_01ec64.pth")
    for not_one in (
        "model.safetensors",
        "pytorch_model.bin",
        "model-00001-of-00002.safetensors",
        "None",
        "*.safetensors",
        "../x.pth",
        "https://example.org/x.pth",
        "notes.txt",
    ):
        assert not is_weight_file_name(not_one), not_one
    url = parse_hub_file_url("https://huggingface.co/org/repo/tree/main/")
    assert url is not None and url.mode == "tree" and url.path == ""
    assert parse_hub_file_url("huggingface.co/org/repo/resolve/v1/a/b.gguf") is not None
    assert parse_hub_file_url(f"{HF}/datasets/org/ds/resolve/main/x.json") is None
    assert hub_file_repo(f"{HF}/org/repo/blob/main/x.onnx") == "org/repo"
    assert hub_file_repo(f"{HF}/org/repo/tree/main/") is None
    assert hub_file_repo("huggingface.co/org/repo/resolve/main/x.gguf") is None  # no scheme


def test_download_calls_in_tests_stay_silent(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"tests/test_downloads.py": _DOWNLOADS}))
    assert "inpaint_head.pth" not in everything(inv)
    assert "tinyvae_xl.pth" not in everything(inv)
