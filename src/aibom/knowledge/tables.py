"""The one loader for ``knowledge/data/*.yaml``: typed, validated, cached.

Each table is read once, checked, and returned as frozen dataclasses. A bad
entry raises :class:`KnowledgeTableError` naming the file and the key, so a
packaging or editing mistake fails loudly instead of silently changing answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from aibom import yamlio

ALIAS_ECOSYSTEMS = ("litellm", "config", "langchain", "langchain_js", "pydantic_ai", "names")


class KnowledgeTableError(ValueError):
    """A bundled knowledge table is malformed (names the file and the key)."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"knowledge/data/{file}: {key}: {problem}")
        self.file = file
        self.key = key


def _load(file: str) -> dict[str, Any]:
    text = resources.files("aibom.knowledge").joinpath(f"data/{file}").read_text("utf-8")
    raw = yamlio.load_data(text)
    if not isinstance(raw, dict):
        raise KnowledgeTableError(file, "(top level)", "expected a mapping")
    if raw.get("schema") != 1:
        raise KnowledgeTableError(file, "schema", f"unsupported schema {raw.get('schema')!r}")
    return raw


def _strings(file: str, key: str, value: object, *, lower: bool = False) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise KnowledgeTableError(file, key, "expected a list of non-empty strings")
    return tuple(v.lower() for v in value) if lower else tuple(value)


def _pattern(file: str, key: str, value: object) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise KnowledgeTableError(file, key, "expected a regular expression")
    try:
        return re.compile(value)
    except re.error as exc:
        raise KnowledgeTableError(file, key, f"bad regular expression: {exc}") from exc


def _patterns(file: str, key: str, value: object) -> tuple[re.Pattern[str], ...]:
    out: list[re.Pattern[str]] = []
    for i, text in enumerate(_strings(file, key, value)):
        try:
            out.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise KnowledgeTableError(
                file, f"{key}[{i}]", f"bad regular expression: {exc}"
            ) from exc
    return tuple(out)


# ---------------------------------------------------------------------------
# providers.yaml


@dataclass(frozen=True)
class Provider:
    """A hosted model API provider and the names each ecosystem uses for it."""

    id: str
    name: str
    country: str | None
    hosts: tuple[str, ...] = ()
    host_contains: tuple[str, ...] = ()
    default_endpoint: str | None = None
    clients: tuple[str, ...] = ()
    model_prefixes: tuple[str, ...] = field(default=())
    # URL path fragments only this provider's API uses (Azure: ``/openai/deployments/``): they
    # name the provider when the host is the user's own resource
    path_markers: tuple[str, ...] = ()
    model_patterns: tuple[re.Pattern[str], ...] = field(default=(), compare=False)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ProviderTable:
    """All providers plus the alias indexes derived from them."""

    providers: Mapping[str, Provider]
    aliases: Mapping[str, Mapping[str, str]]  # ecosystem -> alias -> provider id
    route_prefixes_also_hub_orgs: frozenset[str]
    # providers whose model field is no catalog name (a deployment, a local tag, a repo id)
    no_model_catalog: frozenset[str] = frozenset()
    # vendor -> the other providers that serve its closed models (besides gateways)
    closed_model_vendors: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # first-party APIs that serve only models their company hosts itself
    first_party_apis: frozenset[str] = frozenset()
    # names a closed vendor's patterns match that are open weights any host serves
    open_weight_names: tuple[str, ...] = ()


_PROVIDER_KEYS = frozenset(
    {"id", "name", "country", "hosts", "host_contains", "default_endpoint", "clients"}
    | {"model_prefixes", "model_patterns", "path_markers", "aliases"}
)


@cache
def provider_table() -> ProviderTable:
    """``providers.yaml``, loaded and checked once."""
    return parse_provider_table(_load("providers.yaml"))


