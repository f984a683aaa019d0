"""Vendor adapter folders: one folder per hosted model vendor, the vendor named by the folder.

Frameworks that talk to many model vendors keep each vendor's adapter in its own folder under
a parent such as ``services/``, ``providers/``, ``llms/`` or ``integrations/``
(``src/pipecat/services/cartesia/tts.py``, a hosting provider's sub-folder inside,
``services/nvidia/sagemaker/``, naming where that adapter's model is served; the Python form of the JS gateways' provider folders
read by :mod:`aibom.scanners.javascript.provider_adapters`). In such a file a model setting's
literal default is the model sent to that vendor when the caller names none, even when the name
is no known or strong model name (speech models such as ``bulbul:v2``, ``ink-whisper``):

* a model keyword of a call, ``default_settings = self.Settings(model="sonic-3.5")``,
  ``InputParams(model=...)``;
* a model parameter's default, ``def __init__(self, model: str = "ink-whisper")``;
* a model field of a record class, ``model: str = "stt-rt-v5"`` (and the members of its
  ``Literal[...]`` annotation: the names the field accepts);
* a model entry of a dict literal, ``{"model_name": "canary-1b-asr"}``;
* a model-named variable's literal or literal fallback, ``m = tts_model or "inworld-tts-2"``;
* the members of an enum named as the vendor's models, ``class SarvamTTSModel(StrEnum)``.

Voice ids, languages, paths (``model_path``) and lookup or capability names are no model
settings here, and comparisons, docstrings and messages are never read. The file's endpoint is
the URL literal a URL-named parameter, field, keyword or variable fixes
(``base_url: str = "https://api.sarvam.ai"``, ``url: str = "wss://..."``, a bare
``"api.cartesia.ai"``); a folder no provider table knows counts only when its file fixes one
(``services/script_reviewer_v3/`` is a project's own service, not a vendor's adapter).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from aibom.inventory import is_test_path
from aibom.knowledge.providers import provider_spelled
from aibom.scanners.javascript.provider_adapters import folder_provider
from aibom.scanners.kernel import is_model_key, key_words, names_no_use
from aibom.scanners.python_resolve import tail_name

# a directory whose sub-directories are one vendor's adapter each
_PARENTS = frozenset(
    {
        "services",
        "providers",
        "provider",
        "llms",
        "models",
        "integrations",
        "adapters",
        "adaptors",
        "adaptor",
    }
)
# vendor folders of services that are no model API, and folders that are no vendor
_NOT_VENDORS = frozenset(
    {
        "storage", "transport", "transports", "database", "databases", "db", "cache", "queue",
        "auth", "email", "mail", "payment", "payments", "vectorstores", "vector_stores",
        "vectordb", "search", "base", "common", "utils", "shared", "core", "examples",
        "example", "samples", "demo", "demos", "python", "py", "typescript", "ts",
        "javascript", "js",
    }
)  # fmt: skip
_EXAMPLE_DIRS = frozenset({"examples", "example", "samples", "sample", "demo", "demos", "docs"})
_NOT_MODELS = frozenset(
    {"auto", "default", "none", "null", "true", "false", "custom", "string", "model", "str",
     # chat roles: a role map's ``{"model": "assistant"}`` renames a role, names no model
     "assistant", "user", "system", "tool", "developer"}
)  # fmt: skip
_MODEL_ID = re.compile(r"[A-Za-z0-9][\w.:/@+-]{0,199}")
_URL = re.compile(r"(?:https?|wss?)://[^\s'\"`{}]+")
# a bare API host a URL-named setting falls back to (``self._base_url = netloc or "api.cartesia.ai"``)
_HOST = re.compile(
    r"(?:api|[a-z0-9-]*api[a-z0-9-]*)\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:/\S*)?"
)
_LOCATION_WORDS = frozenset({"path", "dir", "file", "files", "url", "folder"})
_VOICE_WORDS = frozenset({"voice", "voices", "speaker", "speakers", "language", "lang"})
_URL_WORDS = frozenset({"url", "endpoint", "host", "uri"})
_URL_HEAD = re.compile(r"((?:https?|wss?)://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?)/")
# calls whose first argument is the address they connect to or request
_CALL_WORDS = frozenset({"connect", "post", "get", "put", "request", "stream", "fetch"})


def vendor_folder(rel: str) -> tuple[str, ...] | None:
    """``src/pipecat/services/nvidia/sagemaker/stt.py`` -> ``("nvidia", "sagemaker")``: the
    vendor folder a file lies in (the nearest directory whose parent is a ``services``-like
    directory) and the folders below it; None outside one, in test or example code, or for a
    folder of a service that is no model API."""
    if is_test_path(rel):
        return None
    parts = rel.replace("\\", "/").split("/")
    if any(p.lower() in _EXAMPLE_DIRS for p in parts[:-1]):
        return None
    for i in range(len(parts) - 2, 0, -1):
        if parts[i - 1].lower() in _PARENTS:
            folder = parts[i]
            if folder.lower() in _NOT_VENDORS or folder.startswith(("_", ".")):
                return None
            return tuple(parts[i:-1])
    return None


def vendor_provider(folders: tuple[str, ...]) -> str | None:
    """The known provider the innermost folder naming one names (``together`` -> Together;
    ``nvidia/sagemaker`` -> SageMaker, where that adapter's model is served), read through the
    provider aliases; None when no folder names a known provider."""
    for folder in reversed(folders):
        found = folder_provider(folder)
        if found is not None:
            return found
    return None


def _model_setting(name: str) -> bool:
    """A name whose value is the model used: ``model``, ``tts_model``, ``model_name``; not a
    path, a lookup or capability name, nor a type or provider."""
    if not is_model_key(name) or names_no_use(name):
        return False
    return not (_LOCATION_WORDS | _VOICE_WORDS).intersection(key_words(name))


def _model_enum(node: ast.ClassDef) -> bool:
    """``class SarvamTTSModel(StrEnum)``: an enum named as the vendor's models."""
    return _model_setting(node.name) and any(
        (_target_name(base) or "").endswith("Enum") for base in node.bases
    )


def _url_setting(name: str) -> bool:
    return bool(_URL_WORDS.intersection(key_words(name)))


def model_id(value: object) -> str | None:
    """``value`` when it reads as a model id (one token, no URL, not a placeholder)."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not _MODEL_ID.fullmatch(v) or v.lower() in _NOT_MODELS or "://" in v:
        return None
    return v


def names_provider(value: str) -> bool:
    """``"minimax"``, ``"ZHIPU_AI"``: a provider's own name or alias, not one of its models."""
    flat = re.sub(r"[-_. ]", "", value.lower())
    return provider_spelled(value) is not None or provider_spelled(flat) is not None


def _literals(expr: ast.expr | None) -> Iterator[ast.Constant]:
    """The string literal(s) an expression falls back to: ``"x"``, ``given or "x"``,
    ``given if given else "x"``."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield expr
    elif isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
        yield from _literals(expr.values[-1])
    elif isinstance(expr, ast.IfExp):
        yield from _literals(expr.body)
        yield from _literals(expr.orelse)


def _accepted(annotation: ast.expr | None) -> Iterator[ast.Constant]:
    """The members of a ``Literal["a", "b"]`` annotation (also inside ``X | None``)."""
    if annotation is None:
        return
    for node in ast.walk(annotation):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, (ast.Name, ast.Attribute))
            and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr)
            == "Literal"
        ):
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            for item in items:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    yield item


def _named_values(tree: ast.Module) -> Iterator[tuple[str, ast.expr | None]]:
    """(name, value) of every keyword, parameter default, assignment, field and dict entry."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg is not None:
                    yield kw.arg, kw.value
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            positional = args.posonlyargs + args.args
            for arg, default in zip(
                positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
            ):
                yield arg.arg, default
            for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
                yield arg.arg, kw_default
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                name = _target_name(target)
                if name:
                    yield name, node.value
        elif isinstance(node, ast.AnnAssign):
            name = _target_name(node.target)
            if name:
                yield name, node.value
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield key.value, value


def _address(expr: ast.expr) -> str | None:
    """The URL a call is given: a literal, or the host of an f-string's literal head
    (``f"https://fal.run/{model}"`` -> ``https://fal.run``)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        text = expr.value.strip()
        return text.rstrip("/") if _URL.fullmatch(text) else None
    if (
        isinstance(expr, ast.JoinedStr)
        and expr.values
        and isinstance(expr.values[0], ast.Constant)
        and isinstance(expr.values[0].value, str)
    ):
        head = _URL_HEAD.match(expr.values[0].value)
        return head.group(1) if head is not None else None
    return None


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


def default_models(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """(model id, line) of every model setting's literal default in the module (docstring)."""
    seen: set[tuple[str, int]] = set()
    for name, value in _named_values(tree):
        if not _model_setting(name):
            continue
        for const in _literals(value):
            found = model_id(const.value)
            if found is not None and (found, const.lineno) not in seen:
                seen.add((found, const.lineno))
                yield found, const.lineno
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and _model_enum(node):
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and isinstance(stmt.value, ast.Constant)
                    and (found := model_id(stmt.value.value)) is not None
                    and (found, stmt.value.lineno) not in seen
                ):
                    seen.add((found, stmt.value.lineno))
                    yield found, stmt.value.lineno
        if isinstance(node, (ast.AnnAssign, ast.arg)):
            field = _target_name(node.target) if isinstance(node, ast.AnnAssign) else node.arg
            if field and _model_setting(field):
                for const in _accepted(node.annotation):
                    found = model_id(const.value)
                    if found is not None and (found, const.lineno) not in seen:
                        seen.add((found, const.lineno))
                        yield found, const.lineno


def endpoints(tree: ast.Module) -> list[tuple[str, int]]:
    """(URL, line) of every API URL a URL-named parameter, field, keyword or variable fixes,
    or a connection or request call takes (``self._websocket_connect("wss://...")``; an
    f-string's literal host, ``session.post(f"https://fal.run/{model}")``)."""
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.args
            and _CALL_WORDS.intersection(key_words(tail_name(node.func)))
        ):
            url = _address(node.args[0])
            if url is not None:
                out.append((url, node.args[0].lineno))
    for name, value in _named_values(tree):
        if not _url_setting(name):
            continue
        for const in _literals(value):
            if isinstance(const.value, str) and (
                _URL.fullmatch(const.value.strip()) or _HOST.fullmatch(const.value.strip())
            ):
                out.append((const.value.strip().rstrip("/"), const.lineno))
    return sorted(out, key=lambda item: item[1])
