"""Vercel AI SDK provider tables, provider registries and the wrappers that dispatch on them.

* A table of AI SDK provider instances keyed by provider name (``const providers = {
  openai: createOpenAI({...}), anthropic, vertex: createVertex({baseURL: "https://..."}) }``,
  two instances at least) and every provider registered in ``createProviderRegistry({...})``:
  each instance is a service of its package's provider, at the ``baseURL`` it fixes.
* A dispatch wrapper, ``getModel(name, provider = "openai") { return providers[provider](name)
  }`` (or ``providers[provider].embedding(name)``, or ``const p = providers[provider]`` called
  later with ``name``), forwards model and provider: each call with
  a literal model names it at the provider the table maps the literal key to (the parameter's
  default key when the call leaves it out; without a resolvable default, the provider the model
  name implies). An unknown key names nothing.
* ``registry.languageModel("openai:gpt-4o")`` (any registry model method, the registry's own
  separator): the model at the provider registered under the id's prefix.

The wrapper may live in the scanned module or in a project module it imports; the table is
resolved through the static evaluator (:mod:`.evaluator`), nothing is executed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from aibom.inventory import Finding, Location, ServiceFinding
from aibom.knowledge.providers import provider_for_model_name
from aibom.scanners.javascript.syntax import _line, _named, _text, _unwrap
from aibom.scanners.javascript.values import (
    _AI_SDK_METHODS,
    _REGISTRY_FACTORIES,
    _Binding,
    _ImportRef,
    _ProviderFn,
    _Registry,
    _Via,
)

if TYPE_CHECKING:
    from aibom.scanners.javascript.evaluator import _Evaluator

_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})
_MAX_NODES = 5000  # nodes looked at in one wrapper's body


class _Analysis(Protocol):
    """What these rules use of the module's analysis (:class:`.recognisers._Analysis`)."""

    bindings: dict[str, list[_Binding]]
    calls: list[Any]
    out: list[Finding]

    def provider_table(self, value: Any, depth: int = 0) -> dict[str, tuple[_ProviderFn, Any]]: ...
    def _eval(self, node: Any, depth: int = 0) -> Any: ...
    def _resolve_import(self, value: Any, *, objects: bool = False) -> Any: ...
    def _loc(self, line: int) -> Location: ...
    def _provider_call(self, fn: _ProviderFn, argv: list[Any], callname: str) -> None: ...
    def _use_model(self, value: Any, line: int, via: _Via, callname: str) -> bool: ...


@dataclass(frozen=True)
class Dispatch:
    """A wrapper that calls ``table[provider](model)``: its parameters' positions."""

    table: tuple[tuple[str, _ProviderFn], ...]
    model: int
    provider: int
    default: str | None  # the provider parameter's default key


def table_services(analysis: _Analysis) -> None:
    """Each provider instance of a module-level provider table or registry: a service."""
    seen: set[int] = set()
    for bindings in analysis.bindings.values():
        for b in bindings:
            value = b.value
            if b.kind != "const" or b.key is not None or value is None:
                continue
            if value.type == "variable_declarator":
                value = value.child_by_field_name("value")
            value = _unwrap(value)
            if value is None or value.type != "object":
                continue
            table = analysis.provider_table(analysis._eval(value))
            if len(table) >= 2:
                _emit(analysis, table, seen)
    for call in analysis.calls:
        fn = call.child_by_field_name("function")
        if fn is None or fn.type not in ("identifier", "member_expression"):
            continue
        ref = analysis._eval(fn)
        if not (
            isinstance(ref, _ImportRef)
            and ref.package == "ai"
            and ref.path[-1:]
            and ref.path[-1] in _REGISTRY_FACTORIES
        ):
            continue
        args = call.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        if argv:
            _emit(analysis, analysis.provider_table(analysis._eval(argv[0])), seen)


def _emit(analysis: _Analysis, table: dict[str, tuple[_ProviderFn, Any]], seen: set[int]) -> None:
    for fn, pair in table.values():
        if fn.provider is None or pair.id in seen:
            continue
        seen.add(pair.id)
        analysis.out.append(
            ServiceFinding(
                fn.provider, analysis._loc(_line(pair)), endpoint=fn.endpoint, client=fn.package
            )
        )


def find_dispatch(ev: _Evaluator, name: str) -> Dispatch | None:
    """The module-level function ``name`` of ``ev`` when it dispatches on a provider table."""
    for stmt in _named(ev.root):
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None:
            continue
        if decl.type == "function_declaration":
            ident = decl.child_by_field_name("name")
            if ident is not None and _text(ident) == name:
                return _dispatch(ev, decl)
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in _named(decl):
                ident = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                if ident is None or _text(ident) != name:
                    continue
                value = _unwrap(d.child_by_field_name("value"))
                return (
                    _dispatch(ev, value) if value is not None and value.type in _FUNCTIONS else None
                )
    return None


