"""Model option lists: the models an application offers its user or falls back to.

Applications that let the user pick a model keep the choices in code, not in a module
constant the catalog rule reads:

* a function named as a model list that returns a literal list (``def get_models(...):
  return ["voyage-2", "voyage-law-2"]``), often the offline fallback of a ``/models``
  request, directly or through a local variable (``default_models = [...]; return
  default_models``);
* a UI option object that offers models (``InputConfig(type="dropdown", value=...,
  values=[...])`` stored under a ``"Model"`` key, ``gr.Dropdown(label="Whisper Model",
  choices=[...])``): its current ``value`` and every choice, the list inline or in a
  variable (``models = [...]; InputConfig(values=models)``);
* a settings lookup's fallback for a model key (``config.get("Model", {"value":
  "gpt-3.5-turbo"})``);
* the options of a typed config getter for a model key (``self._get_enum("embedding_model",
  self.embedding_model_candidates, default)``, the list inline or bound to a name or
  ``self`` attribute): the values the setting accepts;
* a local list named as models that a model setting is picked from or checked against
  (``available_models = [...]; if args.model not in available_models: args.model =
  available_models[0]``).

Each list is handed to the catalog emitter, which reports only members the classifier
recognises (at least 80% of them), so a list of languages or devices stays silent.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator

from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.tables import Constructor, setting_names
from aibom.scanners.python_resolve import ModuleIndex, Scope, dotted

Members = list[tuple[object, int]]

# a function, variable or key naming a collection of models (get_models, default_models, model_list)
_LIST_NAME = re.compile(r"(?i)(models|llms|model_list|model_names|model_options|model_choices)$")
# a key, label or description that says "model" (the "Model" key, "Select an Embedding Model")
_MODEL_WORD = re.compile(r"(?i)(^|[^a-z])models?([^a-z]|$)|_model$|^model_")
# keyword arguments of UI option objects holding the choices and the current choice
_CHOICES = ("values", "choices", "options", "items")
_CURRENT = ("value", "default")
_BARE = re.compile(r"[A-Za-z0-9][\w.-]*")
_DESCRIBES = ("label", "description", "name", "title", "info", "placeholder")
# a config getter that takes the accepted values: get_enum(key, options, default), _get_choice(...)
_ENUM_GETTER = re.compile(r"_?get_?(?:enum|choice|option)s?")


def _not_catalog(name: str) -> bool:
    return bool(setting_names().not_catalog_name.search(name))


def _list_name(name: str) -> bool:
    return bool(_LIST_NAME.search(name)) and not _not_catalog(name)


def _model_word(text: str) -> bool:
    return bool(_MODEL_WORD.search(text)) and not _not_catalog(text)


def _strings(expr: ast.expr) -> Members:
    """The literal string members of a list, tuple or set (nothing when any member is not one)."""
    if not isinstance(expr, (ast.List, ast.Tuple, ast.Set)) or not expr.elts:
        return []
    out: Members = []
    for e in expr.elts:
        if not (isinstance(e, ast.Constant) and isinstance(e.value, str)):
            return []
        out.append((e.value, e.lineno))
    return out


def _text(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def _keyed_calls(ix: ModuleIndex) -> set[int]:
    """ids of calls stored under a model key: ``{"Model": Call(...)}``, ``cfg["Model"] = Call(...)``."""
    out: set[int] = set()
    for d in ix.dicts:
        for k, v in zip(d.keys, d.values, strict=True):
            key = _text(k)
            if key and isinstance(v, ast.Call) and _model_word(key):
                out.add(id(v))
    for node, _ in ix.assigns:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        for t in node.targets:
            key = _text(t.slice) if isinstance(t, ast.Subscript) else None
            if key and _model_word(key):
                out.add(id(node.value))
    return out


def _functions(ix: ModuleIndex) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Module-level functions and the methods of module-level classes."""
    yield from ix.functions.values()
    for cls in ix.classes.values():
        for stmt in cls.node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield stmt