def parse_provider_table(raw: dict[str, Any], file: str = "providers.yaml") -> ProviderTable:
    """Check and index a parsed provider table; :class:`KnowledgeTableError` on bad data."""
    table: dict[str, Provider] = {}
    index: dict[str, dict[str, str]] = {e: {} for e in ALIAS_ECOSYSTEMS}
    for i, entry in enumerate(raw.get("providers") or []):
        where = f"providers[{i}]"
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise KnowledgeTableError(file, where, "needs an id and a name")
        pid = str(entry["id"])
        where = f"providers[{pid}]"
        unknown = set(entry) - _PROVIDER_KEYS
        if unknown:
            raise KnowledgeTableError(file, where, f"unknown keys {sorted(unknown)}")
        if pid in table:
            raise KnowledgeTableError(file, where, "duplicate provider id")
        country = entry.get("country")
        if country is not None and (
            not isinstance(country, str) or len(country) != 2 or not country.isupper()
        ):
            raise KnowledgeTableError(file, f"{where}.country", "must be ISO 3166-1 alpha-2")
        aliases: dict[str, tuple[str, ...]] = {}
        for eco, names in (entry.get("aliases") or {}).items():
            if eco not in index:
                raise KnowledgeTableError(file, f"{where}.aliases.{eco}", "unknown ecosystem")
            aliases[eco] = _strings(file, f"{where}.aliases.{eco}", names, lower=True)
            for alias in aliases[eco]:
                other = index[eco].setdefault(alias, pid)
                if other != pid:
                    raise KnowledgeTableError(
                        file, f"{where}.aliases.{eco}", f"{alias!r} already names {other}"
                    )
        table[pid] = Provider(
            id=pid,
            name=str(entry["name"]),
            country=country,
            hosts=_strings(file, f"{where}.hosts", entry.get("hosts"), lower=True),
            host_contains=_strings(file, f"{where}.host_contains", entry.get("host_contains")),
            default_endpoint=entry.get("default_endpoint"),
            clients=_strings(file, f"{where}.clients", entry.get("clients")),
            model_prefixes=_strings(
                file, f"{where}.model_prefixes", entry.get("model_prefixes"), lower=True
            ),
            path_markers=_strings(file, f"{where}.path_markers", entry.get("path_markers")),
            model_patterns=_patterns(file, f"{where}.model_patterns", entry.get("model_patterns")),
            aliases=aliases,
        )
    hub_orgs = frozenset(
        _strings(file, "route_prefixes_also_hub_orgs", raw.get("route_prefixes_also_hub_orgs"))
    )
    stray = hub_orgs - set(index["litellm"]) - set(index["config"])
    if stray:
        raise KnowledgeTableError(
            file, "route_prefixes_also_hub_orgs", f"not a route prefix: {sorted(stray)}"
        )
    no_catalog = frozenset(_strings(file, "no_model_catalog", raw.get("no_model_catalog")))
    if no_catalog - set(table):
        raise KnowledgeTableError(
            file, "no_model_catalog", f"unknown provider: {sorted(no_catalog - set(table))}"
        )
    closed: dict[str, frozenset[str]] = {}
    raw_closed = raw.get("closed_model_vendors") or {}
    if not isinstance(raw_closed, dict):
        raise KnowledgeTableError(file, "closed_model_vendors", "not a mapping")
    for vendor, others in raw_closed.items():
        where = f"closed_model_vendors.{vendor}"
        served = frozenset(_strings(file, where, others))
        if str(vendor) not in table or served - set(table):
            raise KnowledgeTableError(file, where, "unknown provider")
        closed[str(vendor)] = served
    first_party = frozenset(_strings(file, "first_party_apis", raw.get("first_party_apis")))
    if first_party - set(table):
        raise KnowledgeTableError(
            file, "first_party_apis", f"unknown provider: {sorted(first_party - set(table))}"
        )
    open_weights = tuple(_strings(file, "open_weight_names", raw.get("open_weight_names")))
    return ProviderTable(table, index, hub_orgs, no_catalog, closed, first_party, open_weights)


# ---------------------------------------------------------------------------
# ollama_library.yaml, model_strings.yaml


@cache
def ollama_library() -> frozenset[str]:
    """Ollama library model names (the part before ``:tag``)."""
    file = "ollama_library.yaml"
    names = _strings(file, "library", _load(file).get("library"))
    bad = [n for n in names if n != n.lower() or ":" in n or "/" in n]
    if bad:
        raise KnowledgeTableError(file, "library", f"names must be bare lowercase: {bad}")
    return frozenset(names)


@dataclass(frozen=True)
class ModelStrings:
    """What an ``org/name`` string must not look like to be read as a hub id."""

    not_hub_prefixes: tuple[str, ...]
    file_suffixes: tuple[str, ...]
    docker_image_orgs: frozenset[str]
    generic_names: frozenset[str]
    hub_url_prefixes: tuple[str, ...]
    legacy_hub_ids: frozenset[str]
    dataset_builders: frozenset[str]
    api_version_orgs: tuple[re.Pattern[str], ...]  # "v1" of "v1/embeddings": an API path
    api_path_words: frozenset[str]  # "embeddings/multimodal": both parts API path words
    serving_software: frozenset[str]  # "tei", "vllm": a server's name, never a model's
    rate_units: frozenset[str]  # "second" of "1/second": a rate or quantity, not a hub id
    model_orgs: frozenset[str] = frozenset()  # hub organisations that publish models (lower case)
    model_name_markers: frozenset[str] = frozenset()  # "onnx" of "org/x-onnx": a model's name


@cache
def model_strings() -> ModelStrings:
    """``model_strings.yaml``, loaded and checked once."""
    file = "model_strings.yaml"
    raw = _load(file)
    return ModelStrings(
        not_hub_prefixes=_strings(file, "not_hub_prefixes", raw.get("not_hub_prefixes")),
        file_suffixes=_strings(file, "file_suffixes", raw.get("file_suffixes"), lower=True),
        docker_image_orgs=frozenset(
            _strings(file, "docker_image_orgs", raw.get("docker_image_orgs"))
        ),
        generic_names=frozenset(_strings(file, "generic_names", raw.get("generic_names"))),
        hub_url_prefixes=_strings(file, "hub_url_prefixes", raw.get("hub_url_prefixes")),
        legacy_hub_ids=frozenset(_strings(file, "legacy_hub_ids", raw.get("legacy_hub_ids"))),
        dataset_builders=frozenset(_strings(file, "dataset_builders", raw.get("dataset_builders"))),
        api_version_orgs=_patterns(file, "api_version_orgs", raw.get("api_version_orgs")),
        api_path_words=frozenset(
            _strings(file, "api_path_words", raw.get("api_path_words"), lower=True)
        ),
        serving_software=frozenset(
            _strings(file, "serving_software", raw.get("serving_software"), lower=True)
        ),
        rate_units=frozenset(_strings(file, "rate_units", raw.get("rate_units"), lower=True)),
        model_orgs=frozenset(_strings(file, "model_orgs", raw.get("model_orgs"), lower=True)),
        model_name_markers=frozenset(
            _strings(file, "model_name_markers", raw.get("model_name_markers"), lower=True)
        ),
    )