def _params(fn: Any) -> list[tuple[str, Any]]:
    """(name, default node) of each simple parameter; ("", None) for a pattern."""
    params = fn.child_by_field_name("parameters")
    if params is None:
        single = fn.child_by_field_name("parameter")
        return [(_text(single), None)] if single is not None else []
    out: list[tuple[str, Any]] = []
    for p in _named(params):
        if p.type in ("required_parameter", "optional_parameter"):
            pattern, default = p.child_by_field_name("pattern"), p.child_by_field_name("value")
        elif p.type == "assignment_pattern":
            pattern, default = p.child_by_field_name("left"), p.child_by_field_name("right")
        else:
            pattern, default = p, None
        ok = pattern is not None and pattern.type == "identifier"
        out.append((_text(pattern), default) if ok else ("", None))
    return out


def _dispatch(ev: _Evaluator, fn: Any) -> Dispatch | None:
    params = _params(fn)
    index = {name: i for i, (name, _d) in enumerate(params) if name}
    if len(index) < 2:
        return None
    body = fn.child_by_field_name("body")
    stack = [body] if body is not None else []
    nodes: list[Any] = []
    while stack and len(nodes) < _MAX_NODES:
        n = stack.pop()
        nodes.append(n)
        stack.extend(n.named_children)
    # `const provider = providers[p]` ... `provider(name)`: the picked instance, called later
    picked: dict[str, Any] = {}
    for n in nodes:
        if n.type == "variable_declarator":
            ident, value = n.child_by_field_name("name"), _unwrap(n.child_by_field_name("value"))
            if ident is not None and value is not None and value.type == "subscript_expression":
                picked[_text(ident)] = value
    for n in nodes:
        if n.type != "call_expression":
            continue
        callee, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        if callee is None or not argv or argv[0].type != "identifier":
            continue
        model = index.get(_text(argv[0]))
        if callee.type == "member_expression":  # providers[p].embedding(name)
            prop = callee.child_by_field_name("property")
            if prop is None or _text(prop) not in _AI_SDK_METHODS:
                continue
            callee = callee.child_by_field_name("object")
        if callee is not None and callee.type == "identifier":
            callee = picked.get(_text(callee))
        if callee is None or callee.type != "subscript_expression":
            continue
        key = callee.child_by_field_name("index")
        provider = index.get(_text(key)) if key is not None and key.type == "identifier" else None
        if model is None or provider is None or model == provider:
            continue
        table = ev.provider_table(ev._eval(callee.child_by_field_name("object")))
        if not table:
            continue
        default_node = params[provider][1]
        default = ev._resolve_import(ev._eval(default_node)) if default_node is not None else None
        return Dispatch(
            tuple((k, f) for k, (f, _pair) in table.items()),
            model,
            provider,
            default if isinstance(default, str) and default in table else None,
        )
    return None


def dispatch_call(analysis: _Analysis, d: Dispatch, argv: list[Any], callname: str) -> None:
    """``getModel("gemini-2.5-flash", "vertex")``: the model at the provider of its key."""
    if len(argv) <= d.model:
        return
    table = dict(d.table)
    key: Any = d.default
    if len(argv) > d.provider:
        key = analysis._resolve_import(analysis._eval(argv[d.provider]))
        if not isinstance(key, str):
            key = None
        elif key not in table:
            return  # a key the table does not hold: nothing is called
    node = argv[d.model]
    fn = table.get(key) if key is not None else None
    if fn is not None:
        analysis._provider_call(fn, [node], callname)
        return
    value = analysis._resolve_import(analysis._eval(node))
    if isinstance(value, str) and provider_for_model_name(value.strip()) is not None:
        analysis._use_model(value, _line(node), _Via(), callname)


def registry_call(analysis: _Analysis, reg: _Registry, argv: list[Any], callname: str) -> None:
    """``registry.languageModel("anthropic:claude-3-5-haiku-latest")``."""
    if not argv:
        return
    value = analysis._resolve_import(analysis._eval(argv[0]))
    if not isinstance(value, str) or reg.separator not in value:
        return
    prefix, model = value.split(reg.separator, 1)
    fn = dict(reg.providers).get(prefix)
    if fn is None or not model:
        return
    via = _Via(fn.provider, fn.endpoint, fn.package, fn.ollama, "ollama" if fn.ollama else None)
    analysis._use_model(model, _line(argv[0]), via, callname)