def _option_object(ix: ModuleIndex, call: ast.Call, scope: Scope, keyed: set[int]) -> Members:
    choices = next((kw.value for kw in call.keywords if kw.arg in _CHOICES), None)
    if choices is None:
        return []
    described = id(call) in keyed or any(
        kw.arg in _DESCRIBES and _model_word(_text(kw.value) or "") for kw in call.keywords
    )
    if not described:
        return []
    if isinstance(choices, ast.Name):  # models = [...]; InputConfig(values=models)
        found = ix.definition(choices, scope, call.lineno)
        choices = found[0] if found is not None else choices
    members = _strings(choices)
    for kw in call.keywords:
        current = _text(kw.value) if kw.arg in _CURRENT else None
        if current and kw.value.lineno and current not in {m for m, _ in members}:
            members.append((current, kw.value.lineno))
    return members


def _lookup_fallback(call: ast.Call) -> Members:
    """``config.get("Model", "embed-english-v3.0")`` / ``config.get("Model", {"value": ...})``."""
    if not (
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "get"
        and not (dotted(call.func.value) or "").endswith("environ")  # the settings rule reads these
        and len(call.args) == 2
        and _model_word(_text(call.args[0]) or "")
    ):
        return []
    fallback = call.args[1]
    if isinstance(fallback, ast.Dict):
        fallback = next(
            (v for k, v in zip(fallback.keys, fallback.values, strict=True)
             if _text(k) in _CURRENT), fallback,
        )  # fmt: skip
    value = _text(fallback)
    return [(value, fallback.lineno)] if value else []


def model_option_lists(ix: ModuleIndex) -> Iterator[Members]:
    """Every model option list of the module (unfiltered: the catalog emitter classifies).

    A list held in a variable counts where it is used as one: returned by a function named
    as a model list (``default_models = [...]; return default_models``), offered by a
    model option object (``models = [...]; InputConfig(values=models)``), or a local list
    named as models that a model setting is picked from (``args.model = models[0]``).
    """
    keyed = _keyed_calls(ix)
    for node in _functions(ix):
        if _list_name(node.name):
            for sub in _own_statements(node):
                if isinstance(sub, ast.Return) and sub.value is not None:
                    members = _strings(sub.value) or _local_list(node, sub.value)
                    if members:
                        yield members
    with_lists = _functions_with_model_lists(ix)
    for node in _functions(ix):
        if id(node) in with_lists:  # the index's assignments spare a walk of every other body
            yield from _picked_lists(node)
    for call, scope in ix.calls:
        for members in (
            _option_object(ix, call, scope, keyed),
            _lookup_fallback(call),
            _getter_options(ix, call, scope),
        ):
            if members:
                yield members


def _getter_options(ix: ModuleIndex, call: ast.Call, scope: Scope) -> Members:
    """``self._get_enum("embedding_model", candidates, default)``: the accepted values of a
    model setting, the list inline or bound to a name or ``self`` attribute."""
    if not (
        isinstance(call.func, ast.Attribute)
        and _ENUM_GETTER.fullmatch(call.func.attr)
        and len(call.args) >= 2
        and _model_word(_text(call.args[0]) or "")
    ):
        return []
    options: ast.expr = next((kw.value for kw in call.keywords if kw.arg in _CHOICES), call.args[1])
    if isinstance(options, (ast.Name, ast.Attribute)):
        found = ix.definition(options, scope, call.lineno)
        options = found[0] if found is not None else options
    return _strings(options)


def _model_operand(expr: ast.expr) -> bool:
    """``args.model``, ``model_name``, ``self.model``: a name or attribute that says model."""
    if isinstance(expr, ast.Attribute):
        return _model_word(expr.attr)
    return isinstance(expr, ast.Name) and _model_word(expr.id)


def _functions_with_model_lists(ix: ModuleIndex) -> set[int]:
    """Ids of the functions that assign a literal list to a local named as models."""
    out: set[int] = set()
    for node, scope in ix.assigns:
        if scope.kind == "function" and _model_list_assignment(node) is not None:
            out.add(id(scope.node))
    return out


def _model_list_assignment(n: ast.AST) -> tuple[str, Members] | None:
    """``available_models = ["dall-e-3", ...]``: the local name named as models and its literal members."""
    if not isinstance(n, ast.Assign) or len(n.targets) != 1:
        return None
    target = n.targets[0]
    if not isinstance(target, ast.Name) or not _list_name(target.id):
        return None
    members = _strings(n.value)
    return (target.id, members) if members else None


