"""Checkpoint download tables: ``_MODELS = {"tiny.en": "https://host/.../tiny.en.pt", ...}``.

A module-level dict from short checkpoint names to the URL of a weight file (openai-whisper's
``_MODELS``, vendored by many projects), looked up by the name a function's caller passes
(``def load_model(name): ... _MODELS[name]``), lists the checkpoints the code offers to
download by name: each key is a model, reported as a local model of that name (fetched into a
cache, then loaded from disk). A table only read inside the module by names it builds itself
(``model_urls["resnet{}".format(depth)]``: a backbone's pretrained weights) is not an offer. Tables on the Hugging Face hub are read as hub repos elsewhere; tables
keyed by file names (``"vocoder.pth": url``) name files, not models.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from aibom.scanners.python.emission import WEIGHT_SUFFIX

MIN_ENTRIES = 2
_URL = re.compile(r"^https?://[^\s/]+/\S+$", re.IGNORECASE)
_HUB_HOSTS = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9][\w.+-]{0,80}$")


def caller_lookups(tree: ast.Module) -> frozenset[str]:
    """Names of the tables some function indexes with one of its own parameters (``_MODELS[name]``)."""
    out: set[str] = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and isinstance(node.slice, ast.Name)
                and node.slice.id in params
            ):
                out.add(node.value.id)
    return frozenset(out)


def checkpoint_names(
    name: str, value: ast.expr | None, lookups: Callable[[], frozenset[str]]
) -> list[tuple[str, int]]:
    """``(key, line)`` of each key of a name -> weight-file URL table ``name`` that a function
    looks up by its caller's argument (``lookups``: :func:`caller_lookups` of the module, asked
    only for a table that qualifies otherwise); nothing for other dicts."""
    if not isinstance(value, ast.Dict) or len(value.keys) < MIN_ENTRIES:
        return []
    out: list[tuple[str, int]] = []
    for k, v in zip(value.keys, value.values, strict=False):
        if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
            return []
        if not (isinstance(v, ast.Constant) and isinstance(v.value, str)):
            return []
        key, url = k.value.strip(), v.value.strip()
        path = url.split("?", 1)[0].split("#", 1)[0]
        if not _NAME.match(key) or WEIGHT_SUFFIX.search(key):
            return []
        if not _URL.match(path) or _HUB_HOSTS.match(path) or not WEIGHT_SUFFIX.search(path):
            return []
        out.append((key, k.lineno))
    return out if name in lookups() else []
