"""Whisper checkpoint size names kept in a project's Whisper options records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_OPTIONS = (
    "from pydantic import BaseModel\n"
    "class InlineAsrOptions(BaseModel):\n"
    "    repo_id: str\n"
    "    verbose: bool = False\n"
    "class InlineAsrNativeWhisperOptions(InlineAsrOptions):\n"
    "    language: str = 'en'\n"
    "class ImageOptions(BaseModel):\n"
    "    repo_id: str\n"
)


def test_whisper_record_with_checkpoint_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "pkg/asr_model_options.py": _OPTIONS,
            "pkg/asr_specs.py": (
                "from pkg.asr_model_options import InlineAsrNativeWhisperOptions\n"
                "TINY = InlineAsrNativeWhisperOptions(repo_id='tiny', verbose=True)\n"
                "DISTIL = InlineAsrNativeWhisperOptions(\n"
                "    repo_id='distil-large-v3',\n"
                ")\n"
                "TURBO = InlineAsrNativeWhisperOptions(repo_id='large-v3-turbo')\n"
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    assert found["tiny"] == {"pkg/asr_specs.py:2"}
    assert found["distil-large-v3"] == {"pkg/asr_specs.py:4"}
    assert "large-v3-turbo" in found
    assert model_kinds(inv)["tiny"] == "local"


def test_size_words_outside_whisper_records(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "pkg/asr_model_options.py": _OPTIONS,
            "pkg/specs.py": (
                "from pkg.asr_model_options import ImageOptions, InlineAsrNativeWhisperOptions\n"
                "BASE = ImageOptions(repo_id='base')\n"  # no Whisper in the record's name
                "FAST = InlineAsrNativeWhisperOptions(repo_id='fast')\n"  # not a checkpoint
                "LANG = InlineAsrNativeWhisperOptions(repo_id='x', language='small')\n"  # no setting
                "SIZE = {'model': 'small'}\n"
            ),
        }
    )
    found = models(scan(root))
    assert "base" not in found
    assert "fast" not in found
    assert "small" not in found
