"""Model galleries: catalog entries that list the weight files a product downloads.

A serving stack's model gallery (LocalAI's ``gallery/index.yaml`` and the galleries built
on its format) is a list of entries, each naming the files the product fetches when the
user installs it::

    - name: "qwen3-8b"
      files:
        - filename: Qwen3-8B-Q4_K_M.gguf
          sha256: ...
          uri: huggingface://Qwen/Qwen3-8B-GGUF/Qwen3-8B-Q4_K_M.gguf

A record naming the file to save (``filename``) and the Hugging Face *file* URL it is
downloaded from (``huggingface://org/repo/file``, ``hf://org/repo/file`` or
``https://huggingface.co/org/repo/resolve/<rev>/file``) downloads from the hub
repository ``org/repo``: that repository is the model. Model-card links (``urls:``), icon
images and dataset files (``huggingface.co/datasets/...``) are not file downloads of a
model repository and are not read here.

Gallery files are big (thousands of entries): :func:`looks_like_gallery` lets the config
scanner read a YAML file over its size limit when its head has this shape.

May import: :mod:`aibom.scanners.kernel` and below.
"""

from __future__ import annotations

import re

from aibom.inventory import ModelKind
from aibom.scanners.kernel import Emitter, Node, ValueContext, emit_model_value, hub_file_repo

_FILE_KEYS = ("filename", "file_name", "fileName", "file", "path")
_URL_KEYS = ("uri", "url", "download_url", "downloadUrl", "source")


def _file_download(el: Node) -> tuple[str, int | None] | None:
    """``{filename: x.gguf, uri: huggingface://org/repo/x.gguf}``: the repo and the URL's line."""
    if el.kind != "map" or not any(el.get_str(k) for k in _FILE_KEYS):
        return None
    for key in _URL_KEYS:
        url = el.get_str(key)
        if url and (repo := hub_file_repo(url)) is not None:
            for k, line, _ in el.items:
                if k == key:
                    return repo, line
    return None


# weight files a backend loads by path
_WEIGHT_SUFFIXES = (".gguf", ".ggml", ".safetensors", ".onnx", ".bin", ".pt", ".pth", ".ckpt")


def gallery_files(em: Emitter, node: Node, scope: ValueContext, env: dict[str, str]) -> None:
    """A gallery entry's ``files:`` records downloaded from Hugging Face: each repo is a model.

    When no file comes from the hub, the weight file the entry's configuration loads
    (``overrides: {parameters: {model: voices/x.onnx}}``, in an archive from GitHub releases
    the entry downloads) is the entry's model, a local one.
    """
    files = node.get("files")
    if files is None or files.kind != "seq":
        return
    downloads = [el for el in files.elements if el.kind == "map" and el.get_str("filename")]
    from_hub = False
    for el in files.elements:
        found = _file_download(el)
        if found is not None:
            from_hub = True
            emit_model_value(em, found[0], found[1], scope, hub_only=True, env=env)
    overrides = node.get("overrides")
    params = overrides.get("parameters") if overrides is not None else None
    if from_hub or not downloads or params is None or params.kind != "map":
        return
    for key, line, child in params.items:
        value = (child.value or "").strip() if child.kind == "scalar" else ""
        if key == "model" and value.lower().endswith(_WEIGHT_SUFFIXES) and "://" not in value:
            em.model(value, ModelKind.LOCAL, line, framework=scope.framework)


_GALLERY_HEAD = 64 * 1024
_TOP_ENTRY = re.compile(r"^- (?:&\S+\s*)?$|^- [\w\"']", re.MULTILINE)
_ENTRY_FILES = re.compile(r"^\s+files:\s*$", re.MULTILINE)
_ENTRY_URI = re.compile(
    r"^\s+(?:- )?(?:uri|url):\s*[\"']?(?:huggingface://|hf://|https://huggingface\.co/)",
    re.MULTILINE,
)


def looks_like_gallery(text: str) -> bool:
    """A YAML model gallery: a top-level list of entries with ``files:`` downloaded from the hub.

    Read from the head of the text only (the first 64 KiB), so a big data file costs nothing.
    """
    head = text[:_GALLERY_HEAD]
    for line in head.splitlines():
        s = line.strip()
        if not s or s.startswith("#") or s == "---":
            continue
        if not line.startswith("- "):
            return False
        break
    else:
        return False
    return bool(_TOP_ENTRY.search(head) and _ENTRY_FILES.search(head) and _ENTRY_URI.search(head))


_EMBEDDED_CONFIG_KEYS = ("config_file", "config_yaml")


def embedded_configs(doc: Node) -> list[str]:
    """The YAML configurations gallery entries carry as text (``config_file: |`` blocks).

    Each text is padded with blank lines so that parsing it gives the file's own line numbers.
    Read from the document itself (a gallery template) and from the entries of a top-level list.
    """
    entries = [doc] if doc.kind == "map" else [e for e in doc.elements if e.kind == "map"]
    out: list[str] = []
    for entry in entries:
        for key in _EMBEDDED_CONFIG_KEYS:
            child = entry.get(key)
            if child is None or child.kind != "scalar" or not child.value:
                continue
            if "\n" not in child.value.strip() or child.line is None:
                continue
            out.append("\n" * (child.line - 1) + child.value)
    return out
