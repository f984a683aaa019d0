"""Weight files named in configuration files: presets that pick models by file name.

Image-generation apps (and many local-model launchers) name the checkpoints, LoRAs, VAEs and
upscalers they load by the weight file's name, and ship presets mapping those names to the
URLs they are downloaded from::

    {"default_model": "juggernautXL_v8Rundiffusion.safetensors",
     "default_loras": [[true, "sd_xl_offset_example-lora_1.0.safetensors", 0.1]],
     "checkpoint_downloads": {
         "juggernautXL_v8Rundiffusion.safetensors":
             "https://huggingface.co/lllyasviel/fav_models/resolve/main/fav/juggernautXL_v8Rundiffusion.safetensors"}}

Three shapes are read, each value reported once per line:

* a value under a key naming a model part (``setting_names.yaml`` ``weight_words``:
  ``model``, ``lora``, ``vae``, ``refiner``, ``upscaler``, ...; never with a ``not_words``
  word such as ``output`` or ``dir``) that is a weight file's name or relative path
  (:func:`aibom.scanners.kernel.is_weight_file_name`), alone or inside (nested) lists: a
  local model named as written;
* a download map, ``{file name: URL}``, whose keys are weight file names and whose values are
  ``http(s)`` URLs of files with a weight suffix: each key is a local model;
* a Hugging Face file URL (``/resolve/<rev>/<file>``, or ``/blob/`` to a weight file) as a
  value anywhere: the hub repository it downloads from is a model (pictures and documents
  excepted, and never under keys naming documentation, icons or data).

Generic file names every hub repository holds (``model.safetensors``,
``pytorch_model.bin``), placeholders (``None``) and templated values are no model. Test
configurations are left to the caller.
"""

from __future__ import annotations

import re

from aibom.inventory import ModelKind
from aibom.knowledge.tables import setting_names
from aibom.scanners.kernel import (
    MAX_DEPTH,
    WEIGHT_FILE,
    Emitter,
    Node,
    is_weight_file_name,
    key_words,
    names_no_use,
    parse_hub_file_url,
)

_URL = re.compile(r"^https?://[^\s/]+/\S+$", re.IGNORECASE)
# Files on the hub that are no weights: a model card, a picture, a sample.
_NOT_WEIGHT_FILE = re.compile(
    r"\.(?:md|txt|png|jpe?g|gif|webp|svg|ico|mp3|wav|mp4|webm|html?|pdf|csv)$", re.IGNORECASE
)
# Keys whose values document or decorate a model rather than fetch it.
_NOT_FETCH_WORDS = frozenset(
    {
        "example", "examples", "description", "title", "summary", "comment", "icon", "logo",
        "image", "thumbnail", "avatar", "preview", "card", "readme", "license", "homepage",
        "docs", "doc", "paper", "link", "links",
    }
)  # fmt: skip


def weight_file_settings(root: Node, em: Emitter, *, files: bool = True) -> None:
    """Report the weight files and hub file URLs of ``root`` described in the module docstring
    (``files=False``: the hub URLs only; a model gallery's entries name their files through
    :mod:`aibom.scanners.gallery`)."""
    seen: set[tuple[str, int | None]] = set()
    # YAML aliases share nodes: a billion-laughs document is a small graph, each node read once
    visited: set[int] = set()

    def local(name: str, line: int | None) -> None:
        if files and (name.lower(), line) not in seen:
            seen.add((name.lower(), line))
            em.model(name, ModelKind.LOCAL, line)

    def hub(url: str, line: int | None) -> None:
        repo = _hub_repo(url)
        if repo is not None and ("hub:" + repo.lower(), line) not in seen:
            seen.add(("hub:" + repo.lower(), line))
            em.model(repo, ModelKind.HUB, line)

    def visit(node: Node, key: str | None, line: int | None, depth: int, fetch: bool) -> None:
        if depth > MAX_DEPTH or id(node) in visited:
            return
        visited.add(id(node))
        if node.kind == "scalar":
            value = (node.value or "").strip()
            if fetch and value:
                hub(value, node.line or line)
            if key is not None and _weight_key(key) and is_weight_file_name(value):
                local(value, node.line or line)
            return
        if node.kind == "seq":
            for el in node.elements:
                visit(el, key, el.line or line, depth + 1, fetch)
            return
        if node.kind != "map":
            return
        downloads = _download_map(node)
        for k, kline, child in node.items:
            if k in downloads:
                local(k.strip(), kline)
            child_fetch = fetch and not _not_fetch(k)
            visit(child, k, child.line or kline, depth + 1, child_fetch)

    visit(root, None, root.line, 0, True)


def _weight_key(key: str) -> bool:
    """``default_model``, ``default_loras``, ``upscale_model``: a key naming a model part."""
    if WEIGHT_FILE.search(key.strip()):
        return False  # a translation table's "x-lora.safetensors": "x-lora.safetensors"
    words = key_words(key)
    table = setting_names()
    if not words or any(w in table.not_words for w in words) or names_no_use(key):
        return False
    return any(w in table.weight_words for w in words)


def _download_map(node: Node) -> set[str]:
    """The keys of a ``{weight file name: URL of a weight file}`` download map, else nothing."""
    keys: set[str] = set()
    for k, _, child in node.items:
        url = (child.value or "").strip() if child.kind == "scalar" else ""
        path = url.split("?", 1)[0].split("#", 1)[0]
        if not (is_weight_file_name(k) and _URL.match(path) and WEIGHT_FILE.search(path)):
            return set()
        keys.add(k)
    return keys


def _hub_repo(url: str) -> str | None:
    """The hub repository a Hugging Face download URL fetches a model file from."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    f = parse_hub_file_url(url)
    if f is None or not f.path or _NOT_WEIGHT_FILE.search(f.path.split("?", 1)[0]):
        return None
    if f.mode == "blob" and not WEIGHT_FILE.search(f.path.split("?", 1)[0]):
        return None  # a link to a file's page: a download only when it is a weight file
    return None if f.mode == "tree" else f.repo  # hub_file_repo's answer, without a second parse


def _not_fetch(key: str) -> bool:
    return names_no_use(key) or any(w in _NOT_FETCH_WORDS for w in key_words(key))
