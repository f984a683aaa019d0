"""JavaScript / TypeScript sources: AI SDK clients, transformers.js, LangChain.js, model catalogs.

Files are parsed with tree-sitter (a real syntax tree: comments, JSX text, template
literals and unrelated strings never look like calls). A small static evaluator
resolves values through literals, ``const`` bindings of the same file, constant
template literals, ``process.env.X ?? 'default'`` defaults and object constants.

Nothing is executed. Bundles and minified files are skipped with an info diagnostic.
"""

from __future__ import annotations

import codecs
import functools
import posixpath
import re
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar
from urllib.parse import urlsplit

from aibom.inventory import Diagnostic, Finding, Location, ModelFinding, ModelKind, ServiceFinding
from aibom.lineage.providers import (
    get_provider,
    provider_for_endpoint,
    provider_for_model_name,
    providers,
)
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.model_names import classify_model_value
from aibom.walk import SourceFile

MAX_JS_BYTES = 2 * 1024 * 1024
MAX_LINE_CHARS = 10_000
_MAX_DEPTH = 48  # evaluator recursion budget per value
_MAX_STRING = 1000

_SUFFIXES = {
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
}
_MARKUP_SUFFIXES = frozenset({".vue", ".svelte", ".html", ".htm"})  # scanned for <script> blocks
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_SCRIPT_TYPE = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SCRIPT_LANG = re.compile(r"\blang\s*=\s*[\"']?(ts|typescript|tsx)\b", re.IGNORECASE)
_JS_SCRIPT_TYPES = frozenset(
    {"module", "text/javascript", "application/javascript", "text/typescript"}
)
_SKIP_SUFFIXES = (
    ".min.js",
    ".min.mjs",
    ".min.cjs",
    ".bundle.js",
    ".chunk.js",
    ".d.ts",
    ".d.mts",
    ".d.cts",
)
_BUILD_DIRS = frozenset(
    {"dist", "build", ".next", ".nuxt", ".output", ".svelte-kit", "coverage", "storybook-static"}
)
# Cheap pre-filter: a file with none of these words cannot hold anything we report.
_RELEVANT = re.compile(
    r"model|llm|openai|anthropic|ollama|huggingface|transformers|langchain|ai-sdk|inference|"
    r"genai|generative|mistral|groq|cohere|bedrock|deepseek|together",
    re.IGNORECASE,
)
_LONG_LINE = re.compile(r"[^\n]{" + str(MAX_LINE_CHARS + 1) + "}")

# ---------------------------------------------------------------------------
# What the evaluator knows about packages

TRANSFORMERS_JS = frozenset({"@huggingface/transformers", "@xenova/transformers"})
HF_INFERENCE = "@huggingface/inference"
BEDROCK_RUNTIME = "@aws-sdk/client-bedrock-runtime"


@dataclass(frozen=True)
class _ClassSpec:
    """A constructor we understand."""

    # "client" (model per call) | "ollama" | "ctor" (model in the constructor: LangChain,
    # LlamaIndex) | "hub-ctor" (a local hub model named in the constructor) | "bedrock-command"
    kind: str
    provider: str | None
    package: str
    endpoint_keys: tuple[tuple[str, ...], ...] = ()
    fixed: bool = False  # the provider does not change with the endpoint (Azure, Ollama, ...)
    model_keys: tuple[str, ...] = ("model", "modelName")
    framework: str | None = None  # for model findings (Ollama tags, local hub models)


def _client(provider: str, package: str, *keys: str, fixed: bool = False) -> _ClassSpec:
    return _ClassSpec("client", provider, package, tuple((k,) for k in keys), fixed)


_OPENAI = _client("openai", "openai", "baseURL")
_AZURE = _client("azure-openai", "openai", "endpoint", "baseURL", fixed=True)
_ANTHROPIC = _client("anthropic", "@anthropic-ai/sdk", "baseURL")
_HF = _client("huggingface", HF_INFERENCE, fixed=True)
_OLLAMA = _ClassSpec("ollama", "ollama", "ollama", (("host",),), fixed=True)
_GOOGLE_GENAI = _client("google", "@google/generative-ai", fixed=True)
_GOOGLE_GENAI2 = _client("google", "@google/genai", fixed=True)
_MISTRAL = _client("mistral", "@mistralai/mistralai", "serverURL", "endpoint")
_GROQ = _client("groq", "groq-sdk", "baseURL")
_TOGETHER = _client("together", "together-ai", "baseURL")
_COHERE = _client("cohere", "cohere-ai", "environment")
_BEDROCK = _client("aws-bedrock", BEDROCK_RUNTIME, fixed=True)

# (package, exported name) -> constructor; "default" is the default export / CommonJS module.
_API_CLASSES: dict[tuple[str, str], _ClassSpec] = {
    ("openai", "default"): _OPENAI,
    ("openai", "OpenAI"): _OPENAI,
    ("openai", "AzureOpenAI"): _AZURE,
    ("openai", "OpenAIApi"): _OPENAI,
    ("@anthropic-ai/sdk", "default"): _ANTHROPIC,
    ("@anthropic-ai/sdk", "Anthropic"): _ANTHROPIC,
    ("@anthropic-ai/bedrock-sdk", "AnthropicBedrock"): _client(
        "aws-bedrock", "@anthropic-ai/bedrock-sdk", fixed=True
    ),
    ("@anthropic-ai/bedrock-sdk", "default"): _client(
        "aws-bedrock", "@anthropic-ai/bedrock-sdk", fixed=True
    ),
    ("@anthropic-ai/vertex-sdk", "AnthropicVertex"): _client(
        "google", "@anthropic-ai/vertex-sdk", fixed=True
    ),
    (HF_INFERENCE, "HfInference"): _HF,
    (HF_INFERENCE, "InferenceClient"): _HF,
    ("@google/generative-ai", "GoogleGenerativeAI"): _GOOGLE_GENAI,
    ("@google/genai", "GoogleGenAI"): _GOOGLE_GENAI2,
    ("@mistralai/mistralai", "Mistral"): _MISTRAL,
    ("@mistralai/mistralai", "default"): _MISTRAL,
    ("groq-sdk", "default"): _GROQ,
    ("groq-sdk", "Groq"): _GROQ,
    ("together-ai", "default"): _TOGETHER,
    ("together-ai", "Together"): _TOGETHER,
    ("cohere-ai", "CohereClient"): _COHERE,
    ("cohere-ai", "CohereClientV2"): _COHERE,
    ("ollama", "Ollama"): _OLLAMA,
    ("ollama/browser", "Ollama"): _OLLAMA,
    (BEDROCK_RUNTIME, "BedrockRuntimeClient"): _BEDROCK,
}
for _cmd in (
    "ConverseCommand",
    "ConverseStreamCommand",
    "InvokeModelCommand",
    "InvokeModelWithResponseStreamCommand",
):
    _API_CLASSES[(BEDROCK_RUNTIME, _cmd)] = _ClassSpec(
        "bedrock-command", "aws-bedrock", BEDROCK_RUNTIME, fixed=True, model_keys=("modelId",)
    )


def _lc(
    provider: str,
    package: str,
    *endpoint: tuple[str, ...],
    fixed: bool = False,
    models: tuple[str, ...] = (),
) -> _ClassSpec:
    return _ClassSpec(
        "ctor", provider, package, endpoint, fixed, models or ("model", "modelName"), "langchain"
    )


def _li(provider: str | None, *endpoint: tuple[str, ...], fixed: bool = True, kind: str = "ctor",
        models: tuple[str, ...] = ("model",)) -> _ClassSpec:  # fmt: skip
    return _ClassSpec(kind, provider, "llamaindex", endpoint, fixed, models, "llama-index")


# LlamaIndex.TS: the model is named in the constructor; HuggingFaceEmbedding runs locally.
_LLAMAINDEX: dict[str, _ClassSpec] = {
    "OpenAI": _li("openai", ("baseURL",), ("additionalSessionOptions", "baseURL"), fixed=False),
    "OpenAIEmbedding": _li(
        "openai", ("baseURL",), ("additionalSessionOptions", "baseURL"), fixed=False
    ),
    "Anthropic": _li("anthropic"),
    "Ollama": _li("ollama"),
    "OllamaEmbedding": _li("ollama"),
    "Gemini": _li("google"),
    "GeminiEmbedding": _li("google"),
    "Groq": _li("groq"),
    "DeepSeekLLM": _li("deepseek"),
    "MistralAI": _li("mistral"),
    "MistralAIEmbedding": _li("mistral"),
    "HuggingFaceEmbedding": _li(None, kind="hub-ctor", models=("modelType", "model")),
}

# initChatModel("provider:model") / {modelProvider}: LangChain provider names.
_LC_PROVIDERS = {
    "openai": "openai", "anthropic": "anthropic", "azure_openai": "azure-openai",
    "google-vertexai": "google", "google-vertexai-web": "google", "google-genai": "google",
    "bedrock": "aws-bedrock", "cohere": "cohere", "fireworks": "fireworks", "together": "together",
    "mistralai": "mistral", "groq": "groq", "ollama": "ollama", "cerebras": "cerebras",
    "deepseek": "deepseek", "xai": "xai",
}  # fmt: skip
# Vercel AI SDK core functions that accept a gateway model string ("openai/gpt-4o").
_AI_CORE_FUNCTIONS = frozenset(
    {"generateText", "streamText", "generateObject", "streamObject", "embed", "embedMany"}
)


