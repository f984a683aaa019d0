"""Argument reading for the Python front end: which argument names the model, and its value.

The binder/evaluator is :class:`~aibom.scanners.python_resolve.ModuleIndex`; this
layer picks arguments by keyword or position (``**kwargs`` spreads included) and
folds them to strings, reporting what cannot be resolved statically.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from aibom.scanners.python.emission import PythonEmission
from aibom.scanners.python_resolve import (
    UNRESOLVED,
    ModuleIndex,
    ModuleLoader,
    Scope,
    dotted,
    source_of,
)


class ArgumentReader(PythonEmission):
    """Reads call arguments of one module through its :class:`ModuleIndex`."""

    def __init__(
        self,
        tree: ast.Module,
        rel: str,
        *,
        cell: int | None,
        source: str,
        line_offset: int,
        root: Path | None,
        loader: ModuleLoader | None = None,
        index: ModuleIndex | None = None,
    ) -> None:
        super().__init__(rel, cell=cell, source=source, line_offset=line_offset, root=root)
        self.ix = index if index is not None else ModuleIndex(tree, loader=loader)
        self._scope: Scope | None = None
        # model/endpoint arguments left unresolved (traced back to parameters for wrapper summaries)
        self.sinks: list[tuple[ast.expr, Scope, str]] = []
        self.summary_depth = 0  # > 0: computing a wrapper summary, not scanning

    def written_lines(self) -> dict[str, list[int]]:
        return self.ix.string_lines()

    def arg(self, call: ast.Call, specs: Iterable[str | int]) -> ast.expr | None:
        """The first argument matching ``specs`` (keyword names or positional indices)."""
        for spec in specs:
            if isinstance(spec, int):
                plain = []
                for a in call.args:
                    if isinstance(a, ast.Starred):
                        break
                    plain.append(a)
                if spec < len(plain):
                    return plain[spec]
            else:
                for kw in call.keywords:
                    if kw.arg == spec:
                        return kw.value
        for kw in call.keywords:  # **{"model": ...} / **dict(model=...) / **CONFIG
            if kw.arg is None:
                found = self._spread_arg(kw.value, [s for s in specs if isinstance(s, str)])
                if found is not None:
                    return found
        return None

    def _spread_arg(self, expr: ast.expr, names: list[str]) -> ast.expr | None:
        scope = self._scope
        if scope is None:
            return None
        found = (
            self.ix.definition(expr, scope, expr.lineno)
            if isinstance(expr, (ast.Name, ast.Attribute))
            else (expr, scope)
        )
        if found is None:
            return None
        d = found[0]
        if isinstance(d, ast.Dict):
            for name in names:
                for k, v in zip(d.keys, d.values, strict=False):
                    if isinstance(k, ast.Constant) and k.value == name:
                        return v
        elif isinstance(d, ast.Call) and dotted(d.func) == "dict":
            for name in names:
                for kw in d.keywords:
                    if kw.arg == name:
                        return kw.value
        return None

    def value(
        self,
        expr: ast.expr | None,
        call: ast.Call,
        scope: Scope,
        callee: str,
        *,
        what: str = "model",
    ) -> str | None:
        """Resolve a model argument; an unresolvable one becomes a diagnostic."""
        found = self.values(expr, call, scope, callee, what=what)
        return found[0] if found else None

    def values(
        self,
        expr: ast.expr | None,
        call: ast.Call,
        scope: Scope,
        callee: str,
        *,
        what: str = "model",
    ) -> list[str]:
        """Every value a model argument takes (several for a loop over a literal list)."""
        if expr is None:
            spread = [f"**{source_of(kw.value)}" for kw in call.keywords if kw.arg is None]
            spread += [source_of(a) for a in call.args if isinstance(a, ast.Starred)]
            if spread and what == "model":
                self._unresolved(call, callee, spread[0])
            return []
        out: list[str] = []
        summarising = self.summary_depth > 0
        if summarising:  # a parameter passed on forwards, even one with a default
            self.sinks.append((expr, scope, what))
        for v in self.ix.resolve_all(expr, scope, call.lineno):
            if v is UNRESOLVED:
                if not summarising:
                    self.sinks.append((expr, scope, what))
                self._unresolved(call, callee, source_of(expr), what=what)
            elif isinstance(v, str) and v.strip() and v.strip() not in out:
                out.append(v.strip())
        return out

    def quiet_value(self, expr: ast.expr | None, call: ast.Call, scope: Scope) -> str | None:
        if expr is None:
            return None
        v = self.ix.resolve(expr, scope, call.lineno)
        return v.strip() if isinstance(v, str) and v.strip() else None

    def _unresolved(self, call: ast.Call, callee: str, src: str, *, what: str = "model") -> None:
        self.diag(
            call.lineno,
            f"{what} argument of {callee} could not be resolved statically: {src}",
            code=f"unresolved-{what}",
        )
