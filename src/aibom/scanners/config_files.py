"""Configuration files: YAML, JSON, TOML, INI/CFG and ``.env`` files that name models.

A value is reported only when it sits under a key that names a model (``model``,
``model_id``, ``base_model``, ``LLM_MODEL``, ``modelId``, ... nested, any case or
separator style) and :func:`~aibom.scanners.model_names.classify_model_value`
accepts it. A known provider base URL (``base_url``, ``api_base``,
``OPENAI_BASE_URL``, ...) marks a hosted service, and the model keys of the same
mapping (and below it) are attributed to that provider.

Conventions understood on top of the generic key rule: Hydra/OmegaConf
``_target_``, axolotl, LLaMA-Factory, torchtune, MLflow ``MLmodel``, LiteLLM
``model_list`` (``provider/model`` routes), platform catalogs (a ``models:`` list
whose every entry is a model), ``name``/``value`` environment lists, and
``args``/``command`` lists of deployment files (through the container command
analysis).

YAML files that are Kubernetes manifests go to :mod:`aibom.scanners.kubernetes`;
``values*.yaml`` files are reported as Helm values. The rest of this module is
shared by the container, Kubernetes and notebook scanners.
"""

from __future__ import annotations

import bisect
import configparser
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import yaml

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    Location,
    ModelFinding,
    ModelKind,
    ServiceFinding,
)
from aibom.limits import BudgetExceeded, ExpansionBudget, load_json, load_toml
from aibom.lineage.providers import get_provider, provider_for_endpoint
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.model_names import classify_model_value, parse_hub_id, parse_ollama_tag
from aibom.walk import SourceFile

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - exercised on 3.10 only
    pass

__all__ = [
    "ConfigFileScanner",
    "Emitter",
    "Node",
    "Scope",
    "analyse_tree",
    "dedupe",
    "emit_datasets",
    "emit_model_value",
    "endpoint_of",
    "expand_vars",
    "is_endpoint_key",
    "is_model_key",
    "key_words",
    "litellm_route",
    "node_from_object",
    "yaml_documents",
]

# JSON/YAML files bigger than this are data, not configuration: not scanned.
MAX_CONFIG_BYTES = 1024 * 1024
MAX_DEPTH = 64

# ---------------------------------------------------------------------------
# Keys


_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@functools.lru_cache(maxsize=8192)
def key_words(key: str) -> tuple[str, ...]:
    """Split a key in any style into lower-case words: ``HF_MODEL_ID``/``modelId`` -> (..., "model", "id")."""
    words: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", key):
        words.extend(w.lower() for w in _CAMEL.findall(part))
    return tuple(words)


_MODEL_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("model",),
    ("model", "id"),
    ("model", "name"),
    ("model", "name", "or", "path"),
    ("model", "path"),
    ("model", "repo"),
    ("model", "repo", "id"),
    ("model", "uri"),
    ("model", "url"),
    ("model", "tag"),
    ("model", "checkpoint"),
    ("repo", "id"),
    ("llm",),
)
_TOKENIZER_KEYS = frozenset(
    {
        ("tokenizer",),
        ("tokenizer", "name"),
        ("tokenizer", "name", "or", "path"),
        ("tokenizer", "id"),
    }
)
# Words that turn a model-ish key into something else: an alias, an output destination, a type.
_NOT_MODEL_WORDS = frozenset(
    {
        "served",
        "output",
        "push",
        "save",
        "saved",
        "hub",
        "alias",
        "display",
        "deployment",
        "export",
        "target",
        "new",
        "finetuned",
    }
)
_REVISION_SUFFIXES = (("revision",), ("model", "revision"), ("rev",))


@functools.lru_cache(maxsize=8192)
def is_model_key(key: str) -> bool:
    """True when ``key`` names a model (``model``, ``base_model``, ``OPENAI_MODEL``, ``modelId``, ``repo_id``...)."""
    words = key_words(key)
    if not words or any(w in _NOT_MODEL_WORDS for w in words):
        return False
    return any(words[-len(s) :] == s for s in _MODEL_SUFFIXES)


@functools.lru_cache(maxsize=8192)
def is_tokenizer_key(key: str) -> bool:
    """Keys naming a tokenizer: reported only when the value is a hub id."""
    return key_words(key) in _TOKENIZER_KEYS


@functools.lru_cache(maxsize=8192)
def is_revision_key(key: str) -> bool:
    words = key_words(key)
    return bool(words) and any(words[-len(s) :] == s for s in _REVISION_SUFFIXES)


_ENDPOINT_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("base", "url"),
    ("api", "base"),
    ("api", "url"),
    ("base", "uri"),
    ("endpoint",),
    ("endpoint", "url"),
    ("api", "endpoint"),
    ("api", "host"),
    ("ollama", "host"),
    ("ollama", "url"),
    ("openai", "url"),
    ("llm", "url"),
    ("inference", "url"),
    ("server", "url"),
)


@functools.lru_cache(maxsize=8192)
def is_endpoint_key(key: str) -> bool:
    """True when ``key`` holds a model API base URL (``base_url``, ``api_base``, ``OPENAI_BASE_URL``, ``endpoint``...)."""
    words = key_words(key)
    return bool(words) and any(words[-len(s) :] == s for s in _ENDPOINT_SUFFIXES)


@functools.lru_cache(maxsize=8192)
def _is_catalog_key(key: str) -> bool:
    words = key_words(key)
    return bool(words) and words[-1] == "models" and not any(w in _NOT_MODEL_WORDS for w in words)


@functools.lru_cache(maxsize=8192)
def _is_dataset_key(key: str) -> bool:
    words = key_words(key)
    return bool(words) and (
        words[-1] in ("dataset", "datasets")
        or words[-2:] in (("dataset", "name"), ("dataset", "id"))
    )