_LC_OPENAI_EP = (("configuration", "baseURL"), ("configuration", "basePath"))
_LC_AZURE_MODELS = ("model", "modelName", "azureOpenAIApiDeploymentName", "deploymentName")
_LANGCHAIN: dict[str, _ClassSpec] = {
    "ChatOpenAI": _lc("openai", "@langchain/openai", *_LC_OPENAI_EP),
    "OpenAI": _lc("openai", "@langchain/openai", *_LC_OPENAI_EP),
    "OpenAIEmbeddings": _lc("openai", "@langchain/openai", *_LC_OPENAI_EP),
    "AzureChatOpenAI": _lc(
        "azure-openai", "@langchain/openai", fixed=True, models=_LC_AZURE_MODELS
    ),
    "AzureOpenAI": _lc("azure-openai", "@langchain/openai", fixed=True, models=_LC_AZURE_MODELS),
    "AzureOpenAIEmbeddings": _lc(
        "azure-openai", "@langchain/openai", fixed=True, models=_LC_AZURE_MODELS
    ),
    "ChatAnthropic": _lc(
        "anthropic", "@langchain/anthropic", ("anthropicApiUrl",), ("clientOptions", "baseURL")
    ),
    "ChatOllama": _lc("ollama", "@langchain/ollama", ("baseUrl",), fixed=True),
    "Ollama": _lc("ollama", "@langchain/ollama", ("baseUrl",), fixed=True),
    "OllamaEmbeddings": _lc("ollama", "@langchain/ollama", ("baseUrl",), fixed=True),
    "HuggingFaceInferenceEmbeddings": _lc("huggingface", "@langchain/community", fixed=True),
    "HuggingFaceInference": _lc("huggingface", "@langchain/community", fixed=True),
    "ChatDeepSeek": _lc("deepseek", "@langchain/deepseek", *_LC_OPENAI_EP),
    "ChatAlibabaTongyi": _lc("alibaba-dashscope", "@langchain/community", fixed=True),
    "AlibabaTongyiEmbeddings": _lc("alibaba-dashscope", "@langchain/community", fixed=True),
    "ChatMistralAI": _lc("mistral", "@langchain/mistralai", ("endpoint",), ("serverURL",)),
    "MistralAIEmbeddings": _lc("mistral", "@langchain/mistralai", ("endpoint",), ("serverURL",)),
    "ChatGoogleGenerativeAI": _lc("google", "@langchain/google-genai", fixed=True),
    "GoogleGenerativeAIEmbeddings": _lc("google", "@langchain/google-genai", fixed=True),
    "ChatVertexAI": _lc("google", "@langchain/google-vertexai", fixed=True),
    "VertexAIEmbeddings": _lc("google", "@langchain/google-vertexai", fixed=True),
    "ChatGroq": _lc("groq", "@langchain/groq", fixed=True),
    "ChatTogetherAI": _lc("together", "@langchain/community", fixed=True),
    "ChatFireworks": _lc("fireworks", "@langchain/community", fixed=True),
    "ChatCohere": _lc("cohere", "@langchain/cohere", fixed=True),
    "CohereEmbeddings": _lc("cohere", "@langchain/cohere", fixed=True),
    "ChatXAI": _lc("xai", "@langchain/xai", fixed=True),
    "ChatBedrockConverse": _lc("aws-bedrock", "@langchain/aws", fixed=True),
    "BedrockChat": _lc("aws-bedrock", "@langchain/community", fixed=True),
    "BedrockEmbeddings": _lc("aws-bedrock", "@langchain/aws", fixed=True),
    "ChatZhipuAI": _lc("zhipu", "@langchain/community", fixed=True),
    "ChatMoonshot": _lc("moonshot", "@langchain/community", fixed=True),
    "ChatBaiduQianfan": _lc("baidu", "@langchain/baidu-qianfan", fixed=True),
    "ChatBaiduWenxin": _lc("baidu", "@langchain/community", fixed=True),
    "ChatTencentHunyuan": _lc("tencent-hunyuan", "@langchain/community", fixed=True),
    "ChatMinimax": _lc("minimax", "@langchain/community", fixed=True),
    "ChatCerebras": _lc("cerebras", "@langchain/cerebras", fixed=True),
    "ChatDeepInfra": _lc("deepinfra", "@langchain/community", fixed=True),
    "ChatPerplexity": _lc("perplexity", "@langchain/community", fixed=True),
}

# Constructors recognised without an import (distinctive names only).
_GLOBAL_CLASSES: dict[str, _ClassSpec] = {
    **{k: v for k, v in _LANGCHAIN.items() if k not in ("OpenAI", "Ollama", "AzureOpenAI")},
    "OpenAI": _OPENAI,
    "AzureOpenAI": _AZURE,
    "Anthropic": _ANTHROPIC,
    "HfInference": _HF,
    "InferenceClient": _HF,
    "GoogleGenerativeAI": _GOOGLE_GENAI,
    "GoogleGenAI": _GOOGLE_GENAI2,
    "Ollama": _OLLAMA,
}

# Vercel AI SDK provider packages: package -> (default provider, provider fixed by the package).
_AI_SDK: dict[str, tuple[str | None, bool]] = {
    "@ai-sdk/openai": ("openai", False),
    "@ai-sdk/anthropic": ("anthropic", False),
    "@ai-sdk/google": ("google", True),
    "@ai-sdk/google-vertex": ("google", True),
    "@ai-sdk/mistral": ("mistral", False),
    "@ai-sdk/deepseek": ("deepseek", False),
    "@ai-sdk/groq": ("groq", False),
    "@ai-sdk/xai": ("xai", False),
    "@ai-sdk/togetherai": ("together", False),
    "@ai-sdk/fireworks": ("fireworks", False),
    "@ai-sdk/cohere": ("cohere", True),
    "@ai-sdk/amazon-bedrock": ("aws-bedrock", True),
    "@ai-sdk/azure": ("azure-openai", True),
    "@ai-sdk/perplexity": ("perplexity", False),
    "@ai-sdk/cerebras": ("cerebras", False),
    "@ai-sdk/deepinfra": ("deepinfra", False),
    "@ai-sdk/openai-compatible": (None, False),
    "@openrouter/ai-sdk-provider": ("openrouter", False),
    "ollama-ai-provider": ("ollama", True),
    "ollama-ai-provider-v2": ("ollama", True),
    "ai-sdk-ollama": ("ollama", True),
    "qwen-ai-provider": ("alibaba-dashscope", False),
}
_AI_SDK_METHODS = frozenset(
    {
        "chat", "languageModel", "responses", "completion", "embedding", "textEmbedding",
        "textEmbeddingModel", "image", "imageModel", "transcription", "speech", "chatModel", "messages",
    }
)  # fmt: skip

# Method chains that take {model} on an OpenAI-compatible / Anthropic client.
_API_MODEL_WORDS = frozenset(
    {"chat", "completions", "responses", "embeddings", "messages", "images", "moderations", "audio"}
)
_API_MODEL_METHODS = frozenset(
    {
        "getGenerativeModel",
        "generateContent",
        "generateContentStream",
        "embedContent",
        "chat",
        "chatStream",
        "embed",
    }
)
_OLLAMA_MODEL_METHODS = frozenset(
    {"chat", "generate", "embed", "embeddings", "pull", "show", "create", "push"}
)

_PROVIDER_ALIASES = {
    "azure": "azure-openai", "azureopenai": "azure-openai", "gemini": "google", "vertex": "google",
    "vertexai": "google", "googleai": "google", "bedrock": "aws-bedrock", "aws": "aws-bedrock",
    "amazon": "aws-bedrock", "qwen": "alibaba-dashscope", "dashscope": "alibaba-dashscope",
    "alibaba": "alibaba-dashscope", "tongyi": "alibaba-dashscope", "aliyun": "alibaba-dashscope",
    "kimi": "moonshot", "zhipuai": "zhipu", "glm": "zhipu", "bigmodel": "zhipu", "doubao": "bytedance-ark",
    "volcengine": "bytedance-ark", "ark": "bytedance-ark", "hunyuan": "tencent-hunyuan",
    "tencent": "tencent-hunyuan", "ernie": "baidu", "qianfan": "baidu", "wenxin": "baidu",
    "lingyiwanwu": "01-ai", "yi": "01-ai", "togetherai": "together", "hf": "huggingface",
    "hugging-face": "huggingface", "x-ai": "xai", "grok": "xai", "claude": "anthropic",
    "mistralai": "mistral", "siliconcloud": "siliconflow",
}  # fmt: skip

_MODEL_NAME_HINT = re.compile(r"models?|llms?", re.IGNORECASE)
_NOT_CATALOG_NAME = re.compile(
    r"prefix|limit|token|context|window|price|pricing|cost|max|length|rate|deprecat|legacy|block|"
    r"ban(ned)?\b|exclu|disallow|unsupported|capab|pattern|regex|"
    # capability lists: which models can do something, not which the product offers
    r"reason|vision|think|tool|function|multimodal|stream|warn|supporting|supports|json|"
    r"structured|requir|without|no_?system|temperature",
    re.IGNORECASE,
)
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
    "hfRepo", "hf_repo", "value", "name", "slug",
)  # fmt: skip
_PROVIDER_KEYS = ("provider", "providerId", "provider_id", "vendor", "owned_by", "ownedBy")

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
    spec: _ClassSpec
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


