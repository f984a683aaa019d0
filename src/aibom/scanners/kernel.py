"""Scanner kernel: key rules, variable references, and emitting findings for model values.

Every configuration-like scanner (config files, containers, Kubernetes, notebooks)
shares these: which keys name a model, a tokenizer, a revision, an endpoint or a
dataset; ``${VAR:-default}`` expansion; the :class:`Emitter` that collects findings
for one file; the :class:`ValueContext` of what the surrounding keys said; and
:func:`emit_model_value`, which turns one value into a model or service finding
through :mod:`aibom.knowledge.classify`.

May import: :mod:`aibom.inventory`, :mod:`aibom.knowledge`. Nothing else in scanners.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    Location,
    ModelFinding,
    ModelKind,
    ServiceFinding,
)
from aibom.knowledge.classify import (
    classify_model_value,
    is_model_org_id,
    litellm_route,
    parse_hub_id,
    parse_ollama_hub_ref,
    parse_ollama_tag,
    provider_from_name,
)
from aibom.knowledge.providers import (
    provider_alias,
    provider_for_endpoint,
    provider_for_model_name,
)
from aibom.knowledge.tables import frameworks, setting_names
from aibom.limits import BudgetExceeded, ExpansionBudget

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
    ("hf", "repo"),  # path_or_hf_repo, --hf-repo: the hub repo a model is loaded from
    ("llm",),
)
_TOKENIZER_KEYS = frozenset(
    {
        ("tokenizer",),
        ("tokenizer", "name"),
        ("tokenizer", "name", "or", "path"),
        ("tokenizer", "id"),
        ("tokenizer", "config"),  # axolotl: the hub repo whose tokenizer a model borrows
        ("tokenizer", "hub"),  # the hub repo a tokenizer is loaded from (quivr's LLMConfig)
        ("tokenizer", "repo"),
        ("tokenizer", "repo", "id"),
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
        "dataset",  # dataset_repo_id, dataset_model_name: a dataset, not the model used
        "datasets",
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
def is_setting_key(key: str) -> bool:
    """True when a setting named ``key`` holds a model: :func:`is_model_key` plus the extra
    names of ``knowledge/data/setting_names.yaml`` (``encoder``, ``embedding``, ``checkpoint``...)."""
    words = key_words(key)
    table = setting_names()
    if not words or is_dataset_key(key) or any(w in table.not_words for w in words):
        return False
    return is_model_key(key) or any(words[-len(s) :] == s for s in table.suffixes)


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
def is_catalog_key(key: str) -> bool:
    """``models``, ``llm_models``; and the allow-lists of models a provider's picker offers
    (``modelWhitelist``, ``allowed_model_list``: ``model`` qualified by an allow-list word)."""
    words = key_words(key)
    if not words or any(w in _NOT_MODEL_WORDS for w in words):
        return False
    if words[-1] == "models":
        return True
    return len(words) >= 2 and words[-1] in _ALLOW_LIST_WORDS and words[-2] in ("model", "models")


_ALLOW_LIST_WORDS = frozenset({"whitelist", "allowlist"})


@functools.lru_cache(maxsize=8192)
def is_model_location_key(key: str) -> bool:
    """``model_dir``, ``vad_dir``, ``PARAMS_ASR_ID``: a setting that may hold a model's repo id
    (a dir/id/path key with a model-role word, ``setting_names.yaml`` ``model_role_words``)."""
    words = key_words(key)
    table = setting_names()
    if len(words) < 2 or words[-1] not in table.location_words or is_dataset_key(key):
        return False
    head = words[:-1]
    if any(w in table.not_words or w in table.not_location_words for w in head):
        return False
    return any(w in table.model_role_words for w in head)


@functools.lru_cache(maxsize=8192)
def names_other(name: str) -> bool:
    """``load_dataset``, ``DATASET_ID``, ``push_to_hub``, ``get_conv_template``, ``BETA_FLAG``:
    a callee or variable whose strings are data, a destination, a template or a flag, never a
    model to use (``setting_names.yaml`` ``not_use_words``)."""
    words = key_words(name)
    table = setting_names()
    return any(w in table.not_use_words for w in words)


# a catalog-like collection of strong model literals (the stray-literal rules of every
# language): this many of them at least, and at least half of its members
CATALOG_MIN = 3
# a record's fields that name the record's model when it has no model-named field
RECORD_NAME_KEYS = frozenset({"id", "name", "value", "slug", "key"})


def catalog_like(strong: int, members: int) -> bool:
    """True for a collection of ``members`` holding ``strong`` strong model literals: at least
    :data:`CATALOG_MIN` of them, at least half of it."""
    return strong >= CATALOG_MIN and 2 * strong >= members


def is_error_name(name: str) -> bool:
    """``ValueError``, ``ConfigException``, ``DeprecationWarning``: a callee whose string
    arguments are a message."""
    return name.endswith(("Error", "Exception", "Warning"))


def hub_download_finding(value: str, loc: Location) -> Finding | None:
    """The hub model a download URL names, at ``loc``: the URL of a file of a hub model
    repository (``huggingface.co/org/repo/resolve/main/x.gguf``), or a revision's base URL file
    names are joined to (``.../resolve/main/``, ``.../tree/main/``, ending with ``/``); not a
    dataset's or a Space's (:func:`parse_hub_file_url`)."""
    v = value.strip()
    f = parse_hub_file_url(v)
    if f is None:
        return None
    a_file = f.mode == "resolve" and bool(f.path)
    a_base = f.mode in ("resolve", "tree") and not f.path
    if not (a_file or a_base):
        return None
    mv = classify_model_value(v.split("://", 1)[-1].removeprefix("www."))
    if mv is None or mv.kind is not ModelKind.HUB:
        return None
    return ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision)


def finding_model_name(f: Finding) -> str:
    """The model name a finding reports, lower case: a model's name, a service's model."""
    if isinstance(f, ServiceFinding):
        return (f.model or "").lower()
    return str(getattr(f, "name", "") or "").lower()


def strong_literal_finding(value: str, loc: Location) -> Finding | None:
    """The finding for ``value``, a string that can only be a model name, at ``loc``: a
    LiteLLM route's service, a hub or Ollama model, else a hosted model at its provider."""
    route = litellm_route(value)
    if route is not None:
        return ServiceFinding(route[0], loc, model=value)
    mv = classify_model_value(value)
    if mv is None:
        return None
    if mv.kind is ModelKind.HUB:
        return ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision)
    if mv.kind is ModelKind.OLLAMA:
        return ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama")
    return ServiceFinding(mv.provider or "unknown", loc, model=value)


