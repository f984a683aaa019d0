"""Whisper checkpoint names in a Whisper options record: ``WhisperOptions(repo_id="small.en")``.

openai-whisper (``whisper.load_model("small.en")``), faster-whisper and WhisperS2T download
their checkpoints by a short size name (``tiny``, ``base.en``, ``large-v3-turbo``,
``distil-large-v3``). Projects that wrap them keep those names in their own options records
(docling's ``InlineAsrNativeWhisperOptions(repo_id="tiny")``); the value alone is an ordinary
word, so it counts only when the record's class names Whisper and the field is a model setting.
The names are the libraries' own, read from ``sdk_python.yaml`` (openai-whisper's
``own_names`` and faster-whisper's ``bare_names``), so a record field holding ``"base"`` under a
class that does not name Whisper, or ``"fast"`` under one that does, stays unreported.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from aibom.knowledge.tables import python_constructors

_FRAMEWORKS = frozenset({"openai-whisper", "faster-whisper"})


@lru_cache(maxsize=1)
def whisper_checkpoint_names() -> frozenset[str]:
    """Every short checkpoint name the Whisper libraries in ``sdk_python.yaml`` download."""
    out: set[str] = set()
    for ctor in python_constructors().values():
        if ctor.framework in _FRAMEWORKS:
            out.update(ctor.own_names)
            out.update(short for short, _ in ctor.bare_names)
    return frozenset(out)


def whisper_record_checkpoint(owner: str, value: str) -> bool:
    """True when ``value`` is a Whisper checkpoint name set on a record class naming Whisper."""
    return "whisper" in owner.rsplit(".", 1)[-1].lower() and value in whisper_checkpoint_names()


def calls_whisper_record(func: ast.expr) -> bool:
    """True when a call's callee (``InlineAsrNativeWhisperOptions``, ``m.WhisperOptions``)
    names Whisper: only then may a bare size name among its arguments be a model."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return isinstance(name, str) and "whisper" in name.lower()