_PROVIDER_ALIASES = {
    "openai": "openai",
    "azure": "azure-openai",
    "azure_ai": "azure-openai",
    "azure-openai": "azure-openai",
    "azure_openai": "azure-openai",
    "anthropic": "anthropic",
    "claude": "anthropic",
    "gemini": "google",
    "google": "google",
    "vertex_ai": "google",
    "vertexai": "google",
    "bedrock": "aws-bedrock",
    "mistral": "mistral",
    "mistralai": "mistral",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "groq": "groq",
    "together_ai": "together",
    "together": "together",
    "fireworks_ai": "fireworks",
    "fireworks": "fireworks",
    "openrouter": "openrouter",
    "perplexity": "perplexity",
    "xai": "xai",
    "deepinfra": "deepinfra",
    "replicate": "replicate",
    "huggingface": "huggingface",
    "nvidia_nim": "nvidia",
    "nvidia": "nvidia",
    "cerebras": "cerebras",
    "ai21": "ai21",
    "deepseek": "deepseek",
    "dashscope": "alibaba-dashscope",
    "qwen": "alibaba-dashscope",
    "moonshot": "moonshot",
    "zhipuai": "zhipu",
    "zhipu": "zhipu",
    "volcengine": "bytedance-ark",
    "siliconflow": "siliconflow",
    "ollama": "ollama",
    "ollama_chat": "ollama",
    "hosted_vllm": "self-hosted",
}
# LiteLLM route prefixes that are not also Hugging Face organisations: safe to read as routes anywhere.
_UNAMBIGUOUS_ROUTES = frozenset(_PROVIDER_ALIASES) - {
    "openai", "google", "nvidia", "huggingface", "mistral", "mistralai", "qwen", "cohere", "groq",
    "cerebras", "together", "fireworks", "claude",
}  # fmt: skip


def provider_from_name(value: str) -> str | None:
    """Provider id for a provider named in config (``provider: deepseek``, ``azure``, ``together_ai``)."""
    v = value.strip().lower()
    if v in _PROVIDER_ALIASES:
        return _PROVIDER_ALIASES[v]
    return v if get_provider(v) is not None else None


def litellm_route(value: str, *, strict: bool = True) -> tuple[str, str] | None:
    """Split a LiteLLM-style ``provider/model`` route into (provider id, model).

    With ``strict`` (outside a LiteLLM config) only prefixes that cannot be a Hugging
    Face organisation are read as routes, and ``openai/...`` only for OpenAI API names.
    """
    if "/" not in value:
        return None
    prefix, rest = value.split("/", 1)
    p = prefix.lower()
    if not rest or p not in _PROVIDER_ALIASES:
        return None
    if strict and p not in _UNAMBIGUOUS_ROUTES:
        from aibom.lineage.providers import provider_for_model_name

        if (
            p != "openai"
            or provider_for_model_name(rest) != "openai"
            or rest.lower().startswith(("gpt-oss", "whisper", "clip"))
        ):
            return None
    return _PROVIDER_ALIASES[p], rest


# ---------------------------------------------------------------------------
# Variable references


_VAR_REF = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-=+?])(?P<default>[^}]*))?\}"
    r"|\((?P<kube>[A-Za-z_][A-Za-z0-9_]*)\)"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


def has_var_ref(value: str) -> bool:
    return bool(_VAR_REF.search(value))


def expand_vars(value: str, env: dict[str, str], *, kube: bool = False) -> str | None:
    """Expand ``$VAR``, ``${VAR}``, ``${VAR:-default}`` (and ``$(VAR)`` with ``kube``) from ``env``.

    Returns None when a reference can be resolved neither from ``env`` nor from a default.
    """
    unresolved = False
    budget = ExpansionBudget()

    def sub(m: re.Match[str]) -> str:
        return budget.spend(_sub(m))

    def _sub(m: re.Match[str]) -> str:
        nonlocal unresolved
        if m.group("kube") is not None:
            if not kube:
                unresolved = True
                return m.group(0)
            name = m.group("kube")
            if name in env:
                return env[name]
            unresolved = True
            return m.group(0)
        name = m.group("braced") or m.group("plain")
        op = m.group("op")
        default = m.group("default")
        if name in env and not (op and op.startswith(":") and env[name] == "" and op[-1] in "-="):
            if op and op[-1] == "+":
                return default or ""
            return env[name]
        if op and op[-1] in "-=":
            return default or ""
        if op and op[-1] == "+":
            return ""
        unresolved = True
        return m.group(0)

    try:
        out = _VAR_REF.sub(sub, value)
    except BudgetExceeded:
        return None  # self-expanding variables: treated as unknown
    return None if unresolved else out


# ---------------------------------------------------------------------------
# A line-aware tree


@dataclass
class Node:
    """A parsed config value with the line it starts on (1-based, None when unknown)."""

    kind: str  # "map" | "seq" | "scalar"
    line: int | None = None
    value: str | None = None  # scalars: the text; None for null/non-string
    items: list[tuple[str, int | None, Node]] = field(
        default_factory=list
    )  # maps: (key, key line, value)
    elements: list[Node] = field(default_factory=list)  # seqs

    def get(self, key: str) -> Node | None:
        for k, _, v in self.items:
            if k == key:
                return v
        return None

    def get_str(self, key: str) -> str | None:
        v = self.get(key)
        return v.value if v is not None and v.kind == "scalar" else None


_STR_TAG = "tag:yaml.org,2002:str"


