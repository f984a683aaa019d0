"""Typed model of what a scan found.

Scanners emit *findings* (one per occurrence); :class:`Inventory` merges them
into one entry per model, service, library and dataset, each keeping every
place it was seen. Nothing here knows about CycloneDX or about lineage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar


class ModelKind(str, Enum):
    """Where a model reference points."""

    HUB = "hub"  # a Hugging Face hub id such as "Qwen/Qwen2.5-7B-Instruct"
    LOCAL = "local"  # a directory or weight file inside the scanned tree
    OLLAMA = "ollama"  # an Ollama tag such as "qwen2.5:7b"
    CACHE = "cache"  # a snapshot in the local Hugging Face cache
    GITHUB = "github"  # a torch.hub repository "owner/repo": code and weights fetched from GitHub


@dataclass(frozen=True, order=True)
class Location:
    """One place in the scanned tree: a path relative to the root (POSIX), a line, a notebook cell."""

    path: str
    line: int | None = None
    cell: int | None = None
    source: str = ""  # kind of source: "python", "requirements", "model-card", "dockerfile", ...

    def __str__(self) -> str:
        where = self.path
        if self.cell is not None:
            where += f"#cell={self.cell}"
        if self.line is not None:
            where += f":{self.line}"
        return where


@dataclass(frozen=True)
class Diagnostic:
    """Something the scan could not read or resolve. Never fatal."""

    path: str
    message: str
    line: int | None = None
    level: str = "warning"  # "info" | "warning" | "error"
    code: str = "scan"  # short machine-readable reason, e.g. "python-syntax", "unresolved-model"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class WeightFile:
    """A weight file read by header (see :mod:`aibom.weights`)."""

    path: str  # relative to the scan root
    format: str  # "safetensors", "gguf", "onnx", "pytorch", "keras", "numpy", "pickle", ...
    size: int
    sha256: str | None = None
    parameters: int | None = None
    dtypes: list[str] = field(default_factory=list)
    quantization: str | None = None
    unsafe: bool = False  # loading it would execute code (dangerous pickle globals, Keras Lambda)
    imports: list[str] = field(default_factory=list)  # pickle globals found, "module.name"
    dangerous_imports: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # format-specific header metadata


@dataclass
class LocalModelFacts:
    """What a local model directory (or lone weight file) says about itself, raw.

    Each field holds the parsed content of one source file, or None when absent.
    The lineage resolver reads these; the scanners only collect them.
    """

    config: dict[str, Any] | None = None  # config.json
    generation_config: dict[str, Any] | None = None
    tokenizer_config: dict[str, Any] | None = None  # tokenizer_config.json (chat_template inside)
    chat_template: str | None = None  # chat_template.jinja / .json, or from tokenizer_config
    special_tokens: list[str] = field(default_factory=list)
    vocab_size: int | None = None
    adapter_config: dict[str, Any] | None = None  # PEFT adapter_config.json
    modelscope_config: dict[str, Any] | None = None  # ModelScope configuration.json
    card: dict[str, Any] | None = None  # model card YAML front matter
    card_text: str | None = None  # model card body (Markdown), capped
    safetensors_index: dict[str, Any] | None = None
    gguf: dict[str, Any] | None = None  # GGUF metadata (scalars and short arrays)
    weights: list[WeightFile] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file of the directory, relative


@dataclass
class ModelFinding:
    """One occurrence of a model reference.

    ``name`` is the identity: a hub id ("Qwen/Qwen2.5-7B-Instruct"), an Ollama tag
    ("qwen2.5:7b") or the relative path of a local model directory/weight file.
    """

    name: str
    kind: ModelKind
    location: Location
    revision: str | None = None
    framework: str | None = None  # "transformers", "sentence-transformers", "vllm", "ollama", ...
    task: str | None = None
    relation_hint: str | None = None  # e.g. "adapter" when loaded as a PEFT adapter
    base: str | None = (
        None  # base model named at the same call, e.g. PeftModel.from_pretrained(base, id)
    )
    facts: LocalModelFacts | None = None  # LOCAL / CACHE only


@dataclass
class ServiceFinding:
    """One use of a hosted model API: a provider, its endpoint, and a model name if known."""

    provider: str  # provider id from the provider table, e.g. "openai", "deepseek"; "unknown" if not known
    location: Location
    endpoint: str | None = None  # base URL when given in code/config
    model: str | None = None  # "deepseek-chat", "gpt-4o", ...
    client: str | None = None  # "openai", "anthropic", "langchain-openai", ...


@dataclass
class LibraryFinding:
    """A dependency declared in a manifest or lockfile."""

    name: str  # as written; the BOM normalises it
    ecosystem: str  # "pypi" | "npm" | "golang"
    location: Location
    version: str | None = None  # exact version when pinned or locked
    specifier: str | None = None  # the constraint as written, e.g. ">=4.40"
    category: str | None = None  # "ai-framework" | "ai-provider-sdk" | None


@dataclass
class DatasetFinding:
    """A dataset named by a model card or loaded in code."""

    name: str
    location: Location
    used_by: str | None = None  # model name when declared by a model card


Finding = ModelFinding | ServiceFinding | LibraryFinding | DatasetFinding | Diagnostic


# ---------------------------------------------------------------------------
# Test code
#
# One rule, by file layout, for every scanner's output and the BOM: a location is test code
# when a directory on its path is a test directory or its file name is a test file's.
# benchmarks/realworld/score.py (which imports nothing from aibom) spells the same lists;
# tests/test_test_scope.py keeps the two in agreement.

# Not "testing": it is as often product code (numpy.testing, torch.testing ship in the package;
# ragflow's web/src/pages/dataset/testing/ is its retrieval-testing page), and a runtime model
# wrongly scoped "excluded" would slip past policies.
TEST_DIRS = frozenset({"tests", "test", "__tests__", "spec", "__mocks__", "__fixtures__"})
# Storybook stories render UI components with made-up props: demo data, never what the product
# loads or calls. Test code for the BOM's scope, and not scanned for model names at all.
STORY_FILE_SUFFIXES = (
    ".stories.ts",
    ".stories.tsx",
    ".stories.js",
    ".stories.jsx",
    ".stories.mjs",
    ".stories.mdx",
)
TEST_FILE_PREFIXES = ("test_",)  # Python: test_*.py
TEST_FILE_SUFFIXES = (
    "_test.py",
    "_test.go",
    ".test.ts",
    ".test.tsx",
    ".test.js",
    ".test.jsx",
    ".test.mjs",
    ".test.cjs",
    ".spec.ts",
    ".spec.tsx",
    ".spec.js",
    ".spec.jsx",
    ".spec.mjs",
    ".spec.cjs",
    ".vitest.ts",
    *STORY_FILE_SUFFIXES,
)
TEST_FILE_NAMES = frozenset({"conftest.py"})
# Locations outside the scanned tree (model stores): their paths say nothing about test code.
STORE_SOURCES = frozenset({"hf-cache", "ollama-store"})


def is_test_path(path: str) -> bool:
    """True when ``path`` (relative, POSIX or Windows separators) lies in test code.

    A directory component named ``tests``, ``test``, ``__tests__`` or ``spec``, or a test file
    name: ``test_*.py``, ``*_test.py``, ``conftest.py``, ``*.test.{ts,tsx,js,jsx,mjs,cjs}``,
    ``*.spec.{...}``, ``*.vitest.ts``, ``*_test.go``. Whole names only: ``src/contest/`` and
    ``latest/`` are not test directories, nor is ``testing/``. A ``#cell=N`` suffix is ignored.
    """
    parts = path.split("#", 1)[0].replace("\\", "/").split("/")
    if any(part in TEST_DIRS for part in parts[:-1]):
        return True
    name = parts[-1]
    return (
        name in TEST_FILE_NAMES
        or (name.startswith(TEST_FILE_PREFIXES) and name.endswith(".py"))
        or name.endswith(TEST_FILE_SUFFIXES)
    )


def only_in_tests(locations: Iterable[Location]) -> bool:
    """True when there is at least one location and every one of them is test code.

    A location in a model store outside the tree (the Hugging Face cache, the Ollama store)
    is never test code.
    """
    seen = False
    for loc in locations:
        if loc.source in STORE_SOURCES or not is_test_path(loc.path):
            return False
        seen = True
    return seen


# ---------------------------------------------------------------------------
# Merged inventory


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")


def is_hub_id(value: str) -> bool:
    """True when ``value`` has the syntax of a Hugging Face repo id (``org/name``)."""
    return bool(_HUB_ID.match(value)) and ".." not in value and len(value) <= 96


def model_key(name: str, kind: ModelKind, revision: str | None) -> str:
    """Identity of a model across occurrences: hub ids compare case-insensitively."""
    ident = name.lower() if kind is not ModelKind.LOCAL else name
    return f"{kind.value}:{ident}@{revision or ''}"


@dataclass
class Model:
    """A model with every place it was seen."""

    name: str
    kind: ModelKind
    revision: str | None = None
    occurrences: list[Location] = field(default_factory=list)
    frameworks: set[str] = field(default_factory=set)
    tasks: set[str] = field(default_factory=set)
    relation_hints: set[str] = field(default_factory=set)
    bases: set[str] = field(default_factory=set)  # bases named at the call site
    facts: LocalModelFacts | None = None

    @property
    def key(self) -> str:
        return model_key(self.name, self.kind, self.revision)

    @property
    def test_only(self) -> bool:
        """True when every place the model was seen is test code (see :func:`is_test_path`)."""
        return only_in_tests(self.occurrences)


@dataclass
class Service:
    """A hosted model API, keyed by provider and endpoint."""

    provider: str
    endpoint: str | None
    models: set[str] = field(default_factory=set)
    clients: set[str] = field(default_factory=set)
    occurrences: list[Location] = field(default_factory=list)
    # where each model name was seen, so a name used only in tests can be told apart
    model_locations: dict[str, list[Location]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.provider}|{self.endpoint or ''}"

    def add_model(self, name: str, location: Location) -> None:
        """Record that ``name`` is used with this service at ``location``."""
        self.models.add(name)
        _append_unique(self.model_locations.setdefault(name, []), location)

    @property
    def test_only_models(self) -> list[str]:
        """Model names every use of which is in test code, sorted."""
        return sorted(
            name for name in self.models if only_in_tests(self.model_locations.get(name, ()))
        )


@dataclass
class Library:
    name: str
    ecosystem: str
    version: str | None = None
    specifiers: set[str] = field(default_factory=set)
    category: str | None = None
    occurrences: list[Location] = field(default_factory=list)

    @property
    def key(self) -> str:
        return (
            f"{self.ecosystem}:{_normalise_package(self.name, self.ecosystem)}@{self.version or ''}"
        )


@dataclass
class Dataset:
    name: str
    used_by: set[str] = field(default_factory=set)
    occurrences: list[Location] = field(default_factory=list)


def _normalise_package(name: str, ecosystem: str) -> str:
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    return name.lower()


_Item = TypeVar("_Item")


@dataclass
class Inventory:
    """Everything a scan found, merged and sorted."""

    root: str = "."
    models: dict[str, Model] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    libraries: dict[str, Library] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_scanned: int = 0

    def __post_init__(self) -> None:
        # each list this inventory appends to without repeats (occurrences, diagnostics),
        # with its items as a set, so a service seen at thousands of places (a generated
        # catalog) is not searched linearly per place; not a field: derived state, never
        # compared, stored or cached
        self._members: dict[int, tuple[list[Any], set[Any]]] = {}

    def add(self, finding: Finding) -> None:
        """Merge one finding into the inventory."""
        if isinstance(finding, ModelFinding):
            self._add_model(finding)
        elif isinstance(finding, ServiceFinding):
            svc = self.services.setdefault(
                f"{finding.provider}|{finding.endpoint or ''}",
                Service(provider=finding.provider, endpoint=finding.endpoint),
            )
            if finding.model:
                svc.add_model(finding.model, finding.location)
            if finding.client:
                svc.clients.add(finding.client)
            self._append_place(svc.occurrences, finding.location)
        elif isinstance(finding, LibraryFinding):
            lib = Library(
                finding.name, finding.ecosystem, finding.version, category=finding.category
            )
            existing = self.libraries.setdefault(lib.key, lib)
            if finding.specifier:
                existing.specifiers.add(finding.specifier)
            existing.category = existing.category or finding.category
            self._append_place(existing.occurrences, finding.location)
        elif isinstance(finding, DatasetFinding):
            ds = self.datasets.setdefault(finding.name.lower(), Dataset(finding.name))
            if finding.used_by:
                ds.used_by.add(finding.used_by)
            self._append_place(ds.occurrences, finding.location)
        elif isinstance(finding, Diagnostic):
            self._append_place(self.diagnostics, finding)

    def _append_place(self, items: list[_Item], item: _Item) -> None:
        """:func:`_append_unique` through a set kept beside the list (rebuilt if it changed)."""
        entry = self._members.get(id(items))
        if entry is None or entry[0] is not items or len(entry[1]) != len(items):
            entry = self._members[id(items)] = (items, set(items))
        if item not in entry[1]:
            entry[1].add(item)
            items.append(item)

    def extend(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.add(f)

    def fold_endpointless_services(self) -> None:
        """Merge a provider's service seen without an endpoint into its only service with one.

        A model name in a setting (``fallback_model = "deepseek-chat"``) names the provider
        but not the host; when the project talks to that provider at exactly one endpoint,
        it is the same service, not a second one.
        """
        by_provider: dict[str, list[str]] = {}
        for key, svc in self.services.items():
            if svc.endpoint is not None:
                by_provider.setdefault(svc.provider, []).append(key)
        for provider, keys in by_provider.items():
            bare = self.services.get(f"{provider}|")
            if bare is None or len(keys) != 1:
                continue
            target = self.services[keys[0]]
            for name in sorted(bare.models):
                target.models.add(name)
                for loc in bare.model_locations.get(name, []):
                    _append_unique(target.model_locations.setdefault(name, []), loc)
            target.clients |= bare.clients
            for loc in bare.occurrences:
                self._append_place(target.occurrences, loc)
            del self.services[f"{provider}|"]

    def _add_model(self, f: ModelFinding) -> None:
        key = model_key(f.name, f.kind, f.revision)
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = Model(name=f.name, kind=f.kind, revision=f.revision)
        self._append_place(model.occurrences, f.location)
        if f.framework:
            model.frameworks.add(f.framework)
        if f.task:
            model.tasks.add(f.task)
        if f.relation_hint:
            model.relation_hints.add(f.relation_hint)
        if f.base:
            model.bases.add(f.base)
        if f.facts is not None and model.facts is None:
            model.facts = f.facts

    def sorted_models(self) -> list[Model]:
        return [self.models[k] for k in sorted(self.models)]

    def sorted_services(self) -> list[Service]:
        return [self.services[k] for k in sorted(self.services)]

    def sorted_libraries(self) -> list[Library]:
        return [self.libraries[k] for k in sorted(self.libraries)]

    def sorted_datasets(self) -> list[Dataset]:
        return [self.datasets[k] for k in sorted(self.datasets)]

    def sorted_diagnostics(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.path, d.line or 0, d.code, d.message))


def _append_unique(locations: list[Location], loc: Location) -> None:
    if loc not in locations:
        locations.append(loc)
