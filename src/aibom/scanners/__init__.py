"""Scanners: one module per source kind, each turning files into findings.

To add a source kind, write a module with a :class:`~aibom.scanners.base.FileScanner`
(or :class:`~aibom.scanners.base.DirectoryScanner`) and add one line to the
registry below. Order matters only for directory scanners: the first to claim
a file keeps it.
"""

from __future__ import annotations

from aibom.scanners.base import DirectoryScanner, FileScanner


def directory_scanners() -> list[DirectoryScanner]:
    """Scanners that look at whole directories (run first; they claim files)."""
    from aibom.scanners.model_dir import ModelDirectoryScanner

    return [ModelDirectoryScanner()]


def file_scanners() -> list[FileScanner]:
    """Scanners that look at one file at a time (registry: one line per source kind)."""
    scanners: list[FileScanner] = []
    # registry:start (one import + append per scanner; keep alphabetical)
    from aibom.scanners.config_files import ConfigFileScanner

    scanners.append(ConfigFileScanner())
    from aibom.scanners.containers import ContainerScanner

    scanners.append(ContainerScanner())
    from aibom.scanners.javascript import JavaScriptScanner

    scanners.append(JavaScriptScanner())
    from aibom.scanners.manifests import ManifestScanner

    scanners.append(ManifestScanner())
    from aibom.scanners.notebook import NotebookScanner

    scanners.append(NotebookScanner())
    from aibom.scanners.npm import NpmScanner

    scanners.append(NpmScanner())
    from aibom.scanners.ollama import ModelfileScanner

    scanners.append(ModelfileScanner())
    from aibom.scanners.python_source import PythonScanner

    scanners.append(PythonScanner())
    # registry:end
    return scanners
