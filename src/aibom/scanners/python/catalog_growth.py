"""Model lists grown by ``extend``: ``embedding_models.extend(["Qwen/Qwen3-Embedding-4B", ...])``.

An endpoint that offers models (``/models`` handlers, settings screens) often starts a list and
extends it with a literal catalog, or with a local list named as models. The literal's members
are the models offered; the caller decides whether they are recognised enough to report.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from aibom.scanners.python_resolve import ModuleIndex, Scope, dotted


def extended_literal(
    call: ast.Call, ix: ModuleIndex, scope: Scope, named_as_models: Callable[[str], bool]
) -> ast.List | ast.Tuple | None:
    """The literal list a model-named list is extended with, or None.

    ``models.extend([...])`` and ``models.extend(hf_models)`` where ``hf_models`` (itself named
    as models) is bound to a literal list; generators and other expressions are no catalog.
    """
    if not (
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "extend"
        and len(call.args) == 1
        and not call.keywords
        and named_as_models(dotted(call.func.value) or "")
    ):
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Name) and named_as_models(arg.id):
        binding = ix.lookup(arg.id, scope, call.lineno)
        arg = binding.value if binding is not None and binding.value is not None else arg
    return arg if isinstance(arg, (ast.List, ast.Tuple)) else None
