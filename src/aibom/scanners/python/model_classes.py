"""Model classes: a class-level ``id`` field's default is the model the class uses.

Frameworks wrap every vendor's API in a class of their own model hierarchy and give each a
default model as a dataclass or pydantic field (agno's ``class OpenAIChat(Model): id: str =
"gpt-4o"``, ``class TogetherEmbedder(OpenAIEmbedder): id: str = "togethercomputer/..."``).
A class counts as a model class when its base chain, followed through the project's own
modules, reaches a project class named as a model (``Model``, ``*Model``, ``*LLM``, ``*Chat``,
``*Embedder``, ``*Embeddings``, ``*Reranker``; never pydantic's ``BaseModel`` or another
library's class). Its ``id``, ``model_id`` or model-named field's literal default is then its
model (``name`` only when the name can be nothing but a model), served by the vendor its
adapter folder names (``models/ollama/chat.py``), else its own ``provider`` field
(``provider: str = "AwsBedrock"``), else its own ``base_url`` or the file's API URL, else the
vendor the module is named after (``embedder/ollama.py``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from aibom.scanners.javascript.provider_adapters import folder_provider
from aibom.scanners.kernel import is_model_key, key_words, names_no_use
from aibom.scanners.python.vendor_folders import model_id, names_provider
from aibom.scanners.python_resolve import ClassInfo, ModuleIndex, dotted, tail_name

# a class named as a model, an LLM, a chat model or an embedder
_MODEL_CLASS = re.compile(r"(?:Model|LLM|Chat|Embedder|Embeddings|Reranker)$")
# library-style names of record bases, never a model hierarchy's root
_NOT_MODEL_CLASSES = frozenset({"BaseModel", "DataModel", "SQLModel", "ViewModel", "RootModel"})
# class fields holding the class's model id (besides model-named fields)
_ID_FIELDS = frozenset({"id", "model_id"})
_NAME_FIELDS = frozenset({"name"})
_URL_FIELDS = frozenset({"base_url", "api_base", "url", "endpoint", "host", "base_uri"})
# ids that hold no model: placeholders
_PLACEHOLDERS = re.compile(r"(?i)^(?:not[-_ ]?(?:provided|set)|unknown|placeholder|todo|n/?a)$")
_MAX_DEPTH = 8


def _named_as_model(name: str) -> bool:
    return name not in _NOT_MODEL_CLASSES and _MODEL_CLASS.search(name) is not None


def _base_class(ix: ModuleIndex, base: str) -> tuple[ModuleIndex, ClassInfo] | None:
    """The project class a base expression (``Model``, ``base.Model``) names, and its module."""
    head, _, rest = base.partition(".")
    tail = base.rsplit(".", 1)[-1]
    if not rest and tail in ix.classes and head not in ix.import_from:
        return ix, ix.classes[tail]
    try:
        found = ix.imported(head)
    except (ValueError, RecursionError, MemoryError, SyntaxError):
        return None
    if found is None:
        return None
    other, orig = found
    name = tail if orig is None or rest else orig
    for _ in range(_MAX_DEPTH):  # through a package's re-exports (``__init__.py``)
        cls = other.classes.get(name)
        if cls is not None:
            return other, cls
        if name not in other.import_from:
            return None
        try:
            found = other.imported(name)
        except (ValueError, RecursionError, MemoryError, SyntaxError):
            return None
        if found is None or found[1] is None:
            return None
        other, name = found[0], found[1]
    return None


def is_model_class(ix: ModuleIndex, cls: ClassInfo) -> bool:
    """True when a project class in ``cls``'s base chain is named as a model."""
    seen: set[int] = {id(cls.node)}
    stack: list[tuple[ModuleIndex, ClassInfo, int]] = [(ix, cls, 0)]
    while stack:
        mod, c, depth = stack.pop()
        if depth >= _MAX_DEPTH:
            continue
        for base in c.bases:
            found = _base_class(mod, base)
            if found is None or id(found[1].node) in seen:
                continue
            seen.add(id(found[1].node))
            if _named_as_model(found[1].name):
                return True
            stack.append((found[0], found[1], depth + 1))
    return False


