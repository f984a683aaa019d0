"""Model-ish settings in Python: bindings whose *name* says "model", read without running code.

A setting is a module constant, class field (pydantic, dataclass, Django ``default=``),
``self.attr`` assignment, local variable, dict entry, keyword argument, parameter default,
argparse option or a settings store's key set by ``settings.set("config.model", value)`` whose name the knowledge layer calls model-ish (``GENERATION_MODEL``,
``embed_model``, ``encoder``, ``--model-path``). This module yields the string each one
holds; the caller decides, through the classifier, whether that string is a model.

May import: :mod:`aibom.scanners.python_resolve`, :mod:`aibom.scanners.kernel`,
:mod:`aibom.knowledge`.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Iterator

from aibom.knowledge.classify import classify_model_value, litellm_route
from aibom.scanners.kernel import is_error_name, key_words
from aibom.scanners.kernel import is_setting_key as is_setting_name
from aibom.scanners.python.payloads import is_response_payload
from aibom.scanners.python_resolve import ModuleIndex, Scope, dotted, tail_name

MAX_NODES = 200_000  # nodes visited per module, whatever its size
# typed getters of a project's config object, the default last: ``self._get_str("model", "gpt-4")``,
# ``cfg.get_enum("model", options, "gpt-4")`` (configparser's ``get(section, option)`` is not one)
_TYPED_GETTER = re.compile(r"_?get_?(?:str|string|enum|choice)")


def _default_kw(call: ast.Call) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == "default":
            return kw.value
    return None


def literal(expr: ast.expr | None, depth: int = 0) -> str | None:
    """The string a setting's value expression falls back to, without any binding lookup.

    Constants, ``os.getenv("X", "default")``, ``x or "default"``, ``a if c else b`` (first
    arm that is a string) and field constructors with ``default=`` (pydantic ``Field``,
    ``dataclasses.field``, Django ``CharField``).
    """
    if expr is None or depth > 8:
        return None
    if isinstance(expr, ast.Constant):
        return expr.value if isinstance(expr.value, str) else None
    if isinstance(expr, ast.Call):
        name = dotted(expr.func) or ""
        last = name.rsplit(".", 1)[-1]
        if name in (
            "os.getenv",
            "getenv",
            "os.environ.get",
            "environ.get",
            "os.environ.setdefault",
        ):
            if len(expr.args) >= 2:
                return literal(expr.args[1], depth + 1)
            return literal(_default_kw(expr), depth + 1)
        if (
            _TYPED_GETTER.fullmatch(last)
            and expr.args
            and isinstance(expr.args[0], ast.Constant)
            and isinstance(expr.args[0].value, str)
        ):
            default = _default_kw(expr)
            if default is None and len(expr.args) >= 2:
                default = expr.args[-1]
            return literal(default, depth + 1)
        if last == "config" and len(expr.args) == 1:  # python-decouple: config("X", default="m")
            return literal(_default_kw(expr), depth + 1)
        if last.endswith("Field") or last in ("field", "ib"):
            if expr.args and last == "Field":
                first = literal(expr.args[0], depth + 1)
                if first is not None:
                    return first
            return literal(_default_kw(expr), depth + 1)
        return None
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
        for v in reversed(expr.values):
            found = literal(v, depth + 1)
            if found is not None:
                return found
        return None
    if isinstance(expr, ast.IfExp):
        return literal(expr.body, depth + 1) or literal(expr.orelse, depth + 1)
    return None


def _value(ix: ModuleIndex, expr: ast.expr | None, scope: Scope | None, line: int) -> str | None:
    found = literal(expr)
    if found is not None or expr is None or scope is None:
        return found
    if isinstance(expr, (ast.Name, ast.Attribute, ast.JoinedStr, ast.BinOp, ast.Call)):
        v = ix.resolve(expr, scope, line)
        return v if isinstance(v, str) else None
    return None


def _field_default(expr: ast.expr | None) -> str | None:
    """The default a class field constructor of any name is given: first argument or ``default=``."""
    if not isinstance(expr, ast.Call) or literal(expr) is not None:
        return None
    if expr.args and isinstance(expr.args[0], ast.Constant):
        return literal(expr.args[0])
    return literal(_default_kw(expr))


def _defined_functions(ix: ModuleIndex) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Module-level functions and the methods of module-level classes."""
    yield from ix.functions.values()
    for cls in ix.classes.values():
        for stmt in cls.node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield stmt


