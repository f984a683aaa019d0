"""The JS/TS evaluator's value model and what it knows about packages (from knowledge)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import (
    get_provider,
    provider_alias,
    provider_for_model_name,
)
from aibom.knowledge.tables import JsConstructor, javascript_sdk, setting_names
from aibom.scanners.kernel import key_words

_MAX_DEPTH = 48  # evaluator recursion budget per value
_MAX_STRING = 1000
# ---------------------------------------------------------------------------
# What the evaluator knows about packages

_SDK = javascript_sdk()  # knowledge/data/sdk_javascript.yaml
TRANSFORMERS_JS = _SDK.transformers_js
HF_INFERENCE = _SDK.hf_inference_package
BEDROCK_RUNTIME = _SDK.bedrock_runtime_package
_API_CLASSES = _SDK.api_classes
_LANGCHAIN = _SDK.langchain
_LLAMAINDEX = _SDK.llamaindex
_GLOBAL_CLASSES = _SDK.global_classes
_AI_SDK = _SDK.vercel_ai_sdk
_BROWSER_MODELS = _SDK.browser_models  # "LanguageModel.create" -> "gemini-nano"
_BROWSER_GLOBALS = ("window", "self", "globalThis")
_OLLAMA = _API_CLASSES[("ollama", "Ollama")]
_HF = _API_CLASSES[(HF_INFERENCE, "HfInference")]

# Method and function names that take a model (sdk_javascript.yaml "methods").
_AI_CORE_FUNCTIONS = _SDK.methods["ai_core_functions"]
_AI_SDK_METHODS = _SDK.methods["ai_sdk_provider_methods"]
# ``ai`` functions that build a provider registry, and the registry's model methods
_REGISTRY_FACTORIES = frozenset({"createProviderRegistry", "experimental_createProviderRegistry"})
_REGISTRY_METHODS = frozenset(
    {"languageModel", "textEmbeddingModel", "embeddingModel", "imageModel",
     "transcriptionModel", "speechModel", "rerankingModel"}
)  # fmt: skip
_API_MODEL_WORDS = _SDK.methods["api_model_words"]
_API_MODEL_METHODS = _SDK.methods["api_model_methods"]
_OLLAMA_MODEL_METHODS = _SDK.methods["ollama"]

_MODEL_NAME_HINT = re.compile(r"models?|llms?", re.IGNORECASE)
# a constant whose name says lookup table, capability list or retired models: not a catalog
_NOT_CATALOG_NAME = setting_names().not_catalog_name
_MODULE_SUFFIXES = (
    ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
    "/index.ts", "/index.tsx", "/index.js", "/index.jsx", "/index.mjs",
)  # fmt: skip
_LLM_API_PATH = re.compile(
    r"/(?:chat/completions|completions|embeddings|responses|messages|images/generations|audio/\w+|"
    r"api/(?:generate|chat|embed|embeddings|pull)|models/[^/]+:\w+Content|v\d+/models/[^/]+:predict)\b"
)
_ID_KEYS = (
    "id", "model", "modelId", "model_id", "modelName", "model_name", "repo", "repoId", "repo_id",
    "hfRepo", "hf_repo", "value", "name", "key", "slug",
)  # fmt: skip
_PROVIDER_KEYS = (
    "provider", "providerId", "provider_id", "vendor", "owned_by", "ownedBy", "organization",
)  # fmt: skip
# a catalog entry's list of the providers that offer it (``providerOptions: ["groq", "ollama"]``)
_PROVIDER_LIST_KEYS = ("providerOptions", "providers", "provider_options", "availableProviders")
# keys naming the model inside an entry's nested objects (``params: {model: "..."}``)
_NESTED_MODEL_KEYS = ("model", "modelId", "model_id", "modelName", "model_name")
# a class field declaring the provider a class speaks for (``static providerName = "groq"``)
_PROVIDER_FIELDS = ("providerName", "provider", "providerId", "provider_id", "providerType")
# keys whose value is the base URL of an API (``defaultOptions = {apiBase: "https://..."}``)
_ENDPOINT_KEYS = frozenset(
    {
        "apiBase", "apiBaseUrl", "apiBaseURL", "api_base", "baseURL", "baseUrl", "base_url",
        "apiUrl", "apiURL", "api_url", "apiEndpoint", "api_endpoint",
    }
)  # fmt: skip
# a form field descriptor: the key naming the field, and the keys of its list of choices
_FIELD_NAME_KEYS = ("value", "key", "name", "id", "field")
_OPTION_LIST_KEYS = ("options", "choices", "values", "items", "enum")

# ---------------------------------------------------------------------------
# Evaluated values


class _Unresolved:
    def __repr__(self) -> str:
        return "<unresolved>"


UNRESOLVED = _Unresolved()
_ENV_OBJ = object()  # process.env / import.meta.env
_IMPORT_META = object()


@dataclass(frozen=True)
class _This:
    cls: tuple[int, int] | None  # byte range of the enclosing class; None outside classes


@dataclass(frozen=True)
class _EnvRef:
    name: str


@dataclass
class _ObjVal:
    entries: dict[str, Any]  # key -> value Node
    keys: dict[str, Any]  # key -> the pair Node (for lines)
    complete: bool = True  # False when a spread could not be resolved


@dataclass
class _ArrVal:
    items: list[Any]


@dataclass
class _EnumVal:
    members: dict[str, Any]  # member -> value Node or None


@dataclass(frozen=True)
class _ImportRef:
    module: str | None  # None: a global name, nothing imported
    path: tuple[str, ...]  # () for a namespace / CommonJS module, ("default",), ("OpenAI", ...)

    @property
    def package(self) -> str | None:
        return _package(self.module) if self.module is not None else None


@dataclass
class _ClientVal:
    spec: JsConstructor
    provider: str | None  # None: decided per call from the model name (endpoint unresolved)
    endpoint: str | None
    origin: int  # start byte of the constructor call; -1 for a default instance
    line: int = 0
    endpoint_env: str | None = None


@dataclass(frozen=True)
class _MethodRef:
    client: _ClientVal
    path: tuple[str, ...]


@dataclass
class _ProviderFn:
    provider: str | None
    endpoint: str | None
    package: str
    ollama: bool


@dataclass(frozen=True)
class _ProviderMethod:
    fn: _ProviderFn
    method: str


@dataclass(frozen=True)
class _Registry:
    """``createProviderRegistry({openai, anthropic})``: provider instances by id prefix
    (``registry.languageModel("openai:gpt-4o")``)."""

    providers: tuple[tuple[str, _ProviderFn], ...]
    separator: str = ":"


@dataclass(frozen=True)
class _RegistryMethod:
    registry: _Registry
    method: str


@dataclass(frozen=True)
class _UnknownMember:
    path: tuple[str, ...]  # properties after an unknown receiver


@dataclass(frozen=True)
class _Via:
    """How a model is reached: the service (provider, endpoint, client) or the local runtime."""

    provider: str | None = None  # None: decided from the model name
    endpoint: str | None = None
    client: str | None = None
    ollama: bool = False  # the model is an Ollama tag
    framework: str | None = None  # for model findings


_TRANSFORMERS_JS_VIA = _Via(framework="transformers.js")


def _inside(inner: Any, outer: Any) -> bool:
    return bool(outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte)


def _is_concrete(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool))


_CDN_PREFIXES = (
    "https://esm.sh/", "https://cdn.jsdelivr.net/npm/", "https://unpkg.com/",
    "https://cdn.skypack.dev/", "https://esm.run/", "https://ga.jspm.io/npm:", "npm:",
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _package(module: str) -> str:
    """npm package of an import specifier (``@scope/pkg/sub`` -> ``@scope/pkg``; CDN URLs too)."""
    m = module
    for prefix in _CDN_PREFIXES:
        if m.startswith(prefix):
            m = m[len(prefix) :]
            break
    if m.startswith("@"):
        parts = m.split("/")
        pkg = "/".join(parts[:2])
        scope, _, rest = pkg.partition("/")
        return scope + "/" + rest.split("@")[0]
    return m.split("/")[0].split("@")[0]


def _is_langchain(pkg: str | None) -> bool:
    return pkg is not None and (pkg.startswith("@langchain/") or pkg == "langchain")


def _is_llamaindex(pkg: str | None) -> bool:
    return pkg is not None and (pkg.startswith("@llamaindex/") or pkg == "llamaindex")


@functools.lru_cache(maxsize=4096)  # the provider table is loaded once and never changes
def _provider_alias(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().lower()
    if get_provider(t) is not None:
        return t
    found = provider_alias(t, "names")
    if found is None and t.endswith(("-ai", "_ai", " ai")) and len(t) > 5:
        # "together-ai", "perplexity-ai": a provider's slug with an "AI" suffix
        return _provider_alias(t[:-3])
    return found


ModuleReader = Callable[[str], "str | None"]


@dataclass
class _Binding:
    scope: tuple[int, int]
    kind: str  # const | let | var | param | decl | loop
    value: Any = None  # Node
    key: str | None = None  # destructured property of ``value``
    default: Any = None  # Node
    name: str = ""


_SCOPES = frozenset(
    {
        "program", "statement_block", "function_declaration", "function_expression", "function",
        "arrow_function", "method_definition", "generator_function_declaration", "generator_function",
        "for_statement", "for_in_statement", "class_body", "switch_body", "catch_clause",
    }
)  # fmt: skip


def _http_client(ref: _ImportRef) -> tuple[str, bool] | None:
    """(client id, payload is the 2nd argument) when ``ref`` is an HTTP request function."""
    pkg = ref.package
    path = ref.path
    if pkg is None:
        return (
            ("fetch", False)
            if path in (("fetch",), ("$fetch",), ("window", "fetch"), ("globalThis", "fetch"))
            else None
        )
    if pkg in ("node-fetch", "cross-fetch", "isomorphic-fetch") and path in (("default",), ()):
        return ("fetch", False)
    if pkg in ("ofetch", "undici") and path in (("ofetch",), ("$fetch",), ("fetch",)):
        return ("fetch", False)
    if pkg == "axios" and len(path) == 2 and path[0] == "default" and path[1] in ("post", "put"):
        return ("axios", True)
    if pkg == "axios" and path in (("post",), ("put",)):
        return ("axios", True)
    return None


def _recognised(value: str, hint: str | None) -> bool:
    v = value.strip()
    if not v or v[-1] in "-/:._":
        return False
    if hint == "ollama":
        return classify_model_value(v, context="ollama") is not None
    return classify_model_value(v) is not None  # a hosted provider vouches in catalogs.py


# open-weight families a publisher also serves: under its prefix they are Hugging Face repos
_OPEN_WEIGHT_NAMES = ("gemma", "gpt-oss", "whisper", "clip")
# a parameter count in the name (7b, 8x7b, 270m): open weights, never a hosted API name
_PARAMETER_COUNT = re.compile(r"(?:^|[-_.])(?:\d+x)?\d+(?:\.\d+)?[bm](?:[-_.]|$)", re.IGNORECASE)


def _publisher_hosted(value: str) -> str | None:
    """The provider of ``google/gemini-2.5-pro``: a publisher's own prefix on its own hosted
    model name (Vertex AI's OpenAI-compatible ids, ``openai/gpt-4o``), not a hub repo."""
    head, sep, rest = value.strip().partition("/")
    if (
        not sep
        or not rest
        or "/" in rest
        # Hugging Face casing (``Qwen/Qwen3.7-Max``), as Together and its kin name models: the
        # publishers' own API names are lower-case (``qwen/qwen-max``, ``openai/gpt-4o``)
        or rest != rest.lower()
        or rest.lower().startswith(_OPEN_WEIGHT_NAMES)
        or _PARAMETER_COUNT.search(rest)
    ):
        return None
    provider = _provider_alias(head)
    if provider is None or provider_for_model_name(rest) != provider:
        return None
    return provider


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(seq: str) -> str:
    """A JavaScript escape sequence's character: ``\\n``, ``\\x41``, ``\\u{1F600}``; any other
    escaped character (``\\/``, ``\\'``) stands for itself, as in JavaScript."""
    body = seq[1:]
    if not body:
        return ""
    head = body[0]
    if len(body) == 1 and head in _JS_ESCAPES:
        return _JS_ESCAPES[head]
    if head in "xu" and len(body) > 1:
        try:
            return chr(int(body[1:].strip("{}"), 16))
        except (ValueError, OverflowError):
            return body
    if head in "\r\n\u2028\u2029":
        return ""  # a line continuation
    return body


def _number(text: str) -> int | float | _Unresolved:
    t = text.replace("_", "").lower().rstrip("n")
    try:
        if t.startswith(("0x", "0o", "0b")):
            return int(t, 0)
        f = float(t)
        return int(f) if f.is_integer() and "." not in t and "e" not in t else f
    except ValueError:
        return UNRESOLVED


def _js_str(v: str | int | float) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def backend_group(key: str) -> tuple[tuple[str, ...], str] | None:
    """(backend, role) of a key of a settings group that holds one backend's server and model
    side by side: ``ppioHost`` -> ((ppio,), host), ``claudeApiHost`` -> ((claude,), host),
    ``ollamaBaseUrl`` -> ((ollama,), host), ``lmStudioModel`` -> ((lm, studio), model)."""
    words = key_words(key)
    if len(words) < 2:
        return None
    if words[-1] == "model":
        return words[:-1], "model"
    if words[-1] in ("host", "url", "endpoint"):
        rest = words[:-1]
        while rest and rest[-1] in ("api", "base", "server"):
            rest = rest[:-1]
        return (rest, "host") if rest else None
    return None


def is_backend_host_key(key: str) -> bool:
    """``ollamaHost``, ``siliconCloudHost``, ``claudeApiHost``: a backend's server address (the
    value decides: only a URL at a known provider's host, or a local server, is reported)."""
    words = key_words(key)
    return bool(words) and words[-1] == "host"
