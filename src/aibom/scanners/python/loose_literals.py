"""Model names passed as whole string literals to calls no recogniser knows.

The recognisers of ``python_source`` read a call's argument as a model when they know the
callee (an SDK, a framework, a project wrapper they could follow). Real projects also pass
model names to libraries no table lists (``NewSdk("claude-3-5-haiku-20241022")``,
``make_llm(model="gpt-4-turbo")`` imported from a package that is not in the tree). A literal that
can only be a model name (:func:`aibom.knowledge.classify.strong_model_literal`) is one there:

* passed to a callee outside the project (not a function or class of the module or of the
  project's own modules, nor a method on ``self``: aibom sees those bodies, and the wrapper
  rules decide what they pass on to a model);
* as a positional argument, or a keyword argument whose keyword names a model (``model=``,
  ``model_name=``, ``embed_model=``; not ``name=`` or ``label=``);
* also through ``x or "gpt-4o"`` and ``a if c else "gpt-4o"``.

Never for string methods (``startswith``), messages (``print``, logging), callees named for
data, a destination, a template or a flag (``load_dataset``, ``push_to_hub``,
``get_conv_template``), nor in tests (the caller decides). Assignments, dict entries,
collections and return values are left to the settings, catalog and getter rules, which see
their names.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.kernel import is_deployment_name, is_error_name, is_setting_key, names_other
from aibom.scanners.python_resolve import tail_name

# methods whose string arguments are patterns, keys or text pieces, never a model to use
TEXT_METHODS = frozenset(
    {"startswith", "endswith", "replace", "split", "rsplit", "strip", "lstrip", "rstrip", "find",
     "rfind", "index", "rindex", "count", "removeprefix", "removesuffix", "partition",
     "rpartition", "join", "format", "encode", "get", "pop", "setdefault", "match", "search",
     "fullmatch", "sub", "subn", "findall", "compile", "__contains__", "__getitem__", "remove",
     "discard", "append", "add", "extend", "insert", "isinstance", "hasattr", "getattr"}
)  # fmt: skip
# callables whose arguments are messages for people
MESSAGE_CALLS = frozenset(
    {"print", "warn", "warning", "warnings", "info", "debug", "error", "exception", "critical",
     "fatal", "log", "echo", "secho", "write", "writelines", "markdown", "caption", "text",
     "gettext", "_", "tr", "translate"}
)  # fmt: skip


def is_text_callee(name: str) -> bool:
    """True for a callee whose string arguments are text, never a model to use: a string
    method, a message (``print``, logging, an exception: ``ValueError``), or a callee named
    for data, a destination, a template or a flag."""
    return name in TEXT_METHODS or name in MESSAGE_CALLS or is_error_name(name) or names_other(name)


def loose_model_literals(
    calls: Iterator[ast.Call] | list[ast.Call], project_callee: Callable[[ast.expr], bool]
) -> Iterator[ast.Constant]:
    """The strong model literals passed to ``calls`` as described in the module docstring;
    ``project_callee(func)`` says whether a callee is the project's own."""
    for call in calls:
        found = [c for arg in call.args for c in _strong(arg)]
        found += [
            c
            for kw in call.keywords
            if kw.arg is not None and is_setting_key(kw.arg) and not is_deployment_name(kw.arg)
            for c in _strong(kw.value)
        ]
        if not found:
            continue
        name = tail_name(call.func)
        if is_text_callee(name):
            continue
        if not project_callee(call.func):  # else the wrapper rules decide what it passes on
            yield from found


def _strong(expr: ast.expr) -> Iterator[ast.Constant]:
    """The strong literals ``expr`` may evaluate to: itself, or an ``or``/``if`` branch's."""
    if isinstance(expr, ast.Constant):
        if isinstance(expr.value, str) and strong_model_literal(expr.value):
            yield expr
    elif isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
        for value in expr.values:
            yield from _strong(value)
    elif isinstance(expr, ast.IfExp):
        yield from _strong(expr.body)
        yield from _strong(expr.orelse)