# callees whose positional arguments are printed, logged, tested or looked up, not handed on
_NOT_HANDING_ON = frozenset(
    {
        "print", "len", "str", "repr", "isinstance", "issubclass", "hasattr", "getattr", "type",
        "format", "debug", "info", "warning", "warn", "error", "exception", "critical", "log",
        "startswith", "endswith", "split", "rsplit", "lower", "upper", "strip", "replace",
        "get", "append", "join", "match", "search", "fullmatch", "sub", "index", "count", "find",
        "rfind", "remove", "discard", "pop", "add", "setdefault", "sorted", "set", "list",
        "tuple", "dict", "int", "float", "bool", "hash", "id", "min", "max", "enumerate", "zip",
    }
)  # fmt: skip


def _passed_on(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names the body hands on: keyword arguments, ``self.x = name``, dict entry values.

    A default of a parameter the body never passes on (``pass``, a comparison, a lookup)
    reaches no model.
    """
    out: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.keyword) and isinstance(node.value, ast.Name):
            out.add(node.value.id)
        elif (  # ModelHolder.get_model(path_or_hf_repo, dtype): handed to a loader
            isinstance(node, ast.Call)
            and tail_name(node.func) not in _NOT_HANDING_ON
            and not is_error_name(tail_name(node.func))
        ):
            out.update(a.id for a in node.args if isinstance(a, ast.Name))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            if any(isinstance(t, ast.Attribute) for t in node.targets):
                out.add(node.value.id)
        elif isinstance(node, ast.Dict):
            out.update(v.id for v in node.values if isinstance(v, ast.Name))
    return out


def _param_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[str, ast.expr]]:
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    for a, d in zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True):
        yield a.arg, d
    for a, kd in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kd is not None:
            yield a.arg, kd


def _random_choices(expr: ast.expr | None) -> list[ast.expr]:
    """Members of ``random.choice([...])``: a setting that takes any of them."""
    if (
        isinstance(expr, ast.Call)
        and (dotted(expr.func) or "").rsplit(".", 1)[-1] == "choice"
        and len(expr.args) == 1
        and isinstance(expr.args[0], (ast.List, ast.Tuple))
    ):
        return list(expr.args[0].elts)
    return []


def _declared_choices(call: ast.Call) -> list[ast.expr] | None:
    """The choices an option declares: ``choices=[...]`` (argparse, click) or a dataclass field's
    ``metadata={"choices": [...]}`` (``HfArgumentParser``); None when it declares none."""
    for kw in call.keywords:
        value: ast.expr | None = kw.value
        if kw.arg == "metadata" and isinstance(value, ast.Dict):
            value = next(
                (
                    v
                    for k, v in zip(value.keys, value.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "choices"
                ),
                None,
            )
        elif kw.arg != "choices":
            continue
        if isinstance(value, (ast.List, ast.Tuple)):
            return list(value.elts)
    return None


def _label_choices(expr: ast.expr | None) -> bool:
    """An option whose declared choices are mostly no model names selects a label.

    ``model_name = field(default="gpt-3.5-turbo", metadata={"choices": ["alpaca-7b", "bard",
    ..., "wizardlm-7b"]})`` picks the rows of a dataset by the name of the model that wrote
    them: the code spells the option's whole domain, and when at least three choices are
    given and fewer than half of them read as models, its default is such a label too.
    """
    if not isinstance(expr, ast.Call):
        return False
    choices = _declared_choices(expr)
    if choices is None:
        return False
    texts = [e.value for e in choices if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if len(texts) < 3:
        return False
    return sum(1 for t in texts if classify_model_value(t) is not None) * 2 < len(texts)


def _route_setting(name: str, value: str | None) -> bool:
    """``llm_provider: str = "ollama/llama3"``: a provider setting holding a LiteLLM route
    (``provider/model``, Crawl4AI's ``provider=`` convention) names the model as well."""
    words = key_words(name)
    return (
        bool(value)
        and bool(words)
        and words[-1] == "provider"
        and "/" in (value or "")
        and litellm_route(value or "") is not None
    )


def _is_setting(name: str) -> bool:
    """A model-ish setting name; a bare ``repo_id`` is not one (datasets, Spaces and kernels have them too)."""
    return is_setting_name(name) and key_words(name) not in (("repo", "id"), ("repo",))


def target_name(target: ast.expr) -> str | None:
    """The name an assignment target binds (``x``, ``self.x``, ``d["x"]``)."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
    ):
        return target.slice.value
    return None


# methods of a settings store that set a key (Dynaconf ``settings.set("config.model", v)``)
_SETTERS = frozenset({"set", "set_value", "set_setting", "set_config"})


def _last_key(key: str) -> str:
    """The last part of a dotted or ``__``-nested settings key: ``config.model`` -> ``model``."""
    return key.replace("__", ".").rsplit(".", 1)[-1]


def _dict_entries(node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """Every ``"key": value`` entry of every dict literal under ``node`` (bounded)."""
    budget = MAX_NODES
    stack = [node]
    while stack and budget > 0:
        n = stack.pop()
        budget -= 1
        if isinstance(n, ast.Dict) and not is_response_payload(n):
            for k, v in zip(n.keys, n.values, strict=False):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    yield k.value, v
        elif isinstance(n, ast.Call) and dotted(n.func) == "dict":
            for kw in n.keywords:
                if kw.arg:
                    yield kw.arg, kw.value
        stack.extend(ast.iter_child_nodes(n))


def _dict_sites(ix: ModuleIndex) -> list[tuple[int, int]]:
    """Where every dict literal and ``dict(...)`` call of the module starts, sorted."""
    calls = [c for c, _ in ix.calls] + ix.unvisited_calls
    sites = [(d.lineno, d.col_offset) for d in ix.dicts]
    sites += [(c.lineno, c.col_offset) for c in calls if dotted(c.func) == "dict"]
    sites.sort()
    return sites


def _may_hold_dict(sites: list[tuple[int, int]], node: ast.expr) -> bool:
    """Whether a dict literal or ``dict(...)`` call starts inside ``node``'s source span."""
    if node.end_lineno is None or node.end_col_offset is None:
        return True
    i = bisect_left(sites, (node.lineno, node.col_offset))
    return i < len(sites) and sites[i] <= (node.end_lineno, node.end_col_offset)


def model_settings(ix: ModuleIndex) -> Iterator[tuple[str, int]]:
    """(string value, line) of every model-ish setting in the module whose value is a string."""
    seen: set[tuple[str, int]] = set()

    def out(value: str | None, line: int) -> Iterator[tuple[str, int]]:
        if value and (value, line) not in seen:
            seen.add((value, line))
            yield value, line

    sites = _dict_sites(ix)
    for node, scope in ix.assigns:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            name = target_name(target)
            if name and _is_setting(name) and not _label_choices(node.value):
                yield from out(_value(ix, node.value, scope, node.lineno), node.lineno)
                if scope.kind == "class":  # model: str = Param("voyage-3", help=...): a field
                    yield from out(_field_default(node.value), node.lineno)
                for e in _random_choices(node.value):  # model = random.choice(["a", "b"])
                    yield from out(literal(e), e.lineno)
        if node.value is not None and _may_hold_dict(sites, node.value):  # else nothing to walk
            for key, v in _dict_entries(node.value):
                if _is_setting(key):
                    yield from out(_value(ix, v, scope, v.lineno), v.lineno)
    for fn in _defined_functions(ix):  # def __init__(self, model_name="text-davinci-003")
        passed: set[str] | None = None
        for name, param_default in _param_defaults(fn):
            value = literal(param_default)
            if value is not None and (_is_setting(name) or _route_setting(name, value)):
                passed = _passed_on(fn) if passed is None else passed  # walked only when needed
                if name in passed:
                    yield from out(literal(param_default), param_default.lineno)
    for call, scope in ix.calls:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "add_argument":
            names = [a.value for a in call.args if isinstance(a, ast.Constant)]
            if any(isinstance(n, str) and _is_setting(n.lstrip("-")) for n in names):
                if _label_choices(call):
                    continue
                default = _default_kw(call)
                if default is not None:
                    yield from out(_value(ix, default, scope, call.lineno), default.lineno)
                for kw in call.keywords:  # choices=["fnlp/moss-moon-003-sft", ...]: offered too
                    if kw.arg == "choices" and isinstance(kw.value, (ast.List, ast.Tuple)):
                        for e in kw.value.elts:
                            yield from out(literal(e), e.lineno)
            continue
        if (  # settings.set("config.model", model_claude): a settings store's model key set
            isinstance(func, ast.Attribute)
            and func.attr in _SETTERS
            and len(call.args) == 2
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
            and _is_setting(_last_key(call.args[0].value))
        ):
            yield from out(_value(ix, call.args[1], scope, call.lineno), call.lineno)