def _picked_lists(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Members]:
    """Local lists named as models that a model setting is picked from or checked against.

    ``available_models = ["dall-e-3", "dall-e-2"]`` then ``args.model = available_models[0]``
    or ``if args.model not in available_models``: the models the function offers (each
    assignment of the name in any branch).
    """
    lists: dict[str, list[Members]] = {}
    picked: set[str] = set()
    for n in _own_statements(fn):
        if isinstance(n, ast.Assign):
            target = n.targets[0] if len(n.targets) == 1 else None
            if isinstance(target, ast.Name) and _list_name(target.id):
                if (found := _model_list_assignment(n)) is not None:
                    lists.setdefault(found[0], []).append(found[1])
            elif (
                isinstance(n.value, ast.Subscript)
                and isinstance(n.value.value, ast.Name)
                and any(_model_operand(t) for t in n.targets)
            ):
                picked.add(n.value.value.id)  # model = available_models[0]
        elif (
            isinstance(n, ast.Compare)
            and len(n.ops) == 1
            and isinstance(n.ops[0], (ast.In, ast.NotIn))
            and _model_operand(n.left)
            and isinstance(n.comparators[0], ast.Name)
        ):
            picked.add(n.comparators[0].id)  # if args.model not in available_models
    for name in sorted(picked & lists.keys()):
        yield from lists[name]


def _own_statements(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions or classes nested in it."""
    stack: list[ast.AST] = list(fn.body)
    while stack:
        n = stack.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(n))


def _local_list(fn: ast.FunctionDef | ast.AsyncFunctionDef, expr: ast.expr) -> Members:
    """The literal list a local name returned by ``fn`` was last assigned."""
    if not isinstance(expr, ast.Name):
        return []
    found: Members = []
    for n in _own_statements(fn):
        if (
            isinstance(n, ast.Assign)
            and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name)
            and n.targets[0].id == expr.id
            and n.lineno <= expr.lineno
        ):
            found = _strings(n.value)
    return found


def module_bare_loader(
    calls: Iterable[ast.Call], ctor_of: Callable[[ast.Call], Constructor | None]
) -> Constructor | None:
    """The one loader of the module that reads bare names (``SentenceTransformer(name)``
    loads ``sentence-transformers/name``, ``whisper.load_model(name)`` its own checkpoint
    names) and is called with a name not written there."""
    found: dict[str, Constructor] = {}
    for call in calls:
        ctor = ctor_of(call)
        if ctor is None or not (
            (ctor.kind == "hub" and (ctor.bare_org or ctor.bare_names))
            or (ctor.kind == "path" and (ctor.own_names or ctor.own_pattern))
        ):
            continue
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant):
            continue  # a literal name: the loader's own recogniser reads it
        found[ctor.framework or ctor.bare_org or ""] = ctor
    return next(iter(found.values())) if len(found) == 1 else None


def qualify_bare(members: Members, loader: Constructor | None) -> Members:
    """Bare members as the loader reads them (``all-MiniLM-L6-v2`` -> its organisation's id)."""
    if loader is None:
        return members
    short = dict(loader.bare_names)
    out: Members = []
    for value, line in members:
        if isinstance(value, str) and classify_model_value(value) is None:
            if value in short:
                value = short[value]
            elif loader.bare_org and _BARE.fullmatch(value):
                value = f"{loader.bare_org}/{value}"
        out.append((value, line))
    return out


def own_named(
    members: Members, loader: Constructor | None
) -> tuple[list[tuple[str, int]], Members]:
    """(checkpoint names of the loader's own store, the rest) of an option list.

    A list is the loader's when at least 80% of its members are its own names (a dropdown
    of ``["tiny.en", "base", "small", "large", "turbo"]`` beside ``whisper.load_model(name)``);
    otherwise nothing is taken from it.
    """
    if loader is None or not members:
        return [], members
    mine = [(v, line) for v, line in members if isinstance(v, str) and loader.own_name(v)]
    if len(mine) * 5 < len(members) * 4:
        return [], members
    return mine, [m for m in members if not (isinstance(m[0], str) and loader.own_name(m[0]))]