# ---------------------------------------------------------------------------
# frameworks.yaml


@dataclass(frozen=True)
class CliFlags:
    """Normalised command-line flag names by what their value names."""

    model: frozenset[str]
    tokenizer: frozenset[str]
    revision: frozenset[str]
    endpoint: frozenset[str]


@dataclass(frozen=True)
class Frameworks:
    """Serving/ML frameworks as named by images, launchers, programs, flags and imports."""

    serving_images: tuple[tuple[str, str], ...]
    serving_launch_modules: Mapping[str, str]
    serving_programs: Mapping[str, str]
    cli_flags: CliFlags
    python_import_modules: Mapping[str, str]
    config_target_prefixes: tuple[tuple[str, str], ...]
    # module.Class -> the keyword its from_pretrained names the model with (unsloth: model_name)
    pretrained_loader_args: Mapping[str, str]
    # trained pipelines installed as packages: (name pattern, hub organisation, framework)
    model_packages: tuple[tuple[re.Pattern[str], str, str], ...] = ()

    def model_package(self, name: str) -> tuple[str, str] | None:
        """(hub id, framework) of a pipeline package name (``en_core_web_sm``, ``en-core-web-sm``)."""
        n = name.strip().lower().replace("-", "_")
        for pattern, org, framework in self.model_packages:
            if pattern.fullmatch(n):
                return f"{org}/{n}", framework
        return None


def _str_map(file: str, key: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in value.items()
    ):
        raise KnowledgeTableError(file, key, "expected a mapping of non-empty strings")
    return dict(value)


def _pairs(file: str, key: str, value: object) -> tuple[tuple[str, str], ...]:
    if value is not None and not isinstance(value, list):
        raise KnowledgeTableError(file, key, "expected a list of [needle, framework] pairs")
    out: list[tuple[str, str]] = []
    for i, pair in enumerate(value or []):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        ):
            raise KnowledgeTableError(file, f"{key}[{i}]", "expected [needle, framework]")
        out.append((pair[0].lower(), pair[1]))
    return tuple(out)


@cache
def frameworks() -> Frameworks:
    """``frameworks.yaml``, loaded and checked once."""
    file = "frameworks.yaml"
    raw = _load(file)
    images = _pairs(file, "serving_images", raw.get("serving_images"))
    flags = raw.get("cli_flags")
    if not isinstance(flags, dict) or set(flags) != {"model", "tokenizer", "revision", "endpoint"}:
        raise KnowledgeTableError(file, "cli_flags", "needs model, tokenizer, revision, endpoint")
    return Frameworks(
        serving_images=images,
        serving_launch_modules=_str_map(
            file, "serving_launch_modules", raw.get("serving_launch_modules")
        ),
        serving_programs=_str_map(file, "serving_programs", raw.get("serving_programs")),
        cli_flags=CliFlags(
            **{
                k: frozenset(_strings(file, f"cli_flags.{k}", v, lower=True))
                for k, v in flags.items()
            }
        ),
        python_import_modules=_str_map(
            file, "python_import_modules", raw.get("python_import_modules")
        ),
        config_target_prefixes=_pairs(
            file, "config_target_prefixes", raw.get("config_target_prefixes")
        ),
        pretrained_loader_args=_str_map(
            file, "pretrained_loader_args", raw.get("pretrained_loader_args")
        ),
        model_packages=_model_packages(file, raw.get("model_packages")),
    )


def _model_packages(file: str, value: object) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    if value is not None and not isinstance(value, list):
        raise KnowledgeTableError(file, "model_packages", "expected a list")
    out: list[tuple[re.Pattern[str], str, str]] = []
    for i, entry in enumerate(value or []):
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and all(isinstance(x, str) and x for x in entry)
        ):
            raise KnowledgeTableError(
                file, f"model_packages[{i}]", "expected [name pattern, hub organisation, framework]"
            )
        try:
            pattern = re.compile(entry[0])
        except re.error as exc:
            raise KnowledgeTableError(file, f"model_packages[{i}]", f"bad pattern: {exc}") from exc
        out.append((pattern, entry[1], entry[2]))
    return tuple(out)


# ---------------------------------------------------------------------------
# pickle_globals.yaml


@dataclass(frozen=True)
class PickleGlobals:
    """Allow and deny lists for globals a pickle imports."""

    safe_globals: frozenset[str]
    dangerous_modules: frozenset[str]
    dangerous_globals: frozenset[str]
    data_modules: frozenset[
        str
    ]  # a pickle of only these (and safe globals) holds data, not a model


