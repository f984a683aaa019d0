"""Python source scanner: model loads, hosted model API clients and model catalogs, read with ``ast``.

Code is parsed, never imported or executed. Each detector call (``from_pretrained``,
``pipeline``, ``SentenceTransformer``, ``OpenAI(...).chat.completions.create``,
``ChatOllama``, ``litellm.completion``, ...) has its model argument folded to a string
by :mod:`aibom.scanners.python_resolve`; what cannot be folded becomes an
``unresolved-model`` diagnostic rather than silence.

Local model paths (``./models/x``) become ``LOCAL`` models named by their POSIX path
relative to the scan root. A relative path is resolved against the scan root (the
working directory projects are usually run from); when the scan root is known and
the path exists relative to the file's own directory instead, that one is used.
Absolute paths and paths leaving the root are not models of the project (an info
diagnostic says so).
"""

from __future__ import annotations

import ast
import functools
import gc
import posixpath
import re
import stat
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    Location,
    ModelFinding,
    ModelKind,
    ServiceFinding,
    is_test_path,
)
from aibom.knowledge.classify import (
    ModelValue,
    catalog_prefixed_model,
    classify_model_value,
    is_model_org,
    keyed_route,
    litellm_route,
    own_path_route,
    parse_hub_id,
    parse_ollama_tag,
    provider_in_identifier,
    split_provider_prefix,
    strong_model_literal,
)
from aibom.knowledge.providers import (
    get_provider,
    open_weight_name,
    provider_alias,
    provider_for_endpoint,
    provider_for_model_name,
    provider_for_url_text,
)
from aibom.knowledge.tables import (
    Constructor,
    FrameworkEnums,
    framework_enums,
    frameworks,
    model_strings,
    provider_table,
    python_constructors,
    python_request_bodies,
    python_sdk_names,
    sdk_default_model_for,
    sdk_default_models,
    setting_names,
)
from aibom.limits import python_size_problem
from aibom.scanners import prefilter
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.kernel import (
    HUB_DOWNLOAD,
    finding_model_name,
    is_setting_key,
    is_tokenizer_key,
    key_words,
)
from aibom.scanners.python.alias_tables import alias_targets, hub_id_map_values
from aibom.scanners.python.arguments import ArgumentReader
from aibom.scanners.python.asset_paths import asset_path_fields
from aibom.scanners.python.catalog_growth import extended_literal
from aibom.scanners.python.catalog_hosts import catalog_host, hosted_at
from aibom.scanners.python.dimension_tables import dimension_table, gating_tables
from aibom.scanners.python.emission import WEIGHT_SUFFIX
from aibom.scanners.python.enum_providers import emit_enum_members
from aibom.scanners.python.enumerated_tables import EnumeratedTable, enumerated_tables
from aibom.scanners.python.expected_strings import names_expected_text
from aibom.scanners.python.fallback_returns import fallback_model_returns, keyed_model_returns
from aibom.scanners.python.gated_tables import GatedBlock, block_provider, gated_provider_tables
from aibom.scanners.python.hub_pairs import composed_hub_ids
from aibom.scanners.python.inheritance import (
    attr_params,
    class_lineage,
    inherited_forwards,
    inherited_init,
)
from aibom.scanners.python.keyed_growth import keyed_entries
from aibom.scanners.python.litellm_keys import litellm_providers
from aibom.scanners.python.literal_catalogs import literal_model_catalogs
from aibom.scanners.python.loose_literals import loose_model_literals
from aibom.scanners.python.option_lists import (
    model_option_lists,
    module_bare_loader,
    own_named,
    qualify_bare,
)
from aibom.scanners.python.param_defaults import default_hub_ids
from aibom.scanners.python.payloads import is_response_payload
from aibom.scanners.python.provider_catalogs import (
    emit_provider_catalog,
    emit_provider_constant,
    emit_provider_route_list,
)
from aibom.scanners.python.record_catalogs import (
    is_metadata_table,
    model_keys,
    names_models,
    spread_dict,
    wrapped_dict,
)
from aibom.scanners.python.record_fields import positional_fields, record_api_base
from aibom.scanners.python.registries import provider_registrations, registered_hub_ids
from aibom.scanners.python.stray_literals import stray_model_literals
from aibom.scanners.python.tuple_catalogs import tuple_loop_members
from aibom.scanners.python.vendor_folders import (
    default_models,
    endpoints,
    names_provider,
    vendor_folder,
    vendor_provider,
)
from aibom.scanners.python.weight_urls import caller_lookups, checkpoint_names
from aibom.scanners.python.whisper_records import (
    calls_whisper_record,
    whisper_checkpoint_names,
    whisper_record_checkpoint,
)
from aibom.scanners.python_resolve import (
    UNKNOWN,
    UNRESOLVED,
    ModuleFacts,
    ModuleIndex,
    ModuleLoader,
    ModulePeek,
    Scope,
    Unknown,
    dotted,
    root_name,
    root_of,
    source_of,
)
from aibom.scanners.python_settings import MAX_NODES, is_setting_name, model_settings, target_name
from aibom.walk import SourceFile

# SDK and framework constructors: knowledge/data/sdk_python.yaml.
CTORS = python_constructors()

# Method names per client dialect and classes with dedicated recognisers (sdk_python.yaml).
_SDK_NAMES = python_sdk_names()
_OPENAI_PATHS = _SDK_NAMES.openai_paths
_UNTRACKED_PATHS = _SDK_NAMES.untracked_paths
_OLLAMA_FUNCS = _SDK_NAMES.ollama
_COHERE_METHODS = _SDK_NAMES.cohere
_BEDROCK_METHODS = _SDK_NAMES.bedrock
_HF_METHODS = _SDK_NAMES.hf
_GENAI_METHODS = _SDK_NAMES.google_genai
_GENERATIVEAI_FUNCS = _SDK_NAMES.google_generativeai
_ELEVENLABS_METHODS = _SDK_NAMES.elevenlabs
_REPLICATE_METHODS = _SDK_NAMES.replicate
_LITELLM_FUNCS = _SDK_NAMES.litellm
_HTTP_FUNCS = _SDK_NAMES.http_functions
_PACKAGE_LOADERS = _SDK_NAMES.package_loaders
_HTTP_METHOD_NAMES = frozenset(f.rsplit(".", 1)[-1] for f in _HTTP_FUNCS)
_SMOLAGENTS = _SDK_NAMES.smolagents
_AGENTS_ROUTES = _SDK_NAMES.openai_agents_routes
_PEFT_MODELS = _SDK_NAMES.peft
_DASHSCOPE_CLASSES = _SDK_NAMES.dashscope
# provider request formats naming the model outside "model" (sdk_python.yaml request_bodies)
_REQUEST_BODIES = python_request_bodies()

MAX_CATALOG = 1000  # members reported per catalog (a generated table is not a product's offer)
_CATALOG_NAME = re.compile(r"(?i)model|llm")
# a name saying "a collection of models": ..._MODELS, ..._LLMS, model_list, models
_STRONG_CATALOG_NAME = re.compile(r"(?i)(models|llms|model_list|model_names)$")
# a variable or attribute named as an API endpoint (gpt_url, openai_endpoint, API_BASE, ollama_host)
_ENDPOINT_NAME = re.compile(r"(?i)(^|_)(url|endpoint|api_base|base_url|host)(_|$)|(url|endpoint)$")
# module constants of one backend: PREFIX_BASE_URL / PREFIX_API_BASE and PREFIX_MODEL
_BACKEND_URL_CONST = re.compile(
    r"(?P<prefix>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(?:API_)?(?:BASE_URL|API_BASE|BASE|ENDPOINT)"
)
_BACKEND_MODEL_CONST = re.compile(
    r"(?P<prefix>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(?:DEFAULT_)?MODEL(?:_NAME|_ID)?"
)
_BACKEND_MODEL_VALUE = re.compile(r"(?=[\w.:/-]*[A-Za-z])[A-Za-z0-9][\w.:/-]{1,120}")
# a setting naming an API base URL (not any URL): api_base, base_url, openai_api_base, ...
_API_BASE_NAME = re.compile(r"(?i)(^|_)(api_base|base_url|api_base_url)$")
# the path of an OpenAI-compatible API root: http://localhost:1234/v1
_OPENAI_COMPATIBLE_PATH = re.compile(r"^https?://[^/]+/v1/?$")
# a deployment path segment filled by str.format: "/deployments/{1}/" or "/deployments/{}/"
_DEPLOYMENT_SLOT = re.compile(r"/deployments/\{(\d*)\}")
# fields that, next to "model", make a dict a model API request body
_REQUEST_FIELDS = frozenset({"messages", "prompt", "input", "contents"})
# a record field naming where its key is served
_ENDPOINT_FIELD = re.compile(r"(?i)endpoint|base_url|api_base|api_url|url")
# methods reading a setting by its key, with a fallback as second argument
_SETTING_GETTERS = frozenset({"get", "getenv", "get_env", "_get_str", "get_str", "get_string"})
_NOT_RECORD_TABLE = re.compile(r"(?i)dataset|data_|kernel|space|limit|price|cost|token")
# lookup tables, capability lists and retired models (setting_names.yaml: not_catalog_names)
_NOT_CATALOG_NAME = setting_names().not_catalog_name


@dataclass
class ClientInfo:
    """A provider client object created somewhere in the module."""

    dialect: str
    provider: str | None  # None: decided by the model name at the call
    endpoint: str | None
    client: str | None
    model: str | None = None


