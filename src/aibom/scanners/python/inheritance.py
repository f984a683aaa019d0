"""Class inheritance inside one module, for tracing constructor arguments to model calls.

A project's own model class often keeps its id in ``self.model_id`` set by a base
class's ``__init__`` and uses it in a method of a subclass (``Chat(_Shared)``:
``client.chat.completions.create(model=self.model_name or self.model_id)``); the
subclass is then constructed as ``Chat("gpt-4o", vision=True)``. These helpers follow
the in-module bases so the forwarding summary sees that ``Chat``'s first argument
reaches the model argument.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from aibom.scanners.python_resolve import ClassInfo, ModuleIndex


def class_lineage(ix: ModuleIndex, cls: ClassInfo) -> Iterator[ClassInfo]:
    """``cls`` then its base classes defined in the same module (depth first, each once)."""
    seen: set[str] = set()
    stack = [cls]
    while stack:
        c = stack.pop()
        if c.name in seen:
            continue
        seen.add(c.name)
        yield c
        for base in reversed(c.bases):
            b = ix.classes.get(base.rsplit(".", 1)[-1])
            if b is not None and b.name not in seen:
                stack.append(b)


def _init_of(node: ast.ClassDef) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The class's own ``__init__``; None for none or a pass-through ``__init__(self, *args, ...)``."""
    init = next(
        (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
         and s.name == "__init__"), None,
    )  # fmt: skip
    if init is not None and init.args.vararg is not None and len(init.args.args) <= 1:
        return None  # positional arguments go on to the base class's __init__
    return init


def _plain_init(node: ast.ClassDef) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    return next(
        (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
         and s.name == "__init__"), None,
    )  # fmt: skip


def inherited_init(
    ix: ModuleIndex, node: ast.ClassDef
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The ``__init__`` a call of the class runs: its own, else the nearest in-module base's."""
    own = _init_of(node)
    cls = ix.classes.get(node.name)
    if own is not None or cls is None or cls.node is not node:
        return own if own is not None else _plain_init(node)
    for c in class_lineage(ix, cls):
        init = _init_of(c.node)
        if init is not None:
            return init
    return _plain_init(node)


def attr_params(ix: ModuleIndex, cls: ClassInfo, attr: str) -> list[str]:
    """Parameters of an ``__init__`` (of ``cls`` or an in-module base) that ``self.attr`` is set from.

    ``self.model_id = model_id`` and ``self.model = model or DEFAULT`` count; the first
    class in the lineage that assigns the attribute decides.
    """
    for c in class_lineage(ix, cls):
        bindings = c.self_attrs.get(attr)
        if not bindings:
            continue
        out: list[str] = []
        for b in bindings:
            init = b.scope.node
            if not (isinstance(init, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and init.name == "__init__"):  # fmt: skip
                continue
            v = b.value
            if isinstance(v, ast.BoolOp) and v.values:
                v = v.values[0]
            if isinstance(v, ast.Name) and v.id in b.scope.params and v.id not in out:
                out.append(v.id)
        return out
    return []


def inherited_forwards(
    ix: ModuleIndex, summary: dict[str, dict[str, str]], owner: str
) -> dict[str, str]:
    """The forwarded parameters of class ``owner`` and of its in-module bases (own first)."""
    cls = ix.classes.get(owner)
    if cls is None:
        return summary.get(owner, {})
    merged: dict[str, str] = {}
    for c in class_lineage(ix, cls):
        for param, what in summary.get(c.name, {}).items():
            merged.setdefault(param, what)
    return merged