def _from_yaml(node: yaml.Node, memo: dict[int, Node], depth: int = 0) -> Node:
    """Convert a composed YAML node; aliases share one converted node (no billion laughs)."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            line += 1  # a block scalar's text starts on the line after its indicator
        return Node("scalar", line, value=node.value if node.tag == _STR_TAG else None)
    known = memo.get(id(node))
    if known is not None:
        return known  # an alias (or a cycle: the node being built)
    if depth > MAX_DEPTH:
        return Node("scalar", line)
    if isinstance(node, yaml.SequenceNode):
        out = memo[id(node)] = Node("seq", line)
        out.elements = [_from_yaml(n, memo, depth + 1) for n in node.value]
        return out
    if isinstance(node, yaml.MappingNode):
        out = memo[id(node)] = Node("map", line)
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out.items.append(
                    (str(k.value), k.start_mark.line + 1, _from_yaml(v, memo, depth + 1))
                )
        return out
    return Node("scalar", line)


_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_documents(text: str) -> list[Node]:
    """Every document of a YAML stream as a line-aware :class:`Node` tree.

    Raises :class:`yaml.YAMLError` (or RecursionError) on invalid YAML; callers turn that into a diagnostic.
    """
    docs: list[Node] = []
    for doc in yaml.compose_all(text, Loader=_YamlLoader):
        if doc is not None:
            docs.append(_from_yaml(doc, {}))
    return docs


class _Locator:
    """Line numbers for formats whose parsers do not keep them (JSON, TOML), from an index of the text.

    Quoted strings and bare TOML keys/table names are indexed by line once; a repeated
    key/value pair gets its next occurrence each time it is asked for.
    """

    _QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\'\n]*)\'')
    _BARE_KEY = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=")
    _TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, text: str) -> None:
        self._strings: dict[str, list[int]] = {}
        self._keys: dict[str, list[int]] = {}
        self._last: dict[tuple[str, str | None], int] = {}
        self._key_cache: dict[str, frozenset[int]] = {}
        for i, line in enumerate(text.splitlines(), 1):
            if len(line) > 100_000:
                continue
            for m in self._QUOTED.finditer(line):
                self._strings.setdefault(
                    m.group(1) if m.group(1) is not None else m.group(2), []
                ).append(i)
            bare = self._BARE_KEY.match(line)
            if bare:
                self._keys.setdefault(bare.group(1).rsplit(".", 1)[-1], []).append(i)
            t = self._TABLE.match(line)
            if t:
                self._keys.setdefault(t.group(1).rsplit(".", 1)[-1].strip("\"' "), []).append(i)

    def find(self, key: str, value: str | None) -> int | None:
        """The line of ``key``/``value``; a repeated pair gets the next occurrence each time."""
        last = self._last.get((key, value), 0)
        key_lines = self._key_lines(key)
        if value is not None:
            candidates = self._strings.get(value, [])
            line = _next_after(candidates, last, key_lines) or _next_after(candidates, last)
        else:
            line = _next_after(sorted(key_lines), last)
        if line is not None:
            self._last[(key, value)] = line
        return line

    def _key_lines(self, key: str) -> frozenset[int]:
        cached = self._key_cache.get(key)
        if cached is None:
            cached = self._key_cache[key] = frozenset(self._strings.get(key, ())) | frozenset(
                self._keys.get(key, ())
            )
        return cached


def _next_after(lines: list[int], last: int, within: frozenset[int] | None = None) -> int | None:
    """First line after ``last`` (wrapping around), restricted to ``within`` when given."""
    start = bisect.bisect_right(lines, last)
    count = len(lines)
    for k in range(count):
        n = lines[(start + k) % count]
        if within is None or n in within:
            return n
    return None


def node_from_object(
    obj: Any,
    locate: Callable[[str, str | None], int | None] | None = None,
    *,
    key: str = "",
    depth: int = 0,
) -> Node:
    """Build a :class:`Node` tree from parsed JSON/TOML; lines come from ``locate(key, value)``."""
    if depth > MAX_DEPTH:
        return Node("scalar")
    if isinstance(obj, dict):
        items = []
        for k, v in obj.items():
            child = node_from_object(v, locate, key=str(k), depth=depth + 1)
            line = (
                child.line if child.kind == "scalar" else (locate(str(k), None) if locate else None)
            )
            items.append((str(k), line, child))
        return Node("map", None, items=items)
    if isinstance(obj, list):
        return Node(
            "seq",
            None,
            elements=[node_from_object(v, locate, key=key, depth=depth + 1) for v in obj],
        )
    if isinstance(obj, str):
        # only values that could name a model or an endpoint are worth a line
        plausible = 0 < len(obj) <= 300 and not any(c.isspace() for c in obj.strip())
        return Node("scalar", locate(key, obj) if locate and plausible else None, value=obj)
    return Node("scalar", None)


# ---------------------------------------------------------------------------
# Emitting findings


@dataclass
class Emitter:
    """Collects findings for one file (or notebook cell) with a fixed source kind."""

    rel: str
    source: str
    cell: int | None = None
    line_offset: int = 0
    findings: list[Finding] = field(default_factory=list)

    def loc(self, line: int | None) -> Location:
        return Location(
            self.rel, None if line is None else line + self.line_offset, self.cell, self.source
        )

    def model(
        self,
        name: str,
        kind: ModelKind,
        line: int | None,
        *,
        revision: str | None = None,
        framework: str | None = None,
        relation_hint: str | None = None,
        base: str | None = None,
    ) -> None:
        self.findings.append(
            ModelFinding(
                name=name,
                kind=kind,
                location=self.loc(line),
                revision=revision,
                framework=framework,
                relation_hint=relation_hint,
                base=base,
            )
        )

    def service(
        self,
        provider: str,
        line: int | None,
        *,
        endpoint: str | None = None,
        model: str | None = None,
        client: str | None = None,
    ) -> None:
        self.findings.append(
            ServiceFinding(provider, self.loc(line), endpoint=endpoint, model=model, client=client)
        )

    def dataset(self, name: str, line: int | None) -> None:
        self.findings.append(DatasetFinding(name, self.loc(line)))

    def diag(
        self, message: str, line: int | None, *, code: str = "scan", level: str = "warning"
    ) -> None:
        self.findings.append(
            Diagnostic(
                self.rel,
                message,
                line=None if line is None else line + self.line_offset,
                level=level,
                code=code,
            )
        )


@dataclass(frozen=True)
class Scope:
    """What the surrounding mappings say about the models below them."""

    provider: str | None = None  # from a base URL or a ``provider:`` key
    endpoint: str | None = None
    framework: str | None = None
    revision: str | None = None
    relation_hint: str | None = None
    base: str | None = None
    client: str | None = None
    ollama: bool = False  # values are Ollama tags (key or endpoint says so)
    endpoint_prefix: tuple[str, ...] = ()  # words before "base_url" in the endpoint's key
    # every endpoint in scope, nearest mapping first: (key prefix, provider, url)
    endpoints: tuple[tuple[tuple[str, ...], str, str], ...] = ()
    named: str | None = None  # provider named by a ``provider:`` key


_ENDPOINT_WORDS = frozenset(
    {"base", "url", "uri", "api", "endpoint", "host", "server", "inference"}
)
_MODEL_WORDS = frozenset(
    {"model", "models", "id", "name", "or", "path", "repo", "uri", "url", "tag", "checkpoint"}
)


def _prefix(words: tuple[str, ...], strip: frozenset[str]) -> tuple[str, ...]:
    n = len(words)
    while n and words[n - 1] in strip:
        n -= 1
    return words[:n]


def scope_for_key(scope: Scope, key: str) -> Scope:
    """The scope a model key sees: each endpoint applies to keys of its own prefix.

    ``OPENAI_BASE_URL`` applies to ``OPENAI_MODEL`` and ``OPENAI_CHAT_MODEL`` (and to a
    prefix-less ``model``), ``OLLAMA_BASE_URL`` to ``OLLAMA_MODEL``, neither to
    ``HF_MODEL_ID``; a key naming Ollama reads Ollama tags.
    """
    words = key_words(key)
    mine = _prefix(words, _MODEL_WORDS)
    chosen = None
    if scope.endpoints:
        matching = [e for e in scope.endpoints if e[0] and mine[: len(e[0])] == e[0]]
        plain = [e for e in scope.endpoints if not e[0]]
        if matching:
            chosen = max(matching, key=lambda e: len(e[0]))
        elif plain:
            chosen = plain[0]
        elif not mine:
            chosen = scope.endpoints[0]
    if chosen is not None:
        scope = replace(
            scope,
            provider=chosen[1],
            endpoint=chosen[2],
            endpoint_prefix=chosen[0],
            ollama=chosen[1] == "ollama",
        )
    elif scope.endpoints:
        scope = replace(
            scope,
            provider=scope.named,
            endpoint=None,
            endpoint_prefix=(),
            ollama=scope.named == "ollama",
        )
    if "ollama" in words and scope.provider not in (None, "ollama", "self-hosted"):
        scope = replace(scope, provider=None, endpoint=None, endpoint_prefix=())
    if "ollama" in words:
        scope = replace(scope, ollama=True)
    return scope


def endpoint_of(value: str) -> tuple[str, str] | None:
    """(provider, normalised endpoint) when ``value`` is a URL of a known provider."""
    v = value.strip()
    if not v or any(c.isspace() for c in v) or "$" in v or "{" in v:
        return None
    if not re.match(r"^[a-z][a-z0-9+.-]*://", v, re.IGNORECASE) and not re.match(
        r"^[\w.-]+(:\d+)?(/|$)", v
    ):
        return None
    provider = provider_for_endpoint(v) or _internal_host(v)
    if provider is None:
        return None
    return provider, v.rstrip("/")


def _internal_host(url: str) -> str | None:
    """``self-hosted`` (or ``ollama`` on port 11434) for cluster-internal hosts.

    A single-label host (``http://vllm:8000/v1``: a compose service) or a Kubernetes
    service name (``*.svc``, ``*.svc.cluster.local``) is run by the project itself.
    """
    if "://" not in url:
        return None  # a bare word under an endpoint key is too weak
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "grpc", "ws", "wss"):
        return None
    if not host or not (
        ("." not in host and re.fullmatch(r"[a-z][a-z0-9-]*", host))
        or host.endswith((".svc", ".svc.cluster.local"))
    ):
        return None
    return "ollama" if port == 11434 else "self-hosted"


def emit_model_value(
    em: Emitter,
    raw: str,
    line: int | None,
    scope: Scope,
    *,
    hub_only: bool = False,
    env: dict[str, str] | None = None,
    what: str = "model",
) -> bool:
    """Report ``raw`` as a model (and/or a model used through a service) when it plausibly is one.

    Returns True when something was reported. Variable references are expanded from
    ``env`` and ``${VAR:-default}`` defaults; an unresolvable one gives an info
    diagnostic (code ``unresolved-model``).
    """
    value = raw.strip()
    if not value:
        return False
    if has_var_ref(value):
        expanded = expand_vars(value, env or {}, kube=em.source == "kubernetes")
        if expanded is None:
            em.diag(
                f"{what} reference {value!r} depends on a variable with no known value",
                line,
                code="unresolved-model",
                level="info",
            )
            return False
        value = expanded.strip()
        if not value:
            return False
    low = value.lower()
    # Ollama pulls straight from the hub: hf.co/org/repo[:quant]
    if low.startswith(("hf.co/", "huggingface.co/")) and value.count("/") == 2:
        hub = parse_hub_id(value.split(":", 1)[0] if ":" in value.split("/", 2)[2] else value)
        if hub is not None:
            em.model(
                hub[0],
                ModelKind.HUB,
                line,
                revision=hub[1] or scope.revision,
                framework=scope.framework,
                relation_hint=scope.relation_hint,
                base=scope.base,
            )
            return True
    if low.startswith("hf://"):  # KServe / Seldon storage URIs
        hub = parse_hub_id(value[5:])
        if hub is not None:
            em.model(
                hub[0],
                ModelKind.HUB,
                line,
                revision=hub[1] or scope.revision,
                framework=scope.framework,
                relation_hint=scope.relation_hint,
                base=scope.base,
            )
            return True
        return False
    route = litellm_route(value, strict=scope.client != "litellm")
    provider = scope.provider
    if route is not None and not hub_only:
        rprovider, rest = route
        provider = provider if scope.endpoint and provider else rprovider
        if provider == "ollama":
            tag = parse_ollama_tag(rest, strict=False)
            if tag:
                em.model(tag, ModelKind.OLLAMA, line, framework="ollama")
        else:
            hub = parse_hub_id(rest)
            if hub is not None:
                em.model(
                    hub[0],
                    ModelKind.HUB,
                    line,
                    revision=hub[1] or scope.revision,
                    framework=scope.framework,
                )
        em.service(provider, line, endpoint=scope.endpoint, model=rest, client=scope.client)
        return True
    if scope.ollama or provider == "ollama":
        context: str | None = "ollama"
    elif hub_only:
        context = "hub"
    elif provider is not None and provider != "self-hosted":
        context = "provider"
    else:
        context = None
    mv = classify_model_value(value, context=context)
    if mv is None and context == "ollama":
        mv = classify_model_value(value)  # a hub id served by Ollama's OpenAI-compatible API, say
    if mv is None:
        return False
    if mv.kind is ModelKind.HUB:
        em.model(
            mv.name,
            ModelKind.HUB,
            line,
            revision=mv.revision or scope.revision,
            framework=scope.framework,
            relation_hint=scope.relation_hint,
            base=scope.base,
        )
        if provider is not None and (scope.endpoint is not None or provider != "self-hosted"):
            em.service(provider, line, endpoint=scope.endpoint, model=mv.name, client=scope.client)
        return True
    if mv.kind is ModelKind.OLLAMA:
        em.model(mv.name, ModelKind.OLLAMA, line, framework="ollama")
        if scope.endpoint is not None:
            em.service(
                provider or "ollama",
                line,
                endpoint=scope.endpoint,
                model=mv.name,
                client=scope.client,
            )
        return True
    if mv.provider is None and (
        value.lower() in _GENERIC_NAMES or not re.search(r"[-.:\d]", value)
    ):
        return False  # accepted only because a provider is in scope: too generic ("gpt", "chat")
    svc_provider = (
        provider if (provider is not None and (scope.endpoint or not mv.provider)) else mv.provider
    )
    if svc_provider is None:
        return False
    em.service(svc_provider, line, endpoint=scope.endpoint, model=mv.name, client=scope.client)
    return True


_IMAGE_FRAMEWORKS: tuple[tuple[str, str], ...] = (
    ("vllm-openai", "vllm"),
    ("vllm/", "vllm"),
    ("text-generation-inference", "text-generation-inference"),
    ("text-embeddings-inference", "text-embeddings-inference"),
    ("ollama/ollama", "ollama"),
    ("sglang", "sglang"),
    ("llama.cpp", "llama.cpp"),
    ("lmdeploy", "lmdeploy"),
    ("tritonserver", "triton"),
    ("huggingfaceserver", "kserve"),
    ("localai", "localai"),
    ("infinity", "infinity"),
)


def image_framework(image: str) -> str | None:
    """The serving framework a container image runs (``vllm/vllm-openai:v0.6`` -> ``vllm``), or None."""
    repo = image.strip().lower().split("@", 1)[0]
    for needle, fw in _IMAGE_FRAMEWORKS:
        if needle in repo:
            return fw
    return None


_GENERIC_NAMES = frozenset(
    {"default", "auto", "none", "null", "true", "false", "latest", "test", "model", "chat"}
)


# ---------------------------------------------------------------------------
# Walking a tree


_COMMAND_KEYS = frozenset({"args", "command", "entrypoint", "cmd"})
# CI steps: a string or a list of lines of shell (GitHub Actions ``run``, GitLab CI ``script``).
_SCRIPT_KEYS = frozenset({"run", "script", "before_script", "after_script"})


@dataclass
class _Walk:
    em: Emitter
    env: dict[str, str]
    commands: bool  # analyse args/command lists (deployment files)
    seen: set[int] = field(default_factory=set)


def analyse_tree(
    root: Node,
    em: Emitter,
    *,
    scope: Scope | None = None,
    env: dict[str, str] | None = None,
    commands: bool = False,
) -> None:
    """Report the models, services and datasets named anywhere in a config tree."""
    w = _Walk(em, dict(env or {}), commands)
    scope = scope or Scope()
    if root.kind == "map":
        scope = _file_conventions(root, scope)
    _visit(w, root, scope, 0)


def _file_conventions(root: Node, scope: Scope) -> Scope:
    keys = {k for k, _, _ in root.items}
    if "base_model" in keys and keys & {
        "datasets",
        "adapter",
        "sequence_len",
        "micro_batch_size",
        "lora_r",
        "base_model_config",
    }:
        adapter = (root.get_str("adapter") or "").lower()
        return replace(
            scope,
            framework="axolotl",
            relation_hint="adapter-base" if adapter in ("lora", "qlora") else "finetune-base",
        )
    if "model_name_or_path" in keys and keys & {"stage", "finetuning_type", "template"}:
        ft = (root.get_str("finetuning_type") or "").lower()
        stage = root.get_str("stage")
        hint = None
        if stage is not None or ft:
            hint = (
                "adapter-base"
                if ft in ("lora", "oft", "freeze") and ft != "freeze"
                else "finetune-base"
            )
        return replace(scope, framework="llama-factory", relation_hint=hint)
    return scope


def _framework_from_target(target: str) -> str | None:
    t = target.lower()
    for prefix, fw in (
        ("sentence_transformers.", "sentence-transformers"),
        ("transformers.", "transformers"),
        ("peft.", "peft"),
        ("vllm.", "vllm"),
        ("torchtune.", "torchtune"),
        ("langchain", "langchain"),
        ("llama_index.", "llama-index"),
        ("diffusers.", "diffusers"),
    ):
        if t.startswith(prefix):
            return fw
    return None


def _visit(w: _Walk, node: Node, scope: Scope, depth: int) -> None:
    if depth > MAX_DEPTH or id(node) in w.seen:
        return
    w.seen.add(id(node))
    if node.kind == "seq":
        pairs = _name_value_pairs(node)
        if pairs is not None:
            _visit_pairs(w, pairs, scope)
            return
        for el in node.elements:
            _visit(w, el, scope, depth + 1)
        return
    if node.kind != "map":
        return
    scope = _map_scope(w, node, scope)
    is_litellm_entry = node.get("litellm_params") is not None
    for key, line, child in node.items:
        if child.kind == "scalar":
            if child.value is None:
                continue
            if is_litellm_entry and key_words(key) == ("model", "name"):
                continue  # the alias clients use, not a model
            if is_model_key(key):
                emit_model_value(w.em, child.value, line, scope_for_key(scope, key), env=w.env)
            elif is_tokenizer_key(key):
                emit_model_value(
                    w.em,
                    child.value,
                    line,
                    replace(scope, relation_hint=None),
                    hub_only=True,
                    env=w.env,
                )
            elif _is_dataset_key(key):
                emit_datasets(w.em, child.value, line, scope)
            elif key_words(key)[-2:] == ("storage", "uri") and child.value.lower().startswith(
                "hf://"
            ):
                emit_model_value(w.em, child.value, line, scope, env=w.env)
            elif key == "base_model_config" and scope.framework == "axolotl":
                emit_model_value(w.em, child.value, line, scope, hub_only=True, env=w.env)
            elif key in ("adapter_name_or_path", "lora_model_dir"):
                emit_model_value(
                    w.em,
                    child.value,
                    line,
                    replace(scope, relation_hint="adapter", base=_base_of(node)),
                    hub_only=True,
                    env=w.env,
                )
            elif w.commands and key.lower() in _COMMAND_KEYS | _SCRIPT_KEYS:
                _command_string(w, child.value, child.line or line, scope)
            continue
        if child.kind == "seq":
            if (
                w.commands
                and key.lower() in _COMMAND_KEYS
                and all(e.kind == "scalar" for e in child.elements)
            ):
                _command_list(w, child, scope)
                continue
            if w.commands and key.lower() in _SCRIPT_KEYS:
                for e in child.elements:
                    if e.kind == "scalar" and e.value:
                        _command_string(w, e.value, e.line or line, scope)
                continue
            if (is_model_key(key) or _is_catalog_key(key)) and _catalog(
                w, child, scope_for_key(scope, key)
            ):
                continue
            if _is_dataset_key(key):
                for el in child.elements:
                    if el.kind == "scalar" and el.value:
                        emit_datasets(w.em, el.value, el.line, scope)
                    elif el.kind == "map":
                        ds = el.get_str("path") or el.get_str("name")
                        if ds:
                            emit_datasets(w.em, ds, _line_of(el, "path", "name"), scope)
                continue
        if child.kind == "map":
            child_scope = scope
            if key == "litellm_params":
                child_scope = replace(scope, client="litellm")
            if is_model_key(key):
                # model: {name: ..., id: ...}: the block describes one model
                for k2, l2, c2 in child.items:
                    if (
                        k2.lower() in ("name", "id", "path", "repo", "repo_id")
                        and c2.kind == "scalar"
                        and c2.value
                    ):
                        emit_model_value(
                            w.em,
                            c2.value,
                            l2,
                            scope_for_key(_map_scope(w, child, child_scope), key),
                            env=w.env,
                        )
            if _is_catalog_key(key) and _catalog_map(w, child, scope_for_key(scope, key)):
                continue
            _visit(w, child, child_scope, depth + 1)
            continue
        _visit(w, child, scope, depth + 1)


def _line_of(node: Node, *keys: str) -> int | None:
    for k, line, _ in node.items:
        if k in keys:
            return line
    return node.line


def _base_of(node: Node) -> str | None:
    for key in ("model_name_or_path", "base_model"):
        v = node.get_str(key)
        if v:
            hub = parse_hub_id(v)
            if hub:
                return hub[0]
    return None


def emit_datasets(em: Emitter, value: str, line: int | None, scope: Scope) -> None:
    for part in value.split(","):
        hub = parse_hub_id(part.strip())
        if hub is not None:
            em.dataset(hub[0], line)


def _map_scope(w: _Walk, node: Node, scope: Scope) -> Scope:
    """Scope for a mapping: its base URLs, ``provider:`` key, revision and ``_target_``."""
    found: list[tuple[tuple[str, ...], str, str]] = []
    for key, line, child in node.items:
        if key in ("image", "repository"):
            ref = child.get_str("repository") if child.kind == "map" else child.value
            fw = image_framework(ref) if ref else None
            if fw:
                scope = replace(scope, framework=fw)
        if child.kind != "scalar" or not child.value:
            continue
        value: str = child.value
        if is_endpoint_key(key):
            if has_var_ref(value):
                value = expand_vars(value, w.env) or value
            ep = endpoint_of(value)
            if ep is not None:
                provider, endpoint = ep
                found.append((_prefix(key_words(key), _ENDPOINT_WORDS), provider, endpoint))
                if provider not in ("self-hosted", "ollama") or _has_model_key(node):
                    w.em.service(provider, line, endpoint=endpoint, client=scope.client)
        elif key_words(key) in (("provider",), ("llm", "provider"), ("model", "provider")):
            named = provider_from_name(value)
            if named is not None:
                scope = replace(scope, named=named)
                if scope.endpoint is None and not found:
                    scope = replace(scope, provider=named, ollama=named == "ollama")
        elif is_revision_key(key):
            scope = replace(scope, revision=child.value)
        elif key == "_target_" or key == "_component_":
            fw = _framework_from_target(value)
            if fw:
                scope = replace(scope, framework=fw)
        elif value.lower().startswith(("https://", "http://")):
            # a known provider's API URL under any key still marks the hosted service
            ep = endpoint_of(value)
            if ep is not None and ep[0] not in ("self-hosted", "ollama"):
                w.em.service(ep[0], line, endpoint=ep[1], client=scope.client)
    if found:
        first = found[0]
        scope = replace(
            scope,
            endpoints=(*found, *scope.endpoints),
            provider=first[1],
            endpoint=first[2],
            endpoint_prefix=first[0],
            ollama=first[1] == "ollama",
        )
    return scope


def _has_model_key(node: Node) -> bool:
    return any(is_model_key(k) or _is_catalog_key(k) for k, _, _ in node.items)


def _catalog(w: _Walk, seq: Node, scope: Scope) -> bool:
    """A list of models (every entry a model): report each with its own line."""
    entries: list[tuple[str, int | None]] = []
    for el in seq.elements:
        if el.kind == "scalar" and el.value:
            entries.append((el.value, el.line))
        elif el.kind == "map":
            for k in ("model", "model_id", "id", "name", "model_name"):
                v = el.get_str(k)
                if v:
                    entries.append((v, _line_of(el, k)))
                    break
            else:
                return False
        else:
            return False
    if not entries:
        return False
    probe = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
    for value, line in entries:
        if not emit_model_value(probe, value, line, scope, env=w.env):
            return False
    w.em.findings.extend(f for f in probe.findings if not isinstance(f, Diagnostic))
    for el in seq.elements:
        if el.kind == "map":  # provider/endpoint/revision of each entry and anything below it
            _visit(w, el, scope, 1)
    return True


def _catalog_map(w: _Walk, node: Node, scope: Scope) -> bool:
    """``models: {alias: model, ...}`` where every string value is a model (True: fully handled).

    ``models: {model-name: {settings...}, ...}``, keyed by model names, reports every key
    when all of them are models, and returns False so the settings are still walked.
    """
    if node.items and all(c.kind == "map" for _, _, c in node.items):
        keyed = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
        if all(emit_model_value(keyed, k, line, scope, env=w.env) for k, line, _ in node.items):
            w.em.findings.extend(f for f in keyed.findings if not isinstance(f, Diagnostic))
        return False
    values = [(c.value, line) for _, line, c in node.items if c.kind == "scalar" and c.value]
    if not values or any(c.kind != "scalar" for _, _, c in node.items):
        return False
    probe = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
    for value, line in values:
        if value is None or not emit_model_value(probe, value, line, scope, env=w.env):
            return False
    w.em.findings.extend(f for f in probe.findings if not isinstance(f, Diagnostic))
    return True


def _name_value_pairs(seq: Node) -> list[tuple[str, int | None, str]] | None:
    """``[{name: MODEL_ID, value: ...}, ...]`` (Kubernetes env lists and the like) as pairs."""
    if not seq.elements:
        return None
    pairs: list[tuple[str, int | None, str]] = []
    for el in seq.elements:
        if el.kind != "map":
            return None
        keys = {k for k, _, _ in el.items}
        if "name" not in keys or not keys <= {"name", "value", "valueFrom", "type"}:
            return None
        name = el.get_str("name")
        value = el.get_str("value")
        if name is None:
            return None
        if value is not None:
            pairs.append((name, _line_of(el, "value"), value))
    return pairs


def _visit_pairs(w: _Walk, pairs: list[tuple[str, int | None, str]], scope: Scope) -> None:
    """Flat ``KEY=value`` settings (env lists, .env files, Dockerfile ENV)."""
    analyse_pairs(w.em, pairs, scope, env=w.env)


def analyse_pairs(
    em: Emitter,
    pairs: list[tuple[str, int | None, str]],
    scope: Scope | None = None,
    *,
    env: dict[str, str] | None = None,
) -> dict[str, str]:
    """Report models and services in flat settings; returns them as an environment (for later ``$VAR``)."""
    scope = scope or Scope()
    local = dict(env or {})
    node = Node("map", items=[(k, line, Node("scalar", line, value=v)) for k, line, v in pairs])
    w = _Walk(em, local, False)
    for k, _, v in pairs:
        expanded = expand_vars(v, local) if has_var_ref(v) else v
        if expanded is not None and not has_var_ref(expanded):
            local[k] = expanded
    scope = _map_scope(w, node, scope)
    for key, line, value in pairs:
        if is_model_key(key):
            emit_model_value(em, value, line, scope_for_key(scope, key), env=local)
        elif is_tokenizer_key(key):
            emit_model_value(em, value, line, scope, hub_only=True, env=local)
    if env is not None:
        env.update(local)
    return local


def _command_string(w: _Walk, text: str, line: int | None, scope: Scope) -> None:
    from aibom.scanners.containers import CommandScope, scan_shell_text

    cs = CommandScope(w.em, dict(w.env), framework=scope.framework)
    scan_shell_text(text, cs, first_line=line or 1, kube=w.em.source == "kubernetes")


def _command_list(w: _Walk, seq: Node, scope: Scope) -> None:
    from aibom.scanners.containers import CommandScope, analyse_argv

    argv = [e.value or "" for e in seq.elements]
    lines = [e.line for e in seq.elements]
    cs = CommandScope(w.em, dict(w.env), framework=scope.framework)
    analyse_argv(argv, cs, lines=lines, kube=w.em.source == "kubernetes")


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact duplicates, keeping the first occurrence's order."""
    out: list[Finding] = []
    seen: set[str] = set()
    for f in findings:
        key = f"{type(f).__name__}:{f!r}"
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ---------------------------------------------------------------------------
# The file scanner


_SKIP_JSON = frozenset(
    {
        "package.json", "package-lock.json", "composer.json", "composer.lock", "jsconfig.json",
        "tokenizer.json", "vocab.json", "special_tokens_map.json", "angular.json", "deno.json",
        "deno.lock", ".eslintrc.json", "lerna.json", "nx.json", "turbo.json", "vercel.json",
        "renovate.json", ".prettierrc.json", "firebase.json", "app.json", "bower.json", "manifest.json",
        "launch.json", "settings.json", "extensions.json", "tasks.json", "components.json",
    }
)  # fmt: skip
_SKIP_TOML = frozenset(
    {
        "pyproject.toml",
        "uv.lock",
        "cargo.toml",
        "cargo.lock",
        "poetry.lock",
        "pixi.toml",
        "ruff.toml",
        ".ruff.toml",
        "rustfmt.toml",
        "netlify.toml",
        "pdm.lock",
    }
)
_SKIP_INI = frozenset(
    {
        "setup.cfg",
        "tox.ini",
        "pytest.ini",
        "mypy.ini",
        ".flake8",
        ".coveragerc",
        "pylintrc",
        ".pylintrc",
        ".editorconfig",
        ".bumpversion.cfg",
        "alembic.ini",
        "uwsgi.ini",
    }
)
_SKIP_YAML = frozenset(
    {
        "pnpm-lock.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "mkdocs.yml",
        ".readthedocs.yaml",
        ".readthedocs.yml",
        "codecov.yml",
        ".codecov.yml",
        "dependabot.yml",
        ".golangci.yml",
        "environment.yml",
        "environment.yaml",
        "conda.yaml",
        ".clang-format",
    }
)
_COMPOSE_NAME = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$", re.IGNORECASE)
_HELM_VALUES = re.compile(r"^values(?:[.-][\w.-]+)?\.ya?ml$", re.IGNORECASE)


def is_compose_name(name: str) -> bool:
    return bool(_COMPOSE_NAME.match(name))


def is_dotenv_name(name: str) -> bool:
    n = name.lower()
    return n in (".env", ".envrc") or n.startswith(".env.") or (n.endswith(".env") and len(n) > 4)


def config_kind(name: str) -> str | None:
    """Which config format a file name means (``yaml``, ``json``, ``toml``, ``ini``, ``dotenv``), or None."""
    n = name.lower()
    if is_dotenv_name(name):
        return "dotenv"
    if name == "MLmodel":
        return "yaml"
    if n.endswith((".yaml", ".yml")):
        if n in _SKIP_YAML or is_compose_name(name):
            return None
        return "yaml"
    if n.endswith(".json"):
        if (
            n in _SKIP_JSON
            or n.startswith("tsconfig")
            or n.endswith((".schema.json", ".index.json", ".lock.json", ".map.json"))
        ):
            return None
        return "json"
    if n.endswith(".toml"):
        return None if n in _SKIP_TOML else "toml"
    if n.endswith((".ini", ".cfg", ".conf")) and n not in _SKIP_INI:
        return "ini" if not n.endswith(".conf") else None
    return None


class ConfigFileScanner(FileScanner):
    """YAML / JSON / TOML / INI / .env files that name models and model APIs."""

    name = "config"

    def wants(self, f: SourceFile) -> bool:
        return config_kind(f.name) is not None

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        kind = config_kind(f.name)
        if kind is None:
            return []
        if kind in ("json", "yaml") and f.size > MAX_CONFIG_BYTES:
            ctx.diag(
                f.rel,
                f"{kind.upper()} file over {MAX_CONFIG_BYTES // (1024 * 1024)} MiB treated as data; not scanned for models",
                code="too-large",
                level="info",
            )
            return []
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_config_text(text, f.rel, kind)


def scan_config_text(text: str, rel: str, kind: str) -> list[Finding]:
    """Findings for one config file's text; ``kind`` is what :func:`config_kind` returned."""
    try:
        if kind == "yaml":
            return _scan_yaml(text, rel)
        if kind == "json":
            return _scan_json(text, rel)
        if kind == "toml":
            return _scan_toml(text, rel)
        if kind == "ini":
            return _scan_ini(text, rel)
        if kind == "dotenv":
            return _scan_dotenv(text, rel)
    except RecursionError:
        return [Diagnostic(rel, "configuration nested too deeply; skipped", code=kind)]
    return []


def _scan_yaml(text: str, rel: str) -> list[Finding]:
    name = rel.rsplit("/", 1)[-1]
    try:
        docs = yaml_documents(text)
    except yaml.YAMLError as exc:
        if "{{" in text or "{%" in text:
            return []  # a Helm/Jinja template, not YAML until rendered
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [Diagnostic(rel, f"invalid YAML: {problem}", line=line, code="yaml")]
    findings: list[Finding] = []
    helm = bool(_HELM_VALUES.match(name))
    from aibom.scanners.kubernetes import is_manifest, scan_manifest

    for doc in docs:
        if is_manifest(doc):
            findings.extend(scan_manifest(doc, rel))
            continue
        em = Emitter(rel, "helm" if helm else "yaml-config")
        analyse_tree(doc, em, commands=helm or _is_workflow(rel))
        findings.extend(em.findings)
    return dedupe(findings)


def _is_workflow(rel: str) -> bool:
    """CI definitions whose steps are shell (GitHub Actions workflows, GitLab CI)."""
    name = rel.rsplit("/", 1)[-1]
    return (
        rel.startswith(".github/workflows/")
        or "/.github/workflows/" in rel
        or name in (".gitlab-ci.yml", ".gitlab-ci.yaml")
    )


def _scan_json(text: str, rel: str) -> list[Finding]:
    try:
        obj = load_json(text)
    except (ValueError, RecursionError) as exc:
        return [Diagnostic(rel, f"invalid JSON: {exc}", code="json")]
    loc = _Locator(text)
    em = Emitter(rel, "json-config")
    analyse_tree(node_from_object(obj, loc.find), em)
    return dedupe(em.findings)


def _scan_toml(text: str, rel: str) -> list[Finding]:
    try:
        obj = load_toml(text)
    except (ValueError, RecursionError) as exc:
        return [Diagnostic(rel, f"invalid TOML: {exc}", code="toml")]
    loc = _Locator(text)
    em = Emitter(rel, "toml-config")
    analyse_tree(node_from_object(obj, loc.find), em)
    return dedupe(em.findings)


_INI_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_INI_PAIR = re.compile(r"^\s*([^=:#;\s][^=:]*?)\s*[=:]\s*(.*?)\s*$")


def _scan_ini(text: str, rel: str) -> list[Finding]:
    """INI/CFG: each section is a mapping (parsed by line to keep line numbers)."""
    sections: list[tuple[str, int | None, Node]] = []
    current = Node("map", 1)
    sections.append(("DEFAULT", 1, current))
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if not s or s[0] in "#;":
            continue
        m = _INI_SECTION.match(raw)
        if m:
            current = Node("map", i)
            sections.append((m.group(1).strip(), i, current))
            continue
        if raw[:1].isspace():
            continue  # continuation of a multi-line value
        m = _INI_PAIR.match(raw)
        if m:
            current.items.append((m.group(1), i, Node("scalar", i, value=_unquote(m.group(2)))))
    # make sure the file is INI at all
    try:
        configparser.ConfigParser(interpolation=None, strict=False).read_string(
            text if _INI_SECTION.search(text) else "[DEFAULT]\n" + text
        )
    except configparser.Error as exc:
        return [Diagnostic(rel, f"invalid INI: {str(exc).splitlines()[0]}", code="ini")]
    em = Emitter(rel, "ini-config")
    analyse_tree(Node("map", 1, items=sections), em)
    return dedupe(em.findings)


def _unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v


_DOTENV = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$")


def parse_dotenv(text: str) -> Iterator[tuple[str, int, str]]:
    """``KEY=value`` pairs of a dotenv file with their lines (quotes and trailing comments removed)."""
    for i, raw in enumerate(text.splitlines(), 1):
        m = _DOTENV.match(raw)
        if not m or raw.lstrip().startswith("#"):
            continue
        value = m.group(2).strip()
        if value and value[0] in "'\"":
            q = value[0]
            end = value.find(q, 1)
            value = value[1:end] if end > 0 else value[1:]
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
        yield m.group(1), i, value


def _scan_dotenv(text: str, rel: str) -> list[Finding]:
    em = Emitter(rel, "dotenv")
    analyse_pairs(em, [(k, line, v) for k, line, v in parse_dotenv(text)])
    return dedupe(em.findings)