@cache
def pickle_globals() -> PickleGlobals:
    """``pickle_globals.yaml``, loaded and checked once (allow and deny never overlap)."""
    file = "pickle_globals.yaml"
    raw = _load(file)
    table = PickleGlobals(
        *(frozenset(_strings(file, k, raw.get(k))) for k in PickleGlobals.__dataclass_fields__)
    )
    overlap = table.safe_globals & table.dangerous_globals
    if overlap:
        raise KnowledgeTableError(file, "safe_globals", f"also dangerous: {sorted(overlap)}")
    return table


# ---------------------------------------------------------------------------
# ai_packages.yaml


@cache
def ai_packages() -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Ecosystem (``pypi``/``npm``/``golang``) -> (name or ``prefix*`` pattern, category) as written."""
    file = "ai_packages.yaml"
    raw = _load(file)
    table: dict[str, tuple[tuple[str, str], ...]] = {}
    for ecosystem in ("pypi", "npm", "golang"):
        section = raw.get(ecosystem) or {}
        if not isinstance(section, dict):
            raise KnowledgeTableError(file, ecosystem, "expected category -> names")
        table[ecosystem] = tuple(
            (str(n), str(category))
            for category, names in section.items()
            for n in _strings(file, f"{ecosystem}.{category}", names)
        )
    return table


# ---------------------------------------------------------------------------
# sdk_python.yaml


@dataclass(frozen=True)
class Constructor:
    """How to read one Python constructor or factory call (see ``sdk_python.yaml``)."""

    kind: str  # "service" | "client" | "hub" | "ollama" | "path"
    provider: str | None = None
    client: str | None = None
    model_args: tuple[str | int, ...] = ()
    extra_args: tuple[str, ...] = ()
    dialect: str = "openai"
    modules: tuple[str, ...] | None = None
    unbound_ok: bool = True
    framework: str | None = None
    endpoint_args: tuple[str, ...] = ()
    bare_org: str | None = None
    fixed: bool = False  # the class fixes the provider whatever its base URL (Azure OpenAI)
    default_model: str | None = None  # hub model the class loads when the call names none
    bare_names: tuple[tuple[str, str], ...] = ()  # the library's short names -> hub ids
    # checkpoint names the library downloads from its own store, not a hub (openai-whisper's
    # "small.en"): a "path" loader given one loads that checkpoint, reported as written
    own_names: tuple[str, ...] = ()
    # the same as a name pattern (Coqui's "tts_models/...")
    own_pattern: re.Pattern[str] | None = None

    def own_name(self, value: str) -> bool:
        """True when ``value`` is a checkpoint name of the library's own store."""
        return value in self.own_names or bool(
            self.own_pattern and self.own_pattern.fullmatch(value)
        )


_CONSTRUCTOR_KINDS = frozenset({"service", "client", "hub", "ollama", "path"})


def _args(file: str, key: str, value: object) -> tuple[str | int, ...]:
    if not isinstance(value, list) or not all(
        (isinstance(v, str) and v) or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
        for v in value
    ):
        raise KnowledgeTableError(file, key, "expected a list of argument names or positions")
    return tuple(value)


@cache
def python_constructors() -> Mapping[str, Constructor]:
    """``sdk_python.yaml``: constructor name (or dotted path) -> how to read its call."""
    file = "sdk_python.yaml"
    raw = _load(file)
    defaults = raw.get("defaults") or {}
    default_model = _args(file, "defaults.model_args", defaults.get("model_args"))
    default_endpoint = _strings(file, "defaults.endpoint_args", defaults.get("endpoint_args"))
    known = provider_table().providers
    table: dict[str, Constructor] = {}
    fields = set(Constructor.__dataclass_fields__)
    for name, entry in (raw.get("constructors") or {}).items():
        where = f"constructors.{name}"
        if not isinstance(entry, dict) or set(entry) - fields:
            raise KnowledgeTableError(file, where, f"unknown keys {sorted(set(entry) - fields)}")
        if entry.get("kind") not in _CONSTRUCTOR_KINDS:
            raise KnowledgeTableError(file, f"{where}.kind", f"one of {sorted(_CONSTRUCTOR_KINDS)}")
        provider = entry.get("provider")
        if provider is not None and provider not in known:
            raise KnowledgeTableError(file, f"{where}.provider", f"{provider!r} not in providers")
        modules = entry.get("modules")
        table[str(name)] = Constructor(
            kind=entry["kind"],
            provider=provider,
            client=entry.get("client"),
            model_args=_args(file, f"{where}.model_args", entry["model_args"])
            if "model_args" in entry
            else default_model,
            extra_args=_strings(file, f"{where}.extra_args", entry.get("extra_args")),
            dialect=str(entry.get("dialect") or defaults.get("dialect") or "openai"),
            modules=None if modules is None else _strings(file, f"{where}.modules", modules),
            unbound_ok=bool(entry.get("unbound_ok", True)),
            framework=entry.get("framework"),
            endpoint_args=_strings(file, f"{where}.endpoint_args", entry["endpoint_args"])
            if "endpoint_args" in entry
            else default_endpoint,
            bare_org=entry.get("bare_org"),
            fixed=bool(entry.get("fixed", False)),
            default_model=entry.get("default_model"),
            bare_names=tuple(
                sorted(_str_map(file, f"{where}.bare_names", entry.get("bare_names") or {}).items())
            ),
            own_names=_strings(file, f"{where}.own_names", entry.get("own_names")),
            own_pattern=_pattern(file, f"{where}.own_pattern", entry.get("own_pattern")),
        )
    return table