_ALIAS_WORDS = frozenset({"alias", "aliases"})


@functools.lru_cache(maxsize=8192)
def names_no_use(name: str) -> bool:
    """A name whose strings are no model the program uses as written: :func:`names_other`
    (data, a destination, a template, a flag), a lookup, capability or retired list
    (``TOKEN_LIMITS``, ``VISION_MODELS``: ``setting_names.yaml`` ``not_catalog_names``), or
    aliases (``aliases: [sonnet-3.7]``: short names the program maps to a model)."""
    return (
        names_other(name)
        or bool(setting_names().not_catalog_name.search(name))
        or bool(_ALIAS_WORDS.intersection(key_words(name)))
    )


def is_deployment_name(name: str) -> bool:
    """``AZURE_OPENAI_DEPLOYMENT``, ``azureDalleDeploymentName``: an Azure deployment's name,
    which only the rules that know the Azure context read as a model."""
    return "deployment" in key_words(name)


def model_org_repo(value: str, env: dict[str, str] | None = None) -> bool:
    """True when ``value`` (variables expanded) is a hub id of a known model organisation."""
    v = value.strip()
    if has_var_ref(v):
        expanded = expand_vars(v, env or {})
        if expanded is None:
            return False
        v = expanded.strip()
    return is_model_org_id(v)


@functools.lru_cache(maxsize=8192)
def is_dataset_key(key: str) -> bool:
    words = key_words(key)
    return bool(words) and (
        words[-1] in ("dataset", "datasets")
        or words[-2:] in (("dataset", "name"), ("dataset", "id"))
    )


