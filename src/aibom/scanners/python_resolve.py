"""Static value resolution for the Python scanner: what string does this expression hold?

Nothing is imported or executed. A :class:`ModuleIndex` is built once per module
(imports, scopes, assignments, classes, argparse defaults) by an iterative walk;
:meth:`ModuleIndex.resolve` then folds an expression to a string where that is
possible without running code:

* literals, f-strings, ``+``, ``%s`` formatting and ``"...".format(...)`` of constants;
* names through local assignments of the enclosing function(s), function parameter
  defaults, and module-level assignments;
* ``self.attr`` through ``self.attr = ...`` in any method and class-body attributes
  (base classes defined in the same module too); ``Cls.ATTR`` and ``Enum.MEMBER.value``;
* ``obj.field`` where ``obj = Settings(...)`` (keyword given at the call, else the class
  default: pydantic ``BaseSettings``/``BaseModel``, dataclasses, ``Field(default=...)``);
* ``os.getenv("X", "default")`` / ``os.environ.get("X", "default")``; without a default
  (and ``os.environ["X"]``) the value is unresolvable;
* argparse ``add_argument("--model", default=...)`` then ``args.model``;
* dict/list subscripts with constant keys, ``a or b``, ``x if c else y`` (first arm that
  resolves), ``Path(...)`` / ``os.path.join`` / ``"/".join`` of constants.

Results are a string, :data:`UNRESOLVED` (depends on run time), or :data:`NOT_STRING`
(resolves to something that is not text, e.g. a number or a model object).
"""

from __future__ import annotations

import ast
import re
import string
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

MAX_DEPTH = 40  # resolution steps before giving up (guards against cycles and hostile nesting)
MAX_STRING = 4096
_MODEL_WORD = re.compile(r"(?i)model")  # a parameter or field name that may type a model


_LEAVES: frozenset[type] = frozenset(
    {ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue, ast.alias,
     ast.Global, ast.Nonlocal}
    | {c for base in (ast.operator, ast.boolop, ast.cmpop, ast.unaryop) for c in base.__subclasses__()}
)  # fmt: skip
_RECORDED: frozenset[type] = frozenset(
    {ast.Call, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor,
     ast.comprehension, ast.withitem, ast.ExceptHandler, ast.Import, ast.ImportFrom}
)  # fmt: skip


# Fields that never hold a node worth visiting (names, numbers, contexts, operators).
_SCALAR_FIELDS = frozenset(
    {"id", "attr", "arg", "name", "names", "module", "level", "asname", "kind", "type_comment",
     "conversion", "is_async", "simple", "ctx", "op", "ops", "tag", "kwd_attrs"}
)  # fmt: skip
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}  # node type -> fields to visit, last first


def _child_fields(t: type) -> tuple[str, ...]:
    """The fields of node type ``t`` that may hold child nodes, in reverse order."""
    scalar = _SCALAR_FIELDS | ({"value"} if t in (ast.Constant, ast.MatchSingleton) else set())
    fields: tuple[str, ...] = getattr(t, "_fields", ())
    return tuple(f for f in reversed(fields) if f not in scalar)


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """The child nodes of ``node`` that may hold others (no names, constants, contexts or
    operators), in no set order: a cheaper :func:`ast.iter_child_nodes` for walks that visit
    every statement and expression."""
    t = type(node)
    fields = _CHILD_FIELDS.get(t)
    if fields is None:
        fields = _CHILD_FIELDS[t] = _child_fields(t)
    out: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if type(value) is list:
            out.extend(c for c in value if isinstance(c, ast.AST) and type(c) not in _LEAVES)
        elif isinstance(value, ast.AST) and type(value) not in _LEAVES:
            out.append(value)
    return out


class _Marker(Enum):
    UNRESOLVED = "unresolved"
    NOT_STRING = "not-string"


UNRESOLVED = _Marker.UNRESOLVED
NOT_STRING = _Marker.NOT_STRING
Value = str | _Marker
ModuleLoader = Callable[
    [str, int], "ModuleIndex | None"
]  # (dotted module, relative level) -> index
_END = 1 << 30  # "after every line": a module's final bindings
_MEMO = threading.local()  # ModuleIndex.resolve's table for the outermost call in progress

_ENV_FUNCS = frozenset(
    {"os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault"}
)
_FIELD_FUNCS = frozenset(
    {"Field", "field", "pydantic.Field", "dataclasses.field", "attr.ib", "attrs.field"}
)
_PATH_FUNCS = frozenset(
    {"Path", "pathlib.Path", "PurePath", "PurePosixPath", "os.path.join", "str", "os.fspath"}
)
_PARSE_ARGS = frozenset({"parse_args", "parse_known_args", "parse_intermixed_args"})


@dataclass
class Binding:
    """One assignment of a name: the value expression (None: bound to something unknown)."""

    line: int
    value: ast.expr | None
    scope: Scope
    loop: ast.expr | None = None  # for a `for` target: the iterable


@dataclass
class ClassInfo:
    """A class defined in the module: body attributes and ``self.x`` assignments."""

    name: str
    node: ast.ClassDef
    bases: list[str]
    attrs: dict[str, list[Binding]] = field(default_factory=dict)
    self_attrs: dict[str, list[Binding]] = field(default_factory=dict)

    @property
    def is_enum(self) -> bool:
        return any(b.rsplit(".", 1)[-1] in {"Enum", "StrEnum", "IntEnum"} for b in self.bases)


@dataclass(eq=False)
class Scope:
    """A module, class or function scope with its bindings."""

    kind: str  # "module" | "class" | "function"
    parent: Scope | None
    node: ast.AST | None = None
    cls: ClassInfo | None = None  # the class a method belongs to, or the class of a class scope
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    params: dict[str, ast.expr | None] = field(default_factory=dict)

    def bind(
        self, name: str, line: int, value: ast.expr | None, loop: ast.expr | None = None
    ) -> None:
        self.bindings.setdefault(name, []).append(Binding(line, value, self, loop))


def dotted(expr: ast.AST) -> str | None:
    """``a.b.c`` for a Name/Attribute chain; None otherwise."""
    parts: list[str] = []
    node = expr
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def tail_name(expr: ast.expr) -> str:
    """``create`` of ``client.chat.create``, ``f`` of ``f``; "" for anything else."""
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return expr.id if isinstance(expr, ast.Name) else ""