def _provider_alias(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().lower()
    if t in providers():
        return t
    return _PROVIDER_ALIASES.get(t)


def _text(node: Any) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def _line(node: Any) -> int:
    return int(node.start_point[0]) + 1


def _named(node: Any) -> list[Any]:
    return [c for c in node.named_children if c.type != "comment"]


def _unwrap(node: Any) -> Any:
    while node is not None and node.type in (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
    ):
        kids = _named(node)
        if not kids:
            return node
        node = kids[0]
    return node


# ---------------------------------------------------------------------------
# Parsers


_local = threading.local()


def _parser(lang: str) -> Any:
    """A tree-sitter parser for ``javascript``, ``typescript`` or ``tsx`` (one per thread)."""
    cache = getattr(_local, "parsers", None)
    if cache is None:
        cache = _local.parsers = {}
    if lang not in cache:
        from tree_sitter import Language, Parser

        if lang == "javascript":
            import tree_sitter_javascript as tsjs

            language = Language(tsjs.language())
        else:
            import tree_sitter_typescript as tsts

            language = Language(
                tsts.language_tsx() if lang == "tsx" else tsts.language_typescript()
            )
        cache[lang] = Parser(language)
    return cache[lang]


def _grammar(rel: str) -> str:
    low = rel.lower()
    if low.endswith(".tsx"):
        return "tsx"
    if low.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


# ---------------------------------------------------------------------------
# Scanner


class JavaScriptScanner(FileScanner):
    """AI models and model APIs referenced from JavaScript / TypeScript source."""

    name: ClassVar[str] = "javascript"

    def wants(self, f: SourceFile) -> bool:
        low = f.name.lower()
        dot = low.rfind(".")
        if dot < 0 or low.endswith(_SKIP_SUFFIXES):
            return False
        if low[dot:] not in _SUFFIXES and low[dot:] not in _MARKUP_SUFFIXES:
            return False
        return not any(part in _BUILD_DIRS for part in f.rel.split("/")[:-1])

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        if f.size > MAX_JS_BYTES:
            return [
                Diagnostic(
                    f.rel,
                    f"JavaScript/TypeScript file larger than {MAX_JS_BYTES // (1024 * 1024)} MiB "
                    "(likely generated); skipped",
                    code="js-too-large",
                    level="info",
                )
            ]
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_source(text, f.rel, _module_reader(ctx))


def _module_reader(ctx: ScanContext) -> ModuleReader:
    """Read another source file of the tree (a relative import target) through the context."""

    def read(rel: str) -> str | None:
        if rel.startswith(("/", "../")) or "/../" in rel or rel == "..":
            return None
        ctx.note_dependency(rel)  # found or not, the importing file's findings depend on it
        path = ctx.root / rel
        try:
            st = path.lstat()
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_JS_BYTES:
            return None
        f = SourceFile(rel=rel, path=path, size=st.st_size)
        text = ctx.read_text(f)
        ctx.forget(f)  # read for one lookup; the file's own scan reads it again
        return text

    return read


ModuleReader = Callable[[str], "str | None"]


def scan_source(text: str, rel: str, read_module: ModuleReader | None = None) -> list[Finding]:
    """Findings for one JS/TS source text; ``rel`` is its path relative to the scan root.

    ``read_module(rel)`` returns the text of another file of the tree (or None); with it,
    constants imported from relative modules (``import { MODEL } from './config'``) resolve.
    """
    parsed = _parse(text, rel)
    if isinstance(parsed, Diagnostic):
        return [parsed]
    if parsed is None:
        return []
    tree, source = parsed
    analysis = _Analysis(tree.root_node, rel, source, read_module=read_module)
    try:
        analysis.run()
    except RecursionError:  # pragma: no cover - the evaluator is depth-bounded
        analysis.out.append(
            Diagnostic(rel, "expression nesting too deep; file partly scanned", code="js-too-deep")
        )
    analysis.out.sort(key=_line_of)
    if tree.root_node.has_error:
        analysis.out.append(
            Diagnostic(
                rel,
                "syntax errors; parts of the file may not have been understood",
                line=_first_error_line(tree.root_node),
                code="js-syntax",
                level="info",
            )
        )
    return analysis.out


def _script_blocks(text: str) -> tuple[str, str]:
    """The ``<script>`` blocks of a markup file (Vue, Svelte, HTML) with everything else blanked.

    Blanked parts keep their newlines, so lines keep their numbers. Returns (text, grammar).
    """
    pieces: list[str] = []
    grammar = "javascript"
    i = 0
    while True:
        m = _SCRIPT_OPEN.search(text, i)
        if m is None:
            pieces.append("\n" * text.count("\n", i))
            break
        attrs = m.group(1)
        end = _SCRIPT_CLOSE.search(text, m.end())
        stop = end.start() if end is not None else len(text)
        pieces.append("\n" * text.count("\n", i, m.end()))
        kind = _SCRIPT_TYPE.search(attrs)
        if kind is None or kind.group(1).lower() in _JS_SCRIPT_TYPES:
            lang = _SCRIPT_LANG.search(attrs)
            if lang is not None:
                grammar = "tsx" if lang.group(1).lower() == "tsx" else "typescript"
            pieces.append(text[m.end() : stop] + "\n")  # blocks never run into each other
        else:  # templates, JSON-LD, import maps: not code
            pieces.append("\n" * text.count("\n", m.end(), stop))
        i = stop
        if end is None:
            break
    return "".join(pieces), grammar


def _parse(text: str, rel: str, *, prefilter: bool = True) -> tuple[Any, str] | Diagnostic | None:
    """(syntax tree, source kind), a diagnostic for a file we will not parse, or None (irrelevant)."""
    low = rel.lower()
    suffix = low[low.rfind(".") :] if "." in low else ""
    if len(text) > MAX_JS_BYTES or len(text.encode("utf-8", "replace")) > MAX_JS_BYTES:
        return Diagnostic(
            rel,
            "JavaScript/TypeScript file larger than 2 MiB (likely generated); skipped",
            code="js-too-large",
            level="info",
        )
    grammar = _grammar(rel)
    if suffix in _MARKUP_SUFFIXES:
        text, grammar = _script_blocks(text)
    source = "javascript" if grammar == "javascript" else "typescript"
    m = _LONG_LINE.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        return Diagnostic(
            rel,
            f"line longer than {MAX_LINE_CHARS} characters (minified or generated code); skipped",
            line=line,
            code="js-minified",
            level="info",
        )
    if prefilter and not _RELEVANT.search(text):
        return None
    try:
        parser = _parser(grammar)
    except ImportError:
        return Diagnostic(
            rel,
            "tree-sitter JavaScript/TypeScript grammars are not installed; file skipped",
            code="js-parser-missing",
        )
    try:
        tree = parser.parse(text.encode("utf-8", "replace"))
    except (ValueError, RuntimeError) as exc:  # pragma: no cover - parser refused the input
        return Diagnostic(rel, f"cannot parse: {exc}", code="js-syntax")
    return tree, source


@functools.lru_cache(maxsize=128)
def _parse_module(text: str, rel: str) -> tuple[Any, str] | Diagnostic | None:
    """:func:`_parse` of an imported module, remembered: a config module many files import is parsed once."""
    return _parse(text, rel, prefilter=False)


def _line_of(f: Finding) -> int:
    line = f.line if isinstance(f, Diagnostic) else getattr(f.location, "line", None)
    return line or 0


def _first_error_line(root: Any) -> int | None:
    stack = [root]
    budget = 200_000
    while stack and budget:
        budget -= 1
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return _line(n)
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


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


@dataclass
class _Analysis:
    root: Any
    rel: str
    source: str
    out: list[Finding] = field(default_factory=list)
    bindings: dict[str, list[_Binding]] = field(default_factory=dict)
    imports: dict[str, _ImportRef] = field(default_factory=dict)
    reassigned: set[str] = field(default_factory=set)
    this_fields: dict[tuple[tuple[int, int] | None, str], list[Any]] = field(default_factory=dict)
    calls: list[Any] = field(default_factory=list)
    news: list[Any] = field(default_factory=list)
    starts_with: list[Any] = field(default_factory=list)
    memo: dict[int, Any] = field(default_factory=dict)
    clients: dict[int, _ClientVal] = field(default_factory=dict)
    used_clients: set[int] = field(default_factory=set)
    has_transformers: bool = False
    read_module: ModuleReader | None = None
    hops: int = 0  # how many relative imports were followed to get here
    foreign: dict[str, _Analysis | None] = field(default_factory=dict)
    tree: Any = None  # keeps a foreign module's syntax tree alive

    # -- driver

    def run(self) -> None:
        self._index()
        for node in self.news:
            self._on_new(node)
        for node in self.calls:
            self._on_call(node)
        self._emit_constructions()
        self._catalogs()

    def _loc(self, line: int) -> Location:
        return Location(self.rel, line, source=self.source)

    # -- pass 1: declarations, imports, calls

    def _index(self) -> None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            t = n.type
            if t == "comment":
                continue
            if t == "import_statement":
                self._on_import(n)
                continue
            if t == "variable_declarator":
                self._on_declarator(n)
            elif t == "formal_parameters":
                self._on_params(n)
            elif t == "arrow_function":
                p = n.child_by_field_name("parameter")
                if p is not None and p.type == "identifier":
                    self._bind(_text(p), _Binding(self._range(n), "param"))
            elif t in (
                "function_declaration",
                "class_declaration",
                "generator_function_declaration",
                "abstract_class_declaration",
            ):
                name = n.child_by_field_name("name")
                if name is not None and n.parent is not None:
                    self._bind(_text(name), _Binding(self._scope_of(n), "decl"))
            elif t == "enum_declaration":
                name = n.child_by_field_name("name")
                if name is not None:
                    self._bind(_text(name), _Binding(self._scope_of(n), "const", value=n))
            elif t == "for_in_statement":
                left = n.child_by_field_name("left")
                if left is not None and left.type == "identifier":
                    self._bind(_text(left), _Binding(self._range(n), "loop"))
            elif t in ("assignment_expression", "augmented_assignment_expression"):
                self._on_assignment(n)
            elif t == "update_expression":
                arg = n.child_by_field_name("argument")
                if arg is not None and arg.type == "identifier":
                    self.reassigned.add(_text(arg))
            elif t in ("public_field_definition", "field_definition"):
                name = n.child_by_field_name("name") or n.child_by_field_name("property")
                value = n.child_by_field_name("value")
                if name is not None and value is not None:
                    key = (self._class_of(n), _text(name).lstrip("#"))
                    self.this_fields.setdefault(key, []).append(value)
            elif t == "call_expression":
                self.calls.append(n)
                fn = n.child_by_field_name("function")
                if fn is not None and fn.type == "member_expression":
                    prop = fn.child_by_field_name("property")
                    if prop is not None and _text(prop) == "startsWith":
                        self.starts_with.append(n)
            elif t == "new_expression":
                self.news.append(n)
            stack.extend(reversed(n.named_children))

    @staticmethod
    def _range(n: Any) -> tuple[int, int]:
        return (n.start_byte, n.end_byte)

    def _class_of(self, n: Any) -> tuple[int, int] | None:
        """Byte range of the class around ``n`` (``this`` belongs to it), or None."""
        p = n.parent
        while p is not None:
            if p.type in ("class_declaration", "class", "abstract_class_declaration"):
                return self._range(p)
            p = p.parent
        return None

    def _scope_of(self, n: Any) -> tuple[int, int]:
        p = n.parent
        while p is not None and p.type not in _SCOPES:
            p = p.parent
        return self._range(p if p is not None else self.root)

    def _bind(self, name: str, b: _Binding) -> None:
        b.name = name
        self.bindings.setdefault(name, []).append(b)

    def _on_import(self, n: Any) -> None:
        src = n.child_by_field_name("source")
        if src is None:
            return
        module = self._string_value(src)
        if module is None:
            return
        if _package(module) in TRANSFORMERS_JS:
            self.has_transformers = True
        for clause in _named(n):
            if clause.type != "import_clause":
                continue
            for part in _named(clause):
                if part.type == "identifier":
                    self.imports[_text(part)] = _ImportRef(module, ("default",))
                elif part.type == "namespace_import":
                    for ident in _named(part):
                        if ident.type == "identifier":
                            self.imports[_text(ident)] = _ImportRef(module, ())
                elif part.type == "named_imports":
                    for spec in _named(part):
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is None:
                            continue
                        imported = (
                            self._string_value(name) if name.type == "string" else _text(name)
                        )
                        if imported:
                            self.imports[_text(alias or name)] = _ImportRef(module, (imported,))

    def _on_declarator(self, n: Any) -> None:
        name = n.child_by_field_name("name")
        value = n.child_by_field_name("value")
        decl = n.parent
        kind = "var"
        if decl is not None and decl.type == "lexical_declaration":
            kind = "const" if decl.children and decl.children[0].type == "const" else "let"
        if name is None:
            return
        scope = self._scope_of(n)
        if value is not None and value.type in ("call_expression", "await_expression"):
            mod = self._module_of(value)
            if mod is not None and _package(mod) in TRANSFORMERS_JS:
                self.has_transformers = True
        self._bind_pattern(name, value, scope, kind, param=False)

    def _bind_pattern(
        self, pattern: Any, value: Any, scope: tuple[int, int], kind: str, *, param: bool
    ) -> None:
        t = pattern.type
        if t == "identifier":
            self._bind(_text(pattern), _Binding(scope, kind, value=value))
        elif t == "assignment_pattern":
            left = pattern.child_by_field_name("left")
            right = pattern.child_by_field_name("right")
            if left is not None and left.type == "identifier":
                self._bind(
                    _text(left),
                    _Binding(scope, kind, value=value if not param else right, default=right),
                )
        elif t == "object_pattern":
            source = None if param else value
            for child in _named(pattern):
                ct = child.type
                if ct == "shorthand_property_identifier_pattern":
                    key = _text(child)
                    self._bind(key, _Binding(scope, kind, value=source, key=key))
                elif ct == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    right = child.child_by_field_name("right")
                    if left is not None:
                        key = _text(left)
                        self._bind(key, _Binding(scope, kind, value=source, key=key, default=right))
                elif ct == "pair_pattern":
                    key_node = child.child_by_field_name("key")
                    target = child.child_by_field_name("value")
                    if key_node is None or target is None:
                        continue
                    pkey = self._key(key_node, 0)
                    if pkey is None:
                        continue
                    key = pkey
                    if target.type == "identifier":
                        self._bind(_text(target), _Binding(scope, kind, value=source, key=key))
                    elif target.type == "assignment_pattern":
                        left = target.child_by_field_name("left")
                        if left is not None and left.type == "identifier":
                            self._bind(
                                _text(left),
                                _Binding(
                                    scope,
                                    kind,
                                    value=source,
                                    key=key,
                                    default=target.child_by_field_name("right"),
                                ),
                            )
        elif t == "array_pattern":
            for child in _named(pattern):
                if child.type == "identifier":
                    self._bind(_text(child), _Binding(scope, kind))

    def _on_params(self, n: Any) -> None:
        fn = n.parent
        if fn is None:
            return
        scope = self._range(fn)
        for p in _named(n):
            pattern, default = p, None
            if p.type in ("required_parameter", "optional_parameter"):
                pattern = p.child_by_field_name("pattern")
                default = p.child_by_field_name("value")
                if pattern is None:
                    continue
                if pattern.type == "identifier":
                    self._bind(_text(pattern), _Binding(scope, "param", value=default))
                    continue
            self._bind_pattern(pattern, default, scope, "param", param=True)

    def _on_assignment(self, n: Any) -> None:
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        if left is None:
            return
        if left.type == "identifier":
            self.reassigned.add(_text(left))
        elif left.type == "member_expression" and right is not None:
            obj = left.child_by_field_name("object")
            prop = left.child_by_field_name("property")
            if obj is not None and obj.type == "this" and prop is not None:
                key = (self._class_of(n), _text(prop).lstrip("#"))
                self.this_fields.setdefault(key, []).append(right)

    # -- evaluator

    def _string_value(self, node: Any) -> str | None:
        v = self._eval(node)
        return v if isinstance(v, str) else None

    def _module_of(self, node: Any) -> str | None:
        """Module named by ``require('m')`` / ``import('m')`` / ``await import('m')``."""
        node = _unwrap(node)
        if node is not None and node.type == "await_expression":
            kids = _named(node)
            node = kids[0] if kids else None
        if node is None or node.type != "call_expression":
            return None
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None or args is None or args.type != "arguments":
            return None
        if fn.type == "import" or (
            fn.type == "identifier" and _text(fn) == "require" and "require" not in self.bindings
        ):
            argv = _named(args)
            if argv and argv[0].type == "string":
                return self._string_value(argv[0])
        return None

    def _eval(self, node: Any, depth: int = 0) -> Any:
        if node is None or depth > _MAX_DEPTH:
            return UNRESOLVED
        key = node.id
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = UNRESOLVED  # cycle guard
        value = self._eval_uncached(node, depth + 1)
        self.memo[key] = value
        return value

    def _eval_uncached(self, node: Any, depth: int) -> Any:
        t = node.type
        if t == "string":
            return self._string(node)
        if t == "template_string":
            parts: list[str] = []
            for c in node.named_children:
                if c.type == "string_fragment":
                    parts.append(_text(c))
                elif c.type == "escape_sequence":
                    parts.append(_unescape(_text(c)))
                elif c.type == "template_substitution":
                    inner = _named(c)
                    v = self._eval(inner[0], depth) if inner else UNRESOLVED
                    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                        return UNRESOLVED
                    parts.append(_js_str(v))
            s = "".join(parts)
            return s if len(s) <= _MAX_STRING else UNRESOLVED
        if t == "number":
            return _number(_text(node))
        if t == "true":
            return True
        if t == "false":
            return False
        if t in ("null", "undefined"):
            return None
        if t in ("identifier", "shorthand_property_identifier"):
            return self._ident(_text(node), node.start_byte, depth)
        if t in (
            "parenthesized_expression",
            "as_expression",
            "satisfies_expression",
            "non_null_expression",
            "await_expression",
        ):
            kids = _named(node)
            return self._eval(kids[0], depth) if kids else UNRESOLVED
        if t == "type_assertion":
            kids = _named(node)
            return self._eval(kids[-1], depth) if kids else UNRESOLVED
        if t == "this":
            return _This(self._class_of(node))
        if t == "meta_property":
            return _IMPORT_META
        if t == "member_expression":
            obj = self._eval(node.child_by_field_name("object"), depth)
            prop = node.child_by_field_name("property")
            if prop is None:
                return UNRESOLVED
            return self._member(obj, _text(prop).lstrip("#"), depth)
        if t == "subscript_expression":
            obj = self._eval(node.child_by_field_name("object"), depth)
            idx = self._eval(node.child_by_field_name("index"), depth)
            if isinstance(idx, bool) or not isinstance(idx, (str, int, float)):
                return (
                    UNRESOLVED
                    if not isinstance(obj, (_ImportRef, _UnknownMember))
                    else _UnknownMember(())
                )
            if isinstance(idx, float) and not idx.is_integer():
                return UNRESOLVED
            return self._member(obj, idx if isinstance(idx, str) else int(idx), depth)
        if t == "binary_expression":
            return self._binary(node, depth)
        if t == "object":
            return self._object(node, depth)
        if t == "array":
            return _ArrVal([c for c in node.named_children if c.type != "comment"])
        if t == "enum_declaration":
            body = node.child_by_field_name("body")
            members: dict[str, Any] = {}
            for c in _named(body) if body is not None else []:
                if c.type == "enum_assignment":
                    n = c.child_by_field_name("name")
                    if n is not None:
                        members[_text(n).strip("'\"")] = c.child_by_field_name("value")
                elif c.type in ("property_identifier", "string"):
                    members[_text(c).strip("'\"")] = None
            return _EnumVal(members)
        if t == "call_expression":
            return self._call_value(node, depth)
        if t == "new_expression":
            return self._new_value(node, depth)
        return UNRESOLVED

    def _string(self, node: Any) -> str:
        parts: list[str] = []
        for c in node.named_children:
            if c.type == "string_fragment":
                parts.append(_text(c))
            elif c.type == "escape_sequence":
                parts.append(_unescape(_text(c)))
        return "".join(parts)

    def _ident(self, name: str, at: int, depth: int) -> Any:
        best: _Binding | None = None
        for b in self.bindings.get(name, ()):
            if b.scope[0] <= at < b.scope[1] and (best is None or b.scope[0] >= best.scope[0]):
                best = b
        if best is not None:
            return self._binding_value(best, depth)
        ref = self.imports.get(name)
        if ref is not None:
            return self._import_value(ref)
        if name == "undefined":
            return None
        return _ImportRef(None, (name,))

    def _binding_value(self, b: _Binding, depth: int) -> Any:
        if b.kind in ("let", "var", "param", "loop") and b.name in self.reassigned:
            return UNRESOLVED
        if b.key is None:
            if b.value is None:
                return UNRESOLVED
            mod = self._module_of(b.value)
            if mod is not None:
                return self._import_value(_ImportRef(mod, ()))
            return self._eval(b.value, depth)
        src = self._eval(b.value, depth) if b.value is not None else UNRESOLVED
        mod = self._module_of(b.value) if b.value is not None else None
        if mod is not None:
            return self._import_value(_ImportRef(mod, (b.key,)))
        v = self._member(src, b.key, depth)
        if _is_concrete(v) or isinstance(
            v, (_ObjVal, _ArrVal, _ClientVal, _ProviderFn, _ImportRef)
        ):
            return v
        if b.default is not None:
            d = self._eval(b.default, depth)
            if d is not UNRESOLVED:
                return d
        return v

    def _import_value(self, ref: _ImportRef) -> Any:
        """Turn a reference to a module export into the instance it is, when we know it."""
        pkg = ref.package
        if pkg in ("ollama", "ollama/browser") and ref.path in (("default",), ()):
            return _ClientVal(_OLLAMA, "ollama", None, -1)
        if pkg in _AI_SDK and len(ref.path) == 1:
            name = ref.path[0]
            if name[:1].islower() and not name.startswith("create") and name != "default":
                provider, _fixed = _AI_SDK[pkg]
                return _ProviderFn(provider, None, pkg, provider == "ollama")
        return ref

    def _member(self, obj: Any, prop: str | int, depth: int) -> Any:
        if isinstance(obj, _This):
            if not isinstance(prop, str):
                return UNRESOLVED
            for value in self.this_fields.get((obj.cls, prop), ()):
                v = self._eval(value, depth)
                if v is not UNRESOLVED:
                    return v
            return UNRESOLVED
        if obj is _IMPORT_META:
            return _ENV_OBJ if prop == "env" else UNRESOLVED
        if obj is _ENV_OBJ:
            return _EnvRef(str(prop))
        if isinstance(obj, _ImportRef):
            if obj.module is None and obj.path == ("process",) and prop == "env":
                return _ENV_OBJ
            if len(obj.path) >= 8:
                return UNRESOLVED
            return self._import_value(_ImportRef(obj.module, (*obj.path, str(prop))))
        if isinstance(obj, _ObjVal):
            if isinstance(prop, str) and prop in obj.entries:
                return self._eval(obj.entries[prop], depth)
            return UNRESOLVED
        if isinstance(obj, _ArrVal):
            if isinstance(prop, int) and 0 <= prop < len(obj.items):
                return self._eval(obj.items[prop], depth)
            return UNRESOLVED
        if isinstance(obj, _EnumVal):
            if isinstance(prop, str) and obj.members.get(prop) is not None:
                return self._eval(obj.members[prop], depth)
            return UNRESOLVED
        if isinstance(obj, _ClientVal):
            return _MethodRef(obj, (str(prop),))
        if isinstance(obj, _MethodRef):
            return (
                _MethodRef(obj.client, (*obj.path, str(prop))) if len(obj.path) < 8 else UNRESOLVED
            )
        if isinstance(obj, _ProviderFn):
            return _ProviderMethod(obj, str(prop))
        if isinstance(obj, _UnknownMember):
            return _UnknownMember((*obj.path, str(prop))) if len(obj.path) < 8 else UNRESOLVED
        if obj is UNRESOLVED or isinstance(obj, _EnvRef):
            return _UnknownMember((str(prop),))
        return UNRESOLVED

    def _binary(self, node: Any, depth: int) -> Any:
        op_node = node.child_by_field_name("operator")
        op = op_node.type if op_node is not None else ""
        left = self._eval(node.child_by_field_name("left"), depth)
        if op in ("??", "||"):
            if _is_concrete(left) and (left or op == "??"):
                return left
            right = self._eval(node.child_by_field_name("right"), depth)
            if _is_concrete(right):
                return right
            return left
        if op == "+":
            right = self._eval(node.child_by_field_name("right"), depth)
            if isinstance(left, bool) or isinstance(right, bool):
                return UNRESOLVED
            if isinstance(left, str) or isinstance(right, str):
                if isinstance(left, (str, int, float)) and isinstance(right, (str, int, float)):
                    s = _js_str(left) + _js_str(right)
                    return s if len(s) <= _MAX_STRING else UNRESOLVED
                return UNRESOLVED
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                return left + right
        return UNRESOLVED

    def _object(self, node: Any, depth: int) -> _ObjVal:
        entries: dict[str, Any] = {}
        keys: dict[str, Any] = {}
        complete = True
        for c in _named(node):
            if c.type == "pair":
                k = self._key(c.child_by_field_name("key"), depth)
                v = c.child_by_field_name("value")
                if k is None or v is None:
                    complete = False
                    continue
                entries[k] = v
                keys[k] = c
            elif c.type == "shorthand_property_identifier":
                entries[_text(c)] = c
                keys[_text(c)] = c
            elif c.type == "spread_element":
                kids = _named(c)
                inner = self._eval(kids[0], depth) if kids else UNRESOLVED
                if isinstance(inner, _ObjVal):
                    entries.update(inner.entries)
                    keys.update(inner.keys)
                    complete = complete and inner.complete
                else:
                    complete = False
            elif c.type == "method_definition":
                continue
        return _ObjVal(entries, keys, complete)

    def _key(self, node: Any, depth: int) -> str | None:
        if node is None:
            return None
        if node.type in ("property_identifier", "identifier"):
            return _text(node)
        if node.type == "string":
            return self._string(node)
        if node.type == "number":
            return _text(node)
        if node.type == "computed_property_name":
            kids = _named(node)
            v = self._eval(kids[0], depth) if kids else UNRESOLVED
            return v if isinstance(v, str) else None
        return None

    def _call_value(self, node: Any, depth: int) -> Any:
        mod = self._module_of(node)
        if mod is not None:
            return self._import_value(_ImportRef(mod, ()))
        fn = self._eval(node.child_by_field_name("function"), depth)
        if (
            isinstance(fn, _ImportRef)
            and fn.package in _AI_SDK
            and fn.path
            and fn.path[-1].startswith("create")
        ):
            return self._provider_factory(fn.package or "", node, depth)
        return UNRESOLVED

    def _provider_factory(self, pkg: str, node: Any, depth: int) -> _ProviderFn:
        provider, fixed = _AI_SDK[pkg]
        args = node.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        endpoint: str | None = None
        if argv:
            opts = self._eval(argv[0], depth)
            if isinstance(opts, _ObjVal) and "baseURL" in opts.entries:
                ep = self._resolve_import(self._eval(opts.entries["baseURL"], depth))
                if isinstance(ep, str) and ep:
                    endpoint = ep
                    if not fixed:
                        provider = provider_for_endpoint(ep) or "unknown"
                elif not fixed:
                    provider = None
        return _ProviderFn(provider, endpoint, pkg, provider == "ollama")

    def _class_spec(self, ref: Any) -> _ClassSpec | None:
        if not isinstance(ref, _ImportRef):
            return None
        pkg = ref.package
        name = ref.path[-1] if ref.path else "default"
        if pkg is None:
            return _GLOBAL_CLASSES.get(name) if len(ref.path) == 1 else None
        if _is_langchain(pkg) or _is_llamaindex(pkg):
            spec = (_LANGCHAIN if _is_langchain(pkg) else _LLAMAINDEX).get(name)
            if spec is not None and spec.package != pkg:
                spec = replace(spec, package=pkg)
            return spec
        return _API_CLASSES.get((pkg, name))

    def _new_value(self, node: Any, depth: int) -> Any:
        spec = self._class_spec(self._eval(node.child_by_field_name("constructor"), depth))
        if spec is None or spec.kind not in ("client", "ollama"):
            return UNRESOLVED
        if node.start_byte in self.clients:
            return self.clients[node.start_byte]
        args = node.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        opts = self._eval(argv[0], depth) if argv else None
        endpoint, env, unresolved = self._endpoint(opts, spec, depth)
        provider: str | None = spec.provider
        if not spec.fixed:
            if endpoint is not None:
                provider = provider_for_endpoint(endpoint) or "unknown"
            elif unresolved:
                provider = None
        client = _ClientVal(spec, provider, endpoint, node.start_byte, _line(node), env)
        self.clients[node.start_byte] = client
        return client

    def _endpoint(
        self, opts: Any, spec: _ClassSpec, depth: int
    ) -> tuple[str | None, str | None, bool]:
        """(endpoint, environment variable it came from, present but unresolved)."""
        if not isinstance(opts, _ObjVal):
            return None, None, False
        for path in spec.endpoint_keys:
            cur: Any = opts
            for part in path:
                if not isinstance(cur, _ObjVal) or part not in cur.entries:
                    cur = None
                    break
                cur = self._eval(cur.entries[part], depth)
            if cur is None:
                continue
            cur = self._resolve_import(cur)
            if isinstance(cur, str) and cur:
                return cur, None, False
            return None, cur.name if isinstance(cur, _EnvRef) else None, True
        return None, None, False

    # -- constants imported from relative modules

    def _resolve_import(self, value: Any, *, objects: bool = False) -> Any:
        """A constant imported from a relative module, resolved there (two hops at most).

        With ``objects``, a client or AI SDK provider instance exported by that module
        (``export const openai = new OpenAI(...)``) resolves too.
        """
        if not isinstance(value, _ImportRef) or not value.path or value.module is None:
            return value
        module = self._module_analysis(value.module)
        if module is None:
            return value
        head, *rest = value.path
        v = module._export(head)
        for part in rest:
            v = module._member(v, part, 0)
        v = module._resolve_import(v, objects=objects)
        if _is_concrete(v) or (objects and isinstance(v, (_ClientVal, _ProviderFn))):
            return v
        return value

    def _module_analysis(self, module: str) -> _Analysis | None:
        if self.read_module is None or self.hops >= 2:
            return None
        if module.startswith("."):
            bases = [posixpath.normpath(posixpath.join(posixpath.dirname(self.rel), module))]
        elif module.startswith(("@/", "~/")):
            bases = ["src/" + module[2:], module[2:]]  # the usual tsconfig path aliases
        else:
            return None
        if module in self.foreign:
            return self.foreign[module]
        self.foreign[module] = None
        for base in bases:
            if base == ".." or base.startswith("../"):
                continue
            stem = base
            for ext in (".js", ".mjs", ".cjs", ".jsx"):
                if base.endswith(ext):
                    stem = base[: -len(ext)]  # TypeScript ESM imports name the emitted .js
                    break
            for cand in (base, *(stem + sfx for sfx in _MODULE_SUFFIXES)):
                low = cand.lower()
                if low[low.rfind(".") :] not in _SUFFIXES:
                    continue
                text = self.read_module(cand)
                if text is None:
                    continue
                parsed = _parse_module(text, cand)
                if not isinstance(parsed, tuple):
                    return None
                tree, source = parsed
                other = _Analysis(tree.root_node, cand, source, read_module=self.read_module)
                other.hops = self.hops + 1
                other.tree = tree
                other._index()
                self.foreign[module] = other
                return other
        return None

    def _export(self, name: str) -> Any:
        """Value of a module-level name (or of the default export) of this module."""
        if name == "default":
            for stmt in _named(self.root):
                value = (
                    stmt.child_by_field_name("value") if stmt.type == "export_statement" else None
                )
                if value is not None:
                    return self._eval(value)
            return UNRESOLVED
        return self._ident(name, self.root.start_byte, 0)

    # -- pass 2: constructors and calls

    def _on_new(self, node: Any) -> None:
        ctor_node = node.child_by_field_name("constructor")
        spec = self._class_spec(self._eval(ctor_node))
        if spec is None:
            return
        if spec.kind in ("client", "ollama"):
            self._eval(node)  # registers the construction
            return
        args = node.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        callname = _text(ctor_node)[:60]
        opts = self._eval(argv[0]) if argv else None
        if spec.kind == "bedrock-command":
            via = _Via(spec.provider, None, spec.package)
            self._model_from_options(node, opts, spec.model_keys, via, callname, required=True)
            return
        if spec.kind == "hub-ctor":  # a model run locally, named in the constructor
            via = _Via(client=spec.package, framework=spec.framework)
            if isinstance(opts, _ObjVal):
                for k in spec.model_keys:
                    if k in opts.entries:
                        pair = opts.keys.get(k)
                        line = (
                            _line(pair) if pair is not None and _inside(pair, node) else _line(node)
                        )
                        self._use_model(
                            self._eval(opts.entries[k]), line, via, callname, hub_only=True
                        )
                        break
            return
        # LangChain / LlamaIndex: the model is named in the constructor
        endpoint, _env, unresolved = self._endpoint(opts, spec, 0)
        provider = spec.provider
        if not spec.fixed and endpoint is not None:
            provider = provider_for_endpoint(endpoint) or "unknown"
        elif not spec.fixed and unresolved:
            provider = None
        is_ollama = spec.provider == "ollama"
        via = _Via(
            provider, None if is_ollama else endpoint, spec.package, is_ollama, spec.framework
        )
        if isinstance(opts, str):
            self._use_model(opts, _line(argv[0]), via, callname)
            return
        found = self._model_from_options(node, opts, spec.model_keys, via, callname, required=False)
        if not found and not is_ollama:
            self.out.append(
                ServiceFinding(
                    provider or "unknown",
                    self._loc(_line(node)),
                    endpoint=endpoint,
                    client=spec.package,
                )
            )

    def _model_from_options(
        self,
        call: Any,
        opts: Any,
        keys: tuple[str, ...],
        via: _Via,
        callname: str,
        *,
        required: bool,
    ) -> bool:
        """Report the model named in an options object; True when a model finding was made."""
        if isinstance(opts, _ObjVal):
            for k in keys:
                if k in opts.entries:
                    pair = opts.keys.get(k)
                    line = _line(pair) if pair is not None and _inside(pair, call) else _line(call)
                    return self._use_model(self._eval(opts.entries[k]), line, via, callname)
            if opts.complete:
                return False
        if required and opts is not None:
            self._unresolved(
                _line(call), callname, UNRESOLVED if isinstance(opts, _ObjVal) else opts
            )
        return False

    def _use_model(
        self,
        value: Any,
        line: int,
        via: _Via,
        callname: str,
        *,
        hub_only: bool = False,
        task: str | None = None,
        revision: str | None = None,
    ) -> bool:
        """Turn a resolved model value into findings (or an unresolved-model diagnostic)."""
        value = self._resolve_import(value)
        if not isinstance(value, str):
            self._unresolved(line, callname, value)
            return False
        loc = self._loc(line)
        if hub_only:
            mv = classify_model_value(value, context="hub")
            if mv is None:
                return False
            rev = revision or mv.revision
            self.out.append(
                ModelFinding(mv.name, ModelKind.HUB, loc, rev, framework=via.framework, task=task)
            )
            return True
        if via.ollama:
            mv = classify_model_value(value, context="ollama")
            if mv is None:
                return False
            self.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework=via.framework))
            return True
        mv = classify_model_value(value, context="provider")
        if mv is None:
            return False
        model = value.strip()
        provider = via.provider or mv.provider or provider_for_model_name(model) or "unknown"
        self.out.append(
            ServiceFinding(provider, loc, endpoint=via.endpoint, model=model, client=via.client)
        )
        if provider == "ollama":
            tag = classify_model_value(model, context="ollama")
            if tag is not None:
                self.out.append(ModelFinding(tag.name, ModelKind.OLLAMA, loc, framework="ollama"))
        elif provider == "self-hosted" and mv.kind is ModelKind.HUB:
            self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, mv.revision))
        return True

    def _unresolved(self, line: int, callname: str, value: Any) -> None:
        why = ""
        if isinstance(value, _EnvRef):
            why = f" (environment variable {value.name} without a default)"
        message = f"model of {callname}(...) could not be resolved statically{why}"
        self.out.append(
            Diagnostic(self.rel, message, line=line, level="info", code="unresolved-model")
        )

    def _on_call(self, node: Any) -> None:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None or args is None or args.type != "arguments" or fn.type == "import":
            return
        callee = self._eval(fn)
        argv = _named(args)
        callname = _text(fn)[:60]
        if isinstance(callee, _ImportRef):
            http = _http_client(callee)
            if http is not None:
                self._http_call(node, http, argv, callname)
            else:
                self._on_import_call(node, callee, argv, callname)
        elif isinstance(callee, _MethodRef):
            self._client_call(node, callee.client, callee.path, argv, callname)
        elif isinstance(callee, _ProviderFn):
            self._provider_call(callee, argv, callname)
        elif isinstance(callee, _ProviderMethod):
            if callee.method in _AI_SDK_METHODS:
                self._provider_call(callee.fn, argv, callname)
        elif isinstance(callee, _UnknownMember):
            self._unknown_call(node, callee.path, argv)

    def _http_call(self, node: Any, http: tuple[str, bool], argv: list[Any], callname: str) -> None:
        """``fetch(url, {body: JSON.stringify({model})})`` / ``axios.post(url, {model})`` to a model API."""
        client, data_arg = http
        if not argv:
            return
        url = self._resolve_import(self._eval(argv[0]))
        if not isinstance(url, str) or "://" not in url:
            return
        provider = provider_for_endpoint(url)
        if provider is None:
            return
        try:
            parts = urlsplit(url)
        except ValueError:
            return
        api = _LLM_API_PATH.search(parts.path)
        if provider == "self-hosted" and api is None:
            return  # a local web API, not a model server
        base = f"{parts.scheme}://{parts.netloc}" + (parts.path[: api.start()] if api else "")
        default = get_provider(provider)
        usual = (
            urlsplit(default.default_endpoint).netloc
            if default and default.default_endpoint
            else ""
        )
        # the provider's usual host reads like an SDK client without baseURL: no endpoint
        endpoint = None if usual == parts.netloc else base.rstrip("/")
        body: Any = None
        if len(argv) > 1:
            opts = self._eval(argv[1])
            if data_arg:
                body = opts
            elif isinstance(opts, _ObjVal) and "body" in opts.entries:
                body = self._json_payload(opts.entries["body"])
        via = _Via(provider, endpoint, client)
        if isinstance(body, _ObjVal) and "model" in body.entries:
            self._model_from_options(node, body, ("model",), via, callname, required=True)
            return
        if provider != "ollama":
            self.out.append(
                ServiceFinding(provider, self._loc(_line(node)), endpoint=endpoint, client=client)
            )

    def _json_payload(self, node: Any) -> Any:
        """The object inside ``JSON.stringify(obj)``."""
        node = _unwrap(node)
        if node is not None and node.type == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if fn is not None and _text(fn) == "JSON.stringify" and args is not None:
                argv = _named(args)
                return self._eval(argv[0]) if argv else None
        return self._eval(node)

    def _on_import_call(self, node: Any, ref: _ImportRef, argv: list[Any], callname: str) -> None:
        pkg = ref.package
        path = ref.path
        last = path[-1] if path else "default"
        if pkg in TRANSFORMERS_JS or (pkg is None and self.has_transformers):
            if last == "pipeline":
                self._pipeline(argv, callname)
                return
            if last == "from_pretrained" and len(path) >= 2:
                self._from_pretrained(argv, callname)
                return
        if (
            pkg is None
            and last == "from_pretrained"
            and len(path) == 2
            and path[0].startswith("Auto")
        ):
            self._from_pretrained(argv, callname)
            return
        if pkg == HF_INFERENCE and len(path) == 1 and last[:1].islower():
            hf = _ClientVal(_HF, "huggingface", None, -1)
            self._client_call(node, hf, (last,), argv, callname)
            return
        if _is_langchain(pkg) and last == "initChatModel" and argv:
            self._init_chat_model(pkg or "langchain", argv, callname)
            return
        if pkg == "ai" and last in _AI_CORE_FUNCTIONS and argv:
            self._gateway_model(node, argv[0])
            return
        if pkg in TRANSFORMERS_JS or pkg in _AI_SDK or _is_langchain(pkg) or not path:
            return
        # a client or provider exported by another module of the project
        target = self._resolve_import(_ImportRef(ref.module, path[:1]), objects=True)
        if isinstance(target, _ClientVal) and len(path) > 1:
            self._client_call(node, target, path[1:], argv, callname)
            return
        if isinstance(target, _ProviderFn):
            if len(path) == 1 or (len(path) == 2 and path[1] in _AI_SDK_METHODS):
                self._provider_call(target, argv, callname)
            return
        if len(path) < 2:
            return
        # an unknown receiver: `openai.chat.completions.create(...)` with `openai` from elsewhere
        rest = path[2:] if path[0] == "default" else path[1:]
        self._unknown_call(node, rest, argv)

    def _init_chat_model(self, pkg: str, argv: list[Any], callname: str) -> None:
        """``initChatModel("openai:gpt-4o")`` / ``initChatModel("gpt-4o", {modelProvider})``."""
        value = self._resolve_import(self._eval(argv[0]))
        provider: str | None = None
        if len(argv) > 1:
            named = self._option(argv[1], "modelProvider")
            provider = _LC_PROVIDERS.get(named or "") or _provider_alias(named)
        if isinstance(value, str) and provider is None and ":" in value:
            prefix, rest = value.split(":", 1)
            if prefix in _LC_PROVIDERS:
                provider, value = _LC_PROVIDERS[prefix], rest
        via = _Via(provider, None, pkg, provider == "ollama", "langchain")
        self._use_model(value, _line(argv[0]), via, callname)

    def _gateway_model(self, node: Any, arg: Any) -> None:
        """``generateText({ model: 'openai/gpt-4o' })``: a model string through the AI Gateway."""
        opts = self._eval(arg)
        if not isinstance(opts, _ObjVal) or "model" not in opts.entries:
            return
        value = self._resolve_import(self._eval(opts.entries["model"]))
        if not isinstance(value, str) or value.count("/") != 1:
            return  # a provider instance (reported where it is called) or something else
        prefix, model = value.split("/", 1)
        provider = _provider_alias(prefix) if prefix.islower() else None  # not a hub org
        if provider is None or classify_model_value(model, context="provider") is None:
            return
        pair = opts.keys.get("model")
        line = _line(pair) if pair is not None and _inside(pair, node) else _line(node)
        self.out.append(ServiceFinding(provider, self._loc(line), model=model, client="ai"))

    def _pipeline(self, argv: list[Any], callname: str) -> None:
        if len(argv) < 2:
            return  # the task's default model: nothing named here
        task = self._eval(argv[0])
        revision = self._option(argv[2] if len(argv) > 2 else None, "revision")
        self._use_model(
            self._eval(argv[1]),
            _line(argv[1]),
            _TRANSFORMERS_JS_VIA,
            callname,
            hub_only=True,
            task=task if isinstance(task, str) else None,
            revision=revision,
        )

    def _from_pretrained(self, argv: list[Any], callname: str) -> None:
        if not argv:
            return
        revision = self._option(argv[1] if len(argv) > 1 else None, "revision")
        self._use_model(
            self._eval(argv[0]),
            _line(argv[0]),
            _TRANSFORMERS_JS_VIA,
            callname,
            hub_only=True,
            revision=revision,
        )

    def _option(self, node: Any, key: str) -> str | None:
        if node is None:
            return None
        opts = self._eval(node)
        if isinstance(opts, _ObjVal) and key in opts.entries:
            v = self._resolve_import(self._eval(opts.entries[key]))
            return v if isinstance(v, str) and v else None
        return None

    def _client_call(
        self, node: Any, client: _ClientVal, path: tuple[str, ...], argv: list[Any], callname: str
    ) -> None:
        spec = client.spec
        last = path[-1]
        if spec.kind == "ollama":
            model_method = last in _OLLAMA_MODEL_METHODS
        elif spec.provider == "huggingface":
            model_method = last not in ("endpoint", "toString")
        else:
            model_method = (
                last in ("create", "parse", "stream", "complete")
                and any(p in _API_MODEL_WORDS for p in path)
            ) or last in _API_MODEL_METHODS
        if not argv or (path == ("send",) and spec.package == BEDROCK_RUNTIME):
            return  # a Bedrock command object names its model itself
        if self.clients.get(client.origin) is client:  # not a default or foreign instance
            self.used_clients.add(client.origin)
        is_ollama = spec.kind == "ollama"
        via = _Via(
            client.provider,
            client.endpoint,
            spec.package,
            is_ollama,
            "ollama" if is_ollama else None,
        )
        opts = self._eval(argv[0])
        self._model_from_options(
            node, opts, ("model", "modelId"), via, callname, required=model_method
        )

    def _provider_call(self, fn: _ProviderFn, argv: list[Any], callname: str) -> None:
        if not argv:
            return
        via = _Via(fn.provider, fn.endpoint, fn.package, fn.ollama, "ollama" if fn.ollama else None)
        self._use_model(self._eval(argv[0]), _line(argv[0]), via, callname)

    def _unknown_call(self, node: Any, path: tuple[str, ...], argv: list[Any]) -> None:
        """A model-bearing method on a receiver we cannot follow: attribute by model name."""
        if not path or not argv or path[-1] not in ("create", "parse", "stream"):
            return
        if not any(p in ("completions", "responses", "embeddings", "messages") for p in path):
            return
        opts = self._eval(argv[0])
        if not isinstance(opts, _ObjVal) or "model" not in opts.entries:
            return
        value = self._resolve_import(self._eval(opts.entries["model"]))
        if not isinstance(value, str):
            return
        model = value.strip()
        provider = provider_for_model_name(model)
        if provider is None:
            return
        pair = opts.keys.get("model")
        line = _line(pair) if pair is not None and _inside(pair, node) else _line(node)
        self.out.append(ServiceFinding(provider, self._loc(line), model=model))

    def _emit_constructions(self) -> None:
        for origin in sorted(self.clients):
            c = self.clients[origin]
            if c.spec.kind != "client":
                continue
            if c.provider is not None:
                self.out.append(
                    ServiceFinding(
                        c.provider, self._loc(c.line), endpoint=c.endpoint, client=c.spec.package
                    )
                )
            elif origin not in self.used_clients:
                self.out.append(ServiceFinding("unknown", self._loc(c.line), client=c.spec.package))
            if c.provider is None:
                why = (
                    f" (environment variable {c.endpoint_env} without a default)"
                    if c.endpoint_env
                    else ""
                )
                self.out.append(
                    Diagnostic(
                        self.rel,
                        f"base URL of the {c.spec.package} client could not be resolved statically{why}",
                        line=c.line,
                        level="info",
                        code="unresolved-endpoint",
                    )
                )

    # -- model catalogs (issue 5 item 6)

    def _catalogs(self) -> None:
        excluded = self._prefix_tables()
        for stmt in _named(self.root):
            decl = stmt
            if stmt.type == "export_statement":
                decl = stmt.child_by_field_name("declaration")
                if decl is None:
                    continue
            if decl.type in ("lexical_declaration", "variable_declaration"):
                for d in _named(decl):
                    if d.type != "variable_declarator":
                        continue
                    name = d.child_by_field_name("name")
                    value = d.child_by_field_name("value")
                    if (
                        name is not None
                        and name.type == "identifier"
                        and value is not None
                        and _text(name) not in excluded
                    ):
                        self._catalog(_text(name), value, None, 0)
            elif decl.type == "enum_declaration":
                name = decl.child_by_field_name("name")
                if (
                    name is not None
                    and _text(name) not in excluded
                    and self._names_models(_text(name))
                ):
                    body = decl.child_by_field_name("body")
                    members: list[tuple[str | None, int, str | None]] = []
                    for c in _named(body) if body is not None else []:
                        if c.type == "enum_assignment":
                            v = self._eval(c.child_by_field_name("value"))
                            members.append((v if isinstance(v, str) else None, _line(c), None))
                        else:
                            members.append((None, _line(c), None))
                    self._emit_catalog(members)

    @staticmethod
    def _names_models(name: str) -> bool:
        return bool(_MODEL_NAME_HINT.search(name)) and not _NOT_CATALOG_NAME.search(name)

    def _catalog(self, name: str, node: Any, hint: str | None, depth: int) -> None:
        node = _unwrap(node)
        if node is None or node.type not in ("array", "object") or depth > 4:
            return
        if self._names_models(name):
            for members in self._member_lists(node, hint):
                if self._qualifies(members):
                    self._emit_catalog(members)
                    return
        if node.type == "object":
            for pair in _named(node):
                if pair.type != "pair":
                    continue
                key = self._key(pair.child_by_field_name("key"), 0)
                value = pair.child_by_field_name("value")
                if key is not None and value is not None:
                    self._catalog(key, value, _provider_alias(key) or hint, depth + 1)
        else:
            for item in _named(node):
                item = _unwrap(item)
                if item is None or item.type != "object":
                    continue
                obj = self._eval(item)
                sub_hint = hint
                if isinstance(obj, _ObjVal):
                    for k in ("provider", "id", "name", "key"):
                        if k in obj.entries:
                            v = self._eval(obj.entries[k])
                            if isinstance(v, str) and _provider_alias(v):
                                sub_hint = _provider_alias(v)
                                break
                for pair in _named(item):
                    if pair.type != "pair":
                        continue
                    key = self._key(pair.child_by_field_name("key"), 0)
                    value = pair.child_by_field_name("value")
                    if key is not None and value is not None:
                        self._catalog(key, value, sub_hint, depth + 1)

    def _member_lists(
        self, node: Any, hint: str | None
    ) -> Iterator[list[tuple[str | None, int, str | None]]]:
        if node.type == "array":
            members: list[tuple[str | None, int, str | None]] = []
            for item in _named(node):
                v = self._eval(item)
                if isinstance(v, str):
                    members.append((v, _line(item), hint))
                elif isinstance(v, _ObjVal):
                    members.append(
                        (*self._entry_id(v, _line(item)), self._entry_provider(v) or hint)
                    )
                else:
                    members.append((None, _line(item), hint))
            yield members
            return
        obj = self._eval(node)
        if not isinstance(obj, _ObjVal) or not obj.entries:
            return
        values = [self._eval(v) for v in obj.entries.values()]
        if any(isinstance(v, (int, float)) for v in values):
            return  # a lookup table (token limits, prices)
        by_key: list[tuple[str | None, int, str | None]] = [
            (k, _line(obj.keys[k]), hint) for k in obj.entries
        ]
        by_value: list[tuple[str | None, int, str | None]] = []
        for k, v in zip(obj.entries, values, strict=True):
            line = _line(obj.keys[k])
            if isinstance(v, str):
                by_value.append((v, line, hint))
            elif isinstance(v, _ObjVal):
                by_value.append((*self._entry_id(v, line), self._entry_provider(v) or hint))
            else:
                by_value.append((None, line, hint))
        if all(isinstance(v, str) for v in values):
            # {alias: model} / {GPT4o: 'gpt-4o'}: the values are what is used
            yield by_value
            yield by_key
        else:
            yield by_key
            yield by_value

    def _entry_id(self, obj: _ObjVal, line: int) -> tuple[str | None, int]:
        """The model an object entry names (``{id: 'gpt-4o', ...}``) and the line of that key."""
        fallback: tuple[str | None, int] = (None, line)
        for k in _ID_KEYS:
            if k in obj.entries:
                v = self._eval(obj.entries[k])
                if not isinstance(v, str):
                    continue
                pair = obj.keys.get(k)
                here = _line(pair) if pair is not None else line
                if _recognised(v, None):
                    return v, here
                if fallback[0] is None:
                    fallback = (v, here)
        return fallback

    def _entry_provider(self, obj: _ObjVal) -> str | None:
        for k in _PROVIDER_KEYS:
            if k in obj.entries:
                v = self._eval(obj.entries[k])
                if isinstance(v, str):
                    return _provider_alias(v)
        return None

    @staticmethod
    def _qualifies(members: list[tuple[str | None, int, str | None]]) -> bool:
        n = len(members)
        ok = sum(1 for v, _l, h in members if v is not None and _recognised(v, h))
        return n >= 2 and ok >= 2 and ok * 5 >= n * 4

    def _emit_catalog(self, members: list[tuple[str | None, int, str | None]]) -> None:
        if not self._qualifies(members):
            return
        for value, line, hint in members:
            if value is None or not _recognised(value, hint):
                continue
            loc = self._loc(line)
            if hint == "ollama":
                mv = classify_model_value(value, context="ollama")
                if mv is not None:
                    self.out.append(
                        ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama")
                    )
                continue
            mv = classify_model_value(value)
            if mv is None:
                continue
            if mv.kind is ModelKind.HUB:
                self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
                if hint is not None and hint not in ("huggingface", "self-hosted"):
                    self.out.append(ServiceFinding(hint, loc, model=value.strip()))
            elif mv.kind is ModelKind.OLLAMA and hint is None:
                self.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama"))
            else:
                self.out.append(
                    ServiceFinding(hint or mv.provider or "unknown", loc, model=value.strip())
                )

    def _prefix_tables(self) -> set[str]:
        """Names used in ``startsWith`` checks: prefix lookup tables, never catalogs."""
        names: set[str] = set()
        budget = 100_000  # nodes visited in total, whatever the file
        for call in self.starts_with:
            stmt = call
            while (
                stmt.parent is not None
                and budget > 0
                and not (
                    stmt.type.endswith("_statement")
                    or stmt.type in ("lexical_declaration", "variable_declaration")
                )
            ):
                budget -= 1
                stmt = stmt.parent
            up = stmt
            for _ in range(3):  # `for (const p of PREFIXES) if (m.startsWith(p))`
                if up.parent is None:
                    break
                up = up.parent
                if up.type in ("for_in_statement", "for_statement"):
                    stmt = up
                    break
            stack = [stmt]
            while stack and budget > 0:
                budget -= 1
                n = stack.pop()
                if n.type == "identifier":
                    names.add(_text(n))
                stack.extend(n.named_children)
        return names


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
    return classify_model_value(v) is not None


def _unescape(seq: str) -> str:
    try:
        return codecs.decode(seq, "unicode_escape")
    except (UnicodeDecodeError, ValueError):
        return seq[1:]


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