@cache
def python_request_bodies() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """``sdk_python.yaml`` request_bodies: (provider, path of the model field, path of a marker).

    A provider's own request format that names the model somewhere other than ``"model"``.
    """
    file = "sdk_python.yaml"
    known = provider_table().providers
    out: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for i, entry in enumerate(_load(file).get("request_bodies") or []):
        where = f"request_bodies[{i}]"
        if not isinstance(entry, dict) or entry.get("provider") not in known:
            raise KnowledgeTableError(file, where, "needs a known provider")
        paths = []
        for key in ("model", "marker"):
            text = entry.get(key)
            if not isinstance(text, str) or not text:
                raise KnowledgeTableError(file, f"{where}.{key}", "expected a dotted field path")
            paths.append(tuple(text.split(".")))
        out.append((str(entry["provider"]), paths[0], paths[1]))
    return tuple(out)


# ---------------------------------------------------------------------------
# sdk_javascript.yaml


@dataclass(frozen=True)
class JsConstructor:
    """How to read ``new X({...})`` in JavaScript/TypeScript (see ``sdk_javascript.yaml``)."""

    kind: str  # "client" | "ollama" | "ctor" | "hub-ctor" | "bedrock-command"
    provider: str | None
    package: str
    endpoint_keys: tuple[tuple[str, ...], ...] = ()
    fixed: bool = False
    model_keys: tuple[str, ...] = ("model", "modelName")
    framework: str | None = None
    # option key -> provider the class talks to when the key is given ({azure: {...}} -> Azure)
    provider_keys: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class JavaScriptSdk:
    """Everything the JS/TS scanner knows about SDK packages and classes."""

    transformers_js: frozenset[str]
    hf_inference_package: str
    bedrock_runtime_package: str
    api_classes: Mapping[tuple[str, str], JsConstructor]
    langchain: Mapping[str, JsConstructor]
    llamaindex: Mapping[str, JsConstructor]
    global_classes: Mapping[str, JsConstructor]
    vercel_ai_sdk: Mapping[str, tuple[str | None, bool]]
    methods: Mapping[str, frozenset[str]]
    # browser built-in model APIs: global call path ("LanguageModel.create") -> on-device model
    browser_models: Mapping[str, str] = field(default_factory=dict)
    # hub organisations that publish only transformers.js model ports ("Xenova/whisper-small")
    model_only_orgs: frozenset[str] = frozenset()
    # package -> the prefix of the model names its enum takes (fastembed-js: "fast-bge-small-en")
    enum_model_packages: Mapping[str, str] = field(default_factory=dict)
    # request keys whose object names the model of a part ("input_audio_transcription")
    subsystem_model_keys: frozenset[str] = frozenset()


_JS_KINDS = frozenset({"client", "ollama", "ctor", "hub-ctor", "bedrock-command"})
_JS_FIELDS = frozenset(JsConstructor.__dataclass_fields__) | {"import"}


def _js_spec(file: str, where: str, entry: object, known: Mapping[str, Provider]) -> JsConstructor:
    if not isinstance(entry, dict) or set(entry) - _JS_FIELDS:
        raise KnowledgeTableError(file, where, "expected a constructor spec")
    if entry.get("kind") not in _JS_KINDS:
        raise KnowledgeTableError(file, f"{where}.kind", f"one of {sorted(_JS_KINDS)}")
    provider = entry.get("provider")
    if provider is not None and provider not in known:
        raise KnowledgeTableError(file, f"{where}.provider", f"{provider!r} not in providers")
    keys = entry.get("endpoint_keys") or []
    if not isinstance(keys, list):
        raise KnowledgeTableError(file, f"{where}.endpoint_keys", "expected a list of paths")
    switches = entry.get("provider_keys") or {}
    if not isinstance(switches, dict) or any(
        not isinstance(k, str) or v not in known for k, v in switches.items()
    ):
        raise KnowledgeTableError(file, f"{where}.provider_keys", "expected key: known provider")
    return JsConstructor(
        provider_keys=tuple((str(k), str(v)) for k, v in switches.items()),
        kind=entry["kind"],
        provider=provider,
        package=str(entry.get("package") or ""),
        endpoint_keys=tuple(_strings(file, f"{where}.endpoint_keys", k) for k in keys),
        fixed=bool(entry.get("fixed", False)),
        model_keys=_strings(file, f"{where}.model_keys", entry["model_keys"])
        if "model_keys" in entry
        else ("model", "modelName"),
        framework=entry.get("framework"),
    )