def root_name(func: ast.expr) -> str | None:
    """``a`` of ``a.b.c(...)``, ``f`` of ``f(...)``, ``a`` of ``a().b``; None for anything else."""
    while isinstance(func, ast.Attribute):
        func = func.value
    if isinstance(func, ast.Call):
        return root_name(func.func)
    return func.id if isinstance(func, ast.Name) else None


def root_of(expr: ast.AST) -> tuple[ast.expr, list[str]]:
    """The innermost receiver of an attribute chain and the attribute names after it.

    ``self.client.chat.completions.create`` -> (``self.client``, [chat, completions, create]);
    ``OpenAI().chat.completions.create`` -> (the call, [...]).
    """
    attrs: list[str] = []
    node = expr
    while isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            break
        attrs.append(node.attr)
        node = node.value
    assert isinstance(node, ast.expr)
    return node, list(reversed(attrs))


def source_of(expr: ast.AST, limit: int = 120) -> str:
    """Short source text of an expression for messages."""
    try:
        text = ast.unparse(expr)
    except (ValueError, RecursionError, AttributeError):  # pragma: no cover - defensive
        text = type(expr).__name__
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# (parameter or field, its name, its annotation, the innermost enclosing class)
ModelAnnotation = tuple["ast.arg | ast.AnnAssign", str, ast.expr, "ClassInfo | None"]


class ModuleFacts:
    """What an importer asks of a project module before it needs the module's tree.

    Kept by :class:`~aibom.scanners.python_source.ProjectModules` for a module whose index
    left its cache, so that an import which only names a function the module's complete
    forwarding summary says forwards nothing (or names nothing callable) costs a read of
    the module's text instead of a parse and an index.
    """

    __slots__ = ("classes", "functions", "identity", "names")

    def __init__(self, identity: tuple[str, str, int, int], index: ModuleIndex) -> None:
        self.identity = identity
        self.names = frozenset(index.module.bindings) | frozenset(index.classes)  # see imported
        self.functions = frozenset(index.functions)
        self.classes = frozenset(index.classes)


class Unknown:
    """A :data:`ModulePeek` answer: only loading the module can tell."""


UNKNOWN = Unknown()
# (module, level) -> the facts of the project module an import names, None when it names no
# project module, UNKNOWN when the module must be loaded to know
ModulePeek = Callable[[str, int], "ModuleFacts | Unknown | None"]


