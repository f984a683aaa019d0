"""Scanners: one module per source kind, each turning files into findings.

Layout (imports point down only; ``tests/test_layering.py`` checks it):

* :mod:`~aibom.scanners.base` - the :class:`FileScanner` / :class:`DirectoryScanner`
  interface and :class:`ScanContext` (capped reading, diagnostics).
* :mod:`~aibom.scanners.kernel` - key rules, ``$VAR`` expansion, :class:`Emitter`,
  :func:`emit_model_value`, key/value rules over one mapping.
* :mod:`~aibom.scanners.commandline` (shell, Dockerfile ``RUN``/``CMD``, k8s args) and
  :mod:`~aibom.scanners.tree` (YAML/JSON/TOML documents) - analysers above the kernel.
* leaves, one per source: config files, containers, Kubernetes, notebooks, Python,
  JavaScript/TypeScript, Go (sources and ``go.mod``), manifests, npm lockfiles, Ollama
  Modelfiles, model directories.

To add a source kind, write a module with a :class:`~aibom.scanners.base.FileScanner`
(or :class:`~aibom.scanners.base.DirectoryScanner`) that declares its ``globs``, and
add one line to the registry below. Order matters only for directory scanners: the
first to claim a file keeps it. Modules are imported when the registry is read.

May import: :mod:`aibom.knowledge`, :mod:`aibom.modelfacts`, :mod:`aibom.weights`,
:mod:`aibom.filereader`, :mod:`aibom.inventory`, :mod:`aibom.walk`, :mod:`aibom.yamlio`.
Never lineage, bom, policy, report or cli.
"""

from __future__ import annotations

from importlib import import_module

from aibom.scanners.base import DirectoryScanner, FileScanner

# registry: "module:Class", one line per source kind (keep alphabetical)
DIRECTORY_SCANNERS: tuple[str, ...] = ("model_dir:ModelDirectoryScanner",)
FILE_SCANNERS: tuple[str, ...] = (
    "config_files:ConfigFileScanner",
    "containers:ContainerScanner",
    "go.modules:GoModScanner",
    "go:GoScanner",
    "html:HtmlScanner",
    "javascript:JavaScriptScanner",
    "manifests:ManifestScanner",
    "notebook:NotebookScanner",
    "npm:NpmScanner",
    "ollama:ModelfileScanner",
    "python_source:PythonScanner",
    "qml:QmlScanner",
)


def _load(entry: str) -> object:
    module, _, cls = entry.partition(":")
    return getattr(import_module(f"aibom.scanners.{module}"), cls)()


def directory_scanners() -> list[DirectoryScanner]:
    """Scanners that look at whole directories (run first; they claim files)."""
    return [s for s in map(_load, DIRECTORY_SCANNERS) if isinstance(s, DirectoryScanner)]


def file_scanners() -> list[FileScanner]:
    """Scanners that look at one file at a time, in registry order."""
    return [s for s in map(_load, FILE_SCANNERS) if isinstance(s, FileScanner)]