@cache
def javascript_sdk() -> JavaScriptSdk:
    """``sdk_javascript.yaml``, loaded and checked once."""
    file = "sdk_javascript.yaml"
    raw = _load(file)
    known = provider_table().providers
    api: dict[tuple[str, str], JsConstructor] = {}
    for i, entry in enumerate(raw.get("api_classes") or []):
        ref = entry.get("import") if isinstance(entry, dict) else None
        if not (isinstance(ref, list) and len(ref) == 2 and all(isinstance(x, str) for x in ref)):
            raise KnowledgeTableError(file, f"api_classes[{i}].import", "expected [package, name]")
        api[(ref[0], ref[1])] = _js_spec(file, f"api_classes[{i}]", entry, known)
    sections: dict[str, dict[str, JsConstructor]] = {}
    for section in ("langchain", "llamaindex"):
        sections[section] = {
            str(name): _js_spec(file, f"{section}.{name}", spec, known)
            for name, spec in (raw.get(section) or {}).items()
        }
    excluded = set(_strings(file, "global_langchain_except", raw.get("global_langchain_except")))
    global_classes = {k: v for k, v in sections["langchain"].items() if k not in excluded}
    for name, ref in (raw.get("global_api_classes") or {}).items():
        key = tuple(ref) if isinstance(ref, list) else ()
        if key not in api:
            raise KnowledgeTableError(file, f"global_api_classes.{name}", "not in api_classes")
        global_classes[str(name)] = api[(key[0], key[1])]
    vercel: dict[str, tuple[str | None, bool]] = {}
    for pkg, entry in (raw.get("vercel_ai_sdk") or {}).items():
        provider = entry.get("provider") if isinstance(entry, dict) else None
        if provider is not None and provider not in known:
            raise KnowledgeTableError(
                file, f"vercel_ai_sdk.{pkg}", f"{provider!r} not in providers"
            )
        vercel[str(pkg)] = (provider, bool(entry.get("fixed", False)))
    return JavaScriptSdk(
        transformers_js=frozenset(_strings(file, "transformers_js", raw.get("transformers_js"))),
        hf_inference_package=str(raw["hf_inference_package"]),
        bedrock_runtime_package=str(raw["bedrock_runtime_package"]),
        api_classes=api,
        langchain=sections["langchain"],
        llamaindex=sections["llamaindex"],
        global_classes=global_classes,
        vercel_ai_sdk=vercel,
        methods=_js_methods(file, raw.get("methods")),
        browser_models=_browser_models(file, raw.get("browser_models")),
        model_only_orgs=frozenset(
            _strings(file, "model_only_orgs", raw.get("model_only_orgs") or [])
        ),
        subsystem_model_keys=frozenset(
            _strings(file, "subsystem_model_keys", raw.get("subsystem_model_keys") or [])
        ),
        enum_model_packages={
            str(k): str(v) for k, v in (raw.get("enum_model_packages") or {}).items()
        },
    )


def _browser_models(file: str, raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in raw.items()
    ):
        raise KnowledgeTableError(file, "browser_models", "expected call path -> model name")
    return dict(raw)


_JS_METHOD_KEYS = (
    "ai_core_functions",
    "ai_sdk_provider_methods",
    "api_model_words",
    "api_model_methods",
    "ollama",
)


def _js_methods(file: str, raw: object) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict) or set(raw) != set(_JS_METHOD_KEYS):
        raise KnowledgeTableError(file, "methods", f"needs exactly {list(_JS_METHOD_KEYS)}")
    return {k: frozenset(_strings(file, f"methods.{k}", raw[k])) for k in _JS_METHOD_KEYS}


@dataclass(frozen=True)
class PythonSdkNames:
    """Method names per client dialect and classes with dedicated recognisers (``sdk_python.yaml``)."""

    openai_paths: tuple[tuple[str, ...], ...]
    untracked_paths: tuple[tuple[str, ...], ...]
    ollama: frozenset[str]
    cohere: frozenset[str]
    bedrock: frozenset[str]
    hf: frozenset[str]
    google_genai: frozenset[str]
    google_generativeai: frozenset[str]
    replicate: frozenset[str]
    elevenlabs: frozenset[str]
    litellm: frozenset[str]
    http_functions: frozenset[str]
    package_loaders: frozenset[str]
    smolagents: frozenset[str]
    peft: frozenset[str]
    dashscope: frozenset[str]
    # model-string prefixes the OpenAI Agents SDK routes to a LiteLLM-style adapter
    openai_agents_routes: tuple[str, ...] = ()


