"""Weight files a program downloads by name: ``load_file_from_url(url=..., file_name=...)``.

Apps that fetch many networks from buckets of files (a Hugging Face repository holding a dozen
checkpoints, a GitHub release) select and load each one by its file name::

    load_file_from_url(
        url="https://huggingface.co/lllyasviel/misc/resolve/main/xlvaeapp.pth",
        model_dir=path_vae_approx,
        file_name="xlvaeapp.pth",
    )
    vae_approx_filenames = [
        ("xlvaeapp.pth", "https://huggingface.co/lllyasviel/misc/resolve/main/xlvaeapp.pth"),
    ]

Each such file is a local model named by its file name: in a call, the literal ``file_name``/
``filename`` argument, else the last segment of the URL; in a ``(file name, URL)`` pair, the
name (a generic one such as ``pytorch_model.bin`` names no model). The URL must be a literal ``http(s)`` URL of a weight file (``.safetensors``, ``.pth``,
... :data:`aibom.scanners.kernel.WEIGHT_FILE`), or of any file of a Hugging Face model
repository except documents, pictures, code and tokenizer/config files. A call counts when it
downloads: its callee's name says so (``download``, ``load_file_from_url``) or it passes a file
name for the download. The hub repository itself is read by the hub-URL rule.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from aibom.scanners.kernel import WEIGHT_FILE, is_weight_file_name, parse_hub_file_url
from aibom.scanners.python_resolve import tail_name

_URL = re.compile(r"^https?://[^\s/]+/\S+$", re.IGNORECASE)
_URL_KEYWORDS = frozenset({"url", "download_url", "model_url", "remote_url", "source_url"})
_NAME_KEYWORDS = frozenset({"file_name", "filename", "fname", "save_name"})
# Files of a model repository that are no weights.
_NOT_WEIGHTS = re.compile(
    r"(?:\.(?:md|txt|json|ya?ml|py|csv|tsv|model|vocab|html?|pdf|png|jpe?g|gif|webp|svg|zip|"
    r"tar|gz|tgz|wav|mp3|mp4|npz?)|(?:^|/)(?:vocab|merges|tokenizer[\w.-]*))$",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(r"[A-Za-z0-9_][\w+-]*(?:\.[\w+-]+)+")


def weight_downloads(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """``(file name, line)`` of every downloaded weight file described in the module docstring."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found = _call_download(node)
            if found is not None:
                yield found
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            name, url = (_literal(e) for e in node.elts)
            if name is None or url is None or not is_weight_file_name(name):
                continue
            if _model_file_url(url) is not None:
                yield name.strip(), node.elts[0].lineno


def _call_download(call: ast.Call) -> tuple[str, int] | None:
    url_node: ast.expr | None = None
    name_node: ast.expr | None = None
    for kw in call.keywords:
        if kw.arg in _URL_KEYWORDS:
            url_node = kw.value
        elif kw.arg in _NAME_KEYWORDS:
            name_node = kw.value
    if url_node is None and call.args:
        url_node = call.args[0]
    url = _literal(url_node)
    if url is None or url_node is None:
        return None
    tail = _model_file_url(url)
    if tail is None:
        return None
    callee = tail_name(call.func).lower()
    if name_node is None and "download" not in callee and "load_file_from_url" not in callee:
        return None
    name = (_literal(name_node) or "").strip()
    if WEIGHT_FILE.search(name) and not is_weight_file_name(name):
        return None  # saved as pytorch_model.bin: the generic name of a model's own directory
    if _FILE_NAME.fullmatch(name) and not _NOT_WEIGHTS.search(name):
        return name, url_node.lineno
    return tail, url_node.lineno


def _model_file_url(url: str) -> str | None:
    """The file name a literal URL downloads when it is a model file, else None."""
    u = url.strip()
    path = u.split("?", 1)[0].split("#", 1)[0]
    if not _URL.match(path):
        return None
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    if not _FILE_NAME.fullmatch(tail):
        return None
    if is_weight_file_name(tail):
        return tail
    hub = parse_hub_file_url(path)
    if hub is None or hub.mode != "resolve" or not hub.path or _NOT_WEIGHTS.search(tail):
        return None
    return tail if not WEIGHT_FILE.search(tail) else None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
