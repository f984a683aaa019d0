"""A config class of a model's asset paths: the local files a loader joins to its model directory.

Libraries that ship several networks keep where each one lies in one settings class, relative
to the directory the weights are downloaded to, and the loader joins every field onto it::

    @dataclass
    class Path:
        vocos_ckpt_path: str = "asset/Vocos.safetensors"
        gpt_ckpt_path: str = "asset/gpt"
        tokenizer_path: str = "asset/tokenizer"

Each field is a local model (file or directory) of the project. A class counts when at least
one of its string fields names a weight file (``.safetensors``, ``.pt``, ``.onnx``, ...): a
class of log or data paths names none. Its fields then count when their name ends in a
location word (``path``, ``dir``; not ``cache_dir``, ``log_path``: setting_names.yaml) and
either says what model part it holds (``ckpt``, ``tokenizer``, ``decoder``: model_role_words)
or its value names a weight file. Values must be relative paths (URLs and absolute paths are
not assets of the project). Only the class bodies the module index holds are read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from aibom.knowledge.tables import setting_names
from aibom.scanners.kernel import key_words
from aibom.scanners.python.emission import WEIGHT_SUFFIX

_RELATIVE = re.compile(r"[A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*")


def _fields(cls: ast.ClassDef) -> Iterator[tuple[str, str, int]]:
    """(field name, string default, line) of a class body's string fields."""
    for stmt in cls.body:
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            yield stmt.target.id, stmt.value.value, stmt.value.lineno
        elif (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            yield stmt.targets[0].id, stmt.value.value, stmt.value.lineno


def _location_field(name: str) -> tuple[bool, bool]:
    """(names a location of something, names a model part): ``vocos_ckpt_path`` -> (True, True)."""
    words = key_words(name)
    table = setting_names()
    if not words or words[-1] not in table.location_words:
        return False, False
    if any(w in table.not_location_words or w in table.not_words for w in words):
        return False, False
    return True, any(w in table.model_role_words for w in words)


def asset_path_fields(classes: Iterable[ast.ClassDef]) -> Iterator[tuple[str, int]]:
    """(relative path, line) of every model asset field described in the module docstring."""
    for cls in classes:
        found: list[tuple[str, int, bool]] = []
        for name, value, line in _fields(cls):
            path = value.strip()
            located, role = _location_field(name)
            if not located or not _RELATIVE.fullmatch(path):
                continue
            weight = bool(WEIGHT_SUFFIX.search(path))
            if not weight and "/" not in path:
                continue  # tokenizer_path = "tokenizer": a bare word, maybe a name
            if role or weight:
                found.append((path, line, weight))
        if any(weight for _, _, weight in found):
            for path, line, _ in found:
                yield path, line
