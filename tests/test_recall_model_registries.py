"""Nested model registries (issue 11, round H): ``{type_models: {lang: {dataset: {name: record}}}}``.

A speech toolkit ships its released models as nested keys whose path is the id its CLI
takes (``tts_models/en/ljspeech/vits``); every leaf is a record with a download URL and
model metadata. Each id is reported at its leaf's key line; nested configuration that is no
registry stays silent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

from aibom.bom.contents import hub_purl

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _release(name: str, **extra: object) -> dict[str, object]:
    return {
        "github_rls_url": f"https://downloads.example.org/v1/{name}.zip",
        "license": "mpl-2.0",
        "commit": None,
        **extra,
    }


REGISTRY = {
    "speech_models": {
        "en": {
            "studio": {
                "glow": _release("speech--en--studio--glow", description="Glow model."),
                "flow-v2": _release(
                    "speech--en--studio--flow-v2", default_decoder="decoder_models/en/studio/melnet"
                ),
            },
        },
        "multilingual": {
            "mixed": {
                "omni": {"hf_url": ["https://cdn.example.org/omni/model.pth"], "license": "MIT"}
            }
        },
    },
    "decoder_models": {
        "en": {"studio": {"melnet": _release("decoder--en--studio--melnet", author="@someone")}}
    },
}


def _line(text: str, needle: str, after: int = 0) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if i > after and needle in t)


def test_registry_ids_at_their_key_lines(make_tree: MakeTree) -> None:
    text = json.dumps(REGISTRY, indent=4)
    root = make_tree({"toolkit/.models.json": text})
    inv = scan(root)
    found = models(inv)
    assert {
        "speech_models/en/studio/glow",
        "speech_models/en/studio/flow-v2",
        "speech_models/multilingual/mixed/omni",
        "decoder_models/en/studio/melnet",
    } <= set(found)
    glow = _line(text, '"glow": {')
    assert f"toolkit/.models.json:{glow}" in found["speech_models/en/studio/glow"]
    # the registry's own cross-reference names the decoder too
    ref = _line(text, '"default_decoder"')
    assert f"toolkit/.models.json:{ref}" in found["decoder_models/en/studio/melnet"]
    assert model_kinds(inv)["speech_models/en/studio/glow"] == "hub"
    assert hub_purl("speech_models/en/studio/glow") is None  # no Hugging Face purl for it


def test_generic_models_key_starts_the_id_below_it(make_tree: MakeTree) -> None:
    doc = {
        "models": {
            "asr": {
                "en": {"small": _release("asr-en-small", description="x")},
                "de": {"small": _release("asr-de-small", description="y")},
            }
        }
    }
    root = make_tree({"registry.json": json.dumps(doc, indent=2)})
    found = everything(scan(root))
    assert {"asr/en/small", "asr/de/small"} <= found


def test_nested_configuration_that_is_no_registry(make_tree: MakeTree) -> None:
    mirrors = {  # URLs without model metadata: download mirrors
        "mirror_models": {
            "eu": {"de": {"primary": {"url": "https://eu.example.org/"}}},
            "us": {"va": {"primary": {"url": "https://us.example.org/"}}},
        }
    }
    shallow = {"models": {"a": _release("a", description="x"), "b": _release("b", description="y")}}
    mixed = {  # one leaf is no release record: some other nested configuration
        "voice_models": {
            "en": {"studio": {"glow": _release("g", description="x")}},
            "settings": {"cache": {"dir": "/tmp/voices"}},
        }
    }
    pkg_like = {
        "name": "voices",
        "license": "MIT",
        "repository": {"url": "https://github.com/example/voices"},
    }
    root = make_tree(
        {
            "conf/mirrors.json": json.dumps(mirrors, indent=2),
            "conf/shallow.json": json.dumps(shallow, indent=2),
            "conf/mixed.json": json.dumps(mixed, indent=2),
            "conf/meta.json": json.dumps(pkg_like, indent=2),
        }
    )
    found = everything(scan(root))
    assert not {f for f in found if f.count("/") >= 2}
    assert not found & {"a", "b", "glow"}


def test_yaml_registry(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "voices/registry.yaml": (
                "stt_models:\n"
                "  de:\n"
                "    common-voice:\n"
                "      conformer:\n"
                "        model_url: https://downloads.example.org/stt/de-conformer.tar.gz\n"
                "        license: apache-2.0\n"
                "        sha256: 0000\n"
            )
        }
    )
    found = models(scan(root))
    assert found["stt_models/de/common-voice/conformer"] == {"voices/registry.yaml:4"}
