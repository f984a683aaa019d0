"""``typing.Literal`` aliases listing model ids are model catalogs.

``ChatVercelModel: TypeAlias = Literal["alibaba/qwen-3-14b", ...]`` then ``model: ChatVercelModel | str``
in a provider's chat class: SDKs and frameworks spell the models their client accepts as a
``Literal`` type (the OpenAI SDK's ``ChatModel``, pydantic-ai's ``KnownModelName``). The alias
counts when its name says model(s) or when it (or an inline ``Literal[...]``) types a field or
parameter named model; Literal types of roles, modes, voices or sizes are neither.

The members belong to the provider of the class that uses the alias: a hosted endpoint among
its string constants (``base_url = "https://ai-gateway.vercel.sh/v1"``), else a provider its
name or the alias's name spells (``ChatGroq``, ``VerifiedGeminiModels``); an alias named after
its provider lists that provider's offer even where a member is another vendor's open model
(``ProductionGroqModelNames`` holding ``"whisper-large-v3"``). Without a provider
the members are read as any model catalog (known naming patterns decide), and so are those of
a Literal naming both the class provider's own models and another provider's (an image toolkit
offering ``"grok-2-image"`` and ``"dall-e-3"``, each sent to its own vendor).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from aibom.knowledge.classify import catalog_prefixed_model, classify_model_value, own_path_route
from aibom.knowledge.providers import provider_alias, provider_for_endpoint
from aibom.knowledge.tables import provider_table

_MODEL_NAME = re.compile(r"(?i)model")
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
MIN_MEMBERS = 2


@dataclass
class LiteralCatalog:
    provider: str | None
    members: list[tuple[str, int]] = field(default_factory=list)
    named: bool = False  # the alias's own name spells the provider (``ProductionGroqModelNames``)


# typing forms whose first argument is the field's type
_WRAPPERS = frozenset(
    {"Optional", "Union", "Annotated", "NotRequired", "Required", "ReadOnly", "Final", "ClassVar"}
)


def _literal_members(node: ast.expr | None) -> list[tuple[str, int]] | None:
    """The string members of ``Literal[...]`` (also inside ``X | None``, ``Optional[...]``,
    and a TypedDict field's ``NotRequired[...]``/``Required[...]``/``ReadOnly[...]``)."""
    if node is None:
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _literal_members(node.left), _literal_members(node.right)
        return (left or []) + (right or []) if left is not None or right is not None else None
    if not isinstance(node, ast.Subscript):
        return None
    head = node.value
    name = (
        head.attr
        if isinstance(head, ast.Attribute)
        else head.id
        if isinstance(head, ast.Name)
        else ""
    )
    if name in _WRAPPERS:
        return (
            _literal_members(
                node.slice if not isinstance(node.slice, ast.Tuple) else node.slice.elts[0]
            )
            if name != "Union"
            else _union(node.slice)
        )
    if name != "Literal":
        return None
    elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    return [
        (e.value, e.lineno)
        for e in elts
        if isinstance(e, ast.Constant) and isinstance(e.value, str)
    ]


def _alias_value(value: ast.expr | None) -> ast.expr | None:
    """The aliased type of ``TypeAliasType("Name", Literal[...])`` (typing 3.12 /
    typing_extensions), else ``value`` itself."""
    if (
        isinstance(value, ast.Call)
        and (
            value.func.attr if isinstance(value.func, ast.Attribute)
            else value.func.id if isinstance(value.func, ast.Name)
            else ""
        ) == "TypeAliasType"
    ):  # fmt: skip
        if len(value.args) >= 2:
            return value.args[1]
        return next((k.value for k in value.keywords if k.arg == "value"), None)
    return value


def _union(node: ast.expr) -> list[tuple[str, int]] | None:
    parts = [_literal_members(e) for e in (node.elts if isinstance(node, ast.Tuple) else [node])]
    found = [p for p in parts if p is not None]
    return [m for p in found for m in p] if found else None


def _names_in(node: ast.expr | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node is not None else set()


def _provider_of_words(name: str) -> str | None:
    words = [w.lower() for w in _WORDS.findall(name)]
    for i, w in enumerate(words):
        if i + 1 < len(words):  # DeepSeekModelName: "deep" + "seek"
            provider = provider_alias(w + words[i + 1], "names", "litellm")
            if provider is not None:
                return provider
        if len(w) < 4 or w in ("chat", "model", "models", "verified", "known", "supported"):
            continue
        provider = provider_alias(w, "names", "litellm")
        if provider is not None:
            return provider
    return None


def _provider_of_class(cls: ast.ClassDef) -> str | None:
    for node in ast.walk(cls):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "://" in node.value:
            provider = provider_for_endpoint(node.value.strip())
            if provider is not None:
                return provider
    return _provider_of_words(cls.name)


def _model_shaped(value: str, *, named: bool = False) -> bool:
    """A member that reads as a model id; in an alias named after its provider (``named``) a
    hosted-API-shaped name with a dash or a digit is enough (Groq's ``"playai-tts"``)."""
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return False
    if classify_model_value(text) is not None:
        return True
    prefixed = catalog_prefixed_model(text)  # "anthropic:claude-mythos-preview"
    if prefixed is not None:
        return classify_model_value(prefixed[1], context="provider") is not None
    if own_path_route(text) is not None:  # "fireworks/accounts/fireworks/models/deepseek-v3"
        return True
    mv = classify_model_value(text, context="provider")
    if mv is None:
        return False
    if named:
        return any(ch.isdigit() or ch == "-" for ch in text)
    return any(ch.isdigit() for ch in text) and "-" in text


Use = tuple[str, ast.expr, ast.ClassDef | None]  # name, annotation, innermost enclosing class


def _several_clients(provider: str, members: list[tuple[str, int]]) -> bool:
    """A Literal naming the class provider's own models and another provider's (``"grok-2-image",
    "dall-e-3"`` in a toolkit that picks its client by the model): the class talks to several
    providers, so the members are not all offered by the one its base URL names."""
    own = other = False
    for value, _ in members:
        if "/" in value:
            continue  # "openai/gpt-4o" at a gateway is the gateway's own id
        mv = classify_model_value(value)
        if mv is None or mv.kind is not None or mv.provider is None:
            continue
        own = own or mv.provider == provider
        other = other or mv.provider != provider
    return own and other


def _model_annotations(tree: ast.Module) -> list[Use]:
    """Annotated fields and parameters whose name says model, in source order (a full walk)."""
    found: list[Use] = []

    def visit(node: ast.AST, cls: ast.ClassDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            here = child if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.AnnAssign) and isinstance(
                child.target, ast.Name | ast.Attribute
            ):
                tname = child.target.id if isinstance(child.target, ast.Name) else child.target.attr
                found.append((tname, child.annotation, cls))
            elif isinstance(child, ast.arg) and child.annotation is not None:
                found.append((child.arg, child.annotation, cls))
            visit(child, here)

    visit(tree, None)
    return found


def literal_model_catalogs(tree: ast.Module, uses: list[Use] | None = None) -> list[LiteralCatalog]:
    """The model catalogs a module's ``Literal`` aliases and model-typed ``Literal`` fields hold.

    ``uses``: the module's annotated fields and parameters named model, in source order, when
    the caller has them (:attr:`ModuleIndex.model_annotations`); else the tree is walked.
    """
    aliases: dict[str, list[tuple[str, int]]] = {}
    for node in tree.body:
        value: ast.expr | None = None
        target: ast.expr | None = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif type(node).__name__ == "TypeAlias":  # ``type X = Literal[...]`` (3.12)
            target, value = getattr(node, "name", None), getattr(node, "value", None)
        if isinstance(target, ast.Name):
            members = _literal_members(_alias_value(value))
            if members:
                aliases[target.id] = members
    # uses: a field or parameter named model typed by an alias or an inline Literal
    used: dict[str, ast.ClassDef | None] = {}
    inline: list[tuple[list[tuple[str, int]], ast.ClassDef | None]] = []
    for tname, ann, cls in _model_annotations(tree) if uses is None else uses:
        if not _MODEL_NAME.search(tname):
            continue
        for alias in _names_in(ann) & aliases.keys():
            if used.get(alias) is None:
                used[alias] = cls
        members = _literal_members(ann)
        if members:
            inline.append((members, cls))
    out: list[LiteralCatalog] = []
    for name, members in aliases.items():
        if name not in used and not _MODEL_NAME.search(name):
            continue
        cls = used.get(name)
        provider = _provider_of_class(cls) if cls is not None else None
        named = provider is None and (provider := _provider_of_words(name)) is not None
        out.append(LiteralCatalog(provider, members, named))
    for members, cls in inline:
        out.append(LiteralCatalog(_provider_of_class(cls) if cls is not None else None, members))
    kept: list[LiteralCatalog] = []
    for cat in out:
        if len(cat.members) < MIN_MEMBERS:
            continue
        named = cat.named and cat.provider is not None
        shaped = [(v.strip(), line) for v, line in cat.members if _model_shaped(v, named=named)]
        if len(shaped) < MIN_MEMBERS or len(shaped) * 5 < len(cat.members) * 4:
            continue
        if cat.provider is not None and cat.provider in provider_table().no_model_catalog:
            cat.provider = None
        if cat.provider is not None and not cat.named and _several_clients(cat.provider, shaped):
            cat.provider = None  # each member at the provider its own name says
        kept.append(LiteralCatalog(cat.provider, shaped, cat.named))
    return kept