# ---------------------------------------------------------------------------
# Variable references


_VAR_REF = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-=+?]|:(?![\s\d-]))(?P<default>[^}]*))?\}"
    r"|\((?P<kube>[A-Za-z_][A-Za-z0-9_]*)\)"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


def has_var_ref(value: str) -> bool:
    return bool(_VAR_REF.search(value))


def expand_vars(value: str, env: dict[str, str], *, kube: bool = False) -> str | None:
    """Expand ``$VAR``, ``${VAR}``, ``${VAR:-default}`` (and ``$(VAR)`` with ``kube``) from ``env``.

    ``${VAR:default}`` (Spring placeholders, PrivateGPT's settings loader) is a default too;
    a shell substring ``${VAR:2}`` / ``${VAR: -3}`` is not.

    Returns None when a reference can be resolved neither from ``env`` nor from a default.
    """
    unresolved = False
    budget = ExpansionBudget()  # self-expanding variables stop at the budget (aibom.limits)

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
        if op and op[-1] in ":-=":  # ${VAR:default} of Spring and settings loaders, too
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
class ValueContext:
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


# keys naming the provider of the mapping's models: ``provider: deepseek``, and the OpenAI SDK's
# (and MetaGPT's) ``api_type: azure``
_PROVIDER_KEYS = frozenset(
    {("provider",), ("llm", "provider"), ("model", "provider"), ("api", "type")}
)
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


def scope_for_key(scope: ValueContext, key: str) -> ValueContext:
    """The scope a model key sees: each endpoint applies to keys of its own prefix.

    ``OPENAI_BASE_URL`` applies to ``OPENAI_MODEL`` and ``OPENAI_CHAT_MODEL`` (and to a
    prefix-less ``model``), ``OLLAMA_BASE_URL`` to ``OLLAMA_MODEL``, neither to
    ``HF_MODEL_ID``; a key naming Ollama reads Ollama tags.
    """
    words = key_words(key)
    mine = _prefix(words, _MODEL_WORDS | _ALLOW_LIST_WORDS)
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


_DEPLOYMENT_SUFFIXES = (("deployment",), ("deployment", "name"), ("deployment", "id"))


def azure_deployment_scope(
    key: str, value: str, scope: ValueContext, env: dict[str, str] | None = None
) -> ValueContext | None:
    """``AZURE_OPENAI_CHAT_DEPLOYMENT=gpt-35-turbo``: the scope of an Azure deployment holding a model name.

    Azure OpenAI calls a model through a deployment the user names; a deployment key
    (``..._deployment``, ``deployment_name``) under an Azure prefix or an Azure endpoint
    names the model when its value is a known hosted model name (Azure's own ``gpt-35-turbo``
    included), and an alias (``my-chat``) stays unreported.
    """
    words = key_words(key)
    if not any(words[-len(s) :] == s for s in _DEPLOYMENT_SUFFIXES):
        return None
    if "azure" not in words and scope.provider != "azure-openai":
        return None
    v = value.strip()
    if has_var_ref(v):
        v = expand_vars(v, env or {}) or ""
    if not v or has_var_ref(v) or provider_for_model_name(v) is None:
        return None
    azure = next((e for e in scope.endpoints if e[1] == "azure-openai"), None)
    return replace(
        scope,
        provider="azure-openai",
        named="azure-openai",
        endpoint=azure[2] if azure else None,
        endpoint_prefix=azure[0] if azure else (),
        ollama=False,
    )


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


def _emit_hub_ref(
    em: Emitter, name: str, revision: str | None, line: int | None, scope: ValueContext
) -> None:
    """A hub model named by a reference (``hf.co/org/repo:quant``, ``hf://org/repo``)."""
    em.model(
        name,
        ModelKind.HUB,
        line,
        revision=revision or scope.revision,
        framework=scope.framework,
        relation_hint=scope.relation_hint,
        base=scope.base,
    )


_PINNED_VERSION = re.compile(r"[\w.-]+/[\w.-]+:[0-9a-f]{32,}")