@cache
def python_sdk_names() -> PythonSdkNames:
    """The ``methods`` and ``classes`` sections of ``sdk_python.yaml``."""
    file = "sdk_python.yaml"
    raw = _load(file)
    methods = raw.get("methods") or {}
    classes = raw.get("classes") or {}

    def paths(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(
            tuple(p.split(".")) for p in _strings(file, f"methods.{key}", methods.get(key))
        )

    def names(section: dict[str, Any], where: str, key: str) -> frozenset[str]:
        found = _strings(file, f"{where}.{key}", section.get(key))
        if not found:
            raise KnowledgeTableError(file, f"{where}.{key}", "missing or empty")
        return frozenset(found)

    return PythonSdkNames(
        openai_paths=paths("openai_paths"),
        untracked_paths=paths("untracked_paths"),
        **{
            k: names(methods, "methods", k)
            for k in ("ollama", "cohere", "bedrock", "hf", "replicate", "elevenlabs")
        },
        google_genai=names(methods, "methods", "google_genai"),
        google_generativeai=names(methods, "methods", "google_generativeai"),
        litellm=names(methods, "methods", "litellm"),
        http_functions=names(methods, "methods", "http_functions"),
        package_loaders=names(methods, "methods", "package_loaders"),
        **{k: names(classes, "classes", k) for k in ("smolagents", "peft", "dashscope")},
        openai_agents_routes=tuple(
            _strings(
                file,
                "route_prefixes.openai_agents",
                (raw.get("route_prefixes") or {}).get("openai_agents"),
            )
        ),
    )


# ---------------------------------------------------------------------------
# prefilter.yaml


@cache
def prefilter_words() -> Mapping[str, tuple[bytes, ...]]:
    """Scanner name -> lower-case words (bytes) without which a file of its kind names no model."""
    file = "prefilter.yaml"
    raw = _load(file).get("words")
    if not isinstance(raw, dict):
        raise KnowledgeTableError(file, "words", "expected a mapping of scanner name -> words")
    out: dict[str, tuple[bytes, ...]] = {}
    for kind, words in raw.items():
        listed = _strings(file, f"words.{kind}", words, lower=True)
        out[str(kind)] = tuple(sorted({w.encode() for w in listed}))
    return out


# ---------------------------------------------------------------------------
# setting_names.yaml


@dataclass(frozen=True)
class SettingNames:
    """Extra key-word sequences that name a model setting, and words that rule a key out."""

    suffixes: tuple[tuple[str, ...], ...]
    not_words: frozenset[str]
    # a constant whose name matches holds a lookup/capability/retired list, not a catalog
    not_catalog_name: re.Pattern[str]
    # words naming a model's role, which make a location key (vad_dir, PARAMS_ASR_ID) a model's
    model_role_words: frozenset[str] = frozenset()
    # last words of a key saying where a model is kept (model_dir, PARAMS_ASR_ID) ...
    location_words: frozenset[str] = frozenset()
    # ... and words making such a key somebody else's place (cache_dir, session_id)
    not_location_words: frozenset[str] = frozenset()
    # words of a callee or variable whose strings are never a model to use (load_dataset)
    not_use_words: frozenset[str] = frozenset()
    # words of a variable whose string is text to compare against, never code to run
    not_program_words: frozenset[str] = frozenset()
    # words of a setting whose weight-file value is a model loaded by its file name
    weight_words: frozenset[str] = frozenset()


@cache
def setting_names() -> SettingNames:
    """``setting_names.yaml``, loaded and checked once."""
    file = "setting_names.yaml"
    raw = _load(file)
    suffixes: list[tuple[str, ...]] = []
    for i, seq in enumerate(raw.get("suffixes") or []):
        suffixes.append(_strings(file, f"suffixes[{i}]", seq, lower=True))
        if not suffixes[-1]:
            raise KnowledgeTableError(file, f"suffixes[{i}]", "empty word sequence")
    fragments = _strings(file, "not_catalog_names", raw.get("not_catalog_names"))
    _patterns(file, "not_catalog_names", list(fragments))  # each fragment must compile alone
    return SettingNames(
        suffixes=tuple(suffixes),
        not_words=frozenset(_strings(file, "not_words", raw.get("not_words"), lower=True)),
        not_catalog_name=re.compile("|".join(f"(?:{f})" for f in fragments), re.IGNORECASE),
        model_role_words=frozenset(
            _strings(file, "model_role_words", raw.get("model_role_words"), lower=True)
        ),
        location_words=frozenset(
            _strings(file, "location_words", raw.get("location_words"), lower=True)
        ),
        not_location_words=frozenset(
            _strings(file, "not_location_words", raw.get("not_location_words"), lower=True)
        ),
        not_use_words=frozenset(
            _strings(file, "not_use_words", raw.get("not_use_words"), lower=True)
        ),
        not_program_words=frozenset(
            _strings(file, "not_program_words", raw.get("not_program_words"), lower=True)
        ),
        weight_words=frozenset(_strings(file, "weight_words", raw.get("weight_words"), lower=True)),
    )


# ---------------------------------------------------------------------------
# framework_enums.yaml


@dataclass(frozen=True)
class FrameworkEnums:
    """One framework's model and platform enums: member -> model id, member -> provider id."""

    name: str
    modules: tuple[str, ...]
    model_enum: str
    platform_enum: str
    models: Mapping[str, str]
    platforms: Mapping[str, str]
    provider: str | None = None  # an SDK of one provider: its models' provider


@cache
def framework_enums() -> tuple[FrameworkEnums, ...]:
    """``framework_enums.yaml``, loaded and checked once (platforms must be known providers)."""
    file = "framework_enums.yaml"
    raw = _load(file)
    known = provider_table().providers
    out: list[FrameworkEnums] = []
    for i, entry in enumerate(raw.get("frameworks") or []):
        where = f"frameworks[{i}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise KnowledgeTableError(file, where, "needs a name")
        platforms = _str_map(file, f"{where}.platforms", entry.get("platforms") or {})
        stray = sorted(p for p in platforms.values() if p not in known)
        if stray:
            raise KnowledgeTableError(file, f"{where}.platforms", f"unknown providers {stray}")
        out.append(
            FrameworkEnums(
                name=str(entry["name"]),
                modules=_strings(file, f"{where}.modules", entry.get("modules")),
                model_enum=str(entry.get("model_enum") or ""),
                platform_enum=str(entry.get("platform_enum") or ""),
                models=_str_map(file, f"{where}.models", entry.get("models") or {}),
                platforms=platforms,
                provider=_enum_provider(file, where, entry.get("provider"), known),
            )
        )
    return tuple(out)


def _enum_provider(file: str, where: str, value: object, known: Mapping[str, object]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in known:
        raise KnowledgeTableError(file, f"{where}.provider", f"unknown provider {value!r}")
    return value


# ---------------------------------------------------------------------------
# sdk_defaults.yaml


@cache
def sdk_default_models() -> Mapping[str, tuple[str, str]]:
    """Qualified SDK class -> (provider id, model) it uses when no model is given."""
    file = "sdk_defaults.yaml"
    known = provider_table().providers
    out: dict[str, tuple[str, str]] = {}
    for cls, entry in (_load(file).get("default_models") or {}).items():
        if (
            not isinstance(entry, dict)
            or entry.get("provider") not in known
            or not entry.get("model")
        ):
            raise KnowledgeTableError(
                file, f"default_models.{cls}", "needs a known provider and a model"
            )
        out[str(cls)] = (str(entry["provider"]), str(entry["model"]))
    return out


@cache
def sdk_default_model_modules() -> Mapping[str, tuple[str, ...]]:
    """Qualified SDK class -> module prefixes the class is also imported from (its own first)."""
    file = "sdk_defaults.yaml"
    out: dict[str, tuple[str, ...]] = {}
    for cls, entry in (_load(file).get("default_models") or {}).items():
        key = str(cls)
        extra = entry.get("modules") if isinstance(entry, dict) else None
        if extra is not None and not (
            isinstance(extra, list) and all(isinstance(m, str) and m for m in extra)
        ):
            raise KnowledgeTableError(
                file, f"default_models.{cls}.modules", "expected module names"
            )
        out[key] = (key.rsplit(".", 1)[0], *(extra or []))
    return out


def sdk_default_model_for(qualified: str) -> tuple[str, str] | None:
    """(provider id, model) the SDK class ``qualified`` uses when the call names no model.

    ``langchain_openai.embeddings.OpenAIEmbeddings`` matches the entry
    ``langchain_openai.OpenAIEmbeddings`` (same class, under one of its modules).
    """
    table = sdk_default_models()
    if qualified in table:
        return table[qualified]
    last = qualified.rsplit(".", 1)[-1]
    for key, modules in sdk_default_model_modules().items():
        if key.rsplit(".", 1)[-1] == last and any(
            qualified == f"{m}.{last}" or qualified.startswith(f"{m}.") for m in modules
        ):
            return table[key]
    return None


@cache
def country_names() -> Mapping[str, str]:
    """ISO 3166-1 alpha-2 code -> short English name, for display next to the code."""
    file = "countries.yaml"
    names = _str_map(file, "names", _load(file).get("names"))
    for code in names:
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise KnowledgeTableError(file, f"names.{code}", "expected an ISO 3166-1 alpha-2 code")
    return names


# ---------------------------------------------------------------------------
# sdk_go.yaml


@dataclass(frozen=True)
class GoSdk:
    """A Go provider SDK package (see ``sdk_go.yaml``)."""

    path: str
    provider: str
    client: str
    name: str | None = None
    endpoint: str | None = None
    fixed: bool = False
    constructors: frozenset[str] = frozenset()
    azure_constructors: frozenset[str] = frozenset()
    endpoint_options: frozenset[str] = frozenset()
    model_options: frozenset[str] = frozenset()
    vertex: str | None = None
    constants: Mapping[str, str] = field(default_factory=dict)


@cache
def go_sdks() -> Mapping[str, GoSdk]:
    """Import path (major-version elements removed) -> its SDK spec (``sdk_go.yaml``)."""
    file = "sdk_go.yaml"
    raw = _load(file)
    packages = raw.get("packages")
    if not isinstance(packages, dict):
        raise KnowledgeTableError(file, "packages", "expected a mapping")
    out: dict[str, GoSdk] = {}
    for path, spec in packages.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("provider"), str):
            raise KnowledgeTableError(file, str(path), "expected a mapping with a provider")
        consts = spec.get("constants") or {}
        if not isinstance(consts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in consts.items()
        ):
            raise KnowledgeTableError(file, f"{path}.constants", "expected name -> model id")
        out[str(path)] = GoSdk(
            path=str(path),
            provider=spec["provider"],
            client=str(spec.get("client") or path),
            name=spec.get("name"),
            endpoint=spec.get("endpoint"),
            fixed=bool(spec.get("fixed", False)),
            constructors=frozenset(_strings(file, path, spec.get("constructors"))),
            azure_constructors=frozenset(_strings(file, path, spec.get("azure_constructors"))),
            endpoint_options=frozenset(_strings(file, path, spec.get("endpoint_options"))),
            model_options=frozenset(_strings(file, path, spec.get("model_options"))),
            vertex=spec.get("vertex"),
            constants=dict(consts),
        )
    return out