class ModuleIndex:
    """Everything the resolver needs to know about one parsed module."""

    def __init__(self, tree: ast.Module, *, loader: ModuleLoader | None = None) -> None:
        self.tree = tree
        self.loader = loader  # finds other modules of the same project (optional)
        # (root, path, length, hash) of the parsed text when a project's module cache made
        # this index: what lets results about the module outlive its tree (see forwarding_summary)
        self.identity: tuple[str, str, int, int] | None = None
        # answers what an import of another project module names without loading its tree,
        # when that module was indexed before (see ProjectModules.peeker; optional)
        self.peek: ModulePeek | None = None
        self.import_from: dict[str, tuple[str, str, int]] = {}  # local -> (module, name, level)
        self.import_module: dict[str, str] = {}  # local -> module for `import a.b as c`
        self.module = Scope("module", None, tree)
        self.imports: dict[str, str] = {}  # local name -> qualified name
        self.local_defs: set[str] = set()  # names of module-level classes and functions
        self.classes: dict[str, ClassInfo] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.argparse: dict[str, ast.expr | None] = {}
        self.calls: list[tuple[ast.Call, Scope]] = []
        self.assigns: list[tuple[ast.Assign | ast.AnnAssign, Scope]] = []
        # `for name in [literal, ...]`: (loop variable, the literal list, scope)
        self.literal_loops: list[tuple[str, ast.List | ast.Tuple, Scope]] = []
        # `for name, key, label in TABLE`: (the target's names, None for a nested target, the
        # iterable, scope)
        self.tuple_loops: list[tuple[list[str | None], ast.expr, Scope]] = []
        # `x in T[k]` / `x not in T[k]` and comprehensions with an `if`: where a table's
        # membership is tested (see gated_tables)
        self.membership_tests: list[tuple[ast.Compare | ast.comprehension, Scope]] = []
        self.dicts: list[ast.Dict] = []  # every dict literal of the module, in no set order
        self.unvisited_calls: list[ast.Call] = []  # calls in lambda defaults (not in .calls)
        self._single_returns: dict[str, ast.expr | None] = {}  # function name -> its one return
        self._string_lines: dict[str, list[int]] | None = None  # see string_lines()
        # every def of the module (nested ones too), in the order of the walk
        self.function_defs: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        # annotated parameters and fields whose name says model: (node, name, annotation,
        # innermost enclosing class), for typing.Literal catalogs (see literal_catalogs)
        self.model_annotations: list[ModelAnnotation] = []
        self._scopes: list[Scope] = []  # every class and function scope (for release)
        self._scope_index: dict[int, Scope] | None = None  # id(node) -> its scope, on first use
        self._build()

    def release(self) -> None:
        """Break the index's reference cycles (scope <-> binding <-> class), once it is unused.

        Then reference counting frees the index and its syntax tree at once, instead of a
        full run of the cyclic garbage collector over everything still alive.
        """
        self._break_cycles()
        self.calls.clear()
        self.assigns.clear()
        self.literal_loops.clear()
        self.tuple_loops.clear()
        self.membership_tests.clear()
        self.dicts.clear()
        self.unvisited_calls.clear()
        self._single_returns.clear()
        self._string_lines = None
        self._scopes.clear()
        self._scope_index = None
        self.function_defs.clear()
        self.model_annotations.clear()

    def __del__(self) -> None:
        if hasattr(self, "_scopes"):  # built: dropped without release(), the tree goes too
            self._break_cycles()

    def _break_cycles(self) -> None:
        scopes: dict[int, Scope] = {}
        pending: list[Scope] = [self.module, *self._scopes, *(s for _, s in self.calls)]
        pending += [s for _, s in self.assigns]
        pending += [s for _, _, s in self.literal_loops]
        pending += [s for _, _, s in self.tuple_loops]
        pending += [s for _, s in self.membership_tests]
        while pending:
            scope = pending.pop()
            if id(scope) in scopes:
                continue
            scopes[id(scope)] = scope
            if scope.parent is not None:
                pending.append(scope.parent)
            pending.extend(b.scope for bs in scope.bindings.values() for b in bs)
        for scope in scopes.values():
            scope.bindings.clear()
            scope.cls = None
        for info in self.classes.values():
            info.attrs.clear()
            info.self_attrs.clear()

    def scope_of(self, node: ast.AST) -> Scope | None:
        """The scope built for a function or class node (an index made on first use)."""
        if self._scope_index is None:
            self._scope_index = {id(sc.node): sc for sc in self._scopes if sc.node is not None}
        return self._scope_index.get(id(node))

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        stack: list[tuple[ast.AST, Scope]] = [(self.tree, self.module)]
        while stack:
            node, scope = stack.pop()
            t = type(node)
            if t is ast.FunctionDef or t is ast.AsyncFunctionDef or t is ast.Lambda:
                assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                cls = scope.cls if scope.kind == "class" else None
                if cls is None and scope.kind == "function":
                    cls = scope.cls  # nested function inside a method keeps `self`
                parent = scope.parent if scope.kind == "class" else scope
                fscope = Scope("function", parent, node, cls)
                self._scopes.append(fscope)
                self._bind_params(node.args, fscope)
                self._unvisited_dicts(node)
                if not isinstance(node, ast.Lambda):
                    self.function_defs.append(node)
                    self._model_params(node.args, cls)
                    scope.bind(node.name, node.lineno, None)
                    if scope is self.module:
                        self.functions[node.name] = node
                        self.local_defs.add(node.name)
                    for d in node.decorator_list:
                        stack.append((d, scope))
                    for default in [*node.args.defaults, *node.args.kw_defaults]:
                        if default is not None:
                            stack.append((default, scope))
                    for stmt in reversed(node.body):
                        stack.append((stmt, fscope))
                else:
                    stack.append((node.body, fscope))
                continue
            if t is ast.ClassDef:
                assert isinstance(node, ast.ClassDef)
                bases = [d for d in (dotted(b) for b in node.bases) if d]
                info = ClassInfo(node.name, node, bases)
                if scope is self.module:
                    self.classes[node.name] = info
                    self.local_defs.add(node.name)
                else:
                    self.classes.setdefault(node.name, info)
                scope.bind(node.name, node.lineno, None)
                cscope = Scope("class", scope, node, info)
                self._scopes.append(cscope)
                self._dicts_in(getattr(node, "type_params", ()))  # Python 3.12+
                for child in [*node.bases, *node.keywords, *node.decorator_list]:
                    stack.append((child, scope))
                for stmt in reversed(node.body):
                    stack.append((stmt, cscope))
                continue
            if t in _RECORDED:
                self._record(node, scope)
            elif t is ast.Dict:
                self.dicts.append(node)  # type: ignore[arg-type]
            elif t is ast.Compare:
                assert isinstance(node, ast.Compare)
                if type(node.comparators[0]) is ast.Subscript and any(
                    type(op) in (ast.In, ast.NotIn) for op in node.ops
                ):  # `model not in TABLE[provider]`
                    self.membership_tests.append((node, scope))
            fields = _CHILD_FIELDS.get(t)
            if fields is None:
                fields = _CHILD_FIELDS[t] = _child_fields(t)
            for name in fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    for child in reversed(value):
                        if isinstance(child, ast.AST) and type(child) not in _LEAVES:
                            stack.append((child, scope))
                elif isinstance(value, ast.AST) and type(value) not in _LEAVES:
                    stack.append((value, scope))
        self.calls.sort(
            key=lambda cs: (
                cs[0].lineno,
                cs[0].col_offset,
                cs[0].end_lineno or 0,
                cs[0].end_col_offset or 0,
            )
        )
        self.assigns.sort(key=lambda a: (a[0].lineno, a[0].col_offset))

    def string_lines(self) -> dict[str, list[int]]:
        """Each short string constant of the module (stripped) and the lines it is written on.

        Walked once per module when first asked: the scan and every wrapper-summary pass of
        the module share it.
        """
        if self._string_lines is None:
            out: dict[str, list[int]] = {}
            for node in ast.walk(self.tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and 0 < len(node.value) <= 200
                ):
                    out.setdefault(node.value.strip(), []).append(node.lineno)
            self._string_lines = out
        return self._string_lines

    def single_return(self, name: str) -> ast.expr | None:
        """The returned expression of module-level function ``name`` if it has exactly one."""
        if name not in self._single_returns:
            self._single_returns[name] = _single_return(self.functions[name])
        return self._single_returns[name]

    def _unvisited_dicts(self, fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        """Collect the dict literals of the parts of ``fn`` the walk does not visit.

        Those are annotations, a lambda's defaults and type parameters: nothing there is
        recorded, but :attr:`dicts` holds every dict literal of the module.
        """
        args = fn.args
        parts: list[ast.AST | None] = [a.annotation for a in (*args.posonlyargs, *args.args)]
        parts += [a.annotation for a in args.kwonlyargs]
        parts += [a.annotation for a in (args.vararg, args.kwarg) if a is not None]
        if isinstance(fn, ast.Lambda):
            defaults = [d for d in (*args.defaults, *args.kw_defaults) if d is not None]
            self.unvisited_calls += [
                c for d in defaults for c in ast.walk(d) if isinstance(c, ast.Call)
            ]
            parts += defaults
        else:
            parts.append(fn.returns)
        parts += getattr(fn, "type_params", ())
        self._dicts_in(parts)

    def _dicts_in(self, parts: Iterable[ast.AST | None]) -> None:
        for part in parts:
            if part is not None and type(part) not in _LEAVES:
                self.dicts.extend(n for n in ast.walk(part) if isinstance(n, ast.Dict))

    def _model_params(self, args: ast.arguments, cls: ClassInfo | None) -> None:
        for a in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
            if a is not None and a.annotation is not None and _MODEL_WORD.search(a.arg):
                self.model_annotations.append((a, a.arg, a.annotation, cls))

    def _bind_params(self, args: ast.arguments, scope: Scope) -> None:
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(
            args.defaults
        )
        for a, d in zip(positional, defaults, strict=False):
            scope.params[a.arg] = d
        for a, kd in zip(args.kwonlyargs, args.kw_defaults, strict=False):
            scope.params[a.arg] = kd
        for extra in (args.vararg, args.kwarg):
            if extra is not None:
                scope.params[extra.arg] = None

    def _record(self, node: ast.AST, scope: Scope) -> None:
        if isinstance(node, ast.Call):
            self.calls.append((node, scope))
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "add_argument":
                self._record_argparse(node)
            elif isinstance(func, (ast.Attribute, ast.Name)) and self.qualify(dotted(func) or "") in (
                "click.option", "click.argument"
            ):  # fmt: skip
                self._record_argparse(node, prefer_plain=True)
        elif isinstance(node, ast.Assign):
            self.assigns.append((node, scope))
            for target in node.targets:
                self._bind_target(target, node.value, node.lineno, scope)
        elif isinstance(node, ast.AnnAssign):
            self.assigns.append((node, scope))
            target = node.target
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
            if isinstance(target, ast.Name | ast.Attribute) and _MODEL_WORD.search(name or ""):
                self.model_annotations.append((node, name or "", node.annotation, scope.cls))
            if node.value is not None or scope.kind == "class":
                self._bind_target(node.target, node.value, node.lineno, scope)
        elif isinstance(node, ast.AugAssign):
            self._bind_target(node.target, None, node.lineno, scope)
        elif isinstance(node, ast.NamedExpr):
            self._bind_target(node.target, node.value, node.lineno, scope)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            line = getattr(node, "lineno", 0) or getattr(node.iter, "lineno", 0)
            if isinstance(node.target, ast.Name) and not isinstance(node, ast.comprehension):
                scope.bind(node.target.id, line, None, loop=node.iter)
                if isinstance(node.iter, (ast.List, ast.Tuple)):
                    self.literal_loops.append((node.target.id, node.iter, scope))
            else:
                self._bind_target(node.target, None, line, scope)
                if isinstance(node.target, ast.Tuple) and not isinstance(node, ast.comprehension):
                    names = [e.id if isinstance(e, ast.Name) else None for e in node.target.elts]
                    self.tuple_loops.append((names, node.iter, scope))
            if isinstance(node, ast.comprehension) and node.ifs:
                self.membership_tests.append((node, scope))
        elif isinstance(node, ast.withitem):
            if node.optional_vars is not None:
                line = getattr(node.context_expr, "lineno", 0)
                self._bind_target(node.optional_vars, node.context_expr, line, scope)
        elif isinstance(node, ast.ExceptHandler):
            if node.name:
                scope.bind(node.name, node.lineno, None)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imports[alias.asname] = alias.name
                    self.import_module[alias.asname] = alias.name
                else:
                    if "." not in alias.name:
                        self.import_module[alias.name] = alias.name
                    top = alias.name.split(".")[0]
                    self.imports.setdefault(top, top)
                scope.bind(alias.asname or alias.name.split(".")[0], node.lineno, None)
        elif isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    continue
                local = alias.asname or alias.name
                self.imports[local] = f"{module}.{alias.name}" if module else alias.name
                self.import_from[local] = (node.module or "", alias.name, node.level)
                scope.bind(local, node.lineno, None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            pass

    def _bind_target(
        self, target: ast.AST, value: ast.expr | None, line: int, scope: Scope
    ) -> None:
        if isinstance(target, ast.Name):
            scope.bind(target.id, line, value)
            if scope.kind == "class" and scope.cls is not None:
                scope.cls.attrs.setdefault(target.id, []).append(Binding(line, value, scope))
        elif isinstance(target, (ast.Tuple, ast.List)):
            values: list[ast.expr | None]
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                values = list(value.elts)
            else:
                values = [None] * len(target.elts)
            for t, v in zip(target.elts, values, strict=False):
                self._bind_target(t, v, line, scope)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None, line, scope)
        elif isinstance(target, ast.Attribute):
            if (
                isinstance(target.value, ast.Name)
                and target.value.id in ("self", "cls")
                and scope.cls is not None
            ):
                scope.cls.self_attrs.setdefault(target.attr, []).append(Binding(line, value, scope))
            else:
                key = dotted(target)
                if key:
                    scope.bind(key, line, value)

    def _record_argparse(self, call: ast.Call, *, prefer_plain: bool = False) -> None:
        """``add_argument`` / ``click.option``: remember the default under the destination name."""
        dest: str | None = None
        names = [
            a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        for kw in call.keywords:
            if (
                kw.arg == "dest"
                and isinstance(kw.value, ast.Constant)
                and isinstance(kw.value.value, str)
            ):
                dest = kw.value.value
        if dest is None:
            longs = [n for n in names if n.startswith("--")]
            plain = [n for n in names if not n.startswith("-")]
            if plain and (prefer_plain or not longs):
                dest = plain[0]
            elif longs:
                dest = longs[0][2:]
            elif names:
                dest = names[0].lstrip("-")
        if not dest:
            return
        dest = dest.replace("-", "_")
        default = next((kw.value for kw in call.keywords if kw.arg == "default"), None)
        self.argparse[dest] = default

    # ------------------------------------------------------------------ names

    def qualify(self, name: str) -> str:
        """Replace the first segment of a dotted name by what it was imported as."""
        head, _, rest = name.partition(".")
        target = self.imports.get(head)
        if target is None:
            return name
        return f"{target}.{rest}" if rest else target

    def qualified(self, expr: ast.AST) -> str | None:
        """Qualified dotted name of a Name/Attribute chain (imports applied)."""
        d = dotted(expr)
        return self.qualify(d) if d else None

    def is_unbound(self, name: str) -> bool:
        """True when a bare name is neither imported nor defined at module level."""
        return (
            name not in self.imports
            and name not in self.local_defs
            and name not in self.module.bindings
        )

    def lookup(self, name: str, scope: Scope, line: int) -> Binding | None:
        """The binding a bare name refers to at ``line`` in ``scope`` (None when unknown)."""
        s: Scope | None = scope
        first = True
        while s is not None:
            if s.kind == "class" and not first:
                s = s.parent
                continue
            if name in s.bindings:
                return _pick(s.bindings[name], line, same_scope=first or s.kind == "function")
            if s.kind == "function" and name in s.params:
                default = s.params[name]
                if default is None and self.argparse.get(name) is not None:
                    return Binding(
                        line, self.argparse[name], self.module
                    )  # a click option's default
                return Binding(line, default, s.parent or s)
            first = False
            s = s.parent
        return None

    def class_attr(self, cls: ClassInfo, attr: str, seen: set[str] | None = None) -> Binding | None:
        """Class-body attribute (or field default) ``attr`` of ``cls`` or its in-module bases."""
        seen = seen or set()
        if cls.name in seen:
            return None
        seen.add(cls.name)
        if attr in cls.attrs:
            return cls.attrs[attr][-1]
        for base in cls.bases:
            b = self.classes.get(base.rsplit(".", 1)[-1])
            if b is not None:
                found = self.class_attr(b, attr, seen)
                if found is not None:
                    return found
        return None

    def self_attr(
        self, cls: ClassInfo, attr: str, line: int, seen: set[str] | None = None
    ) -> Binding | None:
        """``self.attr`` of an instance of ``cls``: instance assignments, then class attributes."""
        seen = seen or set()
        if cls.name in seen:
            return None
        seen.add(cls.name)
        if attr in cls.self_attrs:
            bindings = cls.self_attrs[attr]
            known = [b for b in bindings if b.value is not None]
            return (known or bindings)[-1] if len(bindings) > 1 else bindings[0]
        if attr in cls.attrs:
            return cls.attrs[attr][-1]
        for base in cls.bases:
            b = self.classes.get(base.rsplit(".", 1)[-1])
            if b is not None:
                found = self.self_attr(b, attr, line, seen)
                if found is not None:
                    return found
        return None

    def imported(self, name: str) -> tuple[ModuleIndex, str | None] | None:
        """The project module (and the name in it; None for the module itself) a local name imports."""
        if self.loader is None:
            return None
        if name in self.import_from:
            module, orig, level = self.import_from[name]
            other = self.loader(module, level)
            if other is not None and (orig in other.module.bindings or orig in other.classes):
                return other, orig
            sub = self.loader(f"{module}.{orig}" if module else orig, level)
            if sub is not None:
                return sub, None
            return None
        if name in self.import_module:
            other = self.loader(self.import_module[name], 0)
            return (other, None) if other is not None else None
        return None

    def peek_imported(self, name: str) -> tuple[ModuleFacts, str | None] | Unknown | None:
        """:meth:`imported` answered from the facts of modules not loaded (UNKNOWN: load them)."""
        peek = self.peek
        if self.loader is None:
            return None
        if peek is None:
            return UNKNOWN
        if name in self.import_from:
            module, orig, level = self.import_from[name]
            other = peek(module, level)
            if isinstance(other, Unknown):
                return UNKNOWN
            if other is not None and orig in other.names:
                return other, orig
            sub = peek(f"{module}.{orig}" if module else orig, level)
            if isinstance(sub, Unknown):
                return UNKNOWN
            return (sub, None) if sub is not None else None
        if name in self.import_module:
            found = peek(self.import_module[name], 0)
            if isinstance(found, Unknown):
                return UNKNOWN
            return (found, None) if found is not None else None
        return None

    def definition(
        self, expr: ast.expr, scope: Scope, line: int, depth: int = 0
    ) -> tuple[ast.expr, Scope] | None:
        """Follow names and ``self.x`` attributes to the expression that defines them."""
        while depth < MAX_DEPTH:
            depth += 1
            binding: Binding | None = None
            if isinstance(expr, ast.Name):
                binding = self.lookup(expr.id, scope, line)
            elif (
                isinstance(expr, ast.Attribute)
                and isinstance(expr.value, ast.Name)
                and expr.value.id in ("self", "cls")
                and scope.cls is not None
            ):
                binding = self.self_attr(scope.cls, expr.attr, line)
            elif isinstance(expr, ast.Attribute) and (key := dotted(expr)):
                binding = self.lookup(key, scope, line)
                if binding is None:
                    return expr, scope
            else:
                return expr, scope
            if binding is None or binding.value is None:
                return None
            expr, scope, line = binding.value, binding.scope, binding.line
        return None

    # ------------------------------------------------------------------ resolution

    def resolve(self, expr: ast.expr | None, scope: Scope, line: int, depth: int = 0) -> Value:
        """Fold ``expr`` to a string, or UNRESOLVED / NOT_STRING.

        Within one outermost call each (module, expression, scope, line, depth) is folded
        once: a name that feeds itself (``m = x.m or m; x.m = m``) would otherwise branch at
        every step down to :data:`MAX_DEPTH` (millions of steps for one argument).
        """
        memo: dict[tuple[int, int, int, int, int], tuple[Value, object]] | None = getattr(
            _MEMO, "table", None
        )
        if memo is None:
            _MEMO.table = {}
            try:
                return self._resolve(expr, scope, line, depth)
            finally:
                _MEMO.table = None
        key = (id(self), id(expr), id(scope), line, depth)
        hit = memo.get(key)
        if hit is not None:
            return hit[0]
        value = self._resolve(expr, scope, line, depth)
        memo[key] = (value, (self, expr, scope))  # the objects stay alive, so their ids stay theirs
        return value

    def _resolve(self, expr: ast.expr | None, scope: Scope, line: int, depth: int) -> Value:
        if expr is None or depth > MAX_DEPTH:
            return UNRESOLVED
        d = depth + 1
        if isinstance(expr, ast.Constant):
            if isinstance(expr.value, str):
                return expr.value
            if isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool):
                return NOT_STRING
            return NOT_STRING
        if isinstance(expr, ast.JoinedStr):
            out: list[str] = []
            for part in expr.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    out.append(part.value)
                elif isinstance(part, ast.FormattedValue):
                    v = self._resolve_scalar(part.value, scope, line, d)
                    if not isinstance(v, str):
                        return UNRESOLVED
                    out.append(v)
                else:
                    return UNRESOLVED
            return _cap("".join(out))
        if isinstance(expr, ast.BinOp):
            return self._binop(expr, scope, line, d)
        if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
            for v_expr in expr.values:
                v = self.resolve(v_expr, scope, line, d)
                if isinstance(v, str) and v:
                    return v
            return UNRESOLVED
        if isinstance(expr, ast.IfExp):
            for arm in (expr.body, expr.orelse):
                v = self.resolve(arm, scope, line, d)
                if isinstance(v, str):
                    return v
            return UNRESOLVED
        if isinstance(expr, ast.Name):
            binding = self.lookup(expr.id, scope, line)
            if binding is None:
                return UNRESOLVED
            if binding.value is None:
                target = self.imported(expr.id) if binding.scope.kind == "module" else None
                if target is not None:
                    other, name = target
                    if name is not None:
                        return other.resolve(
                            ast.Name(id=name, ctx=ast.Load()), other.module, _END, d
                        )
                return UNRESOLVED
            return self.resolve(binding.value, binding.scope, binding.line, d)
        if isinstance(expr, ast.Attribute):
            return self._attribute(expr, scope, line, d)
        if isinstance(expr, ast.Subscript):
            return self._subscript(expr, scope, line, d)
        if isinstance(expr, ast.Call):
            return self._call(expr, scope, line, d)
        if isinstance(expr, ast.NamedExpr):
            return self.resolve(expr.value, scope, line, d)
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Lambda, ast.ListComp, ast.DictComp,
                             ast.SetComp, ast.GeneratorExp, ast.Compare, ast.UnaryOp)):  # fmt: skip
            return NOT_STRING
        return UNRESOLVED

    def resolve_all(self, expr: ast.expr, scope: Scope, line: int) -> list[Value]:
        """Like :meth:`resolve`, but a ``for`` variable over a literal collection gives every member."""
        if isinstance(expr, ast.Name):
            binding = self.lookup(expr.id, scope, line)
            if binding is not None and binding.loop is not None:
                it = binding.loop
                found = (
                    self.definition(it, binding.scope, binding.line)
                    if isinstance(it, (ast.Name, ast.Attribute))
                    else (it, binding.scope)
                )
                if found is not None:
                    container, cscope = found
                    elts: list[ast.expr] = []
                    if isinstance(container, (ast.List, ast.Tuple, ast.Set)):
                        elts = list(container.elts)
                    elif isinstance(container, ast.Dict):
                        elts = [k for k in container.keys if k is not None]
                    if elts and not any(isinstance(e, ast.Starred) for e in elts):
                        return [self.resolve(e, cscope, binding.line) for e in elts[:256]]
        value = self.resolve(expr, scope, line)
        if value is UNRESOLVED:
            table = self._table_lookup(expr, scope, line)
            if table:
                return table
        return [value]

    def _table_lookup(self, expr: ast.expr, scope: Scope, line: int) -> list[Value]:
        """Every value a lookup in a literal string table can give (nothing when it is not one).

        ``ChatMistral(model=ALIASES[name])`` / ``m = TABLE.get(name, default); f(model=m)`` with
        a key only known at run time: the value is one of the table's (or the default).
        A name is followed to its one assignment; the table must be a dict literal of at
        least two string keys and string values.
        """
        if isinstance(expr, ast.Name):
            binding = self.lookup(expr.id, scope, line)
            if binding is None or binding.value is None or binding.loop is not None:
                return []
            expr, scope, line = binding.value, binding.scope, binding.line
        default: ast.expr | None = None
        if isinstance(expr, ast.Subscript):
            table, key = expr.value, expr.slice
        elif (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and expr.func.attr == "get"
            and 1 <= len(expr.args) <= 2
            and not expr.keywords
        ):
            table, key = expr.func.value, expr.args[0]
            default = expr.args[1] if len(expr.args) == 2 else None
        else:
            return []
        if not isinstance(table, (ast.Name, ast.Attribute)) or isinstance(
            self.resolve(key, scope, line), str
        ):
            return []  # a fixed key: the plain fold answers
        found = self.definition(table, scope, line)
        if found is None or not isinstance(found[0], ast.Dict):
            return []
        d = found[0]
        if not 2 <= len(d.values) <= 256 or not all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in (*d.keys, *d.values)
        ):
            return []
        out: list[Value] = [
            v.value for v in d.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
        if default is not None:
            out.append(self.resolve(default, scope, line))
        return out

    def _resolve_scalar(self, expr: ast.expr, scope: Scope, line: int, depth: int) -> Value:
        """Like resolve, but numbers format as text (for f-strings and formatting)."""
        if (
            isinstance(expr, ast.Constant)
            and isinstance(expr.value, (int, float))
            and not isinstance(expr.value, bool)
        ):
            return str(expr.value)
        v = self.resolve(expr, scope, line, depth)
        if v is NOT_STRING and isinstance(expr, (ast.Name, ast.Attribute)):
            found = self.definition(expr, scope, line, depth)
            if found is not None:
                c = found[0]
                if (
                    isinstance(c, ast.Constant)
                    and isinstance(c.value, (int, float))
                    and not isinstance(c.value, bool)
                ):
                    return str(c.value)
        return v

    def _binop(self, expr: ast.BinOp, scope: Scope, line: int, depth: int) -> Value:
        left = self.resolve(expr.left, scope, line, depth)
        if isinstance(expr.op, ast.Add):
            right = self.resolve(expr.right, scope, line, depth)
            if isinstance(left, str) and isinstance(right, str):
                return _cap(left + right)
            return UNRESOLVED if UNRESOLVED in (left, right) else NOT_STRING
        if isinstance(expr.op, ast.Div) and isinstance(left, str):  # Path(...) / "x"
            right = self.resolve(expr.right, scope, line, depth)
            return _cap(f"{left.rstrip('/')}/{right}") if isinstance(right, str) else UNRESOLVED
        if isinstance(expr.op, ast.Mod) and isinstance(left, str):
            items = expr.right.elts if isinstance(expr.right, ast.Tuple) else [expr.right]
            values = [self._resolve_scalar(i, scope, line, depth) for i in items]
            if not all(isinstance(v, str) for v in values):
                return UNRESOLVED
            return _percent_format(left, [v for v in values if isinstance(v, str)])
        return UNRESOLVED if left is UNRESOLVED else NOT_STRING

    def _attribute(self, expr: ast.Attribute, scope: Scope, line: int, depth: int) -> Value:
        if depth > MAX_DEPTH:
            return UNRESOLVED
        base = expr.value
        attr = expr.attr
        # Enum member value: ModelType.GPT4O.value
        if attr == "value" and isinstance(base, ast.Attribute):
            v = self._attribute(base, scope, line, depth + 1)
            if v is not UNRESOLVED:
                return v
        if isinstance(base, ast.Name) and base.id in ("self", "cls") and scope.cls is not None:
            binding = self.self_attr(scope.cls, attr, line)
            if binding is None or binding.value is None:
                return UNRESOLVED
            return self.resolve(_field_default(binding.value), binding.scope, binding.line, depth)
        key = dotted(expr)
        if key:
            binding = self.lookup(key, scope, line)
            if binding is not None and binding.value is not None:
                return self.resolve(binding.value, binding.scope, binding.line, depth)
        if isinstance(base, ast.Name) and self.loader is not None:
            b = self.lookup(base.id, scope, line)
            target = self.imported(base.id) if b is not None and b.value is None else None
            if target is not None:
                other, name = target
                inner: ast.expr = (
                    ast.Name(id=attr, ctx=ast.Load())
                    if name is None
                    else ast.Attribute(
                        value=ast.Name(id=name, ctx=ast.Load()), attr=attr, ctx=ast.Load()
                    )
                )
                return other.resolve(inner, other.module, _END, depth + 1)
        # A class defined here: Cls.ATTR
        if (
            isinstance(base, ast.Name)
            and base.id in self.classes
            and self.lookup(base.id, scope, line) is not None
        ):
            b = self.lookup(base.id, scope, line)
            if b is not None and b.value is None:
                cb = self.class_attr(self.classes[base.id], attr)
                if cb is not None and cb.value is not None:
                    return self.resolve(_field_default(cb.value), cb.scope, cb.line, depth)
                return UNRESOLVED
        found = (
            self.definition(base, scope, line, depth)
            if isinstance(base, (ast.Name, ast.Attribute))
            else ((base, scope) if isinstance(base, ast.Call) else None)
        )
        if found is not None:
            dexpr, dscope = found
            if isinstance(dexpr, ast.Call):
                return self._attribute_of_call(dexpr, dscope, attr, line, depth)
        # Unknown receiver (a parameter, parse_args_into_dataclasses(), ...): argparse, unique field default.
        if attr in self.argparse:
            default = self.argparse[attr]
            return (
                self.resolve(default, self.module, line, depth)
                if default is not None
                else UNRESOLVED
            )
        owners = [
            c
            for c in self.classes.values()
            if attr in c.attrs and c.attrs[attr][-1].value is not None
        ]
        if len(owners) == 1 and found is None:
            cb = owners[0].attrs[attr][-1]
            if cb.value is None:
                return UNRESOLVED
            return self.resolve(_field_default(cb.value), cb.scope, cb.line, depth)
        return UNRESOLVED

    def _attribute_of_call(
        self, call: ast.Call, scope: Scope, attr: str, line: int, depth: int
    ) -> Value:
        """``X(...).attr``: a settings/dataclass instance, parse_args() result, or a factory's return."""
        func = call.func
        fname = dotted(func)
        last = fname.rsplit(".", 1)[-1] if fname else None
        if last in _PARSE_ARGS:
            if attr in self.argparse and self.argparse[attr] is not None:
                return self.resolve(self.argparse[attr], self.module, line, depth)
            return UNRESOLVED
        if fname and fname in self.classes:
            for kw in call.keywords:
                if kw.arg == attr:
                    return self.resolve(kw.value, scope, line, depth)
            cb = self.class_attr(self.classes[fname], attr)
            if cb is not None and cb.value is not None:
                return self.resolve(_field_default(cb.value), cb.scope, cb.line, depth)
            return UNRESOLVED
        if (
            fname
            and fname not in self.classes
            and fname in self.import_from
            and self.loader is not None
        ):
            target = self.imported(fname)
            other_cls = (
                target[0].classes.get(target[1])
                if target is not None and target[1] is not None
                else None
            )
            if target is not None and other_cls is not None:
                other = target[0]
                for kw in call.keywords:
                    if kw.arg == attr:
                        return self.resolve(kw.value, scope, line, depth)
                cb = other.class_attr(other_cls, attr)
                if cb is not None and cb.value is not None:
                    return other.resolve(_field_default(cb.value), cb.scope, cb.line, depth + 1)
                return UNRESOLVED
        if fname and fname in self.functions:
            ret = self.single_return(fname)
            if ret is not None:
                fscope = self._function_scope(self.functions[fname])
                inner = (
                    self.definition(ret, fscope, ret.lineno, depth)
                    if not isinstance(ret, ast.Call)
                    else (ret, fscope)
                )
                if inner is not None and isinstance(inner[0], ast.Call):
                    return self._attribute_of_call(inner[0], inner[1], attr, line, depth + 1)
        return UNRESOLVED

    def _function_scope(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Scope:
        scope = Scope("function", self.module, fn)
        self._bind_params(fn.args, scope)
        return scope

    def _subscript(self, expr: ast.Subscript, scope: Scope, line: int, depth: int) -> Value:
        base_dotted = dotted(expr.value)
        if base_dotted and self.qualify(base_dotted) in ("os.environ", "environ"):
            return UNRESOLVED
        key = (
            self.resolve(expr.slice, scope, line, depth)
            if not isinstance(expr.slice, ast.Constant)
            else (expr.slice.value)
        )
        found = (
            self.definition(expr.value, scope, line, depth)
            if isinstance(expr.value, (ast.Name, ast.Attribute))
            else ((expr.value, scope))
        )
        if found is None:
            return UNRESOLVED
        container, cscope = found
        if isinstance(container, ast.Dict):
            for k, v in zip(container.keys, container.values, strict=False):
                if k is not None and isinstance(k, ast.Constant) and k.value == key:
                    return self.resolve(v, cscope, line, depth)
            return UNRESOLVED
        if (
            isinstance(container, (ast.List, ast.Tuple))
            and isinstance(key, int)
            and not isinstance(key, bool)
        ) and -len(container.elts) <= key < len(container.elts):
            return self.resolve(container.elts[key], cscope, line, depth)
        return UNRESOLVED

    def _call(self, call: ast.Call, scope: Scope, line: int, depth: int) -> Value:
        func = call.func
        name = dotted(func)
        qname = self.qualify(name) if name else None
        if qname in _ENV_FUNCS or name in _ENV_FUNCS:
            default = (
                call.args[1]
                if len(call.args) > 1
                else next(
                    (kw.value for kw in call.keywords if kw.arg in ("default", "value")), None
                )
            )
            if default is None:
                return UNRESOLVED
            v = self.resolve(default, scope, line, depth)
            return v if isinstance(v, str) else UNRESOLVED
        if name and (name.rsplit(".", 1)[-1] in {"Field", "field"} or qname in _FIELD_FUNCS):
            return self.resolve(_field_default(call), scope, line, depth)
        if qname in ("typer.Option", "typer.Argument"):
            default = next((kw.value for kw in call.keywords if kw.arg == "default"), None)
            if default is None and call.args:
                default = call.args[0]
            if default is None or (isinstance(default, ast.Constant) and default.value is Ellipsis):
                return UNRESOLVED
            return self.resolve(default, scope, line, depth)
        if qname in _PATH_FUNCS or name in _PATH_FUNCS:
            parts = [self._resolve_scalar(a, scope, line, depth) for a in call.args]
            if not parts or not all(isinstance(p, str) for p in parts):
                return UNRESOLVED
            return _cap(
                "/".join(
                    p.rstrip("/") if i < len(parts) - 1 else p
                    for i, p in enumerate(parts)
                    if isinstance(p, str)
                )
            )
        if isinstance(func, ast.Attribute):
            if func.attr == "format":
                fmt = self.resolve(func.value, scope, line, depth)
                if not isinstance(fmt, str):
                    return UNRESOLVED
                args = [self._resolve_scalar(a, scope, line, depth) for a in call.args]
                kwargs = {
                    kw.arg: self._resolve_scalar(kw.value, scope, line, depth)
                    for kw in call.keywords
                    if kw.arg
                }
                return _safe_format(fmt, args, kwargs)
            if func.attr == "join" and call.args and not call.keywords:
                sep = self.resolve(func.value, scope, line, depth)
                items = call.args[0]
                found = (
                    self.definition(items, scope, line, depth)
                    if isinstance(items, ast.Name)
                    else (items, scope)
                )
                if isinstance(sep, str) and found and isinstance(found[0], (ast.List, ast.Tuple)):
                    parts = [self._resolve_scalar(e, found[1], line, depth) for e in found[0].elts]
                    if all(isinstance(p, str) for p in parts):
                        return _cap(sep.join(p for p in parts if isinstance(p, str)))
                return UNRESOLVED
            if func.attr in ("strip", "lower", "upper", "rstrip", "lstrip") and not call.args:
                v = self.resolve(func.value, scope, line, depth)
                return getattr(v, func.attr)() if isinstance(v, str) else v
            if func.attr in ("from_pretrained", "from_model_id", "from_config"):
                return NOT_STRING
        if name and name in self.functions:
            ret = self.single_return(name)
            if ret is not None:
                return self.resolve(
                    ret, self._function_scope(self.functions[name]), ret.lineno, depth
                )
            return UNRESOLVED
        last = name.rsplit(".", 1)[-1] if name else ""
        if last[:1].isupper():
            return NOT_STRING  # an object: a class instance, not text
        return UNRESOLVED


def _pick(bindings: list[Binding], line: int, *, same_scope: bool) -> Binding:
    """The binding in force at ``line``: the last one before it in the same scope, else the last."""
    bindings = sorted(bindings, key=lambda b: b.line)
    if same_scope:
        before = [b for b in bindings if b.line <= line]
        if before:
            return before[-1]
        return bindings[0]
    return bindings[-1]


def _field_default(value: ast.expr) -> ast.expr:
    """The default of ``Field(default=...)`` / ``field(default=...)`` / ``Field("x")``; else the value."""
    if isinstance(value, ast.Call):
        name = dotted(value.func) or ""
        if name.rsplit(".", 1)[-1] in {"Field", "field", "ib"}:
            for kw in value.keywords:
                if kw.arg == "default":
                    return kw.value
            if value.args and name.rsplit(".", 1)[-1] == "Field":
                return value.args[0]
            return ast.Constant(value=None)
    return value


def _single_return(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.expr | None:
    """The returned expression of a function with exactly one ``return <expr>``."""
    returns = [n for n in _walk_no_nested(fn) if isinstance(n, ast.Return) and n.value is not None]
    return returns[0].value if len(returns) == 1 else None


def _walk_no_nested(fn: ast.AST) -> Iterator[ast.AST]:
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _cap(text: str) -> Value:
    return text if len(text) <= MAX_STRING else UNRESOLVED


_PERCENT = re.compile(r"%(?:\((\w+)\))?([sdr%])")


def _percent_format(fmt: str, values: list[str]) -> Value:
    """``%s``/``%d`` substitution only (width specs could blow up memory; they stay unresolved)."""
    if re.search(r"%[^sdr%(]", fmt):
        return UNRESOLVED
    it = iter(values)
    failed = False

    def sub(m: re.Match[str]) -> str:
        nonlocal failed
        if m.group(2) == "%":
            return "%"
        try:
            return next(it)
        except StopIteration:
            failed = True
            return ""

    out = _PERCENT.sub(sub, fmt)
    return UNRESOLVED if failed else _cap(out)


def _safe_format(fmt: str, args: list[Value], kwargs: dict[str, Value]) -> Value:
    """``str.format`` with plain ``{}``/``{0}``/``{name}`` fields only."""
    out: list[str] = []
    auto = 0
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return UNRESOLVED
    for literal, fname, spec, conv in parsed:
        out.append(literal)
        if fname is None:
            continue
        if spec or conv not in (None, "s") or "." in fname or "[" in fname:
            return UNRESOLVED
        v: Value
        if fname == "":
            v = args[auto] if auto < len(args) else UNRESOLVED
            auto += 1
        elif fname.isdigit():
            i = int(fname)
            v = args[i] if i < len(args) else UNRESOLVED
        else:
            v = kwargs.get(fname, UNRESOLVED)
        if not isinstance(v, str):
            return UNRESOLVED
        out.append(v)
    return _cap("".join(out))
