"""Model classes registered under a hub id (issue 11): ``@tables.register("model_classes", "Qwen/...")``.

The registered hub id is a model the program loads through that class; class names, other
registries and non-id names stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_hub_ids_registered_as_model_classes_are_models(make_tree: MakeTree) -> None:
    src = (
        "from pkg.register import tables\n"
        "from pkg.registry import MODELS\n"
        '@tables.register("model_classes", "AudioLM")\n'
        '@tables.register("model_classes", "acme-audio/AudioLM-2B")\n'
        "class AudioLM:\n"
        "    pass\n"
        '@MODELS.register_module(name="Qwen/Qwen9-ASR-1B")\n'
        "class Asr:\n"
        "    pass\n"
    )
    found = models(scan(make_tree({"pkg/models/audio.py": src})))
    assert found["acme-audio/audiolm-2b"] == {"pkg/models/audio.py:4"}
    assert found["qwen/qwen9-asr-1b"] == {"pkg/models/audio.py:7"}
    assert "audiolm" not in found


def test_other_registries_stay_out(make_tree: MakeTree) -> None:
    src = (
        "from pkg.register import tables\n"
        '@tables.register("dataset_classes", "acme/speech-corpus")\n'
        "class Corpus:\n"
        "    pass\n"
        '@router.register("users/profile")\n'
        "class Profile:\n"
        "    pass\n"
    )
    names = everything(scan(make_tree({"pkg/data.py": src})))
    assert not names & {"acme/speech-corpus", "users/profile"}