def emit_model_value(
    em: Emitter,
    raw: str,
    line: int | None,
    scope: ValueContext,
    *,
    hub_only: bool = False,
    env: dict[str, str] | None = None,
    what: str = "model",
    listed: bool = False,
) -> bool:
    """Report ``raw`` as a model (and/or a model used through a service) when it plausibly is one.

    ``listed``: ``raw`` is an entry of a model list. Returns True when something was reported. Variable references are expanded from
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
    ollama_hub = parse_ollama_hub_ref(value)
    if ollama_hub is not None:
        _emit_hub_ref(em, ollama_hub[0], ollama_hub[1], line, scope)
        return True
    if low.startswith("hf://"):  # KServe / Seldon storage URIs
        hub = parse_hub_id(value[5:])
        if hub is not None:
            _emit_hub_ref(em, hub[0], hub[1], line, scope)
            return True
        return False
    if (
        scope.provider not in (None, "self-hosted", "ollama")
        and not hub_only
        and _PINNED_VERSION.fullmatch(value)
    ):
        # "owner/model:<version hash>" (Replicate): the provider's pinned model version
        em.service(scope.provider, line, endpoint=scope.endpoint, model=value, client=scope.client)
        return True
    route = litellm_route(value, strict=scope.client != "litellm")
    provider = scope.provider
    if route is not None and not hub_only:
        rprovider, rest = route
        if provider and scope.named == provider and not scope.endpoint and provider != rprovider:
            # an aggregator's catalog entry (DeepInfra's "anthropic/claude-4-opus"): the
            # whole string is the model's name at the provider the config names
            em.service(provider, line, model=value, client=scope.client)
            return True
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
    if context in (None, "hub") and (package := frameworks().model_package(value)) is not None:
        # a trained pipeline loaded by its package name (spaCy's en_core_web_sm)
        em.model(package[0], ModelKind.HUB, line, framework=package[1])
        return True
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
        value.lower() in _GENERIC_NAMES
        # a plain word ("chat", "default"); listed among a provider's models, a CamelCase
        # name ("SenseVoiceSmall") is a name
        or not re.search(r"[-.:\d]|[a-z][A-Z]" if listed else r"[-.:\d]", value)
    ):
        return False  # accepted only because a provider is in scope: too generic ("gpt", "chat")
    if provider is not None and is_placeholder_of(low, provider):
        return False
    # a base URL or a provider the config names says who is called; a name pattern only
    # fills in when neither does
    svc_provider = (
        provider
        if (provider is not None and (scope.endpoint or not mv.provider or scope.named == provider))
        else mv.provider
    )
    if svc_provider is None:
        return False
    em.service(svc_provider, line, endpoint=scope.endpoint, model=mv.name, client=scope.client)
    return True


def image_framework(image: str) -> str | None:
    """The serving framework a container image runs (``vllm/vllm-openai:v0.6`` -> ``vllm``), or None."""
    repo = image.strip().lower().split("@", 1)[0]
    for needle, fw in frameworks().serving_images:
        if needle in repo:
            return fw
    return None


_GENERIC_NAMES = frozenset(
    {"default", "auto", "none", "null", "true", "false", "latest", "test", "model", "chat"}
)


def is_generic_name(value: str) -> bool:
    """True for words that sit where a model name goes without naming one (``default``, ``auto``)."""
    return value.strip().lower() in _GENERIC_NAMES


# Words that, joined to a provider's name, make a catalog placeholder rather than a model
# ("huggingface-local", "openai-compatible", "ollama-default").
_PLACEHOLDER_WORDS = frozenset(
    {"local", "default", "custom", "model", "models", "auto", "compatible", "generic", "any"}
)


def is_placeholder_of(name: str, provider: str) -> bool:
    """True when ``name`` is only ``provider``'s own name and placeholder words."""
    words = [w for w in re.split(r"[-_.\s/]+", name) if w]
    own = set(re.split(r"[-_.\s]+", provider.lower()))
    return (
        len(words) >= 2
        and any(w in _PLACEHOLDER_WORDS for w in words)
        and all(w in _PLACEHOLDER_WORDS or w in own for w in words)
    )


