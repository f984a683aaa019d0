"""Start-up cost of the command line: defer what typer imports or builds but aibom never uses.

Installed by :mod:`aibom.cli` before it imports typer; neither changes what a command does.

- typer's help formatter imports ``rich.markdown`` and ``rich.traceback`` at module level
  (about a third of ``aibom --help``) for Markdown help text and pretty tracebacks, both
  off in aibom (``rich_markup_mode="rich"``, ``pretty_exceptions_enable=False``). Until
  something really uses them, those two modules are placeholders that import the real
  module on first use.
- typer (>= 0.20) converts every option value through a pydantic ``TypeAdapter`` built per
  parameter: importing pydantic and building a dozen adapters costs more than scanning an
  empty directory. The values aibom's options take (str, list of str, Path, bounded int)
  are converted here directly, to exactly what the adapter returns; anything else, or a
  value the adapter would reject, goes to typer's own conversion (same result, same error).
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path
from typing import Any, get_args, get_origin

_DEFERRED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}
_MISSING = object()
_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,17}")


def install() -> None:
    """Install both deferrals, once, unless typer's help formatter is already imported."""
    if "typer.rich_utils" not in sys.modules:
        for module, name in _DEFERRED.items():
            if module not in sys.modules:
                sys.modules[module] = _placeholder(module, name)
    _install_direct_coercion()


def _load(module: str) -> types.ModuleType:
    """The real module, replacing its placeholder (in ``sys.modules`` and on the package)."""
    current = sys.modules.get(module)
    if getattr(current, "_aibom_placeholder", False):
        del sys.modules[module]
    real = importlib.import_module(module)
    package, _, child = module.rpartition(".")
    if package in sys.modules:
        setattr(sys.modules[package], child, real)
    return real


class _StandInMeta(type):
    def __getattr__(cls, attr: str) -> Any:
        return getattr(cls._real(), attr)


def _placeholder(module: str, name: str) -> types.ModuleType:
    """A module whose ``name`` is a stand-in class and whose other attributes load the real one."""

    def real_class() -> Any:
        return getattr(_load(module), name)

    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        return real_class()(*args, **kwargs)

    stand_in = _StandInMeta(name, (), {"__new__": new, "_real": staticmethod(real_class)})
    placeholder = types.ModuleType(module)
    placeholder._aibom_placeholder = True  # type: ignore[attr-defined]
    setattr(placeholder, name, stand_in)

    def module_getattr(attr: str) -> Any:
        if attr.startswith("__"):  # the import system probing (__path__, __spec__...)
            raise AttributeError(attr)
        return getattr(_load(module), attr)

    placeholder.__getattr__ = module_getattr  # type: ignore[method-assign]
    return placeholder


def _install_direct_coercion() -> None:
    try:
        import typer.core as core
        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_path
    except ImportError:  # another typer: its own conversion, just slower
        return
    found = getattr(core, "build_runtime_param", None)
    if found is None or getattr(found, "_aibom_direct", False):
        return
    original: Any = found

    class DirectRuntimeParam(RuntimeParam):
        """Converts the values it knows; delegates the rest to typer's own runtime param."""

        _descriptor: Any
        _typer: Any

        def __init__(self, descriptor: Any) -> None:
            super().__init__(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
            object.__setattr__(self, "_descriptor", descriptor)
            object.__setattr__(self, "_typer", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            converted = _direct(self.annotation, self.parameter_info, value, param, ctx)
            if converted is not _MISSING:
                return converted
            if self._typer is None:
                object.__setattr__(self, "_typer", original(self._descriptor))
            return self._typer._coerce_value(value, param=param, ctx=ctx)

    def _direct(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
        if info.parser is not None:
            return _MISSING
        if annotation is str:
            return value if type(value) is str else _MISSING
        if get_origin(annotation) is list and get_args(annotation) == (str,):
            if isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
                return list(value)
            return _MISSING
        if annotation is int:
            if type(value) is str and _PLAIN_INT.fullmatch(value):
                value = int(value)  # what pydantic makes of "0" or "12"; anything else is its call
            if type(value) is not int or info.clamp:
                return _MISSING
            if (info.min is not None and value < info.min) or (
                info.max is not None and value > info.max
            ):
                return _MISSING
            return value
        if annotation is Path and info.path_type is None:
            if type(value) is not str or not value:
                return _MISSING
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        return _MISSING

    def build_runtime_param(descriptor: Any) -> Any:
        if descriptor.file_annotation is not None:
            return original(descriptor)
        try:
            return DirectRuntimeParam(descriptor)
        except Exception:  # a typer whose runtime params are built differently
            return original(descriptor)

    build_runtime_param._aibom_direct = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