def _field_value(stmt: ast.stmt) -> tuple[str, ast.expr] | None:
    """(name, default) of a class-body field: ``id: str = "x"``, ``id = "x"``,
    ``id: str = Field(default="x")``."""
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
        name, value = stmt.target.id, stmt.value
    elif (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        name, value = stmt.targets[0].id, stmt.value
    else:
        return None
    if isinstance(value, ast.Call):
        given: ast.expr | None = next(
            (kw.value for kw in value.keywords if kw.arg == "default"), None
        )
        if given is None and value.args and tail_name(value.func) in {"Field", "field"}:
            given = value.args[0]
        if given is None:
            return None
        value = given
    return name, value


def _literal(value: ast.expr) -> str | None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value.strip()
    return None


def module_constants(tree: ast.Module) -> dict[str, ast.Constant]:
    """The module's string constants bound once at its top level (``AMAZON_RERANK_V1 = "..."``)."""
    out: dict[str, ast.Constant] = {}
    twice: set[str] = set()
    for stmt in tree.body:
        target: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        elif isinstance(stmt, ast.AnnAssign):
            target = stmt.target
        if not isinstance(target, ast.Name):
            continue
        if target.id in out:
            twice.add(target.id)
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            out[target.id] = value
    return {k: v for k, v in out.items() if k not in twice}


def class_model_ids(
    node: ast.ClassDef, constants: dict[str, ast.Constant] | None = None
) -> Iterator[tuple[str, int, bool]]:
    """(model id, line, name_field) of the class's model-id fields' literal defaults (a module
    constant's at the constant's line); ``name_field`` marks a ``name`` field, a model only
    when nothing else can be meant."""
    for stmt in node.body:
        found = _field_value(stmt)
        if found is None:
            continue
        name, value = found
        named = name in _NAME_FIELDS
        if not (
            named
            or name in _ID_FIELDS
            or (
                is_model_key(name)
                and not names_no_use(name)
                and not {"path", "dir", "file", "url"} & set(key_words(name))
            )
        ):
            continue
        if isinstance(value, ast.Name) and constants and value.id in constants:
            value = constants[value.id]  # model: str = Field(default=AMAZON_RERANK_V1)
        text = _literal(value)
        found_id = model_id(text) if text is not None else None
        if (
            found_id is None
            or _PLACEHOLDERS.match(found_id)
            or names_provider(found_id)
            or not re.search(r"[A-Za-z]", found_id)
        ):
            continue
        yield found_id, value.lineno, named


def class_provider(node: ast.ClassDef) -> str | None:
    """The provider the class's own ``provider`` field names (``"AwsBedrock"``,
    ``"VertexAI"``), read as a folder name is."""
    for stmt in node.body:
        found = _field_value(stmt)
        if found is None or found[0] not in {"provider", "provider_name"}:
            continue
        text = _literal(found[1])
        if not text:
            continue
        hit = folder_provider(text) or folder_provider("-".join(key_words(text)))
        if hit is not None:
            return hit
    return None


def class_endpoint(node: ast.ClassDef) -> str | None:
    """The API URL the class's own URL field fixes (``base_url: str = "https://..."``)."""
    for stmt in node.body:
        found = _field_value(stmt)
        if found is None or found[0] not in _URL_FIELDS:
            continue
        text = _literal(found[1])
        if text and re.match(r"(?:https?|wss?)://\S+$", text):
            return text.rstrip("/")
    return None


def module_provider(rel: str) -> str | None:
    """The vendor a module is named after (``knowledge/embedder/ollama.py`` -> Ollama)."""
    stem = rel.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem.startswith("_") or stem in {"base", "utils", "common", "types"}:
        return None
    return folder_provider(stem)


def model_class_calls(ix: ModuleIndex) -> Iterator[tuple[str, int]]:
    """(model id, line) of every ``id=``/``model_id=`` literal given to a project model
    class's constructor (``OpenAIChat(id="o4-mini")``)."""
    for call, _ in ix.calls:
        ids = [
            kw.value
            for kw in call.keywords
            if kw.arg in _ID_FIELDS
            and isinstance(kw.value, ast.Constant)
            and isinstance(kw.value.value, str)
        ]
        if not ids or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        base = dotted(call.func)
        if base is None:
            continue
        found = _base_class(ix, base)
        if found is None:
            continue
        mod, cls = found
        if not (_named_as_model(cls.name) or is_model_class(mod, cls)):
            continue
        for const in ids:
            value = model_id(const.value)
            if value is not None and not _PLACEHOLDERS.match(value):
                yield value, const.lineno