class _Analyzer(ArgumentReader):
    """One module's recognisers; collects findings in source order."""

    def __init__(
        self,
        tree: ast.Module,
        rel: str,
        *,
        cell: int | None,
        source: str,
        line_offset: int,
        root: Path | None,
        loader: ModuleLoader | None = None,
        index: ModuleIndex | None = None,
        summary_depth: int = 0,
        hub_downloads: bool = False,
    ) -> None:
        super().__init__(
            tree, rel, cell=cell, source=source, line_offset=line_offset, root=root, loader=loader,
            index=index,
        )  # fmt: skip
        self.summary_depth = summary_depth  # > 0: computing a wrapper summary, not scanning
        self.hub_downloads = hub_downloads  # the text holds a hub file download URL
        self._clients: dict[int, ClientInfo | None] = {}

    # ------------------------------------------------------------------ dispatch

    def run(self) -> list[Finding]:
        for call, scope in self.ix.calls:
            self.call(call, scope)
        if self.summary_depth:
            # A wrapper summary reads only the sinks, and only call recognisers leave sinks
            # (arguments, request bodies, client endpoints): the module-level passes below
            # would find what the module's own scan reports anyway, to be discarded here.
            return []
        self.assignments()
        self.catalogs()
        if self.hub_downloads:
            self.hub_file_urls()
        self.embedded_programs()
        self.settings()
        self.endpoint_settings()
        self.backend_constants()
        self.sdk_subclasses()
        self.vendor_defaults()
        if not is_test_path(self.rel):
            self.loose_literals()
            self.stray_literals()
        return sorted(self.findings + self.placements, key=_line_of)

    def vendor_defaults(self) -> None:
        """A model setting's literal default in a vendor adapter folder
        (``services/cartesia/tts.py``: :mod:`aibom.scanners.python.vendor_folders`) is that
        vendor's hosted model: the folder's provider, else the one the file's API URL names
        (``services/fish/`` calling ``api.fish.audio``), else ``unknown`` at that URL (an
        unknown folder without one is no vendor's). A name read elsewhere at the same line by
        its pattern alone (``whisper-large-v3-turbo`` as OpenAI's in ``services/groq/``) or as a
        hub id of a vendor that serves it is the folder's vendor's instead; a provider's own
        name (``model="minimax"``) and another vendor's closed model at a first-party API
        (``gpt-3.5-turbo`` in ``services/gemini/``; open weights such as ``gpt-oss-120b`` are
        any host's) are not."""
        folder = vendor_folder(self.rel)
        if folder is None:
            return
        found = sorted(default_models(self.ix.tree), key=lambda item: item[1])
        if not found:
            return
        provider, endpoint = self._vendor_service(vendor_provider(folder))
        for value, line in found:
            if names_provider(value) or (
                _foreign_closed(value, provider) and not open_weight_name(value)
            ):
                continue  # "minimax", "ZHIPU_AI"; gpt-3.5-turbo in services/gemini/
            here = self.loc(line).line or 0
            same = [
                f
                for f in self.findings
                if not isinstance(f, Diagnostic)
                and _line_of(f) == here
                and finding_model_name(f) == value.lower()
            ]
            if any(isinstance(f, ServiceFinding) and f.provider == provider for f in same):
                continue
            if provider == "unknown":
                if same or endpoint is None:
                    continue  # a recogniser's reading beats an unknown vendor's
            else:
                replaced = [
                    f
                    for f in same
                    if (isinstance(f, ServiceFinding) and f.endpoint is None)
                    or (isinstance(f, ModelFinding) and f.kind is ModelKind.HUB)
                ]
                if len(replaced) < len(same):
                    continue  # read at its own client or URL: that reading stands
                for f in replaced:
                    self.findings.remove(f)
            self.emit_service(provider, endpoint, value, None, line)

    def _vendor_service(self, folder_provider: str | None) -> tuple[str, str | None]:
        """(provider, endpoint) of a vendor folder's file: the folder's provider (at its own or
        a local URL of the file), else a known provider's API URL the file fixes, else
        ``unknown`` at the file's API URL."""
        urls = [(url, provider_for_endpoint(url)) for url, _ in endpoints(self.ix.tree)]
        if folder_provider is not None:
            own = next((url for url, known in urls if known == folder_provider), None)
            local = next((url for url, known in urls if known == "self-hosted"), None)
            return folder_provider, own or local
        for url, known in urls:
            if known is not None and known != "self-hosted":
                return known, url
        return "unknown", next((url for url, known in urls if known is None), None)

    def loose_literals(self) -> None:
        """A literal that can only be a model name, where no recogniser read it
        (:mod:`aibom.scanners.python.loose_literals`); product code only, since tests name
        models to exercise the code, not to use them."""
        calls = [call for call, _ in self.ix.calls]
        self._emit_literals(loose_model_literals(calls, self.project_callee))

    def stray_literals(self) -> None:
        """A literal that can only be a model name, kept as a value where no rule looked
        (:mod:`aibom.scanners.python.stray_literals`); product code only."""
        try:
            found = list(stray_model_literals(self.ix.tree))
        except RecursionError:  # nesting deeper than the walk goes: the other rules had their say
            return
        self._emit_literals(found)

    def _emit_literals(self, found: Iterable[ast.Constant]) -> None:
        """Report the string literals ``found`` in source order, except at lines and for
        names a recogniser has read already."""
        known, handled = self.reported()
        for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
            assert isinstance(node.value, str)
            if (self.loc(node.lineno).line or 0) in handled:
                continue
            known |= self.emit_model_value(node.value, node.lineno, skip=known)

    def project_callee(self, func: ast.expr) -> bool:
        """True when ``func`` is the project's own: a method on ``self``/``cls``, a function or
        class of this module, or a name imported from a module of the project."""
        root = root_name(func)
        ix = self.ix
        if root is None or root in ("self", "cls", "super"):
            return root is not None
        if root in ix.local_defs or root in ix.classes or root in ix.functions:
            return True
        if root in ix.import_from:
            module, _, level = ix.import_from[root]
            return level > 0 or (ix.loader is not None and ix.loader(module, level) is not None)
        if root in ix.import_module:
            return ix.loader is not None and ix.loader(ix.import_module[root], 0) is not None
        return False

    def sdk_subclasses(self) -> None:
        """``class WrappedAzureChatOpenAI(AzureChatOpenAI)``: the project's own subclass of an SDK
        client class builds that client, so its provider is a service the program talks to
        (where the subclass is instantiated, through a variable or a factory, is often out of
        reach). Only a base that resolves to an SDK service class counts."""
        for info in self.ix.classes.values():
            for base in info.bases:
                q = self.ix.qualify(base)
                if not q or "." not in q:
                    continue  # a bare name nothing imports, or a class of the module's own
                ctor = self.ctor_for(q, base)
                if (
                    ctor is not None
                    and ctor.kind == "service"
                    and ctor.provider is not None
                    and (ctor.fixed or ctor.provider != "openai")  # an OpenAI-compatible base
                ):  # goes wherever the subclass's base URL says
                    self.emit_service(ctor.provider, None, None, ctor.client, info.node.lineno)
                    break

    def embedded_programs(self) -> None:
        """``custom_tool = \"\"\"import requests ... def search(q): ...\"\"\"``: code kept in a string.

        A multi-line string bound to a name that is a whole Python program (it parses, imports
        something and defines or calls something) is code the product runs or hands to an
        interpreter: it is scanned as Python at its own lines. A prompt or any prose does not
        parse and stays text.
        """
        for node, _ in self.ix.assigns:
            value = node.value
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                continue
            text = value.value
            if "\n" not in text or "import " not in text or python_size_problem(text):
                continue
            if names_expected_text(node):  # expected_output = """import ...""": compared
                continue
            try:
                program = ast.parse(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            kinds = {type(n) for n in ast.walk(program)}
            if not kinds & {ast.Import, ast.ImportFrom} or not kinds & {
                ast.FunctionDef, ast.AsyncFunctionDef, ast.Call
            }:  # fmt: skip
                continue
            offset = self.offset + value.lineno - 1
            found = scan_python_text(
                text, self.rel, cell=self.cell, source=self.source, line_offset=offset,
                root=self.root,
            )  # fmt: skip
            self.findings.extend(f for f in found if not isinstance(f, Diagnostic))

    def hub_file_urls(self) -> None:
        """``"https://huggingface.co/org/repo/resolve/main/model.Q4_K_M.llamafile"``: a download.

        A string in code (not a docstring) that is the download URL of a file of a hub model
        repository names that model, wherever the URL goes (a catalog record, ``urlretrieve``,
        a ``wget`` command list), and so does a revision's base URL that file names are joined
        to (``REMOTE_BASE_URL = "https://huggingface.co/org/repo/tree/main/"``, ending with
        ``/``); a link to a repository's page is no download and stays out.
        """
        docstrings = {
            id(stmt.value)
            for node in ast.walk(self.ix.tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            for stmt in node.body
            if isinstance(stmt, ast.Expr)
        }
        reported = {_line_of(f) for f in self.findings if isinstance(f, ModelFinding)}
        for node in ast.walk(self.ix.tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in docstrings or not _HUB_DOWNLOAD.match(node.value.strip()):
                continue
            mv = classify_model_value(node.value.strip().split("://", 1)[-1].removeprefix("www."))
            if mv is None or mv.kind != ModelKind.HUB:
                continue
            if (self.loc(node.lineno).line or 0) not in reported:
                self.emit_classified(mv, mv.name, node.lineno)

    def reported(self) -> tuple[set[str], set[int]]:
        """(names reported so far, lines a recogniser has read): what a later, looser pass
        skips. A hosted name is known per provider (``openai:gpt-4o``): gpt-4o at OpenAI is not
        gpt-4o at Azure."""
        known = {finding_model_name(f) for f in self.findings if not isinstance(f, Diagnostic)}
        known |= {
            f"{f.provider}:{(f.model or '').lower()}"
            for f in self.findings
            if isinstance(f, ServiceFinding)
        }
        return known, {_line_of(f) for f in self.findings}

    def settings(self) -> None:
        """Model-ish settings whose value is a model, unless a recogniser already reported it here."""
        known, handled = self.reported()
        for value, line in model_settings(self.ix):
            if (self.loc(line).line or 0) in handled:
                continue
            emitted = self.emit_model_value(value, line, skip=known)
            if not emitted and _gguf_model_key(value) and value.strip().lower() not in known:
                # LM Studio's model key: the GGUF file of a hub repository a local server runs
                self.emit_service("self-hosted", None, value.strip(), None, line)
                emitted = {value.strip().lower()}
            known |= emitted

    def emit_model_package(
        self, value: str, line: int, *, skip: frozenset[str] | set[str] = frozenset()
    ) -> set[str]:
        """A trained pipeline named by its package (spaCy's ``en_core_web_md``) as a hub model."""
        package = frameworks().model_package(value)
        if package is None or package[0].lower() in skip:
            return set()
        self.findings.append(
            ModelFinding(
                name=package[0], kind=ModelKind.HUB, location=self.loc(line), framework=package[1]
            )
        )
        return {package[0].lower()}

    def emit_model_value(
        self,
        value: str,
        line: int,
        *,
        provider: str | None = None,
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> set[str]:
        """Report ``value`` when the classifier recognises it as a model; the names reported."""
        v = value.strip()
        if provider is None:
            split = split_provider_prefix(v, ":", "litellm", "config", "langchain")
            if split is None:  # a LiteLLM route: "azure/gpt-4o", "together_ai/org/model"
                split = litellm_route(v)
            if (
                split is None
            ):  # "huggingface_sentence-transformers/...", "openai_text-embedding-3-small"
                split = _underscore_routed(v)
            if split is not None and v.lower() in skip:
                return set()  # reported whole at its client: the split is a second reading
            if split is not None:
                provider, v = split
        if v.startswith("models/"):
            v = v[len("models/") :]
        hosted_api = provider is not None and provider != "ollama"
        if hosted_api and provider not in ("huggingface", "self-hosted"):
            assert provider is not None
            mv = classify_model_value(v, context="provider")
            if mv is None or f"{provider}:{mv.name.lower()}" in skip:
                return set()
            self.findings.append(
                ServiceFinding(provider=provider, location=self.loc(line), model=v)
            )
            return {mv.name.lower(), f"{provider}:{mv.name.lower()}"}
        mv = classify_model_value(v, context="ollama" if provider == "ollama" else None)
        if mv is None:
            return self.emit_model_package(v, line, skip=skip) if provider is None else set()
        # a hosted name is known per provider (text-embedding-3-small at Azure is not at OpenAI)
        key = f"{mv.provider}:{mv.name.lower()}" if mv.kind is None and mv.provider else None
        if (key or mv.name.lower()) in skip:
            return set()
        self.emit_classified(mv, v, line)
        return {mv.name.lower()} | ({key} if key else set())

    def call(self, call: ast.Call, scope: Scope) -> None:
        func = call.func
        self._scope = scope
        for kw in call.keywords:
            if kw.arg == "embed_model":
                self._llama_index_local(kw.value, call, scope)
        if any(
            isinstance(kw.value, ast.Attribute) for kw in call.keywords
        ) and self.framework_enum_call(call, scope):
            return
        if isinstance(func, ast.Attribute):
            last = func.attr
        elif isinstance(func, ast.Name):
            last = self.ix.imports.get(func.id, func.id).rsplit(".", 1)[-1]
        else:
            return
        if last in _HTTP_METHOD_NAMES:
            name = dotted(func)
            if name and self.ix.qualify(name) in _HTTP_FUNCS:
                self.http_call(call, scope)
                if self.summary_depth:
                    self.request_body(call, scope)
            return
        if last not in _INTERESTING:
            if self.summary_depth:
                self.request_body(call, scope)
            self.wrapper_call(call, scope)
            return
        name = dotted(func)
        q = self.ix.qualify(name) if name else None
        callee = q or source_of(func)
        if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
            self.from_pretrained(call, scope, callee)
            return
        if isinstance(func, ast.Attribute) and func.attr == "from_model_id":
            self.hub_call(
                call, scope, callee, ("model_id", 0), framework="langchain", task_args=("task",)
            )
            return
        if q is not None and self.function_call(call, scope, q, name or q):
            return
        ctor = self.ctor_for(q, name) if q else None
        if ctor is not None:
            self.construct(call, scope, ctor, q or "", callee)
            return
        if isinstance(func, ast.Attribute):
            self.method_call(call, scope, func, callee)
        elif last in _CTOR_NAMES:  # the project's own GoogleModel, not Pydantic AI's: a wrapper
            self.wrapper_call(call, scope)

    def http_call(self, call: ast.Call, scope: Scope) -> None:
        """``requests.post(url, json={"model": ...})`` to a known provider's API host."""
        url_expr = self.arg(call, (1, "url") if _is_request(call) else (0, "url"))
        url = self.quiet_value(url_expr, call, scope) if url_expr is not None else None
        if url is None and isinstance(url_expr, ast.Name):
            found = self.ix.definition(url_expr, scope, call.lineno)
            url_expr = found[0] if found is not None else url_expr
        if url is None and isinstance(url_expr, ast.JoinedStr):
            url = _literal_head(url_expr)  # f"https://api.replicate.com/v1/models/{m}/predictions"
        if url is None or "://" not in url:
            return
        provider = provider_for_endpoint(url)
        if provider is None or provider in ("self-hosted", "ollama"):
            return  # a local web API is not a model service
        parts = urlsplit(url)
        endpoint = f"{parts.scheme}://{parts.netloc}"
        body = self.arg(call, ("json",))
        models: list[str | None] = []
        if isinstance(body, ast.Dict):
            for k, v in zip(body.keys, body.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == "model":
                    m = self.quiet_value(v, call, scope)
                    if m and classify_model_value(m, context="provider") is not None:
                        models.append(m)
        for m in models or [None]:
            self.emit_service(provider, endpoint, m, "requests", call.lineno)

    # ------------------------------------------------------------------ framework enums

    def _enum_member(self, expr: ast.expr) -> tuple[FrameworkEnums, str, str] | None:
        """(framework, "model" | "platform", member) for ``ModelType.GPT_4O`` of a known framework."""
        if isinstance(expr, ast.Attribute) and expr.attr == "value":
            expr = expr.value
        if not isinstance(expr, ast.Attribute):
            return None
        base = dotted(expr.value)
        q = self.ix.qualify(base) if base else None
        if not q or "." not in q:
            return None
        module, enum = q.rsplit(".", 1)
        for fw in framework_enums():
            if not any(module == m or module.startswith(m + ".") for m in fw.modules):
                continue
            if enum == fw.model_enum:
                return fw, "model", expr.attr
            if enum == fw.platform_enum:
                return fw, "platform", expr.attr
        return None

    def framework_enum_call(self, call: ast.Call, scope: Scope) -> bool:
        """``ModelFactory.create(model_platform=ModelPlatformType.QWEN, model_type=ModelType.QWEN_MAX)``."""
        models: list[tuple[str, str]] = []
        provider: str | None = None
        literal: str | None = None
        line = call.lineno  # the model argument's own line, where the name is written
        endpoint: tuple[str, str] | None = None  # (URL, its provider) the call points at
        platform = False  # a framework's platform enum names the backend
        for kw in call.keywords:
            found = self._enum_member(kw.value)
            if found is None:
                if kw.arg and (is_setting_key(kw.arg) or kw.arg == "model_type"):
                    literal = self.quiet_value(kw.value, call, scope)
                    line = kw.value.lineno
                elif kw.arg in ("url", "base_url", "api_base"):  # an OpenAI-compatible platform
                    url = self.quiet_value(kw.value, call, scope)
                    if isinstance(url, str) and (at := provider_for_endpoint(url)) is not None:
                        endpoint = (url.strip().rstrip("/"), at)
                continue
            fw, role, member = found
            if role == "platform":
                platform = True
                provider = fw.platforms.get(member) or provider
            elif member in fw.models:
                models.append((fw.name, fw.models[member]))
                line = kw.value.lineno
                provider = provider or fw.provider  # aai.SpeechModel.best: AssemblyAI's
            else:
                self.diag(call.lineno, f"{fw.name} model {member} is not in the knowledge table",
                          code="unknown-framework-model")  # fmt: skip
        if endpoint is not None and (models or platform):
            provider = endpoint[1]  # a framework call: the URL given decides who serves
        if not models and (literal is None or provider is None):
            return False
        for framework, model in models or [("", literal or "")]:
            p = provider or provider_for_model_name(model)
            if p == "ollama":
                self.emit_service("ollama", None, model, framework or None, line)
            else:
                self.emit_model_value(model, line, provider=p)
        if endpoint is not None and endpoint[1] not in ("self-hosted", "ollama"):
            self.emit_service(endpoint[1], endpoint[0], None, None, call.lineno)
        return True

    # ------------------------------------------------------------------ project wrappers

    def request_body(self, call: ast.Call, scope: Scope) -> None:
        """``dict(model=self.model, messages=...)`` handed to a call: a model API request body.

        Only read while summarising wrappers: a ``model`` the body takes from a parameter (or
        from ``self.model`` set in ``__init__``) makes that parameter a model parameter.
        """
        bodies: list[dict[str, ast.expr]] = []
        if isinstance(call.func, ast.Name) and call.func.id == "dict":
            bodies.append({kw.arg: kw.value for kw in call.keywords if kw.arg})
        for a in [*call.args, *(kw.value for kw in call.keywords)]:
            if isinstance(a, ast.Name):  # requests.post(url, json=data) with data = {...}
                found = self.ix.definition(a, scope, call.lineno)
                a = found[0] if found is not None else a
            if isinstance(a, ast.Dict):
                bodies.append({
                    k.value: v for k, v in zip(a.keys, a.values, strict=False)
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                })  # fmt: skip
        for body in bodies:
            model = body.get("model")
            if model is not None and _REQUEST_FIELDS & body.keys():
                self.sinks.append((model, scope, "model"))  # only a parameter counts

    def wrapper_call(self, call: ast.Call, scope: Scope) -> None:
        """A call of the project's own function or class that forwards an argument into a model call."""
        if not self.summary_depth:  # decided before the callee's module is loaded
            if not self._may_name_project_callable(call.func, scope):
                return
            if not self._carries_model(call, scope):  # most calls carry no model
                if record_api_base(call) is not None and not is_test_path(self.rel):
                    # LLMConfig("openai/x", litellm_params=P(api_base=...)): the record alone
                    found = self._project_callable(call.func) or self._super_init(call.func, scope)
                    if found is not None and isinstance(found[2], ast.ClassDef):
                        self._record_fields(call, scope, found[0], found[1])
                return
        peeked = self._peek_callable(call.func)
        if peeked is None:
            target = None  # what _project_callable answers, without loading the module
        elif isinstance(peeked, Unknown) or not _forwards_nothing(*peeked):
            target = self._project_callable(call.func)
        else:
            return  # a function its module's complete summary says forwards nothing
        if target is None:
            target = self._super_init(call.func, scope)
        if target is None:
            return
        ix, owner, node = target
        forwards = inherited_forwards(ix, forwarding_summary(ix, self.summary_depth), owner)
        if not forwards:
            if (
                not self.summary_depth
                and isinstance(node, ast.ClassDef)
                and not is_test_path(self.rel)
            ):
                self._record_fields(call, scope, ix, owner)  # a test's records are its fixtures
            return
        params = _call_params(node, ix)
        callee = source_of(call.func)
        self._scope = scope
        for param, what in sorted(forwards.items()):
            specs: list[str | int] = [param]
            if param in params:
                specs.append(params.index(param))
            expr = self.arg(call, specs)
            if expr is None:
                continue
            for v in self.values(expr, call, scope, callee, what=what):  # sinks when summarising
                if what == "model":
                    self.emit_model_value(v, call.lineno)
                elif what == "endpoint":
                    provider = provider_for_endpoint(v)
                    if provider is not None or v.startswith(("http://", "https://")):
                        self.emit_service(provider, v.rstrip("/"), None, None, call.lineno)

    def _record_fields(self, call: ast.Call, scope: Scope, ix: ModuleIndex, owner: str) -> None:
        """``LLMConfig(max_tokens=8192, tokenizer_hub="Quivr/gpt-4o")``: a project record class
        (fields, no ``__init__`` of its own in its module) built with a model-ish field set is a
        model setting, as the field's default would be (a tokenizer field only with a hub id)."""
        cls = ix.classes.get(owner)
        if cls is None or inherited_init(ix, cls.node) is not None:
            return
        fields = {name for c in class_lineage(ix, cls) for name in c.attrs}
        given = [(kw.arg, kw.value) for kw in call.keywords if kw.arg is not None]
        if call.args:  # LLMConfig("gpt-5", [...]): a dataclass's fields in declaration order
            given[:0] = zip(positional_fields(ix, cls), call.args, strict=False)
        endpoint_provider: str | None = None
        endpoint: str | None = None
        for arg, value in given:
            if arg not in fields:
                continue
            tokenizer = is_tokenizer_key(arg)
            if not (tokenizer or is_setting_name(arg)):
                continue
            if not tokenizer and endpoint_provider is None:
                base = record_api_base(call)
                endpoint = self.quiet_value(base, call, scope) if base is not None else None
                endpoint_provider = (provider_for_endpoint(endpoint) if endpoint else None) or ""
            here = self.loc(value.lineno).line
            for v in self.ix.resolve_all(value, scope, call.lineno):
                if not isinstance(v, str) or not v.strip():
                    continue
                if any(  # Settings(llm="org/name") read at a loader call already
                    _line_of(f) == here and finding_model_name(f) == v.strip().lower()
                    for f in self.findings
                ):
                    continue
                if tokenizer:
                    mv = classify_model_value(v, context="hub")
                    if mv is not None:
                        self.emit_classified(mv, v.strip(), value.lineno)
                elif endpoint_provider and endpoint:  # openai/<model> at Novita's api_base
                    route = litellm_route(v.strip(), strict=False)
                    model = route[1] if route is not None else v.strip()
                    if classify_model_value(model, context="provider") is None:
                        continue
                    self.emit_service(
                        endpoint_provider, endpoint.rstrip("/"), model, None, value.lineno
                    )
                elif whisper_record_checkpoint(owner, v.strip()):  # WhisperOptions(repo_id="tiny")
                    self.emit_own_name(v.strip(), value.lineno, None)
                else:
                    self.emit_model_value(v, value.lineno)

    def _carries_model(self, call: ast.Call, scope: Scope) -> bool:
        whisper = calls_whisper_record(call.func)  # WhisperOptions(repo_id="tiny")
        for a in [*call.args, *(kw.value for kw in call.keywords)]:
            for v in self.ix.resolve_all(a, scope, call.lineno):  # a loop variable: every member
                if not (isinstance(v, str) and v.strip()):
                    continue
                v = v.strip()
                if (
                    classify_model_value(v) is not None
                    or (whisper and v in whisper_checkpoint_names())
                    or litellm_route(v) is not None
                    or v.startswith(("http://", "https://"))
                ):
                    return True
        return False

    def _may_name_project_callable(self, func: ast.expr, scope: Scope) -> bool:
        """What :meth:`_project_callable` or :meth:`_super_init` could resolve, without loading."""
        ix = self.ix
        if isinstance(func, ast.Name):
            return func.id in ix.local_defs or func.id in ix.import_from
        if not isinstance(func, ast.Attribute):
            return False
        if isinstance(func.value, ast.Name):
            return func.value.id in ix.import_module or func.value.id in ix.import_from
        return func.attr == "__init__" and scope.cls is not None and bool(scope.cls.bases)

    def _super_init(
        self, func: ast.expr, scope: Scope
    ) -> tuple[ModuleIndex, str, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] | None:
        """``super().__init__(model=model)`` in a class whose first base is the project's own class."""
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "__init__"
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
            and scope.cls is not None
            and scope.cls.bases
        ):
            return None
        base = ast.parse(scope.cls.bases[0], mode="eval").body
        return self._project_callable(base)

    def _peek_callable(self, func: ast.expr) -> tuple[ModuleFacts, str] | Unknown | None:
        """:meth:`_project_callable` answered from the facts of a module not loaded.

        (the module's facts, the name of its function or class) for a definition, None
        when :meth:`_project_callable` answers None, UNKNOWN when it must run (a local
        name, a module still loaded or never indexed, ...).
        """
        ix = self.ix
        if isinstance(func, ast.Name):
            name = func.id
            if name in ix.local_defs or name not in ix.import_from:
                return UNKNOWN
            found = ix.peek_imported(name)
            if isinstance(found, Unknown):
                return UNKNOWN
            if found is None or found[1] is None:
                return None
            return _peek_definition(found[0], found[1])
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            base = func.value.id
            if base not in ix.import_module and base not in ix.import_from:
                return UNKNOWN
            found = ix.peek_imported(base)
            if isinstance(found, Unknown):
                return UNKNOWN
            if found is None or found[1] is not None:
                return None
            return _peek_definition(found[0], func.attr)
        return UNKNOWN

    def _project_callable(
        self, func: ast.expr
    ) -> tuple[ModuleIndex, str, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] | None:
        """(module, name, definition) when ``func`` names a module-level function or class of the project."""
        if isinstance(func, ast.Name):
            name = func.id
            if name in self.ix.local_defs:
                return _definition(self.ix, name)
            found = self.ix.imported(name) if name in self.ix.import_from else None
            if found is not None and found[1] is not None:
                return _definition(found[0], found[1])
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            found = (
                self.ix.imported(func.value.id) if func.value.id in self.ix.import_module
                or func.value.id in self.ix.import_from else None
            )  # fmt: skip
            if found is not None and found[1] is None:
                return _definition(found[0], func.attr)
        return None

    # ------------------------------------------------------------------ hub loaders

    def from_pretrained(self, call: ast.Call, scope: Scope, callee: str) -> None:
        cls_q = self.ix.qualified(call.func.value) if isinstance(call.func, ast.Attribute) else None
        cls = (cls_q or "").rsplit(".", 1)[-1]
        module = cls_q.split(".")[0] if cls_q and "." in cls_q else ""
        revision = self.quiet_value(self.arg(call, ("revision",)), call, scope)
        if cls == "Llama" and module in ("llama_cpp", ""):
            self.hub_call(call, scope, callee, ("repo_id", 0), framework="llama-cpp")
            return
        if cls in _PEFT_MODELS:
            adapter = self.value(self.arg(call, ("model_id", 1)), call, scope, callee)
            if adapter is not None:
                base = self.base_id(self.arg(call, ("model", 0)), scope, call.lineno)
                self.emit_hub(adapter, call.lineno, callee, framework="peft", revision=revision, relation="adapter",
                              base=base, allow_bare_local=True)  # fmt: skip
            return
        if cls.startswith("AutoPeftModel") or cls in ("PeftConfig", "LoraConfig"):
            v = self.value(
                self.arg(call, (0, "pretrained_model_name_or_path", "model_id")),
                call,
                scope,
                callee,
            )
            if v is not None:
                self.emit_hub(v, call.lineno, callee, framework="peft", revision=revision, relation="adapter",
                              allow_bare_local=True)  # fmt: skip
            return
        loader, own = _pretrained_loader(cls_q or "", self.ix.is_unbound(cls_q or ""))
        framework = _framework_for(loader.split(".")[0] if own else module, cls)
        for mid in self.values(
            self.arg(call, (*_PRETRAINED_ARGS, own) if own else _PRETRAINED_ARGS), call, scope, callee
        ):  # fmt: skip
            self.emit_hub(
                mid,
                call.lineno,
                callee,
                framework=framework,
                revision=revision,
                allow_bare_local=True,
            )

    def base_id(self, expr: ast.expr | None, scope: Scope, line: int) -> str | None:
        """The hub id (or local path) of a base model object passed to PeftModel.from_pretrained."""
        if expr is None:
            return None
        found = (
            self.ix.definition(expr, scope, line)
            if isinstance(expr, (ast.Name, ast.Attribute))
            else (expr, scope)
        )
        if found is None:
            return None
        dexpr, dscope = found
        if (
            isinstance(dexpr, ast.Call)
            and isinstance(dexpr.func, ast.Attribute)
            and dexpr.func.attr == "from_pretrained"
        ):
            inner = self.arg(dexpr, (0, "pretrained_model_name_or_path"))
            v = self.ix.resolve(inner, dscope, dexpr.lineno) if inner is not None else UNRESOLVED
            if isinstance(v, str):
                target = self.hub_or_local(v, allow_bare_local=True)
                if target is not None and target[0] != "outside":
                    return target[1]
        return None

    def hub_call(
        self, call: ast.Call, scope: Scope, callee: str, specs: tuple[str | int, ...], *, framework: str | None,
        task_args: tuple[str | int, ...] = (), allow_bare_local: bool = False,
    ) -> None:  # fmt: skip
        v = self.value(self.arg(call, specs), call, scope, callee)
        if v is None:
            return
        task = self.quiet_value(self.arg(call, task_args), call, scope) if task_args else None
        revision = self.quiet_value(self.arg(call, ("revision",)), call, scope)
        self.emit_hub(v, call.lineno, callee, framework=framework, revision=revision, task=task,
                      allow_bare_local=allow_bare_local)  # fmt: skip

    # ------------------------------------------------------------------ functions

    def function_call(self, call: ast.Call, scope: Scope, q: str, name: str) -> bool:
        """Module-level functions with a model argument. True when ``q`` was one of them."""
        last = q.rsplit(".", 1)[-1]
        module = q.split(".")[0] if "." in q else ""
        unbound = "." not in name and self.ix.is_unbound(name)
        if q in _PACKAGE_LOADERS:  # spacy.load("en_core_web_sm")
            v = self.quiet_value(self.arg(call, (0, "name")), call, scope)
            if isinstance(v, str):
                self.emit_model_package(v, call.lineno)
            return True
        if q in ("transformers.pipeline", "transformers.pipelines.pipeline") or (
            name == "pipeline" and unbound
        ):
            task = self.quiet_value(self.arg(call, (0, "task")), call, scope)
            model_expr = self.arg(call, ("model", 1))
            if model_expr is None and not any(kw.arg is None for kw in call.keywords):
                return True  # the task's default model; nothing named here
            revision = self.quiet_value(self.arg(call, ("revision",)), call, scope)
            for mid in self.values(model_expr, call, scope, q):
                self.emit_hub(mid, call.lineno, q, framework="transformers", revision=revision, task=task,
                              allow_bare_local=True)  # fmt: skip
            return True
        if last in (
            "hf_hub_download",
            "snapshot_download",
            "hf_hub_url",
            "model_info",
            "dataset_info",
        ) and (module == "huggingface_hub" or (unbound and last != "model_info")):
            self.hub_download(call, scope, q, dataset=last == "dataset_info")
            return True
        if q in ("datasets.load_dataset", "datasets.load_dataset_builder") or (
            name == "load_dataset" and unbound
        ):
            self.dataset(call, scope, q)
            return True
        if q in ("timm.create_model", "open_clip.create_model_and_transforms", "open_clip.create_model",
                 "open_clip.create_model_from_pretrained", "open_clip.get_tokenizer"):  # fmt: skip
            v = self.quiet_value(self.arg(call, (0, "model_name")), call, scope)
            if v and v.startswith(("hf_hub:", "hf-hub:")):
                self.emit_hub(
                    v,
                    call.lineno,
                    q,
                    framework=module.replace("_", "-") if module == "open_clip" else module,
                )
            return True
        if q == "torch.hub.load":
            repo = self.quiet_value(self.arg(call, (0, "repo_or_dir")), call, scope)
            source = self.quiet_value(self.arg(call, ("source",)), call, scope)
            own_entry_module = (
                posixpath.basename(self.rel) == "hubconf.py"
            )  # the repo loading itself
            if (
                repo
                and source != "local"
                and not own_entry_module
                and re.fullmatch(r"[\w.-]+/[\w.-]+(:[\w./-]+)?", repo)
            ):
                name, _, ref = repo.partition(":")  # "owner/repo[:ref]", torch.hub's own syntax
                self.findings.append(ModelFinding(name=name, kind=ModelKind.GITHUB, location=self.loc(call.lineno),
                                                  revision=ref or None, framework="torch-hub"))  # fmt: skip
            return True
        if last in _LITELLM_FUNCS and (module == "litellm" or q.split(".")[-2:-1] == ["litellm"]):
            # litellm itself, or re-exported under its own name (`from app.llm import litellm`)
            self.litellm(call, scope, q)
            return True
        if last == "Agent" and module == "pydantic_ai":
            self.prefixed(call, scope, q, (0, "model"), ":", "pydantic_ai", "pydantic-ai")
            return True
        if q == "agents.Agent":  # OpenAI Agents SDK
            v = self.value(self.arg(call, ("model",)), call, scope, q)
            route = next((p for p in _AGENTS_ROUTES if v and v.startswith(p)), None)
            if v and route:  # "any-llm/openrouter/openai/gpt-5.4-mini": what follows the prefix
                self.litellm(call, scope, q, model=v[len(route) :], client="openai-agents")
            elif v:
                self.emit_service(
                    provider_for_model_name(v) or "openai", None, v, "openai-agents", call.lineno
                )
            return True
        if q in ("dspy.LM", "dspy.clients.LM") or (module == "crewai" and last == "LLM"):
            self.litellm(call, scope, q, client=module)
            return True
        if last in _SMOLAGENTS and (module == "smolagents" or unbound):
            self.smolagents(call, scope, q, last)
            return True
        if last == "init_chat_model" and (module.startswith("langchain") or unbound):
            self.init_chat_model(call, scope, q)
            return True
        if (
            q.startswith("google.generativeai.")
            and q.count(".") == 2
            and last in _GENERATIVEAI_FUNCS
        ):
            # genai.embed_content(model="models/text-embedding-004"): the Gemini/PaLM API
            for v in self.values(self.arg(call, ("model",)), call, scope, q):
                self.emit_service("google", None, v, "google-generativeai", call.lineno)
            return True
        if q == "replicate.run":
            v = self.value(self.arg(call, (0, "ref")), call, scope, q)
            if v:
                self.emit_service("replicate", None, v, "replicate", call.lineno)
            return True
        if module == "ollama" and q.count(".") == 1 and last in _OLLAMA_FUNCS:
            v = self.value(self.arg(call, ("model", 0)), call, scope, q)
            if v:
                self.emit_ollama(v, call.lineno, q, framework="ollama")
            return True
        parts = q.split(".")
        if (
            last == "call"
            and len(parts) >= 2
            and parts[-2] in _DASHSCOPE_CLASSES
            and (parts[0] == "dashscope" or (len(parts) == 2 and self.ix.is_unbound(parts[0])))
        ):
            v = self.value(self.arg(call, ("model",)), call, scope, q)
            if v:
                self.emit_service("alibaba-dashscope", None, v, "dashscope", call.lineno)
            return True
        if (
            module == "openai"
            and last in ("create", "acreate")
            and len(parts) == 3
            and parts[1] in ("ChatCompletion", "Completion", "Embedding")
        ):  # openai < 1.0 module-level API
            v = self.value(self.arg(call, ("model", "engine")), call, scope, q)
            if v:
                endpoint = self._module_attr(
                    f"{parts[0]}.api_base", scope, call.lineno
                ) or self._module_attr(f"{parts[0]}.base_url", scope, call.lineno)
                provider = (provider_for_endpoint(endpoint) or "unknown") if endpoint else "openai"
                self.emit_service(provider, endpoint, v, "openai", call.lineno)
            return True
        if q == "boto3.client" or (
            isinstance(call.func, ast.Attribute) and call.func.attr == "client"
        ):
            info = self.client_info(call, scope)
            if info is not None:
                self.emit_service(info.provider, info.endpoint, None, info.client, call.lineno)
                return True
            return q == "boto3.client"
        return False

    def _module_attr(self, key: str, scope: Scope, line: int) -> str | None:
        """The string assigned to a dotted name such as ``openai.api_base``, if any."""
        binding = self.ix.lookup(key, scope, line)
        if binding is None or binding.value is None:
            return None
        v = self.ix.resolve(binding.value, binding.scope, binding.line)
        return v.strip() if isinstance(v, str) and v.strip() else None

    def hub_download(self, call: ast.Call, scope: Scope, q: str, *, dataset: bool) -> None:
        repo_type = self.quiet_value(self.arg(call, ("repo_type",)), call, scope)
        if repo_type == "space":
            return
        is_dataset = dataset or repo_type == "dataset"
        v = self.value(
            self.arg(call, ("repo_id", 0)),
            call,
            scope,
            q,
            what="dataset" if is_dataset else "model",
        )
        if v is None:
            return
        if is_dataset:
            if parse_hub_id(v) is not None or re.fullmatch(r"[A-Za-z0-9][\w.-]*", v):
                self.findings.append(DatasetFinding(name=v, location=self.loc(call.lineno)))
            return
        revision = self.quiet_value(self.arg(call, ("revision",)), call, scope)
        self.emit_hub(
            v,
            call.lineno,
            q,
            framework="huggingface_hub",
            revision=revision,
            allow_bare_local=False,
        )

    def dataset(self, call: ast.Call, scope: Scope, q: str) -> None:
        v = self.value(self.arg(call, (0, "path")), call, scope, q, what="dataset")
        if v is None or v.lower() in model_strings().dataset_builders:
            return
        if v.startswith((".", "/", "~")) or "\\" in v:
            return
        hub = parse_hub_id(v)
        if hub is not None:
            self.findings.append(DatasetFinding(name=hub[0], location=self.loc(call.lineno)))
        elif (
            re.fullmatch(r"[A-Za-z0-9][\w.-]*", v) and not WEIGHT_SUFFIX.search(v) and "." not in v
        ):
            self.findings.append(DatasetFinding(name=v, location=self.loc(call.lineno)))

    def litellm(
        self, call: ast.Call, scope: Scope, q: str, *, model: str | None = None, client: str = "litellm",
        specs: tuple[str | int, ...] = ("model", 0),
    ) -> None:  # fmt: skip
        """A LiteLLM-style ``provider/model`` name (litellm, dspy.LM, crewai.LLM, smolagents)."""
        v = model or self.value(self.arg(call, specs), call, scope, q)
        if not v:
            return
        endpoint = self.quiet_value(self.arg(call, ("api_base", "base_url")), call, scope)
        provider: str | None = None
        model = v
        route = split_provider_prefix(v, "/", "litellm")
        if route is not None:
            provider, model = route
        if endpoint:
            provider = provider_for_endpoint(endpoint) or provider or "unknown"
        self.emit_service(provider, endpoint, model, client, call.lineno)

    def prefixed(
        self, call: ast.Call, scope: Scope, q: str, specs: tuple[str | int, ...], sep: str,
        ecosystem: str, client: str,
    ) -> None:  # fmt: skip
        """A ``provider:model`` name (pydantic-ai agents); prefixes are ``ecosystem`` aliases."""
        v = self.value(self.arg(call, specs), call, scope, q)
        if not v:
            return
        split = split_provider_prefix(v, sep, ecosystem)
        if split is not None:
            self.emit_service(split[0], None, split[1], client, call.lineno)
        else:
            self.emit_service(None, None, v, client, call.lineno)

    def smolagents(self, call: ast.Call, scope: Scope, q: str, last: str) -> None:
        specs: tuple[str | int, ...] = ("model_id", 0)
        if last == "TransformersModel":
            for mid in self.values(self.arg(call, specs), call, scope, q):
                self.emit_hub(mid, call.lineno, q, framework="smolagents", allow_bare_local=True)
        elif last == "LiteLLMModel":
            self.litellm(call, scope, q, client="smolagents", specs=specs)
        elif last in ("OpenAIServerModel", "OpenAIModel"):  # OpenAIModel: its name since 1.17
            endpoint = self.quiet_value(self.arg(call, ("api_base", "base_url")), call, scope)
            provider = (provider_for_endpoint(endpoint) or "unknown") if endpoint else "openai"
            expr = self.arg(call, specs)
            if provider not in ("openai", "unknown") and _caller_param(expr, scope):
                expr = None  # load_model(model_id): a caller's choice, not this endpoint's model
            mids = self.values(expr, call, scope, q) if expr is not None else []
            for mid in mids:
                self.emit_service(provider, endpoint, mid, "smolagents", call.lineno)
            if not mids and endpoint and provider != "unknown":  # the model is the caller's
                self.emit_service(provider, endpoint, None, "smolagents", call.lineno)
        else:  # HfApiModel / InferenceClientModel: the HF inference API
            expr = self.arg(call, specs)
            default = sdk_default_models().get(f"smolagents.{last}")
            if expr is None and default is not None:  # the SDK's own default model
                self.emit_service(default[0], None, default[1], "smolagents", call.lineno)
            for mid in self.values(expr, call, scope, q):
                self.emit_service("huggingface", None, mid, "smolagents", call.lineno)

    def init_chat_model(self, call: ast.Call, scope: Scope, q: str) -> None:
        v = self.value(self.arg(call, ("model", 0)), call, scope, q)
        if not v:
            return
        provider_arg = self.quiet_value(self.arg(call, ("model_provider",)), call, scope)
        provider: str | None = None
        model = v
        prefixed = split_provider_prefix(v, ":", "langchain")
        if prefixed is not None:
            provider, model = prefixed
        if provider_arg:
            provider = provider_alias(provider_arg, "langchain") or "unknown"
        endpoint = self.quiet_value(self.arg(call, ("base_url",)), call, scope)
        if endpoint:
            provider = provider_for_endpoint(endpoint) or "unknown"
        self.emit_service(provider, endpoint, model, "langchain", call.lineno)

    # ------------------------------------------------------------------ constructors and clients

    def _ctor_of(self, call: ast.Call) -> Constructor | None:
        name = dotted(call.func)
        return self.ctor_for(self.ix.qualify(name), name) if name else None

    def ctor_for(self, q: str, name: str | None) -> Constructor | None:
        """The constructor spec a qualified call name matches, honouring module requirements."""
        if q in CTORS and "." in q:
            return CTORS[q]
        last = q.rsplit(".", 1)[-1]
        spec = CTORS.get(last)
        if spec is None:
            return None
        if (
            "." not in q
        ):  # a bare name nothing imports (nor a class of the module's own, nested too)
            own = name in self.ix.local_defs or last in self.ix.classes
            if own or not spec.unbound_ok or not self.ix.is_unbound(last):
                return None
            return spec
        if spec.modules is not None and not q.startswith(spec.modules):
            return None
        return spec

    def construct(
        self, call: ast.Call, scope: Scope, ctor: Constructor, q: str, callee: str
    ) -> None:
        framework = _module_framework(q) or ctor.framework
        if ctor.kind == "hub":
            model_expr = self.arg(call, ctor.model_args)
            found = self.values(model_expr, call, scope, callee)
            revision = self.quiet_value(self.arg(call, ("revision",)), call, scope)
            if model_expr is None and ctor.default_model and not _spreads(call):
                found = [ctor.default_model]  # KeyBERT(): the library's own default model
            short = dict(ctor.bare_names)
            for mid in found:
                if mid in short and not self._exists(mid):
                    mid = short[mid]  # WhisperModel("base") -> Systran/faster-whisper-base
                elif (
                    ctor.bare_org
                    and re.fullmatch(r"[A-Za-z0-9][\w.-]*", mid)
                    and not WEIGHT_SUFFIX.search(mid)
                    and not self._exists(mid)
                ):
                    mid = f"{ctor.bare_org}/{mid}"
                self.emit_hub(
                    mid,
                    call.lineno,
                    callee,
                    framework=framework,
                    revision=revision,
                    allow_bare_local=True,
                )
            seen = set(found)
            for extra in ctor.extra_args:
                ev = self.quiet_value(self.arg(call, (extra,)), call, scope)
                if ev and ev not in seen:
                    seen.add(ev)
                    self.emit_hub(
                        ev,
                        call.lineno,
                        callee,
                        framework=framework,
                        revision=revision,
                        allow_bare_local=True,
                    )
            return
        if ctor.kind == "path":
            v = self.value(self.arg(call, ctor.model_args), call, scope, callee)
            if v is not None and ctor.own_name(v) and not self._exists(v):
                self.emit_own_name(v, call.lineno, framework)  # whisper.load_model("small.en")
            elif v is not None:
                local = self.local_name(v)
                if local is None:
                    self.diag(
                        call.lineno,
                        f"{callee} loads a model from outside the project: {v}",
                        code="model-path-outside",
                    )
                else:
                    self.findings.append(
                        ModelFinding(
                            name=local,
                            kind=ModelKind.LOCAL,
                            location=self.loc(call.lineno),
                            framework=framework,
                        )
                    )
            return
        if ctor.kind == "ollama":
            # the Ollama server is a service the code talks to, wherever its URL comes from
            endpoint = self.quiet_value(self.arg(call, ctor.endpoint_args), call, scope)
            named: list[str | None] = []
            for mid in self.values(self.arg(call, ctor.model_args), call, scope, callee):
                self.emit_ollama(mid, call.lineno, callee, framework=framework)
                tag = classify_model_value(mid, context="ollama")
                if tag is not None:
                    named.append(tag.name)
            for tag_name in named or [None]:
                self.findings.append(
                    ServiceFinding(
                        "ollama",
                        self.loc(call.lineno),
                        endpoint=endpoint if endpoint and "://" in endpoint else None,
                        model=tag_name,
                        client=ctor.client,
                    )
                )
            return
        if ctor.kind == "client":
            return  # ollama.Client: models come with the method calls
        info = self.client_info(call, scope)
        if info is None:
            return
        model_expr = self.arg(call, ctor.model_args) if ctor.model_args else None
        models = self.values(model_expr, call, scope, callee) if model_expr is not None else []
        if (
            model_expr is None
            and not any(kw.arg is None for kw in call.keywords)
            and not is_test_path(self.rel)  # a test's client says nothing of what the product sends
        ):
            default = sdk_default_model_for(q)  # OpenAIEmbeddings(): the SDK's own default model
            if default is not None and default[0] == info.provider:
                models = [default[1]]
        if info.provider is None and not models:
            return  # endpoint unknown and no model: the method calls decide
        if not isinstance(model_expr, ast.Constant):
            # config.model = "gpt-4o" reaching ChatAnthropic(model_name=config.model): the
            # service is called, but not with another vendor's closed model
            models = [m for m in models if not _foreign_closed(m, info.provider)]
        for model in models or [""]:
            if "://" in model:  # InferenceClient(model="https://my-endpoint...") names an endpoint
                provider = provider_for_endpoint(model) or "unknown"
                self.emit_service(provider, model, None, info.client, call.lineno)
                continue
            self.emit_service(info.provider, info.endpoint, model or None, info.client, call.lineno)

    def client_info(self, call: ast.Call, scope: Scope) -> ClientInfo | None:
        """What kind of client a constructor call creates (memoised per call node)."""
        key = id(call)
        if key in self._clients:
            return self._clients[key]
        self._clients[key] = None
        info = self._client_info(call, scope)
        self._clients[key] = info
        return info

    def _pydantic_ai_provider(self, call: ast.Call, scope: Scope, ctor: Constructor) -> ClientInfo:
        """``OpenAIChatModel("llama3.2", provider=OllamaProvider(base_url="http://...:11434/v1"))``:
        a Pydantic AI model class sends its model to the provider its ``provider`` argument
        names (a ``"deepseek"`` string or a provider class, whose ``base_url`` decides)."""
        provider, endpoint = ctor.provider, None
        expr = self.arg(call, ("provider",))
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            provider = provider_alias(expr.value, "pydantic_ai") or "unknown"
        elif isinstance(expr, ast.Call):
            url = self.quiet_value(self.arg(expr, ("base_url",)), expr, scope)
            if url and "://" in url:
                endpoint = url.strip().rstrip("/")
                provider = provider_for_endpoint(endpoint) or "unknown"
            else:
                cls = (dotted(expr.func) or "").rsplit(".", 1)[-1]
                named = provider_in_identifier(cls.removesuffix("Provider")) if cls else None
                provider = named or provider
        return ClientInfo(ctor.dialect, provider, endpoint, ctor.client)

    def _client_info(self, call: ast.Call, scope: Scope) -> ClientInfo | None:
        name = dotted(call.func)
        q = self.ix.qualify(name) if name else None
        if q is None:
            return None
        if q == "boto3.client" or q.endswith(".client"):
            service = self.quiet_value(self.arg(call, (0, "service_name")), call, scope)
            if service in ("bedrock-runtime", "bedrock", "bedrock-agent-runtime"):
                endpoint = self.quiet_value(self.arg(call, ("endpoint_url",)), call, scope)
                return ClientInfo("bedrock", "aws-bedrock", endpoint, "bedrock")
            return None
        ctor = self.ctor_for(q, name)
        if ctor is None or ctor.kind not in ("service", "client"):
            return None
        if ctor.dialect == "pydantic-ai":
            return self._pydantic_ai_provider(call, scope, ctor)
        client = ctor.client
        if q.rsplit(".", 1)[-1] == "OpenAI":
            if q.startswith("llama_index"):
                client = "llama-index-openai"
            elif q.startswith("langchain"):
                client = "langchain-openai"
        endpoint_expr = self.arg(call, ctor.endpoint_args)
        if ctor.dialect == "ollama":
            endpoint_expr = self.arg(call, ("host", 0))
        endpoint = None
        provider = ctor.provider
        if endpoint_expr is not None:
            if self.summary_depth:  # a parameter passed on forwards, even one with a default
                self.sinks.append((endpoint_expr, scope, "endpoint"))
            ev = self.ix.resolve(endpoint_expr, scope, call.lineno)
            if isinstance(ev, str) and ev.strip():
                endpoint = ev.strip()
                if ctor.dialect != "ollama" and not ctor.fixed:
                    provider = provider_for_endpoint(endpoint) or "unknown"
            elif ev is UNRESOLVED and ctor.dialect != "ollama":
                # an OpenAI-compatible client goes wherever its base URL says; Azure, Anthropic,
                # ... clients still talk to their own provider's API
                provider = None if ctor.provider in (None, "openai") else ctor.provider
                if provider is None:  # f"{host}/serving-endpoints": the API path names it
                    provider = _marked_provider(endpoint_expr)
                if not self.summary_depth:
                    self.sinks.append((endpoint_expr, scope, "endpoint"))
                self.diag(call.lineno, f"endpoint of {q} could not be resolved statically: {source_of(endpoint_expr)}",
                          code="unresolved-endpoint")  # fmt: skip
        elif ctor.provider is None:
            provider = "unknown"
        model = None
        if ctor.dialect in ("google-model", "hf") and ctor.model_args:
            model = self.quiet_value(self.arg(call, ctor.model_args), call, scope)
        return ClientInfo(ctor.dialect, provider, endpoint, client, model)

    def receiver_client(self, recv: ast.expr, scope: Scope, line: int) -> ClientInfo | None:
        found = (
            self.ix.definition(recv, scope, line)
            if isinstance(recv, (ast.Name, ast.Attribute))
            else (recv, scope)
        )
        for _ in range(3):
            if found is None:
                return None
            dexpr, dscope = found
            if isinstance(dexpr, ast.Await):
                dexpr = dexpr.value
            if not isinstance(dexpr, ast.Call):
                return None
            info = self.client_info(dexpr, dscope)
            if info is not None:
                return info
            fname = dotted(dexpr.func)
            fn: ast.FunctionDef | ast.AsyncFunctionDef | None = self.ix.functions.get(fname or "")
            fscope: Scope | None = None
            if fn is None and fname and fname.startswith("self.") and fname.count(".") == 1:
                fn, fscope = self._own_method(dscope, fname[5:])  # client = self._client()
            if fn is None:
                return None
            rets = [n for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None]
            if len(rets) != 1 or rets[0].value is None:
                return None
            ret = rets[0].value
            fscope = fscope or Scope("function", self.ix.module, fn)
            found = (
                self.ix.definition(ret, fscope, ret.lineno)
                if isinstance(ret, (ast.Name, ast.Attribute))
                else (ret, fscope)
            )
        return None

    def _own_method(
        self, scope: Scope, name: str
    ) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef | None, Scope | None]:
        """The method ``name`` of the class ``scope`` is a method of, with its scope (so that
        ``self.base_url`` in its body reads the class's field): ``def _client(self): return
        AsyncOpenAI(base_url=self.base_url)`` called as ``client = self._client()``."""
        cls = scope.cls
        if cls is None:
            return None, None
        for node in cls.node.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                own = self.ix.scope_of(node)
                return (node, own) if own is not None else (None, None)
        return None, None

    def method_call(self, call: ast.Call, scope: Scope, func: ast.Attribute, callee: str) -> None:
        recv, path = root_of(func.value)
        path = [*path, func.attr]
        info = self.receiver_client(recv, scope, call.lineno)
        last = func.attr
        if info is None:
            if last in (
                "model_info",
                "dataset_info",
                "hf_hub_download",
                "snapshot_download",
            ) and self._hfapi_receiver(recv, scope, call.lineno):
                self.hub_download(call, scope, callee, dataset=last == "dataset_info")
                return
            if _ends_with(path, _UNTRACKED_PATHS):
                model_expr = self.arg(call, ("model",))
                if model_expr is None:
                    return
                for mid in self.values(model_expr, call, scope, callee):
                    self.emit_service(None, None, mid, None, call.lineno)
            return
        dialect = info.dialect
        if dialect == "ollama":
            if last in _OLLAMA_FUNCS and len(path) == 1:
                for mid in self.values(self.arg(call, ("model", 0)), call, scope, callee):
                    self.emit_ollama(mid, call.lineno, callee, framework="ollama")
            return
        if dialect == "replicate":  # client.run("stability-ai/sdxl:<version>", input=...)
            if last in _REPLICATE_METHODS and len(path) == 1:
                for mid in self.values(self.arg(call, (0, "ref")), call, scope, callee):
                    self.emit_service(info.provider, info.endpoint, mid, info.client, call.lineno)
            return
        if dialect == "bedrock":
            if last in _BEDROCK_METHODS:
                v = self.value(self.arg(call, ("modelId",)), call, scope, callee)
                if v:
                    self.emit_service(info.provider, info.endpoint, v, info.client, call.lineno)
            return
        if dialect == "google-model":
            return  # the model was named at the constructor
        if dialect == "cohere":
            bearing = last in _COHERE_METHODS and len(path) == 1
        elif dialect == "google-genai":
            bearing = last in _GENAI_METHODS
        elif dialect == "hf":
            bearing = (last in _HF_METHODS or _ends_with(path, _OPENAI_PATHS)) and self.arg(
                call, ("model",)
            ) is not None
        elif dialect == "elevenlabs":  # client.generate(text=..., model="eleven_multilingual_v2")
            bearing = _ends_with(path, _OPENAI_PATHS) or (
                last in _ELEVENLABS_METHODS and len(path) == 1
            )
        else:
            bearing = _ends_with(path, _OPENAI_PATHS)
        if not bearing:
            return
        model_expr = self.arg(call, ("model",))
        if model_expr is None and dialect in ("hf",):
            return
        if (
            model_expr is None
        ):  # ElevenLabs: text_to_speech.convert(model_id="eleven_multilingual_v2")
            model_expr = self.arg(call, ("model_id",))
        for mid in self.values(model_expr, call, scope, callee):
            self.emit_service(info.provider, info.endpoint, mid, info.client, call.lineno)

    def _hfapi_receiver(self, recv: ast.expr, scope: Scope, line: int) -> bool:
        if isinstance(recv, ast.Call):
            return (self.ix.qualified(recv.func) or "").endswith("HfApi")
        found = (
            self.ix.definition(recv, scope, line)
            if isinstance(recv, (ast.Name, ast.Attribute))
            else None
        )
        if found is not None and isinstance(found[0], ast.Call):
            return (self.ix.qualified(found[0].func) or "").endswith("HfApi")
        return False

    # ------------------------------------------------------------------ assignments and catalogs

    def _llama_index_local(self, expr: ast.expr, call_or_stmt: ast.AST, scope: Scope) -> None:
        line = getattr(call_or_stmt, "lineno", 0)
        v = self.ix.resolve(expr, scope, line)
        if isinstance(v, str) and v.startswith("local:") and len(v) > 6:
            self.emit_hub(
                v, line, "llama_index embed_model", framework="llama-index", allow_bare_local=True
            )

    def assignments(self) -> None:
        for node, scope in self.ix.assigns:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is None:
                continue
            if any(isinstance(t, ast.Attribute) and t.attr == "embed_model" for t in targets):
                self._llama_index_local(node.value, node, scope)
            if isinstance(node.value, ast.Dict) and _REQUEST_BODIES:
                self._provider_request_body(node.value, scope)

    def _provider_request_body(self, body: ast.Dict, scope: Scope) -> None:
        """``{"header": {"app_id": ...}, "parameter": {"chat": {"domain": d}}}`` (iFlytek Spark).

        A provider's own request format (sdk_python.yaml request_bodies): every value the
        model field takes in its function (each assignment, each entry of a table it is
        looked up in) is a model of that provider.
        """
        for provider, model_path, marker_path in _REQUEST_BODIES:
            expr = _dict_field(body, model_path)
            if expr is None or _dict_field(body, marker_path) is None:
                continue
            for value, line in self._every_value(expr, scope, body.lineno, 0):
                if classify_model_value(value, context="provider") is not None:
                    self.emit_service(provider, None, value, None, line)

    def _every_value(
        self, expr: ast.expr, scope: Scope, line: int, depth: int
    ) -> list[tuple[str, int]]:
        """Each string ``expr`` may hold, with its line: all assignments of a local name, and
        every value of a dict literal it is looked up in with a computed key."""
        if depth > 3:
            return []
        if isinstance(expr, ast.Constant):
            return [(expr.value.strip(), expr.lineno)] if isinstance(expr.value, str) else []
        if isinstance(expr, ast.Name) and scope.kind == "function" and expr.id in scope.bindings:
            out: list[tuple[str, int]] = []
            for b in scope.bindings[expr.id][:16]:
                if b.value is not None and b.loop is None:
                    out += self._every_value(b.value, b.scope, b.line, depth + 1)
            return out
        if isinstance(expr, ast.Subscript) and not isinstance(expr.slice, ast.Constant):
            found = (
                self.ix.definition(expr.value, scope, line)
                if isinstance(expr.value, ast.Name)
                else (expr.value, scope)
            )
            if found is not None and isinstance(found[0], ast.Dict):
                return [(v.value.strip(), v.lineno) for v in found[0].values[:MAX_CATALOG]
                        if isinstance(v, ast.Constant) and isinstance(v.value, str)]  # fmt: skip
        v = self.ix.resolve(expr, scope, line)
        return [(v.strip(), line)] if isinstance(v, str) else []

    def endpoint_settings(self) -> None:
        """Endpoint-named settings of a provider nothing else in the module reports."""
        if self.summary_depth:
            return
        known = {f.provider for f in self.findings if isinstance(f, ServiceFinding)}
        # litellm.cohere_key = ..., os.environ["DEEPSEEK_API_KEY"] = ...: providers set up for LiteLLM
        litellm_names = [n for n, q in self.ix.imports.items() if q == "litellm"]
        if litellm_names:
            assigns = (node for node, _ in self.ix.assigns)
            for provider, line in litellm_providers(assigns, litellm_names):
                self.emit_service(provider, None, None, None, line)
        for node, _scope in self.ix.assigns:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n for t in targets if (n := target_name(t)) is not None]
            if node.value is not None and any(_ENDPOINT_NAME.search(n) for n in names):
                api_base = any(_API_BASE_NAME.search(n) for n in names)
                served = any(_names_server(n) for n in names)  # vllm_server_base_url
                self._endpoint_setting(
                    node.value, node.lineno, known, api_base=api_base, served=served
                )
        for d in self.ix.dicts:  # {"modelscope_base_url": "https://api-inference.modelscope.cn/v1"}
            if is_response_payload(d):
                continue
            for k, v in zip(d.keys, d.values, strict=False):
                if (
                    isinstance(k, ast.Constant)
                    and isinstance(k.value, str)
                    and _ENDPOINT_NAME.search(k.value)
                ):
                    api_base = bool(_API_BASE_NAME.search(k.value))
                    served = _names_server(k.value)
                    self._endpoint_setting(v, v.lineno, known, api_base=api_base, served=served)
        # @property def base_url(self) -> str: return "https://api.fireworks.ai/inference/v1"
        methods = [n for c in self.ix.classes.values() for n in c.node.body]
        for fn in [*self.ix.functions.values(), *methods]:
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and _ENDPOINT_NAME.search(
                fn.name
            ):
                body = [s for s in fn.body if not _is_docstring(s)]
                if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None:
                    ret = body[0].value
                    api_base = bool(_API_BASE_NAME.search(fn.name))
                    self._endpoint_setting(ret, ret.lineno, known, api_base=api_base)

    def backend_constants(self) -> None:
        """``DOCSGPT_BASE_URL = "https://oai.arc53.com"`` + ``DOCSGPT_MODEL = "docsgpt"``.

        Module constants of one backend, a literal API base URL and a literal model name under
        the same prefix: the model is served at that URL, even when no table knows its name.
        """
        if self.summary_depth:
            return
        # (scope, prefix): module constants pair with module constants, a settings class's
        # fields (YUTORI_API_BASE: str = "https://..." + YUTORI_MODEL: str = "n1.5-latest")
        # with the same class's
        urls: dict[tuple[int, str], str] = {}
        names: dict[tuple[int, str], tuple[str, int]] = {}
        for node, scope in self.ix.assigns:
            if scope is not self.ix.module and scope.kind != "class":
                continue
            value = node.value
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                continue
            for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if not isinstance(t, ast.Name):
                    continue
                if m := _BACKEND_URL_CONST.fullmatch(t.id):
                    urls.setdefault((id(scope), m["prefix"].lower()), value.value.strip())
                elif m := _BACKEND_MODEL_CONST.fullmatch(t.id):
                    key = (id(scope), m["prefix"].lower())
                    names.setdefault(key, (value.value.strip(), node.lineno))
        for prefix, (model, line) in sorted(names.items(), key=lambda item: item[1][1]):
            url = urls.get(prefix)
            if (
                url is None
                or not url.startswith(("http://", "https://"))
                or any(c.isspace() for c in url)
                or not _backend_model(model)
            ):
                continue
            provider = provider_for_endpoint(url) or "unknown"
            if provider_for_model_name(model) not in (None, provider):
                continue  # another provider's name at this host: left to the settings rules
            self.emit_service(provider, url.rstrip("/"), model, None, line)
        methods = [n for c in self.ix.classes.values() for n in c.node.body]
        for fn in [*self.ix.functions.values(), *methods]:
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._backend_signature(fn)

    def _backend_signature(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """``def __init__(self, key, model_name="16k_zh", base_url="https://asr.tencentcloudapi.com")``.

        A provider wrapper's signature: a literal default model next to a base URL parameter
        whose default (or the literal the body gives it when none is passed) is an API URL.
        Names no table knows are the models served there (known ones other rules report).
        """
        args = fn.args.args + fn.args.kwonlyargs
        defaults = [None] * (len(fn.args.args) - len(fn.args.defaults)) + list(fn.args.defaults)
        defaults += list(fn.args.kw_defaults)
        model: tuple[str, int] | None = None
        model_param = ""
        url_param: tuple[str, ast.expr | None] | None = None
        for arg, default in zip(args, defaults, strict=True):
            if _ENDPOINT_NAME.search(arg.arg):
                url_param = url_param or (arg.arg, default)
            elif (
                model is None
                and is_setting_name(arg.arg)
                and isinstance(default, ast.Constant)
                and isinstance(default.value, str)
            ):
                model = (default.value.strip(), default.lineno)
                model_param = arg.arg
        if model is None or url_param is None or not _backend_model(model[0]):
            return
        if "/" in model[0]:
            return  # a hub id or a route: read by the parameter-default rules
        name, default = url_param
        url = default.value if isinstance(default, ast.Constant) else None
        if url is None:  # if not base_url: base_url = "https://..."
            for n in _walk_function(fn):
                if (
                    isinstance(n, ast.Assign)
                    and len(n.targets) == 1
                    and isinstance(n.targets[0], ast.Name)
                    and n.targets[0].id == name
                    and isinstance(n.value, ast.Constant)
                ):
                    url = n.value.value
                    break
                # self.base_url = base_url or os.getenv("X_URL", "https://..."): its fallback
                if (
                    isinstance(n, ast.Assign)
                    and len(n.targets) == 1
                    and isinstance(n.value, ast.BoolOp)
                    and isinstance(n.value.op, ast.Or)
                    and any(isinstance(v, ast.Name) and v.id == name for v in n.value.values)
                ):
                    url = self._fallback_literal(n.value.values[-1])
                    if url is not None:
                        break
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return
        url = url.strip()
        if any(c.isspace() for c in url):
            return
        provider = provider_for_endpoint(url) or "unknown"
        if provider_for_model_name(model[0]) not in (None, provider):
            return  # another provider's name (whisper-1 at a reseller): the default rules read it
        self.emit_service(provider, url.rstrip("/"), model[0], None, model[1])
        for value, line in _allowed_models(fn, model_param):  # if model not in allowed: raise
            if (
                _backend_model(value)
                and "/" not in value
                and provider_for_model_name(value) in (None, provider)
            ):
                self.emit_service(provider, url.rstrip("/"), value, None, line)

    def _fallback_literal(self, value: ast.expr) -> str | None:
        """The literal a fallback operand gives: ``"https://..."`` or ``os.getenv("X", "https://...")``."""
        if (
            isinstance(value, ast.Call)
            and (self.ix.qualified(value.func) or "") in ("os.getenv", "os.environ.get")
            and (default := self.arg(value, (1, "default"))) is not None
        ):
            value = default
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
        return None

    def _endpoint_setting(
        self,
        value: ast.expr,
        line: int,
        known: set[str],
        *,
        api_base: bool = False,
        served: bool = False,
    ) -> None:
        """``gpt_url = "wss://spark-api.xf-yun.com/v3.5/chat"``: an endpoint named as one, of a known API.

        A literal URL on a known hosted provider's host is that service; a URL built around an
        API path marker (``... + "openai/deployments/{engine}/chat"``) names its provider only.
        """
        if isinstance(value, ast.BoolOp):  # x or os.getenv("OLLAMA_HOST", "http://localhost:11434")
            for operand in value.values[:8]:
                self._endpoint_setting(operand, line, known, api_base=api_base, served=served)
            return
        if isinstance(value, ast.IfExp):  # shared if shared else "http://localhost:11434"
            for arm in (value.body, value.orelse):
                self._endpoint_setting(arm, line, known, api_base=api_base, served=served)
            return
        if (
            isinstance(value, ast.Call)
            and (self.ix.qualified(value.func) or "") in ("os.getenv", "os.environ.get")
            and (default := self.arg(value, (1, "default"))) is not None
        ):
            self._endpoint_setting(default, line, known, api_base=api_base, served=served)
            return
        if (  # api_url: str = Field(default="https://infer.roboflow.com"): a field's default
            isinstance(value, ast.Call)
            and (dotted(value.func) or "").rsplit(".", 1)[-1] in ("Field", "field")
            and (default := self.arg(value, ("default",))) is not None
        ):
            self._endpoint_setting(default, line, known, api_base=api_base, served=served)
            return
        if (  # conf().get("xunfei_spark_url", "wss://spark-api.xf-yun.com/v3.5/chat"): its fallback
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr in _SETTING_GETTERS  # config.get_env("OPENAI_BASE_URL", "...")
            and len(value.args) == 2
            and isinstance(value.args[0], ast.Constant)
            and isinstance(value.args[0].value, str)
        ):
            self._endpoint_setting(value.args[1], line, known, api_base=api_base, served=served)
            return
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            url = value.value.strip()
            if "://" not in url or not url.isascii() or any(c.isspace() for c in url):
                return  # a prose placeholder ("https://<your resource>.openai.azure.com") is none
            provider = provider_for_endpoint(url)
            if provider is not None and provider not in known and provider != "self-hosted":
                self.emit_service(provider, url.rstrip("/"), None, None, line)
            elif provider == "self-hosted" and (
                served or (api_base and _OPENAI_COMPATIBLE_PATH.search(url))
            ):
                # llm.api_base = "http://localhost:1234/v1": a local OpenAI-compatible server;
                # vllm_server_base_url = "http://localhost:8000": an inference server's
                self.emit_service(provider, url.rstrip("/"), None, None, line)
            return
        root = _templated_root(value)  # f"http://localhost:{port}/v1": a run-time port
        if (
            root is not None
            and (served or (api_base and root[1]))
            and provider_for_endpoint(root[0]) == "self-hosted"
        ):
            self.emit_service("self-hosted", root[0], None, None, line)
            return
        if isinstance(value, (ast.BinOp, ast.JoinedStr)):
            text = "".join(
                n.value
                for n in ast.walk(value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            )
            provider = provider_for_url_text("/" + text)  # the host part ends with "/" at run time
            if provider is not None and provider not in known and provider != "self-hosted":
                self.emit_service(provider, None, None, None, line)
            return
        template = _format_template(value)
        if template is not None and isinstance(value, ast.Call):
            # "{0}openai/deployments/{1}/chat/completions?api-version={2}".format(host, "gpt-4-vision", v)
            # a field may hold the host ("{0}openai/..."): it ends with "/" at run time
            provider = provider_for_url_text("/" + re.sub(r"\{[^{}]*\}", "/", template))
            if provider is None or provider == "self-hosted":
                return
            model = None
            slot = _DEPLOYMENT_SLOT.search(template)
            if slot is not None:
                index = int(slot[1]) if slot[1] else template[: slot.start()].count("{")
                if index < len(value.args) and not any(
                    isinstance(a, ast.Starred) for a in value.args
                ):
                    arg = value.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        model = arg.value.strip() or None
            if model is not None or provider not in known:
                self.emit_service(provider, None, model, None, line)

    def catalogs(self) -> None:
        # return model / "gpt-3.5-turbo"
        for value, line in [
            *fallback_model_returns(self.ix.tree, self.ix.function_defs),
            *keyed_model_returns(self.ix.function_defs),  # return {A: "m1", B: "m2"}[key]
        ]:
            mv = classify_model_value(value)
            if mv is not None and mv.kind is None and mv.provider is not None:
                self.emit_classified(mv, value, line)
        calls = [*(c for c, _ in self.ix.calls), *self.ix.unvisited_calls]
        # dict(org="Qwen", name="Qwen3-8B")
        for hub_id, line in composed_hub_ids(self.ix.tree, [*self.ix.dicts, *calls]):
            self.emit_classified(ModelValue(ModelKind.HUB, hub_id), hub_id, line)
        # class Path: vocos_ckpt_path: str = "asset/Vocos.safetensors": a model's asset paths
        for path, line in asset_path_fields(c.node for c in self.ix.classes.values()):
            local = self.local_name(path)
            if local is not None:
                self.findings.append(
                    ModelFinding(name=local, kind=ModelKind.LOCAL, location=self.loc(line))
                )
        # path = path if path else "sshleifer/distilbart-cnn-12-6": a library's default model
        for hub_id, line in default_hub_ids(self.ix.assigns, calls, self.ix.dicts, self.ix.resolve):
            self.emit_classified(ModelValue(ModelKind.HUB, hub_id), hub_id, line)
        # @register("model_classes", "Qwen/...")
        for hub_id, line in registered_hub_ids(self.ix.tree, calls):
            self.emit_classified(ModelValue(ModelKind.HUB, hub_id), hub_id, line)
        # @register_provider([LLMType.FIREWORKS, LLMType.MOONSHOT]) class OpenAILLM: ...
        for expr, line in provider_registrations(self.ix.tree, calls):
            kind = self.ix.resolve(expr, self.ix.module, line)
            if isinstance(kind, str) and kind.strip():
                provider = provider_alias(kind.strip(), "litellm", "config", "names")
                if provider is None and get_provider(kind.strip().lower()) is not None:
                    provider = kind.strip().lower()
                if provider is not None and provider != "self-hosted":
                    self.emit_service(provider, None, None, None, line)
        uses = [  # in source order, as a walk of the tree meets them
            (name, ann, info.node if info is not None else None)
            for node, name, ann, info in sorted(
                self.ix.model_annotations, key=lambda u: (u[0].lineno, u[0].col_offset)
            )
        ]
        for cat in literal_model_catalogs(self.ix.tree, uses):  # ChatModel = Literal["gpt-4o"]
            if cat.provider is None:
                rest = self._prefixed_members(cat.members)  # Literal["openai:gpt-4o", ...]
                self._emit_catalog(rest, strong=True)
                continue
            for value, line in cat.members[:MAX_CATALOG]:
                self.emit_service(cat.provider, None, value, None, line)
        tree = self.ix.tree
        lookups = functools.cache(lambda: caller_lookups(tree))  # walked once, when asked
        gating = functools.cache(lambda: gating_tables(tree))  # walked once, when asked
        for node, scope in self.ix.assigns:
            if isinstance(node.value, ast.Dict):
                self._model_url_table(node.value)
                if self._provider_keyed_catalog(node, scope):
                    continue
                if scope.kind == "function" and self._model_lookup(node, node.value, scope):
                    continue
            if scope.kind not in ("module", "class") or node.value is None:
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                continue
            if scope.kind == "class" and scope.cls is not None and scope.cls.is_enum:
                continue
            name = targets[0].id
            if scope.kind == "module" and emit_provider_constant(
                self, name, node.value, node.lineno
            ):
                continue  # DEEPSEEK_V4_PRO = "deepseek-v4-pro"
            if scope.kind == "module":  # _MODELS = {"tiny.en": "https://.../tiny.en.pt", ...}
                for checkpoint, line in checkpoint_names(name, node.value, lookups):
                    self.findings.append(
                        ModelFinding(name=checkpoint, kind=ModelKind.LOCAL, location=self.loc(line))
                    )
            if (
                scope.kind == "module"
                and isinstance(node.value, ast.Dict)
                and dimension_table(name, node.value)
            ):
                if name in gating():  # self.dim = OPENAI_MODEL_DIM_MAP[model]
                    self._gating_table(node.value, scope)
                continue
            if emit_provider_route_list(self, name, node.value):
                continue  # SUPPORTED_ENDPOINT_TYPES = ["openai", "gemini", "anthropic"]
            hub_map = hub_id_map_values(name, node.value)  # {"paraformer": "iic/speech_...", ...}
            if hub_map:
                self._emit_catalog(list(hub_map), minimum=1)
                continue
            if not _catalog_name(name) and not (
                _is_record_table(node.value) and not _NOT_RECORD_TABLE.search(name)
            ):
                continue  # a display name -> record table is a catalog whatever its name
            if (
                isinstance(node.value, ast.Dict)
                and _catalog_name(name)
                and names_models(name)
                and is_metadata_table(node.value)
                and self._metadata_catalog(node.value, scope)
            ):
                continue  # OPENAI_MODELS = {"gpt-4o": {"context": 128_000, ...}, **OLDER}
            members = self._collection_members(node.value, scope)
            rest = self._prefixed_members(members)  # ["openai:gpt-4o", "anthropic:...", ...]
            if rest and not emit_provider_catalog(self, name, rest):
                self._emit_catalog(
                    rest,
                    strong=_strong_catalog_name(name),
                    minimum=1 if _sole_model_list(name, node.value, members) else 2,
                    host=self._catalog_host(scope),
                )
            aliased = [(self._member(e, scope), e.lineno) for e in alias_targets(name, node.value)]
            if aliased and aliased != members:  # {"nano-banana": "gemini-2.5-..."}: keys read
                self._emit_catalog(aliased)
            if _catalog_name(name) and _is_record_table(node.value) and not _recognised(members):
                self._model_keyed_records(node.value, scope, minimum=2)
        for call, scope in self.ix.calls:
            grown = extended_literal(call, self.ix, scope, _catalog_name)  # models.extend([...])
            if grown is not None:
                self._emit_catalog(self._collection_members(grown, scope))
            if (  # model_info.update({"gpt-4o": {"fn": chat, "endpoint": openai_endpoint}, ...})
                isinstance(call.func, ast.Attribute)
                and call.func.attr == "update"
                and _catalog_name(dotted(call.func.value) or "")
                and len(call.args) == 1
                and _is_record_table(call.args[0])
            ):
                record_members = self._collection_members(call.args[0], scope)
                if _recognised(record_members, minimum=1):
                    self._emit_catalog(record_members, minimum=1)
                else:
                    self._model_keyed_records(call.args[0], scope, minimum=1)
            for kw in call.keywords:  # register(models={...}): a catalog handed to a function
                if not isinstance(kw.value, (ast.Dict, ast.List, ast.Tuple)):
                    continue
                records = _is_record_table(kw.value)
                if records or (kw.arg and _catalog_name(kw.arg)):
                    members = self._collection_members(kw.value, scope)
                    if members:  # a record table of one model is still a catalog entry
                        self._emit_catalog(members, minimum=1 if records else 2)
        for entry in keyed_entries(self.ix, _catalog_name):  # CAT["groq"] = sorted(groq_map)
            self._keyed_entry(entry.key, entry.members)
        for block in gated_provider_tables(self.ix):  # if model not in models_tokens[p]: raise
            self._gated_block(block)
        if not is_test_path(self.rel):  # for model, ctx in CONTEXT_LENGTHS.items(): offer
            for table in enumerated_tables(self.ix):
                self._enumerated_table(table)
        self._platform_records()
        loader = module_bare_loader((c for c, _ in self.ix.calls), self._ctor_of)
        handled = {_line_of(f) for f in self.findings if not isinstance(f, Diagnostic)}
        for members in model_option_lists(self.ix):  # get_models() fallbacks, dropdowns
            members = [(v, line) for v, line in members if self.loc(line).line not in handled]
            mine, rest = own_named(members, loader)
            for own, line in mine:  # whisper's own checkpoint names offered in a dropdown
                self.emit_own_name(own, line, loader.framework if loader else None)
            self._emit_catalog(qualify_bare(rest, loader), minimum=1)
        for var, items, scope in self.ix.literal_loops:
            # for model in ["llama3.1", "phi3", "mistral-nemo"]: pull(model) -- the models walked
            if is_setting_name(var) and len(items.elts) >= 3:
                self._emit_catalog(self._collection_members(items, scope), minimum=3)
        for members in tuple_loop_members(self.ix):  # for model_name, key, label in TABLE
            self._emit_catalog(members, minimum=3)
        for cls in self.ix.classes.values():
            if not cls.is_enum or not _catalog_name(cls.name):
                continue
            members = []
            names: list[str] = []
            for stmt in cls.node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)
                ):
                    if stmt.targets[0].id.startswith("_"):
                        continue
                    v = stmt.value
                    member = v.value if isinstance(v, ast.Constant) else None
                    members.append((_display_key_model(member), stmt.lineno))
                    names.append(stmt.targets[0].id)
            # each member at the provider the enum gives it, the others by their patterns
            plain = emit_enum_members(self, cls.node, names, members, _catalog_member)
            if plain is not None:
                self._emit_catalog(plain, qualified=True, host=self._catalog_host(None))

    def _gated_block(self, block: GatedBlock) -> None:
        """A provider block of a table the module refuses other models by
        (:mod:`gated_tables`): each key a model of the block's provider (Ollama keys tags),
        at its line in the file the table is written in."""
        for value, line in block.members[:MAX_CATALOG]:
            name = value.strip()
            start = len(self.findings)
            if not name:
                continue
            if block.provider == "ollama":
                self.findings.append(
                    ModelFinding(name=name, kind=ModelKind.OLLAMA, location=self.loc(line))
                )
            elif block.provider is not None and block.provider != "self-hosted":
                self.emit_service(block.provider, None, name, None, line)
            elif (mv := classify_model_value(name)) is not None:
                self.emit_classified(mv, name, line)
            elif block.provider is None and any(ch.isdigit() for ch in name) and " " not in name:
                # a provider aibom does not know (an OpenAI-compatible gateway): its model
                self.emit_service("unknown", None, name, None, line)
            if block.path is None:
                continue
            for f in self.findings[start:]:  # written in the module the table is imported from
                if isinstance(f, (ModelFinding, ServiceFinding)):
                    f.location = Location(path=block.path, line=line, source="python")

    def _enumerated_table(self, table: EnumeratedTable) -> None:
        """The keys of a model -> number table the module offers models from or filters them
        by (:mod:`enumerated_tables`): a catalog at the provider the using class or file
        spells when it resells the members' vendor, each key at its line in the file the
        table is written in."""
        start = len(self.findings)
        self._emit_catalog(list(table.members), host=self._catalog_host(table.scope))
        if table.path is None:
            return
        for f in self.findings[start:]:  # written in the module the table is imported from
            if isinstance(f, (ModelFinding, ServiceFinding)) and f.location.line is not None:
                line = f.location.line - self.offset  # the member's own line
                f.location = Location(path=table.path, line=line, source="python")

    def _gating_table(self, table: ast.Dict, scope: Scope) -> None:
        """The keys of a model -> dimension table the module's class reads with its model
        (:mod:`dimension_tables`): the models of the one hosted API the module calls, else
        whatever the classifier makes of them."""
        keys = [(self._member(k, scope), k.lineno) for k in table.keys if k is not None]
        services = {
            (f.provider, f.endpoint)
            for f in self.findings
            if isinstance(f, ServiceFinding)
            and f.provider not in (None, "unknown")
            and f.provider not in provider_table().no_model_catalog  # Azure, Ollama, local, hub
        }
        if len({p for p, _ in services}) != 1:
            self._emit_catalog(keys, host=self._catalog_host(scope))
            return
        provider = next(iter(services))[0]
        endpoints = {e for _, e in services}
        endpoint = next(iter(endpoints)) if len(endpoints) == 1 else None
        for value, line in keys[:MAX_CATALOG]:
            if isinstance(value, str) and classify_model_value(value, context="provider"):
                self.emit_service(provider, endpoint, value.strip(), None, line)

    def _metadata_catalog(self, table: ast.Dict, scope: Scope) -> bool:
        """``OPENAI_MODELS = {"gpt-4o": {"context": 128_000, "price_input": 2.5}, **OLDER}``.

        A dict named as the models whose records hold each key's metadata and no model field:
        its keys are the models (each at its line), with the keys of every dict it spreads
        that is not a catalog under its own name (``**OPENAI_MODELS_DEPRECATED``: merged in,
        still offered), at the spread's line. Most keys must be recognised model names.
        """
        if any(self._record_members(v, scope) for v in table.values if isinstance(v, ast.Dict)):
            return False  # records naming their model: the record rule reads them
        members: list[tuple[object, int]] = []
        for k, v in zip(table.keys, table.values, strict=False):
            if isinstance(k, ast.Constant) and isinstance(k.value, str):
                members.append((k.value, k.lineno))
                continue
            inner = spread_dict(self.ix, v) if k is None else None
            source = v.id if isinstance(v, ast.Name) else ""
            if inner is None or not is_metadata_table(inner):
                continue
            if _catalog_name(source) and names_models(source):
                continue  # reported where it is written
            members.extend((m, v.lineno) for m, _ in model_keys(self.ix, inner, spreads=False))
        if not _recognised(members, minimum=2, majority=True):
            return False
        self._emit_catalog(members, strong=True)
        return True

    def _model_lookup(
        self, node: ast.Assign | ast.AnnAssign, table: ast.Dict, scope: Scope
    ) -> bool:
        """``model_2_api = {"nemotron-4-340b": "/b0fc..."}; api_base += model_2_api[model_name]``.

        A model-named dict inside a function, looked up there by a model variable: its keys
        are the models the function serves (each at its own line), when they are recognised.
        """
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return False
        name = targets[0].id
        if not _catalog_name(name) or scope.node is None:
            return False
        looked_up = any(
            isinstance(n, ast.Subscript)
            and isinstance(n.value, ast.Name)
            and n.value.id == name
            and isinstance(n.slice, ast.Name)
            and is_setting_name(n.slice.id)
            for n in _walk_function(scope.node)
        )
        if not looked_up:
            return False
        keys = [(k.value, k.lineno) for k in table.keys[:MAX_CATALOG]
                if isinstance(k, ast.Constant) and isinstance(k.value, str)]  # fmt: skip
        if not _recognised(list(keys), minimum=1):
            return False
        self._emit_catalog(list(keys), minimum=1)
        return True

    def _platform_records(self) -> None:
        """``{"platform_type": "ollama", "api_base_url": ..., "llm_models": ["qwen:7b", ...]}``.

        A record naming a model platform (a provider name under a platform key, or its endpoint
        URL) with lists of models under model-list keys (``llm_models``, ``embed_models``): the
        models the product offers through that platform. When most members are recognised model
        names, every member is a model of the record's platform, each at its own line.
        """
        if not any(_platform_record(d)[1] for d in self.ix.dicts):
            return  # most modules: no such record, and no second walk of the tree
        budget = MAX_NODES  # the records in the walk's order, as many as its budget reaches
        stack: list[ast.AST] = [self.ix.tree]
        while stack and budget > 0:
            n = stack.pop()
            budget -= 1
            stack.extend(ast.iter_child_nodes(n))
            if not isinstance(n, ast.Dict):
                continue
            lists, provider = _platform_record(n)
            if provider is None:
                continue
            names = [(e.value, e.lineno) for items in lists for e in items.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]  # fmt: skip
            if not _recognised(list(names), minimum=1, majority=True):
                continue
            for value, line in names[:MAX_CATALOG]:
                tag = _ollama_name(value) if provider == "ollama" else None
                mv = ModelValue(ModelKind.OLLAMA, tag) if tag else classify_model_value(value)
                if mv is not None and mv.kind is not None:
                    self.emit_classified(mv, value.strip(), line)
                elif mv is not None or classify_model_value(value, context="provider") is not None:
                    self.emit_service(provider, None, value.strip(), None, line)

    def _provider_keyed_catalog(self, node: ast.Assign | ast.AnnAssign, scope: Scope) -> bool:
        """``models = {"CLAUDE": [("Claude 3 Opus", "claude-3-opus-20240229"), ...], ...}``.

        A catalog (a module, class or ``self.`` attribute named as models) keyed by provider
        name, each value the list of that provider's models, given as ids or as
        ``(display name, id)`` pairs: every member is a model of its key's provider. Most keys
        must name a known provider, most members be known model names and nearly all read as
        model names under their provider.
        """
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if len(targets) != 1 or not isinstance(node.value, ast.Dict):
            return False
        target = targets[0]
        if isinstance(target, ast.Name) and scope.kind in ("module", "class"):
            name = target.id
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            name = target.attr
        else:
            return False
        if not _catalog_name(name):
            return False
        table = node.value
        if not table.keys:
            return False
        members: list[tuple[str | None, object, int]] = []
        keys: dict[int, str] = {}  # member line -> its key as written
        keyed = 0
        # {"anthropic": {"claude-opus-4-8": {...}, **DEPRECATED}, "openai": OPENAI_MODELS}:
        # per provider a dict keyed by model; an entry built elsewhere adds no member here
        keyed_dicts = any(wrapped_dict(v) is not None for v in table.values)
        for k, v in zip(table.keys, table.values, strict=False):
            key = self._member(k, scope) if k is not None else None
            if not isinstance(key, str):  # an enum member key resolves to its value
                return False
            # "grok-subscription", "openai-subscription": a provider's plan or gateway
            provider = block_provider(key, whole=("litellm", "config"))
            keyed += provider is not None
            if isinstance(v, (ast.List, ast.Tuple)):
                entries = [(provider, *_catalog_pair(e, self._member(e, scope))) for e in v.elts]
            elif isinstance(v, ast.Constant) and isinstance(v.value, str):
                entries = [(provider, v.value, v.lineno)]  # provider -> its (default) model
            elif keyed_dicts and (d := wrapped_dict(v)) is not None:
                entries = [(provider, m, line) for m, line in model_keys(self.ix, d, spreads=True)]
            elif keyed_dicts and isinstance(v, (ast.Name, ast.Call, ast.DictComp)):
                entries = []
            else:
                return False
            members.extend(entries)
            keys.update((line, key) for _, _, line in entries)
        if keyed * 2 <= len(table.keys):
            return False

        def read(provider: str | None, value: object) -> ModelValue | None:
            mv = classify_model_value(value)
            if mv is None and provider not in (None, "ollama", "self-hosted"):
                mv = classify_model_value(value, context="provider")
            return mv

        # "nvidia_nim/meta/llama3-8b-instruct", "sambanova/Qwen2.5-72B-Instruct": LiteLLM routes
        # under their provider's key (read as a hub id only when the prefix may be an org)
        routes = {
            i: route
            for i, (provider, value, _) in enumerate(members)
            if (route := keyed_route(value, provider)) is not None
            and (read(provider, value) is None or litellm_route(str(value).strip()) is not None)
        }
        for i, (provider, value, line) in enumerate(members):
            if i not in routes and provider is not None:  # "grok-subscription/grok-4.6"
                members[i] = (provider, _own_prefix_stripped(keys[line], value), line)
        known = sum(1 for i, (_, v, _) in enumerate(members) if i in routes or _catalog_member(v))
        hits = sum(
            1 for i, (p, v, _) in enumerate(members) if i in routes or read(p, v) is not None
        )
        if known < 2 or known * 2 <= len(members) or hits * 5 < len(members) * 4:
            return False
        for i, (provider, value, line) in enumerate(members[:MAX_CATALOG]):
            if i in routes:
                self._emit_route(*routes[i], line)
                continue
            mv = read(provider, value)
            if mv is None or not isinstance(value, str):
                continue
            if provider is not None and mv.kind is None:
                self.emit_service(provider, None, value.strip(), None, line)
            elif (
                keyed_dicts
                and provider is not None
                and mv.kind == ModelKind.HUB
                and provider not in provider_table().no_model_catalog
            ):  # {"openrouter": {"qwen/qwen3-max": {...}}}: the router's own model id
                self.emit_service(provider, None, value.strip(), None, line)
            elif mv.kind is not None or _key_names(keys.get(line, ""), mv.provider):
                # under a provider aibom does not know (Vertex's "claude-...@20241022") a
                # hosted name is not its pattern's provider's; hub and Ollama ids still are
                self.emit_classified(mv, value.strip(), line)
        return True

    def _keyed_entry(self, key: str, members: list[tuple[str, int]]) -> None:
        """A catalog entry's members under its key: a provider's hosted models when the key
        names a provider (``"openai_chat"`` names openai) and nearly all read as its model
        names, else any recognised model ids."""
        provider = provider_alias(key, "litellm", "config", "names")
        head = key.split("_", 1)[0]
        if provider is None and len(head) >= 4:
            provider = provider_alias(head, "litellm", "config", "names")
        if provider is None or provider in provider_table().no_model_catalog:
            self._emit_catalog(list(members))
            return
        readings = [
            classify_model_value(v) or classify_model_value(v, context="provider")
            for v, _ in members
        ]
        known = sum(1 for v, _ in members if _catalog_member(v))
        hits = sum(1 for mv in readings if mv is not None)
        if known < 2 or known * 2 <= len(members) or hits * 5 < len(members) * 4:
            return
        for (value, line), mv in list(zip(members, readings, strict=True))[:MAX_CATALOG]:
            if mv is None:
                continue
            if mv.kind is None:
                self.emit_service(provider, None, value.strip(), None, line)
            else:
                self.emit_classified(mv, value.strip(), line)

    def _emit_route(self, provider: str, model: str, line: int) -> None:
        """A LiteLLM route's model at its provider (an Ollama tag for ``ollama/...``)."""
        if provider == "ollama":
            tag = parse_ollama_tag(model, strict=False)
            if tag is not None:
                self.emit_classified(ModelValue(ModelKind.OLLAMA, tag), model, line)
            return
        self.emit_service(provider, None, model, None, line)

    def _collection_members(self, value: ast.expr, scope: Scope) -> list[tuple[object, int]]:
        if (
            isinstance(value, ast.Call)
            and dotted(value.func) in ("frozenset", "set", "tuple", "list")
            and value.args
        ):
            value = value.args[0]
        if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            return [(self._member(e, scope), e.lineno) for e in value.elts]
        if isinstance(value, ast.Dict):
            if value.values and all(
                isinstance(v, ast.Constant) and isinstance(v.value, (int, float))
                for v in value.values
            ):
                return []  # a lookup table (token limits, prices)
            if _is_record_table(value):
                # display name -> record ({"repo_id": ..., Source.DEFAULT: ...}): the records' model
                # fields; the display names are labels even when they look like model names
                return [
                    m
                    for v in value.values
                    if isinstance(v, ast.Dict)
                    for m in self._record_members(v, scope)
                ]
            keys = [(self._member(k, scope), k.lineno) for k in value.keys if k is not None]
            if _recognised(keys):
                return keys
            groups = [v for v in value.values if isinstance(v, (ast.List, ast.Tuple))]
            if groups and len(groups) == len(value.values):
                # {"chat": ["gpt-4o", ...], "vision": [...]}: groups of models, every member
                return [(self._member(e, scope), e.lineno) for g in groups for e in g.elts]
            return [(self._member(v, scope), v.lineno) for v in value.values]
        return []

    def _model_keyed_records(self, table: ast.expr, scope: Scope, *, minimum: int) -> None:
        """``{"gpt-4o": {"fn": chat, "endpoint": openai_endpoint}, ...}``: a dispatch table keyed by model.

        The records hold no model field, but route each key to code (a function, a client, an
        endpoint variable): the keys are the models. A record's endpoint field that holds a known
        provider's URL names the provider of its key (and is a service); a table of constants only
        (token limits, capabilities) is a lookup table and stays out.
        """
        if not isinstance(table, ast.Dict):
            return
        entries: list[tuple[str, int, str | None, str | None]] = []
        for k, v in zip(table.keys, table.values, strict=False):
            if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                continue
            if not isinstance(v, ast.Dict) or not _routes_to_code(v):
                return
            url = self._record_endpoint(v, scope)
            provider = provider_for_endpoint(url) if url else None
            if provider == "self-hosted":
                provider = None
            entries.append((k.value.strip(), k.lineno, provider, url if provider else None))
        hits = [
            e
            for e in entries
            if _catalog_member(e[0])
            or (e[2] is not None and classify_model_value(e[0], context="provider") is not None)
        ]
        if len(hits) < minimum or len(hits) * 2 <= len(entries):
            return
        for name, line, provider, url in hits[:MAX_CATALOG]:
            mv = classify_model_value(name)
            routed = _provider_dash_model(name)
            if routed is not None and provider in (None, routed[0]):
                self.emit_service(routed[0], None, routed[1], None, line)
            elif provider is not None and (mv is None or mv.kind != ModelKind.HUB):
                self.emit_service(provider, url, name, None, line)
            elif mv is not None:
                self.emit_classified(mv, name, line)

    def _model_url_table(self, table: ast.Dict) -> None:
        """``{"ERNIE-Bot-4": "https://aip.baidubce.com/.../completions_pro", ...}``: model -> its URL.

        Every value a URL of one known hosted provider and most keys hosted model names: the
        keys are that provider's models (a route table such as ``{"chat": url}`` has none).
        """
        if len(table.keys) < 2:
            return
        providers: set[str | None] = set()
        for v in table.values:
            if not (isinstance(v, ast.Constant) and isinstance(v.value, str) and "://" in v.value):
                return
            providers.add(provider_for_endpoint(v.value))
        provider = next(iter(providers)) if len(providers) == 1 else None
        if provider is None or provider in ("self-hosted", "ollama"):
            return
        keys = [
            (k.value.strip(), k.lineno, v)
            for k, v in zip(table.keys, table.values, strict=False)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
        hits = sum(1 for name, _, _ in keys if classify_model_value(name) is not None)
        if hits < 2 or hits * 2 <= len(keys):
            return
        for name, line, v in keys[:MAX_CATALOG]:
            if classify_model_value(name, context="provider") is not None:
                assert isinstance(v, ast.Constant)
                self.emit_service(provider, str(v.value).rstrip("/"), name, None, line)

    def _record_endpoint(self, record: ast.Dict, scope: Scope) -> str | None:
        """The URL a record's endpoint field holds (a literal or a module variable holding one)."""
        for k, v in zip(record.keys, record.values, strict=False):
            if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                continue
            if not _ENDPOINT_FIELD.fullmatch(k.value):
                continue
            url = self.ix.resolve(v, scope, v.lineno)
            if isinstance(url, str) and "://" in url:
                return url
            if isinstance(v, ast.Name):  # a URL variable redirected later by configuration
                for node, where in self.ix.assigns:
                    if (
                        where.kind == "module"
                        and isinstance(node, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == v.id for t in node.targets)
                        and isinstance(node.value, ast.Constant)
                        and isinstance(node.value.value, str)
                        and "://" in node.value.value
                    ):
                        return node.value.value
        return None

    def _record_members(self, record: ast.Dict, scope: Scope) -> list[tuple[object, int]]:
        """Values of a catalog record under a model-ish key or a non-literal key (an enum member)."""
        out: list[tuple[object, int]] = []
        for k, v in zip(record.keys, record.values, strict=False):
            if k is None or isinstance(v, (ast.Dict, ast.List)):
                continue
            if isinstance(k, ast.Constant) and not (
                isinstance(k.value, str) and is_setting_name(k.value)
            ):
                continue
            out.append((self._member(v, scope), v.lineno))
        return out

    def _member(self, expr: ast.expr, scope: Scope) -> object:
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, (ast.Name, ast.Attribute, ast.JoinedStr, ast.BinOp)):
            v = self.ix.resolve(expr, scope, expr.lineno)
            return v if isinstance(v, str) else None
        return None

    def _catalog_host(self, scope: Scope | None) -> str | None:
        """The provider a catalog's enclosing class or module file spells, nearest first
        (:mod:`catalog_hosts`: an Azure class's list of OpenAI names is Azure's)."""
        cls = scope.cls.name if scope is not None and scope.cls is not None else ""
        return catalog_host((cls, posixpath.splitext(posixpath.basename(self.rel))[0]))

    def _prefixed_members(self, members: Sequence[tuple[object, int]]) -> list[tuple[object, int]]:
        """Emit the ``provider:model`` members of a catalog most of whose members are spelled so
        (pydantic-ai's ``KnownModelName``), each at its provider; return the other members."""
        split = [
            catalog_prefixed_model(value) if isinstance(value, str) else None
            for value, _ in members
        ]
        if sum(s is not None for s in split) * 2 <= len(members):
            return list(members)
        rest: list[tuple[object, int]] = []
        for (value, line), routed in zip(members[:MAX_CATALOG], split, strict=False):
            if routed is None:
                rest.append((value, line))
            else:
                self.emit_service(routed[0], None, routed[1], None, line)
        return rest

    def _emit_catalog(
        self,
        members: list[tuple[object, int]],
        *,
        minimum: int = 2,
        strong: bool = False,
        qualified: bool = False,
        host: str | None = None,
    ) -> None:
        if not qualified and not _recognised(members, minimum=minimum, majority=strong):
            return
        if len(members) > MAX_CATALOG:
            self.diag(members[0][1], f"model catalog with {len(members)} members; only the first "
                      f"{MAX_CATALOG} are reported", code="catalog-truncated")  # fmt: skip
            members = members[:MAX_CATALOG]
        readings = [classify_model_value(value) for value, _ in members]
        kinds = [mv.kind for mv in readings if mv is not None]
        # a catalog of Ollama tags ("phi3", "gemma2", "mistral-nemo"): a name that is also a
        # hosted API's ("mistral-nemo" at Mistral) is the Ollama library's model here
        ollama = kinds.count(ModelKind.OLLAMA) * 2 > len(kinds)
        if host is not None:  # OpenAI's names in an Azure class's list are Azure deployments
            readings = [mv if mv is None else hosted_at(mv, host) for mv in readings]
        sole = None if ollama else _sole_provider(readings, [value for value, _ in members])
        # a catalog of hub ids: its bare legacy ids ("gpt2", "t5-small") are hub ids too
        hub = kinds.count(ModelKind.HUB) * 2 > len(kinds)
        legacy = model_strings().legacy_hub_ids
        for (value, line), mv in zip(members, readings, strict=True):
            if ollama and mv is not None and mv.kind is None and isinstance(value, str):
                tag = parse_ollama_tag(value)
                mv = ModelValue(ModelKind.OLLAMA, tag) if tag else mv
            elif hub and mv is None and isinstance(value, str) and value.strip().lower() in legacy:
                mv = ModelValue(ModelKind.HUB, value.strip())
            if mv is None and sole and _sole_member(value):
                mv = ModelValue(None, str(value), provider=sole)  # Groq's "gemma-7b-it" in its list
            elif sole and mv is not None and mv.kind is None and mv.provider != sole:
                mv = ModelValue(None, str(value), provider=sole)  # "mistral-7b-instruct" there
            routed = _provider_dash_model(value) if mv is None else None
            if routed is not None:
                self.emit_service(routed[0], None, routed[1], None, line)
            if mv is None or not isinstance(value, str):
                continue
            self.emit_classified(mv, value.strip(), line)


# A hub model file's download URL (``/resolve/<revision>/<file>``); datasets and Spaces are no model.
HUB_DOWNLOAD_MARK = "/resolve/"
HUB_TREE_MARK = "/tree/"  # a revision's base URL: ``huggingface.co/org/repo/tree/main/``
# ... or the base URL file names are appended to (``.../tree/main/``, ending with ``/``).
_HUB_DOWNLOAD = HUB_DOWNLOAD


# The last names of the SDK constructors (a call of another class of that name may be a wrapper).
_CTOR_NAMES: frozenset[str] = frozenset(k.rsplit(".", 1)[-1] for k in CTORS)

# The last name of every call any detector handles (anything else is skipped at once).
_INTERESTING: frozenset[str] = frozenset(
    {k.rsplit(".", 1)[-1] for k in CTORS}
    | {p[-1] for p in _OPENAI_PATHS}
    | _OLLAMA_FUNCS | _COHERE_METHODS | _BEDROCK_METHODS | _HF_METHODS | _GENAI_METHODS | _GENERATIVEAI_FUNCS | _LITELLM_FUNCS
    | {f.rsplit(".", 1)[-1] for f in _PACKAGE_LOADERS}
    | {"from_pretrained", "from_model_id", "pipeline", "hf_hub_download", "snapshot_download", "hf_hub_url",
       "model_info", "dataset_info", "load_dataset", "load_dataset_builder", "create_model",
       "create_model_and_transforms", "create_model_from_pretrained", "get_tokenizer", "load",
       "init_chat_model", "run", "call", "create", "acreate", "client", "Agent", "LM"}
    | _SMOLAGENTS
)  # fmt: skip

# Substrings without which no detector can fire: a file lacking all of them is only parsed.
# (Every constructor name in CTORS contains one of them; a test checks it.)
TRIGGERS: tuple[str, ...] = (
    "odel", "MODEL", "pretrained", "pipeline", "hf_hub", "snapshot_download", "dataset", "hub.load",
    "llm", "LLM", "Llm", "replicate", "lama", "lient", "OpenAI", "openai", "nthropic", "istral", "Groq",
    "Together", "Fireworks", "Zhipu", "Chat", "chat", "mbedding", "HuggingFace", "Transformer", "Encoder",
    "EngineArgs", "Gemini", "Agent", "LM(", "dashscope", "Generation", "completions", "messages", "responses", "generate", "Tongyi",
    "embed", "ncoder", "erank", "heckpoint", "ElevenLabs", "Deepgram", "Reka", "requests", "httpx",
    "KeyBERT", "ColBERT", "Entropy", "TTS.api", "DallE", "SpeechConfig", "TwelveLabs", "fish_audio_sdk",
    "Cerebras", "writerai",
    # hosted and open model names a stray literal may be (python/stray_literals.py)
    "claude", "gpt-", "gemini", "qwen", "Qwen", "grok-", "glm-", "gemma", "o1-", "o3-",
    "o4-", "text-embedding", "whisper",
    HUB_DOWNLOAD_MARK, HUB_TREE_MARK, *sorted(_PACKAGE_LOADERS),
)  # fmt: skip


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _caller_param(expr: ast.expr | None, scope: Scope) -> bool:
    """``expr`` is a parameter of the function it is used in (its value is the caller's)."""
    return isinstance(expr, ast.Name) and scope.kind == "function" and expr.id in scope.params


def _is_request(call: ast.Call) -> bool:
    """``requests.request(method, url)``: the URL is the second argument."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "request"


_TEMPLATED_ROOT = re.compile(r"(https?://[A-Za-z0-9.-]+)(?::(?:\d+|\{\}))?(/v1/?)?")


def _templated_root(expr: ast.expr) -> tuple[str, bool] | None:
    """(``scheme://host``, ends with ``/v1``) of an f-string URL whose only run-time part is its
    port (``f"http://localhost:{port}/v1"``)."""
    if not isinstance(expr, ast.JoinedStr) or len(expr.values) > 3:
        return None
    text = "".join(
        p.value if isinstance(p, ast.Constant) and isinstance(p.value, str) else "{}"
        for p in expr.values
    )
    m = _TEMPLATED_ROOT.fullmatch(text)
    return (m[1], m[2] is not None) if m is not None and "{}" in text else None


def _marked_provider(expr: ast.expr) -> str | None:
    """The provider whose API path marker a URL built around a run-time host spells
    (``f"{workspace}/serving-endpoints"``, ``host + "/openai/deployments/" + name``)."""
    if not isinstance(expr, (ast.JoinedStr, ast.BinOp)):
        return None
    text = "".join(
        n.value for n in ast.walk(expr) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )
    provider = provider_for_url_text("/" + text) if text else None
    return None if provider == "self-hosted" else provider


def _literal_head(expr: ast.JoinedStr) -> str | None:
    """The literal text an f-string starts with, when it holds a whole host (``https://host/...``)."""
    head = ""
    for part in expr.values:
        if not isinstance(part, ast.Constant) or not isinstance(part.value, str):
            break
        head += part.value
    return head if head.count("/") >= 3 else None


_TRIGGER_BYTES = tuple(t.encode() for t in TRIGGERS)  # same hits in valid UTF-8 bytes


def _may_reference_models(text: str) -> bool:
    return any(word in text for word in TRIGGERS)


def _dict_field(body: ast.Dict, path: tuple[str, ...]) -> ast.expr | None:
    """The value at nested literal keys ``path`` of a dict literal (None when absent)."""
    node: ast.expr = body
    for key in path:
        if not isinstance(node, ast.Dict):
            return None
        for k, v in zip(node.keys, node.values, strict=False):
            if isinstance(k, ast.Constant) and k.value == key:
                node = v
                break
        else:
            return None
    return node


def _spreads(call: ast.Call) -> bool:
    """True when a call passes ``*args`` or ``**kwargs`` (its named arguments are unknown)."""
    return any(kw.arg is None for kw in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    )


def _line_of(f: Finding) -> int:
    line = f.line if isinstance(f, Diagnostic) else f.location.line
    return line or 0


def _recognised(
    members: list[tuple[object, int]], *, minimum: int = 2, majority: bool = False
) -> bool:
    """At least ``minimum`` members, and at least 80% of them, are recognised model values.

    ``majority``: a collection whose name says it holds models (``AVAIL_LLM_MODELS``) may mix
    real model names with the product's own aliases; more than half recognised is enough.
    """
    if len(members) < minimum:
        return False
    hits = sum(1 for v, _ in members if _catalog_member(v))
    if hits >= minimum and hits * 5 >= len(members) * 4:
        return True
    if not majority:
        return False
    # bare family words ("mistral", "phi") read as Ollama tags are too weak to outvote aliases
    strong = sum(1 for v, _ in members if _catalog_member(v) and not _bare_ollama(v))
    return strong >= max(minimum, 3) and strong * 2 > len(members)


# a versioned lower-case API model name ("gemma-7b-it", "llama3-70b-8192"), not a word or label
_VERSIONED = re.compile(r"(?=[^-]*\d|.*-[^-]*\d)[a-z][a-z0-9.]*(?:-[a-z0-9.]+)+")


def _foreign_closed(model: str, provider: str | None) -> bool:
    """True when ``model`` is another vendor's closed model (``gpt-4o``) and ``provider`` a
    first-party API that never serves it (Anthropic, Mistral, ...; ``providers.yaml``
    ``closed_model_vendors``, ``first_party_apis``)."""
    table = provider_table()
    if provider is None or provider not in table.first_party_apis:
        return False
    vendor = provider_for_model_name(model)
    others = table.closed_model_vendors.get(vendor or "")
    return others is not None and provider != vendor and provider not in others


def _own_prefix_stripped(key: str, value: object) -> object:
    """``"grok-subscription/grok-4.6"`` under the key ``"grok-subscription"`` (and not read as
    a LiteLLM route): the program routes by its own key and strips it; the model is what
    follows."""
    if not isinstance(value, str):
        return value
    head, sep, rest = value.strip().partition("/")
    return rest if sep and rest and head.lower() == key.strip().lower() else value


def _sole_provider(readings: list[ModelValue | None], values: Sequence[object]) -> str | None:
    """The one hosted provider of a catalog whose recognised members (three or more) are all its.

    Such a list is that provider's catalog: a versioned name no pattern can attribute (Groq's
    ``gemma-7b-it``, served under the same name elsewhere) is its model there. An open-weights
    checkpoint name with a parameter size (``mistral-7b-instruct``) that another vendor's pattern
    reads does not break it when the provider's own names outnumber such members two to one and
    the provider hosts other vendors' models (Perplexity's ``pplx-70b-chat`` list): the host
    serves the open model under that name.
    """
    hosted = [mv.provider for mv in readings if mv is not None]
    if len(hosted) < 3 or None in hosted:
        return None
    top = max(set(hosted), key=hosted.count)
    own = hosted.count(top)
    if own == len(hosted):
        return top
    if own < 3 or own < 2 * (len(hosted) - own) or top in provider_table().closed_model_vendors:
        return None
    others = [v for v, mv in zip(values, readings, strict=True) if mv and mv.provider != top]
    if len(others) != len(hosted) - own or not all(
        isinstance(v, str) and _OPEN_SIZE.search(v) for v in others
    ):
        return None
    return top


# a parameter size in an open-weights checkpoint's name: "-7b-", "-8x7b", "-1.5b"
_OPEN_SIZE = re.compile(r"(?i)(?:^|[-_.])(?:\d+x)?\d+(?:\.\d+)?b(?:$|[-_.])")


def _sole_member(value: object) -> bool:
    """A versioned name a single-provider catalog can vouch for (not ``dashscope-...``: a
    name starting with a provider's is that provider's key, read by its own rule)."""
    if not isinstance(value, str) or not _VERSIONED.fullmatch(value):
        return False
    return provider_alias(value.partition("-")[0], "litellm", "config") is None


def _bare_ollama(value: object) -> bool:
    mv = classify_model_value(value)
    return mv is not None and mv.kind == ModelKind.OLLAMA and ":" not in mv.name


def _provider_dash_model(value: object) -> tuple[str, str] | None:
    """``dashscope-qwen3-14b`` -> (alibaba-dashscope, qwen3-14b): a catalog key naming its provider;
    also a LiteLLM-style route no other reading took (``fireworks/accounts/fireworks/models/x``).

    Only when the whole name is no model but the part after a provider's name is a hosted model
    name; Azure is left out (what follows ``azure-`` is a deployment the user names).
    """
    if not isinstance(value, str) or classify_model_value(value) is not None:
        return None
    route = own_path_route(value.strip())  # "fireworks/accounts/fireworks/models/deepseek-v3"
    if route is not None:
        return route
    if "-" not in value:
        return None
    head, _, rest = value.strip().partition("-")
    provider = provider_alias(head, "litellm", "config")
    if provider is None or provider == "azure-openai":
        return None
    mv = classify_model_value(rest)
    if mv is None or mv.kind == ModelKind.HUB:
        return None
    return provider, rest


def _catalog_pair(expr: ast.expr, value: object) -> tuple[object, int]:
    """A catalog entry's model id: the entry itself, or of a ``(display name, id)`` pair the
    last member that reads as a model (the display name comes first)."""
    if isinstance(expr, (ast.Tuple, ast.List)) and expr.elts:
        texts = [e for e in expr.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        for e in reversed(texts):
            if classify_model_value(e.value) is not None:
                return e.value, e.lineno
        if texts:
            return texts[-1].value, texts[-1].lineno
    return value, expr.lineno


def _key_names(key: str, provider: str | None) -> bool:
    """True when a catalog key as written names ``provider`` (``ZHIPUAI`` names ``zhipu``)."""
    word = re.sub(r"[^a-z0-9]", "", key.lower())
    pid = re.sub(r"[^a-z0-9]", "", (provider or "").lower())
    return bool(word and pid) and (word in pid or pid in word)


# a display/log key: a model name and a parenthesised variant label ("gpt-5.5 (low thinking)",
# "claude-opus-4-8 (max effort)")
_DISPLAY_KEY = re.compile(r"([A-Za-z0-9][\w.:/-]{0,159}) \(([A-Za-z0-9][\w ,.-]{0,39})\)")


def _display_key_model(value: object) -> object:
    """The model a model enum's display key names: ``"gpt-5.4-mini (low thinking)"`` is
    ``gpt-5.4-mini`` sent with a reasoning setting (the app maps the key to the API name) when
    the part before the parenthesis is a recognised model name; any other value unchanged."""
    if not isinstance(value, str):
        return value
    m = _DISPLAY_KEY.fullmatch(value.strip())
    if m is None or classify_model_value(m.group(1)) is None:
        return value
    return m.group(1)


def _catalog_member(value: object) -> bool:
    return classify_model_value(value) is not None or _provider_dash_model(value) is not None


_SERVER_URL_WORDS = frozenset(
    {"server", "api", "base", "url", "uri", "endpoint", "host", "address"}
)


def _names_server(name: str) -> bool:
    """An endpoint setting named after model-serving software (``vllm_server_url``, ``tgi_host``):
    a serving software's name followed only by words of an address (not ``XINFERENCE_OTLP_...``,
    a telemetry endpoint of a project that happens to carry such a name)."""
    words = key_words(name)
    serving = model_strings().serving_software
    return any(
        w in serving and words[i + 1 :] and set(words[i + 1 :]) <= _SERVER_URL_WORDS
        for i, w in enumerate(words)
    )


def _sole_model_list(name: str, value: ast.expr, members: list[tuple[object, int]]) -> bool:
    """A one-member list named as models whose member can only be a model name
    (``_supported_completion_models = ["gpt-3.5-turbo-instruct"]``): a catalog of one.
    Not a LiteLLM route (``GEMINI_MODELS = ["gemini/gemini-2.0-flash"]``), which a catalog
    would read as a hub id."""
    if len(members) != 1 or not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return False
    member = members[0][0]
    return (
        _strong_catalog_name(name)
        and isinstance(member, str)
        and strong_model_literal(member.strip())
        and litellm_route(member.strip()) is None
    )


def _strong_catalog_name(name: str) -> bool:
    """A constant named as a collection of models (``AVAIL_LLM_MODELS``, ``qwen_models``)."""
    return bool(_STRONG_CATALOG_NAME.search(name)) and not _NOT_CATALOG_NAME.search(name)


def _routes_to_code(record: ast.Dict) -> bool:
    """A record with a field that is code (a function, client or endpoint variable), not data."""
    return any(
        isinstance(v, (ast.Name, ast.Attribute))
        or (
            isinstance(k, ast.Constant)
            and isinstance(k.value, str)
            and _ENDPOINT_FIELD.fullmatch(k.value)
        )
        for k, v in zip(record.keys, record.values, strict=False)
    )


def _is_record_table(node: ast.expr) -> bool:
    """``{"display name": {...}, ...}``: a dict whose every value is a dict (a catalog of records)."""
    return (
        isinstance(node, ast.Dict)
        and bool(node.values)
        and all(isinstance(v, ast.Dict) for v in node.values)
    )


MAX_SUMMARY_DEPTH = 4  # wrapper chains followed across modules


def _definition(
    ix: ModuleIndex, name: str
) -> tuple[ModuleIndex, str, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] | None:
    if name in ix.functions:
        return ix, name, ix.functions[name]
    cls = ix.classes.get(name)
    if cls is not None and any(cls.node is c.node for c in ix.classes.values()):
        return ix, name, cls.node
    return None


def _peek_definition(facts: ModuleFacts, name: str) -> tuple[ModuleFacts, str] | None:
    """:func:`_definition` of a module known by its facts."""
    return (facts, name) if name in facts.functions or name in facts.classes else None


def _forwards_nothing(facts: ModuleFacts, owner: str) -> bool:
    """Whether ``owner`` is a function (no class) its module's complete summary forwards nothing of.

    Then :meth:`_Analyzer.wrapper_call` would load the module only to find no forwarded
    parameter (a complete summary is what :func:`forwarding_summary` answers at any depth).
    """
    if owner not in facts.functions or owner in facts.classes:
        return False
    with _SUMMARY_LOCK:
        summary = _COMPLETE.get(facts.identity)
    return summary is not None and not summary.get(owner)


def _call_params(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, ix: ModuleIndex
) -> list[str]:
    """Positional parameter names a call fills (a class: its ``__init__``, maybe inherited, without ``self``)."""
    if isinstance(node, ast.ClassDef):
        init = inherited_init(ix, node)
        if init is None:
            return []
        return [a.arg for a in [*init.args.posonlyargs, *init.args.args]][1:]
    return [a.arg for a in [*node.args.posonlyargs, *node.args.args]]


# id(index) -> (index, summary, complete); the index held weakly: a summary is reused only
# for the same live index, and the cache does not keep a dropped module's tree alive
_SUMMARIES: dict[int, tuple[weakref.ref[ModuleIndex], dict[str, dict[str, str]], bool]] = {}
_SUMMARY_LOCK = threading.Lock()
_IN_PROGRESS: set[int] = (
    set()
)  # summaries being computed (a cycle or the depth limit cuts them short)
_CUT_SHORT: set[int] = set()
_PARTIAL: dict[int, tuple[ModuleIndex, dict[str, dict[str, str]]]] = {}  # summaries being grown
MAX_SUMMARY_PASSES = 3
_CONSULTED: set[int] = set()  # modules whose partial summary a pass read
# complete summaries by ModuleIndex.identity: they outlive the module's tree, so a project
# bigger than the module cache does not recompute (and re-import) them for every importer;
# emptied when the scan ends (ProjectModules.clear)
_COMPLETE: dict[tuple[str, str, int, int], dict[str, dict[str, str]]] = {}
MAX_COMPLETE_SUMMARIES = 65536


def forget_summaries() -> None:
    """Drop every complete summary kept by module identity (a scan is over)."""
    with _SUMMARY_LOCK:
        _COMPLETE.clear()


def forwarding_summary(ix: ModuleIndex, depth: int = 0) -> dict[str, dict[str, str]]:
    """Which parameters of the module's functions and classes reach a model or endpoint argument.

    ``{owner: {param: "model" | "endpoint"}}``; the module is analysed once (without
    emitting anything) and unresolved model arguments are traced back to parameters,
    through ``self.attr = param`` in ``__init__``. Calls to other wrappers inside are
    followed up to :data:`MAX_SUMMARY_DEPTH` modules deep (a cycle reads as "no forwarding").
    A summary cut short by the depth limit or by a cycle is computed once more when a call
    site asks for it directly, so the answer does not depend on scan order.
    """
    key = id(ix)
    with _SUMMARY_LOCK:
        if ix.identity is not None and ix.identity in _COMPLETE:
            return _COMPLETE[ix.identity]
        cached = _SUMMARIES.get(key)
        if cached is not None and cached[0]() is ix and (cached[2] or depth > 0):
            return cached[1]  # an incomplete summary is recomputed once, for a direct call site
        if key in _PARTIAL and _PARTIAL[key][0] is ix:
            _CONSULTED.add(key)
            return _PARTIAL[key][1]  # a wrapper of this same module: the pass so far
        if key in _IN_PROGRESS or depth >= MAX_SUMMARY_DEPTH:
            _CUT_SHORT.update(_IN_PROGRESS)  # everything being computed now is incomplete
            return {}
        if len(_SUMMARIES) > 512:
            _SUMMARIES.clear()
        _IN_PROGRESS.add(key)
    summary: dict[str, dict[str, str]] = {}
    try:
        # wrappers of this module calling each other (super().__init__): passes to a fixed point
        for _ in range(MAX_SUMMARY_PASSES):
            with _SUMMARY_LOCK:
                _PARTIAL[key] = (ix, summary)
            analyzer = _Analyzer(ix.tree, "<summary>", cell=None, source="python", line_offset=0,
                                 root=None, index=ix, summary_depth=depth + 1)  # fmt: skip
            try:
                analyzer.run()
            except RecursionError:
                analyzer.sinks.clear()
            grown: dict[str, dict[str, str]] = {o: dict(p) for o, p in summary.items()}
            for expr, scope, what in analyzer.sinks:
                for owner, param in _sink_params(expr, scope, ix):
                    grown.setdefault(owner, {}).setdefault(param, what)
            with _SUMMARY_LOCK:
                consulted = key in _CONSULTED
                _CONSULTED.discard(key)
            if grown == summary or not consulted:
                summary = grown  # no wrapper of this module asked for the pass so far: done
                break
            summary = grown
    finally:
        with _SUMMARY_LOCK:
            _PARTIAL.pop(key, None)
            _CONSULTED.discard(key)
            _IN_PROGRESS.discard(key)
            complete = key not in _CUT_SHORT or depth == 0
            _CUT_SHORT.discard(key)
            _SUMMARIES[key] = (weakref.ref(ix), summary, complete)
            if complete and ix.identity is not None:
                if len(_COMPLETE) >= MAX_COMPLETE_SUMMARIES:
                    _COMPLETE.clear()
                _COMPLETE[ix.identity] = summary
    return summary


def _sink_params(
    expr: ast.expr, scope: Scope, ix: ModuleIndex, depth: int = 0
) -> list[tuple[str, str]]:
    """(owner, parameter) pairs a model or endpoint argument ``expr`` comes from."""
    fn: Scope | None = scope
    while fn is not None and fn.kind != "function":
        fn = fn.parent
    if fn is None or not isinstance(fn.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    if isinstance(expr, ast.BoolOp) and expr.values:  # ``self.model_name or self.model_id``
        return [p for v in expr.values for p in _sink_params(v, scope, ix, depth)]
    if isinstance(expr, ast.Name) and expr.id not in fn.params and depth < 3:
        binding = ix.lookup(expr.id, scope, expr.lineno)  # ``m = model`` ... ``Chat(model=m)``
        if binding is not None and isinstance(binding.value, ast.Name):
            return _sink_params(binding.value, binding.scope, ix, depth + 1)
        return []
    out: list[tuple[str, str]] = []
    if isinstance(expr, ast.Name) and expr.id in fn.params:
        if fn.cls is None:
            if fn.parent is not None and fn.parent.kind == "module":
                out.append((fn.node.name, expr.id))
        elif fn.node.name == "__init__":
            out.append((fn.cls.name, expr.id))
    elif (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and expr.value.id == "self"
        and fn.cls is not None
    ):
        out.extend((fn.cls.name, p) for p in attr_params(ix, fn.cls, expr.attr))
    return out


_PLATFORM_KEY = re.compile(r"(^|_)(platform|provider)(_(name|type|id))?$", re.IGNORECASE)
_ENDPOINT_KEY = re.compile(r"(^|_)(api_)?(base_?url|endpoint|host|url)$", re.IGNORECASE)


def _underscore_routed(value: str) -> tuple[str, str] | None:
    """``provider_model``: a known provider's name joined to a recognised model name by ``_``."""
    split = split_provider_prefix(value, "_", "litellm", "config", "langchain")
    if split is None or classify_model_value(split[1]) is None:
        return None
    org, slash, _ = split[1].partition("/")
    if slash and not is_model_org(org):
        return None  # "google_ai/gemini-2.0-flash": a provider handle, not "google" + "ai/..."
    return split


_GGUF_KEY = re.compile(r"([\w.-]+/[\w.-]+)/(?:[\w.-]+/)*[\w.-]+\.gguf")


def _gguf_model_key(value: str) -> bool:
    """``publisher/repo-GGUF/file.gguf``: a hub repository's GGUF file named as one model key."""
    m = _GGUF_KEY.fullmatch(value.strip())
    if m is None or "gguf" not in m.group(1).split("/")[1].lower():
        return False  # a GGUF repository is named so (weights/llama/model.gguf is a local path)
    return parse_hub_id(m.group(1)) is not None


_OLLAMA_NAMESPACED = re.compile(r"[a-z0-9][\w.-]*/[a-z0-9][\w.-]*(:[\w.-]+)?")


def _ollama_name(value: str) -> str | None:
    """A name on an Ollama platform: a library tag or a user's ``namespace/model[:tag]``."""
    value = value.strip()
    return parse_ollama_tag(value) or (value if _OLLAMA_NAMESPACED.fullmatch(value) else None)


def _platform_record(record: ast.Dict) -> tuple[list[ast.List | ast.Tuple], str | None]:
    """The model lists and the platform of a platform record (provider None: no such record)."""
    lists: list[ast.List | ast.Tuple] = []
    provider: str | None = None
    for k, v in zip(record.keys, record.values, strict=False):
        if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
            continue
        if isinstance(v, (ast.List, ast.Tuple)) and _strong_catalog_name(k.value):
            lists.append(v)
        elif isinstance(v, ast.Constant) and isinstance(v.value, str):
            provider = provider or _platform_of(k.value, v.value)
    return lists, provider if lists else None


def _platform_of(key: str, value: str) -> str | None:
    """The platform a record entry names: a known provider under a platform key, or an endpoint URL's."""
    if _PLATFORM_KEY.search(key):
        return provider_alias(value, "litellm", "config")
    if _ENDPOINT_KEY.search(key) and "://" in value:
        return provider_for_endpoint(value.strip())
    return None


def _format_template(value: ast.expr) -> str | None:
    """The literal template of ``"...{0}...".format(...)`` (None for anything else)."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
        and isinstance(value.func.value, ast.Constant)
        and isinstance(value.func.value.value, str)
    ):
        return value.func.value.value
    return None


def _backend_model(value: str) -> bool:
    """A backend's model value that could be a model name (not a placeholder word or prose)."""
    return bool(_BACKEND_MODEL_VALUE.fullmatch(value)) and (
        value.lower() not in model_strings().generic_names
    )


def _allowed_models(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, param: str
) -> list[tuple[str, int]]:
    """The members of a local literal list the model parameter is checked against.

    ``aliases = ["bu-latest", "bu-1-0"]; if model not in aliases: raise ...`` in a backend
    wrapper: the names the backend accepts. A list named as a capability or lookup table
    (``vision_models``) is not an allow-list.
    """
    lists: dict[str, list[tuple[str, int]]] = {}
    checked: set[str] = set()
    for n in _walk_function(fn):
        if (
            isinstance(n, ast.Assign)
            and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name)
            and isinstance(n.value, (ast.List, ast.Tuple, ast.Set))
            and n.value.elts
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in n.value.elts)
        ):
            lists[n.targets[0].id] = [
                (str(e.value).strip(), e.lineno)
                for e in n.value.elts
                if isinstance(e, ast.Constant)
            ]
        elif (
            isinstance(n, ast.Compare)
            and isinstance(n.left, ast.Name)
            and n.left.id == param
            and len(n.ops) == 1
            and isinstance(n.ops[0], (ast.In, ast.NotIn))
            and isinstance(n.comparators[0], ast.Name)
        ):
            checked.add(n.comparators[0].id)
    return [
        member
        for name in sorted(checked & lists.keys())
        if not _NOT_CATALOG_NAME.search(name)
        for member in lists[name][:MAX_CATALOG]
    ]


def _walk_function(fn: ast.AST, limit: int = 5000) -> Iterator[ast.AST]:
    """The nodes of a function body (bounded: a generated function is not read whole)."""
    for i, n in enumerate(ast.walk(fn)):
        if i >= limit:
            return
        yield n


def _catalog_name(name: str) -> bool:
    return bool(_CATALOG_NAME.search(name)) and not _NOT_CATALOG_NAME.search(name)


def _ends_with(path: list[str], suffixes: tuple[tuple[str, ...], ...]) -> bool:
    return any(len(path) >= len(s) and tuple(path[-len(s) :]) == s for s in suffixes)


def _module_framework(q: str) -> str | None:
    top = q.split(".")[0] if "." in q else ""
    if top.startswith("langchain"):
        return "langchain"
    return frameworks().python_import_modules.get(top)


_PRETRAINED_ARGS: tuple[str | int, ...] = (
    0, "pretrained_model_name_or_path", "model_id", "repo_id", "model_name_or_path"
)  # fmt: skip


def _pretrained_loader(qualified: str, unbound: bool) -> tuple[str, str | None]:
    """(module.Class, model keyword) of a loader class of frameworks.yaml, or ("", None).
    A notebook cell may use a class imported in an earlier cell: an unbound bare name
    matches by its class part."""
    table = frameworks().pretrained_loader_args
    if qualified in table or not unbound or "." in qualified:
        return qualified, table.get(qualified)
    return next(((k, v) for k, v in table.items() if k.rsplit(".", 1)[-1] == qualified), ("", None))


def _framework_for(module: str, cls: str) -> str:
    if module:
        return frameworks().python_import_modules.get(module, module.replace("_", "-"))
    if cls.endswith("Pipeline") or cls.startswith("AutoPipeline"):
        return "diffusers"
    if cls == "SentenceTransformer":
        return "sentence-transformers"
    return "transformers"


def scan_python_text(
    text: str,
    rel: str,
    *,
    cell: int | None = None,
    source: str = "python",
    line_offset: int = 0,
    root: Path | None = None,
    loader: ModuleLoader | None = None,
    shared: SharedModule | None = None,
) -> list[Finding]:
    """Findings for one piece of Python source (a file, or a notebook cell).

    ``rel`` is the POSIX path relative to the scan root used in every location;
    ``line_offset`` is added to every line; ``root`` (optional) lets local model
    paths be checked against the tree; ``loader`` (optional) lets constants
    imported from other modules of the project be resolved; ``shared`` (optional) shares
    the file's parse with the project's imports of it. Never raises for bad input.
    """
    if too_big := python_size_problem(text):  # refuse before ast builds a huge tree
        return [Diagnostic(rel, f"Python source too large: {too_big}", code="too-large")]
    analyse = _may_reference_models(text)
    try:
        tree = shared.tree(text) if shared is not None else ast.parse(text, filename=rel)
    except SyntaxError as exc:
        line = (exc.lineno or 1) + line_offset
        return [Diagnostic(rel, f"Python syntax error: {exc.msg}", line=line, code="python-syntax")]
    except (ValueError, RecursionError, MemoryError) as exc:
        reason = "nesting too deep" if isinstance(exc, (RecursionError, MemoryError)) else str(exc)
        return [Diagnostic(rel, f"cannot parse Python source: {reason}", code="python-syntax")]
    if not analyse:
        return []  # no name any detector looks for: parsed for syntax only
    analyzer: _Analyzer | None = None
    try:
        index = shared.index(tree) if shared is not None else None
        analyzer = _Analyzer(
            tree, rel, cell=cell, source=source, line_offset=line_offset, root=root, loader=loader,
            index=index, hub_downloads=HUB_DOWNLOAD_MARK in text or HUB_TREE_MARK in text,
        )  # fmt: skip
        return analyzer.run()
    except RecursionError:
        found = analyzer.findings if analyzer is not None else []
        return [
            *found,
            Diagnostic(
                rel, "Python source nested too deeply to analyse completely", code="python-syntax"
            ),
        ]


_FROZEN_CHARS = [0]  # source characters parsed since the collector last saw every object
MAX_FROZEN_CHARS = 64_000_000  # then everything frozen is handed back to the collector once


def _parse(text: str, rel: str) -> ast.Module:
    """:func:`ast.parse` without the cyclic garbage collector ever walking the tree.

    A syntax tree holds no reference cycles (and :meth:`ModuleIndex.release` breaks the
    index's), so the collector would find nothing in it, yet its generational passes walked
    every tree kept by :class:`ProjectModules` (a quarter of the CPU time of a large
    project). Each new tree is frozen (``gc.freeze``) with whatever else is alive; freed
    by reference counting as before. The young generation is collected first (it is small),
    so what is frozen is what survived; every :data:`MAX_FROZEN_CHARS` of source the frozen
    objects are handed back, so a cycle made elsewhere meanwhile is still collected.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.collect(0)
    gc.disable()
    try:
        return ast.parse(text, filename=rel)
    finally:
        if enabled:
            _FROZEN_CHARS[0] += len(text)
            if _FROZEN_CHARS[0] > MAX_FROZEN_CHARS:
                _FROZEN_CHARS[0] = 0
                gc.unfreeze()
            else:
                gc.freeze()
            gc.enable()


@dataclass(eq=False)
class _Parsed:
    """One module's parse, shared by its own scan and every import of it."""

    fingerprint: tuple[int, int]  # (length, hash) of the text parsed
    tree: ast.Module
    index: ModuleIndex | None = None


class SharedModule:
    """The scanned file's view of :class:`ProjectModules`: parse once, index once."""

    def __init__(self, modules: ProjectModules, rel: str, ctx: ScanContext) -> None:
        self._modules, self._rel, self._ctx = modules, rel, ctx

    def tree(self, text: str) -> ast.Module:
        """The file's syntax tree (raises like :func:`ast.parse`)."""
        return self._modules.parsed(self._rel, self._ctx, text).tree

    def index(self, tree: ast.Module) -> ModuleIndex:
        """The file's module index, built once and shared with its importers."""
        return self._modules.module_index(self._rel, self._ctx, tree)


def _candidate_paths(here: str, module: str, level: int) -> tuple[str, ...]:
    """The files an import of ``module`` (``level`` dots) made in directory ``here`` may name."""
    parts = module.split(".") if module else []
    if any(not p.isidentifier() for p in parts):
        return ()
    if level > 0:
        base = here
        for _ in range(level - 1):
            if not base:
                return ()
            base = posixpath.dirname(base)
        bases = [base]
    else:
        if not parts:
            return ()
        # the root, src/, the file's directory, then every directory above it: an application
        # kept in a subdirectory (backend/app/agent.py: ``from app.llms import ...``) runs with
        # that subdirectory on its path
        above: list[str] = []
        up = posixpath.dirname(here)
        while up:
            above.append(up)
            up = posixpath.dirname(up)
        bases = list(dict.fromkeys(["", "src", here, *above]))
    out: list[str] = []
    for base in bases:
        stem = posixpath.join(base, *parts) if parts else base
        if not stem:
            continue
        out += (stem + ".py", posixpath.join(stem, "__init__.py"))
    return tuple(out)


class ProjectModules:
    """Other modules of the scanned project, parsed on demand for cross-module constants.

    ``from .config import MODEL_ID`` / ``from app.settings import settings`` are looked up
    as ``<root>/<module path>.py`` or ``.../__init__.py`` (relative imports from the
    importing file's package; absolute ones from the root, ``src/``, the file's own
    directory and the directories above it). Files are read through the scan context (capped); nothing is imported.
    Each module is parsed once per process: its own scan and the imports of it share the
    tree and the index (least recently used modules are dropped beyond a source budget).
    """

    # source characters of imported modules kept (trees: ~40x); skyvern (33 MB of Python):
    # 4 MB parsed 4,801 times for 1,876 modules (69 s CPU, 397 MB), 8 MB 2,930 (36 s, 453 MB)
    MAX_CACHED_CHARS = 8_000_000
    MAX_PROBATION_CHARS = 1_000_000  # ... and of modules parsed for their own scan only

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[str, str], _Parsed] = OrderedDict()  # imported modules
        self._probation: OrderedDict[tuple[str, str], _Parsed] = OrderedDict()  # scanned only
        self._chars = {id(self._cache): 0, id(self._probation): 0}
        self._missing: set[tuple[str, str]] = set()
        self._candidates: dict[tuple[str, str, int], tuple[str, ...]] = {}  # see loader
        # (root, importing module, module, level) -> what load answered, during one file's
        # scan (see begin_file): the same import is looked up again for every call through it
        self._answers: dict[tuple[str, str, str, int], ModuleIndex | None] | None = None
        # (root, path) -> the facts of a module whose index left the cache (see peeker)
        self._facts: dict[tuple[str, str], ModuleFacts] = {}
        # (root, importing module, module, level) -> what peek answered, during one file's scan
        self._peeks: dict[tuple[str, str, str, int], ModuleFacts | None] | None = None
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, object]:
        return {}  # a cache: nothing worth sending to another process

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]

    def clear(self) -> None:
        """Forget every module (the scan is over), freeing those nothing else uses at once."""
        with self._lock:
            for kept in (self._cache, self._probation):
                while kept:
                    _, dropped = kept.popitem()
                    self._release(dropped)
                self._chars[id(kept)] = 0
            self._missing.clear()
            self._candidates.clear()
            self._answers = None
            self._facts.clear()
            self._peeks = None
        forget_summaries()

    def begin_file(self) -> None:
        """A file's scan starts: imports are answered from a memo until the next file's.

        Within one file's scan an import's answer does not change, and the dependencies the
        first lookup noted (:meth:`ScanContext.note_dependency`) are the file's already.
        """
        self._answers = {}
        self._peeks = {}

    @staticmethod
    def _release(dropped: _Parsed) -> None:
        index, dropped.index = dropped.index, None
        if index is not None and sys.getrefcount(index) == 2:  # this name and the call's
            index.release()  # nothing else can reach it: free it now (see release)

    def shared(self, rel: str, ctx: ScanContext) -> SharedModule:
        """The parse of the module at ``rel`` as its own scan sees it."""
        return SharedModule(self, rel, ctx)

    def loader(self, rel: str, ctx: ScanContext) -> ModuleLoader:
        """A loader for imports made by the module at ``rel``."""

        here = posixpath.dirname(rel)
        root = str(ctx.root)
        missing = self._missing

        def load(module: str, level: int) -> ModuleIndex | None:
            answers = self._answers
            if answers is not None:
                asked = (root, rel, module, level)
                if asked in answers:
                    return answers[asked]
                found = find(module, level)
                if self._answers is answers:  # still the same file's scan
                    answers[asked] = found
                return found
            return find(module, level)

        def find(module: str, level: int) -> ModuleIndex | None:
            for cand in self._candidates_of(here, module, level):
                if cand == rel:
                    continue  # a module does not import itself
                if (root, cand) in missing:  # what _index answers first, without its lock
                    ctx.note_dependency(cand)
                    continue
                found = self._index(cand, ctx)
                if found is not None:
                    return found
            return None

        return load

    def _candidates_of(self, here: str, module: str, level: int) -> tuple[str, ...]:
        key = (here, module, level)
        candidates = self._candidates.get(key)
        if candidates is None:
            if len(self._candidates) >= 65536:
                self._candidates.clear()
            candidates = self._candidates[key] = _candidate_paths(here, module, level)
        return candidates

    def peeker(self, rel: str, ctx: ScanContext) -> ModulePeek:
        """What the loader of ``rel`` would find for an import, as facts, without loading a tree.

        The facts of a module are those kept when its index left the cache, and are given
        only while the module's text is still the text indexed; the answer is UNKNOWN
        (load it) for a module never indexed, one still cached (loading it is cheap) and an
        import the loader has answered already during this file's scan. The candidate paths
        are tried in the loader's order, noting the same dependencies.
        """
        here = posixpath.dirname(rel)
        root = str(ctx.root)
        missing = self._missing

        def peek(module: str, level: int) -> ModuleFacts | Unknown | None:
            asked = (root, rel, module, level)
            answers, peeks = self._answers, self._peeks
            if answers is not None and asked in answers:
                return UNKNOWN  # the loader's memo answers at once
            if peeks is not None and asked in peeks:
                return peeks[asked]
            found = find(module, level)
            if peeks is not None and self._peeks is peeks and not isinstance(found, Unknown):
                peeks[asked] = found  # still the same file's scan
            return found

        def find(module: str, level: int) -> ModuleFacts | Unknown | None:
            for cand in self._candidates_of(here, module, level):
                if cand == rel:
                    continue  # a module does not import itself
                key = (root, cand)
                if key in missing:
                    ctx.note_dependency(cand)
                    continue
                with self._lock:
                    if key in self._cache or key in self._probation:
                        return UNKNOWN
                    facts = self._facts.get(key)
                if facts is None:
                    return UNKNOWN
                ctx.note_dependency(cand)
                path = ctx.root / cand
                try:
                    st = path.lstat()
                except OSError:
                    return UNKNOWN
                if not stat.S_ISREG(st.st_mode):
                    return UNKNOWN
                other = SourceFile(rel=cand, path=path, size=st.st_size)
                text = ctx.read_text(other)
                ctx.forget(other)
                if text is None or (len(text), hash(text)) != facts.identity[2:]:
                    return UNKNOWN
                return facts
            return None

        return peek

    def parsed(self, rel: str, ctx: ScanContext, text: str, *, imported: bool = False) -> _Parsed:
        """The parse of ``text``, the content of module ``rel`` (raises like :func:`ast.parse`).

        A module parsed for an import is kept longer than one parsed only for its own scan
        (most files are never imported; those that are, mostly are again soon).
        """
        key = (str(ctx.root), rel)
        fingerprint = (len(text), hash(text))
        with self._lock:
            entry = self._lookup(key, promote=imported)
            if entry is not None and entry.fingerprint == fingerprint:
                return entry
        entry = _Parsed(fingerprint, _parse(text, rel))
        with self._lock:
            self._missing.discard(key)
            self._drop(key)
            self._keep(key, entry, self._cache if imported else self._probation)
        return entry

    def _lookup(self, key: tuple[str, str], *, promote: bool) -> _Parsed | None:
        entry = self._cache.get(key)
        if entry is not None:
            self._cache.move_to_end(key)
            return entry
        entry = self._probation.get(key)
        if entry is not None and promote:  # asked for by an import: into the main cache
            self._drop(key)
            self._keep(key, entry, self._cache)
        return entry

    def _drop(self, key: tuple[str, str]) -> None:
        for kept in (self._cache, self._probation):
            old = kept.pop(key, None)
            if old is not None:
                self._chars[id(kept)] -= old.fingerprint[0]

    def _keep(
        self, key: tuple[str, str], entry: _Parsed, kept: OrderedDict[tuple[str, str], _Parsed]
    ) -> None:
        budget = self.MAX_CACHED_CHARS if kept is self._cache else self.MAX_PROBATION_CHARS
        kept[key] = entry
        self._chars[id(kept)] += entry.fingerprint[0]
        while self._chars[id(kept)] > budget and len(kept) > 1:
            dropped_key, dropped = kept.popitem(last=False)
            self._chars[id(kept)] -= dropped.fingerprint[0]
            index = dropped.index
            if kept is self._cache and index is not None and index.identity is not None:
                self._facts[dropped_key] = ModuleFacts(index.identity, index)  # see peeker
            self._release(dropped)

    def module_index(self, rel: str, ctx: ScanContext, tree: ast.Module) -> ModuleIndex:
        """The index of module ``rel`` parsed as ``tree`` (built once while the parse is kept)."""
        with self._lock:
            key = (str(ctx.root), rel)
            entry = self._cache.get(key) or self._probation.get(key)
            if entry is not None and entry.tree is tree and entry.index is not None:
                return entry.index
        index = ModuleIndex(tree, loader=self.loader(rel, ctx))
        index.peek = self.peeker(rel, ctx)
        if entry is not None and entry.tree is tree:
            index.identity = (key[0], rel, *entry.fingerprint)
            with self._lock:
                if entry.index is None:
                    entry.index = index
                return entry.index
        return index

    def _index(self, rel: str, ctx: ScanContext) -> ModuleIndex | None:
        ctx.note_dependency(rel)  # cached or not, the importing file's findings depend on it
        key = (str(ctx.root), rel)
        with self._lock:
            if key in self._missing:
                return None
            entry = self._lookup(key, promote=True)
            if entry is not None and entry.index is not None:
                return entry.index
        path = ctx.root / rel
        if entry is None:
            try:
                st = path.lstat()
                regular = stat.S_ISREG(st.st_mode)
            except OSError:
                regular = False
            if regular:
                other = SourceFile(rel=rel, path=path, size=st.st_size)
                text = ctx.read_text(other)
                ctx.forget(other)  # keep memory flat; the walk reads it again when its turn comes
                if text is not None and python_size_problem(text) is None:  # budget: aibom.limits
                    try:
                        entry = self.parsed(rel, ctx, text, imported=True)
                    except (SyntaxError, ValueError, RecursionError, MemoryError):
                        entry = None
        index: ModuleIndex | None = None
        if entry is not None:
            try:
                index = self.module_index(rel, ctx, entry.tree)
            except (ValueError, RecursionError, MemoryError):
                index = None
        if index is None:
            with self._lock:
                self._missing.add(key)  # not a project module: cheap to remember, never evicted
        return index


class PythonScanner(FileScanner):
    """Python source files (``*.py``, ``*.pyi`` excluded)."""

    name = "python"
    globs = ("*.py",)

    def __init__(self) -> None:
        self._modules = ProjectModules()

    def wants(self, f: SourceFile) -> bool:
        return f.name.endswith(".py")

    def may_matter(self, data: bytes) -> bool:
        # without a trigger the file is parsed only to report its syntax errors
        return any(map(data.__contains__, _TRIGGER_BYTES)) or not prefilter.clean_text(data)

    def close(self) -> None:
        self._modules.clear()

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        self._modules.begin_file()
        loader = self._modules.loader(f.rel, ctx)
        shared = self._modules.shared(f.rel, ctx)
        return scan_python_text(text, f.rel, root=ctx.root, loader=loader, shared=shared)