def emit_datasets(em: Emitter, value: str, line: int | None, scope: ValueContext) -> None:
    for part in value.split(","):
        hub = parse_hub_id(part.strip())
        if hub is not None:
            em.dataset(hub[0], line)


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
# File kinds shared by several scanners

_COMPOSE_NAME = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$", re.IGNORECASE)


def is_compose_name(name: str) -> bool:
    return bool(_COMPOSE_NAME.match(name))


_ENV_TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".dist")


def is_dotenv_name(name: str) -> bool:
    """``.env``, ``.env.local``, ``prod.env``, and the shipped templates without the leading dot:
    ``env.example``, ``env.ollama.example`` (a variant to copy to ``.env``)."""
    n = name.lower()
    return (
        n in (".env", ".envrc")
        or n.startswith(".env.")
        or (n.endswith(".env") and len(n) > 4)
        or (n.startswith("env.") and n.endswith(_ENV_TEMPLATE_SUFFIXES))
    )


def unquote(v: str) -> str:
    """``v`` without one pair of surrounding quotes."""
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


# ---------------------------------------------------------------------------
# Key/value rules over one mapping


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


def _framework_from_target(target: str) -> str | None:
    t = target.lower()
    for prefix, fw in frameworks().config_target_prefixes:
        if t.startswith(prefix):
            return fw
    return None


def _names_an_api(key: str) -> bool:
    """``openai_base_url``, ``LLM_API_BASE``: an endpoint key naming the API it serves.

    A local URL under such a key is a model server the program is set up to call (an
    OpenAI-compatible llama.cpp/vLLM server), reported even with no model beside it.
    """
    words = _prefix(key_words(key), _ENDPOINT_WORDS)
    return bool(words) and (words[-1] == "llm" or provider_from_name(words[-1]) is not None)


def mapping_context(
    em: Emitter, env: dict[str, str], node: Node, scope: ValueContext
) -> ValueContext:
    """ValueContext for a mapping: its base URLs, ``provider:`` key, revision and ``_target_``."""
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
                value = expand_vars(value, env) or value
            ep = endpoint_of(value)
            if ep is not None:
                provider, endpoint = ep
                found.append((_prefix(key_words(key), _ENDPOINT_WORDS), provider, endpoint))
                if (
                    provider not in ("self-hosted", "ollama")
                    or _has_model_key(node)
                    or _names_an_api(key)
                ):
                    em.service(provider, line, endpoint=endpoint, client=scope.client)
        elif key_words(key) in _PROVIDER_KEYS:
            named = provider_from_name(value)
            if named is None and _has_model_key(node):
                # a catalog record's provider by its free-form name ({provider: ernie, models: [...]})
                named = provider_alias(value, "names")
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
                em.service(ep[0], line, endpoint=ep[1], client=scope.client)
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
    return any(is_model_key(k) or is_catalog_key(k) for k, _, _ in node.items)


def analyse_pairs(
    em: Emitter,
    pairs: list[tuple[str, int | None, str]],
    scope: ValueContext | None = None,
    *,
    env: dict[str, str] | None = None,
) -> dict[str, str]:
    """Report models and services in flat settings; returns them as an environment (for later ``$VAR``)."""
    scope = scope or ValueContext()
    local = dict(env or {})
    node = Node("map", items=[(k, line, Node("scalar", line, value=v)) for k, line, v in pairs])
    for k, _, v in pairs:
        expanded = expand_vars(v, local) if has_var_ref(v) else v
        if expanded is not None and not has_var_ref(expanded):
            local[k] = expanded
    scope = mapping_context(em, local, node, scope)
    for key, line, value in pairs:
        if is_model_key(key):
            emit_model_value(em, value, line, scope_for_key(scope, key), env=local)
        elif (deployed := azure_deployment_scope(key, value, scope, local)) is not None:
            emit_model_value(em, value, line, deployed, env=local)
        elif is_tokenizer_key(key):
            emit_model_value(em, value, line, scope, hub_only=True, env=local)
        elif is_model_location_key(key) and model_org_repo(value, local):
            emit_model_value(em, value, line, scope, hub_only=True, env=local)  # vad_dir=iic/...
    if env is not None:
        env.update(local)
    return local


# ---------------------------------------------------------------------------
# Hugging Face file URLs and weight file names (shared by the config, gallery and Python rules)

# huggingface://org/repo/file, hf://org/repo/file (the repo is followed by a file path)
_HF_SCHEME = re.compile(r"^(?:huggingface|hf)://([\w.-]+/[\w.-]+)/[^\s]+$", re.IGNORECASE)
# [https://]huggingface.co/org/repo/{resolve,blob,tree}/<rev>/<path> (hf.co too); datasets/
# and spaces/ put a third segment before resolve/ and are refused with the other non-orgs
_HF_FILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/([\w.-]+/[\w.-]+)/"
    r"(resolve|blob|tree)/([^\s/]+)/(\S*)$",
    re.IGNORECASE,
)
_NOT_HUB_ORGS = frozenset({"datasets", "spaces", "api", "docs", "collections", "papers"})


@dataclass(frozen=True)
class HubFileUrl:
    """A Hugging Face URL into a repository's files: ``org/repo``, ``resolve``/``blob``/``tree``,
    the revision and the file path (empty for a revision's base URL ending with ``/``)."""

    repo: str
    mode: str
    revision: str
    path: str


def parse_hub_file_url(url: str) -> HubFileUrl | None:
    """``https://huggingface.co/org/repo/resolve/main/x.safetensors`` (the scheme may be left
    out): its parts, else None (a dataset's or a Space's files, a repository page)."""
    m = _HF_FILE_URL.match(url.strip())
    if m is None or m.group(1).split("/", 1)[0].lower() in _NOT_HUB_ORGS:
        return None
    return HubFileUrl(m.group(1), m.group(2).lower(), m.group(3), m.group(4))


def hub_file_repo(url: str) -> str | None:
    """The hub repository a Hugging Face file URL downloads from, else None: an ``http(s)``
    ``resolve``/``blob`` URL of a file, or ``huggingface://org/repo/file`` / ``hf://...``."""
    u = url.strip()
    m = _HF_SCHEME.match(u)
    if m is not None:
        return None if m.group(1).split("/", 1)[0].lower() in _NOT_HUB_ORGS else m.group(1)
    if not u.lower().startswith(("http://", "https://")):
        return None
    f = parse_hub_file_url(u)
    if f is None or f.mode == "tree" or not f.path:
        return None
    return f.repo


# Suffixes of a file of model weights (``.bin``/``.pt`` are read only where a key or a
# download says the file is a model).
WEIGHT_FILE = re.compile(
    r"\.(?:safetensors|gguf|ggml|ckpt|pt|pth|bin|onnx|h5|keras|tflite)$", re.IGNORECASE
)
# A file name, or a relative path to one: no spaces, globs, variables or URL.
_WEIGHT_FILE_NAME = re.compile(r"[A-Za-z0-9_][\w.+-]*(?:/[\w.+-]+)*")
# The file names inside every hub repository (``model.safetensors``, ``pytorch_model.bin``,
# ``model-00001-of-00004.safetensors``): no model of their own.
_GENERIC_WEIGHT_STEMS = frozenset(
    {
        "model", "pytorch_model", "diffusion_pytorch_model", "adapter_model", "tf_model",
        "flax_model", "weights", "checkpoint", "ckpt", "best", "last", "latest", "final",
        "lora", "vae", "unet", "encoder", "decoder",
    }
)  # fmt: skip


def is_weight_file_name(value: str) -> bool:
    """``juggernautXL_v8Rundiffusion.safetensors``, ``models/sam_vit_b.pth``: a weight file's
    name or relative path that names one model (not ``model.safetensors``, not a glob)."""
    v = value.strip()
    if not WEIGHT_FILE.search(v) or not _WEIGHT_FILE_NAME.fullmatch(v) or ".." in v:
        return False
    base = v.rsplit("/", 1)[-1]
    stem = base.split(".", 1)[0].lower()
    return stem not in _GENERIC_WEIGHT_STEMS and not re.match(r"model-\d+-of-\d+", stem)
