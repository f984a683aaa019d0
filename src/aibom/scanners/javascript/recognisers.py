"""Pass 2 of the JS/TS front end: recognise SDK constructions and calls, emit findings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from aibom.inventory import Diagnostic, ModelFinding, ModelKind, ServiceFinding
from aibom.knowledge.classify import classify_model_value, litellm_route, split_provider_prefix
from aibom.knowledge.providers import (
    get_provider,
    provider_alias,
    provider_for_endpoint,
    provider_for_model_name,
    provider_for_url_text,
    provider_spelled_in,
)
from aibom.knowledge.tables import provider_table
from aibom.scanners.javascript.catalogs import _Catalogs
from aibom.scanners.javascript.evaluator import _FIELD_DEFAULT_KEYS, _fallback_string
from aibom.scanners.javascript.provider_tables import (
    Dispatch,
    dispatch_call,
    find_dispatch,
    registry_call,
    table_services,
)
from aibom.scanners.javascript.syntax import _line, _named, _text, _unwrap, reported_names
from aibom.scanners.javascript.values import (
    _AI_CORE_FUNCTIONS,
    _AI_SDK,
    _AI_SDK_METHODS,
    _API_MODEL_METHODS,
    _API_MODEL_WORDS,
    _BROWSER_GLOBALS,
    _BROWSER_MODELS,
    _FIELD_NAME_KEYS,
    _HF,
    _ID_KEYS,
    _LLM_API_PATH,
    _OLLAMA_MODEL_METHODS,
    _REGISTRY_METHODS,
    _TRANSFORMERS_JS_VIA,
    BEDROCK_RUNTIME,
    HF_INFERENCE,
    TRANSFORMERS_JS,
    UNRESOLVED,
    _ClientVal,
    _EnvRef,
    _http_client,
    _ImportRef,
    _inside,
    _is_langchain,
    _MethodRef,
    _ObjVal,
    _provider_alias,
    _ProviderFn,
    _ProviderMethod,
    _Registry,
    _RegistryMethod,
    _UnknownMember,
    _Via,
    backend_group,
)
from aibom.scanners.kernel import is_endpoint_key, is_model_key, is_setting_key, key_words

# a bare hosted model id a class's provider vouches for (``Meta-Llama-3.1-8B-Instruct``)
_HOSTED_ID = re.compile(r"[A-Za-z][\w.:-]{2,99}")


_FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "function", "class"})


# a first argument that can be a URL (a template, a URL or endpoint variable, a path)
_URLISH = re.compile(r"(?i)url|endpoint|api|http|host|/")


class _Analysis(_Catalogs):
    """One module: pass 1 (binder), pass 2 (recognisers), then emission."""

    # -- driver

    def run(self) -> None:
        self._fetch_wrappers: dict[tuple[str, str], bool] = {}  # (module, function) -> fetches
        # (module, function) -> its provider-table dispatch ("" : this module)
        self._dispatchers: dict[tuple[str, str], Dispatch | None] = {}
        self._index()
        for node in self.news:
            self._on_new(node)
        for node in self.calls:
            self._on_call(node)
        self._emit_constructions()
        table_services(self)
        self._catalogs()
        self._instance_models()
        self._settings()
        self._endpoint_settings()
        self._subsystem_models()
        self._switch_models()
        from aibom.scanners.javascript.provider_adapters import provider_adapter_findings

        provider_adapter_findings(self)

    def project_callee(self, name: str) -> bool:
        """True when the callee named ``name`` is the project's own: ``this``/``super``, a
        function or class declared in the file, or a name imported from a relative or aliased
        path of the project (``./etl``, ``@/lib/ai``)."""
        if name in ("this", "super"):
            return True
        ref = self.imports.get(name)
        if ref is not None:
            return ref.module is not None and ref.module.startswith((".", "@/", "~/", "/"))
        for b in self.bindings.get(name, []):
            if b.kind == "decl":
                return True
            value = b.value
            if value is not None and value.type == "variable_declarator":
                value = value.child_by_field_name("value")
            if value is not None and value.type in _FUNCTION_VALUES:
                return True
        return False

    def _switch_models(self) -> None:
        """``switch (model) { case "stable-image-ultra": url = "https://api.stability.ai/..." }``:
        each case of a switch on a model-ish name whose body (shared by the cases falling into
        it) holds URLs of one known hosted provider is a model that provider is called with.
        Lookup switches (``case "gpt-4": return 8192``) name no provider URL and stay out."""
        for switch in self.switches:
            body = switch.child_by_field_name("body")
            pending: list[Any] = []
            for case in _named(body) if body is not None else []:
                if case.type != "switch_case":
                    pending = []
                    continue
                value = case.child_by_field_name("value")
                if value is not None and value.type == "string":
                    pending.append(value)
                statements = case.children_by_field_name("body")
                if not statements:
                    continue
                found = self._case_provider(statements)
                if found is not None:
                    provider, url = found
                    for node in pending:
                        name = self._eval(node)
                        if isinstance(name, str) and _hosted_case(name.strip()):
                            loc = self._loc(_line(node))
                            self.out.append(
                                ServiceFinding(provider, loc, endpoint=url, model=name.strip())
                            )
                pending = []

    def _case_provider(self, statements: list[Any]) -> tuple[str, str] | None:
        """(provider, URL) when the URLs a switch case's statements hold are one hosted provider's."""
        found: dict[str, str] = {}
        stack = list(statements)
        budget = 2000
        while stack and budget > 0:
            node = stack.pop()
            budget -= 1
            if node.type in ("string", "template_string"):
                v = self._eval(node) if node.type == "string" else _template_head(node)
                if isinstance(v, str) and v.strip().startswith(("http://", "https://")):
                    provider = provider_for_endpoint(v.strip())
                    if provider not in (None, "self-hosted", "ollama"):
                        assert provider is not None
                        found.setdefault(provider, v.strip())
                continue
            stack.extend(node.named_children)
        return next(iter(found.items())) if len(found) == 1 else None

    def _subsystem_models(self) -> None:
        """``input_audio_transcription: {model: "whisper-1"}`` in a realtime session's config:
        the part's model, a hosted name its provider's patterns know, is called there."""
        for pair in self.subsystem_pairs:
            obj = self._eval(pair.child_by_field_name("value"))
            if not isinstance(obj, _ObjVal) or "model" not in obj.entries:
                continue
            v = self._resolve_import(self._eval(obj.entries["model"]))
            mv = classify_model_value(v) if isinstance(v, str) else None
            if mv is None or mv.provider is None or not isinstance(v, str):
                continue
            key = obj.keys.get("model")
            line = _line(key) if key is not None else _line(pair)
            self.out.append(ServiceFinding(mv.provider, self._loc(line), model=v.strip()))

    def _endpoint_settings(self) -> None:
        """``apiBase: "https://api.together.xyz/v1/"`` (a class's default options, a config
        entry), ``const BASE_URL = "https://..."``: a base URL at a known provider's host is a
        service the code talks to. In a list of provider presets (two or more records at known
        providers' hosts) every record's base URL is one: a local one is self-hosted, a host no
        provider table knows is an ``unknown`` service at that endpoint."""
        found: list[tuple[Any, str, str | None]] = []
        for pair in self.endpoint_pairs:
            value = pair.child_by_field_name("value") or pair.child_by_field_name("right")
            v = self._resolve_import(self._eval(value))
            if not isinstance(v, str) or not v.strip().startswith(("http://", "https://")):
                continue
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is not None and _text(key) in _FIELD_DEFAULT_KEYS:
                self._field_default(pair, v.strip())
                continue
            found.append((pair, v.strip(), provider_for_endpoint(v.strip())))
        hosted_by_list: dict[int, int] = {}
        for pair, _v, provider in found:
            presets = _preset_list(pair)
            if presets is not None and provider not in (None, "self-hosted"):
                hosted_by_list[presets.id] = hosted_by_list.get(presets.id, 0) + 1
        for pair, v, provider in found:
            if provider == "self-hosted" and self._backend_sibling(pair, "model") is not None:
                pass  # lmStudioHost: "http://127.0.0.1:1234" next to lmStudioModel
            elif provider is None or provider == "self-hosted":
                presets = _preset_list(pair)
                if presets is None or hosted_by_list.get(presets.id, 0) < 2:
                    continue
                provider = provider or "unknown"
            self.out.append(ServiceFinding(provider, self._loc(_line(pair)), endpoint=v))

    def _field_default(self, pair: Any, url: str) -> None:
        """``{key: "baseURL", placeholder: "http://localhost:1234"}``: a settings field for an API
        base URL whose default (or placeholder) is a local server or a known provider's host: the
        product talks to that service (a placeholder is no fixed endpoint)."""
        record = pair.parent
        if record is None or record.type != "object":
            return
        names_endpoint = False
        for other in _named(record):
            if other.type != "pair" or other is pair:
                continue
            if self._key(other.child_by_field_name("key"), 0) in _FIELD_NAME_KEYS:
                named = self._eval(other.child_by_field_name("value"))
                names_endpoint = names_endpoint or (
                    isinstance(named, str) and is_endpoint_key(named)
                )
        provider = provider_for_endpoint(url)
        if not names_endpoint or provider is None:
            return
        fixed = _text(pair.child_by_field_name("key")) != "placeholder"
        self.out.append(
            ServiceFinding(provider, self._loc(_line(pair)), endpoint=url if fixed else None)
        )

    def _backend_sibling(self, pair: Any, role: str) -> Any:
        """The pair of the same backend settings group in the other ``role`` (``ppioModel``
        for ``ppioHost`` and back), or None."""
        record = pair.parent if pair is not None and pair.type == "pair" else None
        if record is None or record.type != "object":
            return None
        mine = backend_group(self._key(pair.child_by_field_name("key"), 0) or "")
        if mine is None:
            return None
        for other in _named(record):
            if other is pair or other.type != "pair":
                continue
            group = backend_group(self._key(other.child_by_field_name("key"), 0) or "")
            if group == (mine[0], role):
                return other
        return None

    def _backend_provider(self, node: Any) -> str | None:
        """The hosted provider of a model setting's backend group: ``ppioModel`` next to
        ``ppioHost: "https://api.ppinfra.com/v3/openai"`` is a model served by PPIO; so is a
        record's plain ``model`` next to its plain ``url``/``baseUrl`` at a known hosted
        provider (``{url: "api-atlas.nomic.ai/v1/embedding/text", model: "..."}``)."""
        host = self._backend_sibling(node.parent, "host")
        if host is None:
            host = self._plain_url_sibling(node.parent)
        if host is None:
            return None
        url = self._eval(host.child_by_field_name("value"))
        if not isinstance(url, str):
            return None
        url = url.strip()
        if not url.startswith(("http://", "https://")) and not _HOST_PATH.fullmatch(url):
            return None
        provider = provider_for_endpoint(url)
        return None if provider in (None, "self-hosted", "ollama") else provider

    def _plain_url_sibling(self, pair: Any) -> Any:
        """The ``url``/``baseUrl``/``endpoint`` pair of the record a plain ``model`` pair is in."""
        record = pair.parent if pair is not None and pair.type == "pair" else None
        if record is None or record.type != "object":
            return None
        if key_words(self._key(pair.child_by_field_name("key"), 0) or "") != ("model",):
            return None
        for other in _named(record):
            if other is not pair and other.type == "pair":
                words = key_words(self._key(other.child_by_field_name("key"), 0) or "")
                if (
                    words
                    and all(w in _PLAIN_URL_WORDS for w in words)
                    and words[-1]
                    in (
                        "url",
                        "host",
                        "endpoint",
                    )
                ):
                    return other
        return None

    def _settings(self) -> None:
        """Model-ish keys and constants bound to a model, unless reported here already."""
        known = reported_names(self.out)
        for key, node in self.settings:
            v = self._eval(node)
            if not isinstance(v, str):
                v = _fallback_string(node)
            if not isinstance(v, str) or v.lower() in known:
                continue
            backend = (
                self._backend_provider(node)
                or _provider_of_setting(key)
                or self._module_constant_provider(node)
            )
            if backend is None and self._sibling_known(node, known):
                continue
            mv = classify_model_value(v.strip())
            if "tokenizer" in key_words(key) and (mv is None or mv.kind is not ModelKind.HUB):
                # getTokenizerModel() { return "llama3" }: a tokenizer's name; only a hub repo
                # (whose tokenizer is loaded) is a model, as for the kernel's tokenizer keys
                continue
            if backend is not None and _backend_model(v.strip(), mv):
                known.add(v.lower())
                loc = self._loc(_line(node))
                if mv is not None and mv.kind is ModelKind.HUB:
                    self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
                endpoint = self._module_endpoint if backend == "unknown" else None
                self.out.append(ServiceFinding(backend, loc, endpoint=endpoint, model=v.strip()))
                continue
            route = litellm_route(v.strip()) if mv is None else None
            if route is not None:  # "openrouter/auto": a provider route
                known.add(v.lower())
                self.out.append(ServiceFinding(route[0], self._loc(_line(node)), model=v.strip()))
                continue
            if mv is None or mv.name.lower() in known:
                continue
            known.add(mv.name.lower())
            loc = self._loc(_line(node))
            if mv.kind is ModelKind.HUB:
                self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
            elif mv.kind is ModelKind.OLLAMA:
                self.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama"))
            else:
                self.out.append(ServiceFinding(mv.provider or "unknown", loc, model=v.strip()))

    def _module_constant_provider(self, node: Any) -> str | None:
        """``const DEFAULT_MODEL = "gpt-3.5-turbo"`` in a module whose one base-URL constant is
        an API's (``TSYSTEMS_LLMHUB_API_URL``): the model the module sends there, as for its
        catalogs (:meth:`_module_provider`)."""
        if self._module_offer is None or node.start_byte not in self._module_values:
            return None
        return self._module_offer

    def _sibling_known(self, node: Any, known: set[str]) -> bool:
        """A field of a record already reported by its id (``modelName`` next to ``modelId``)."""
        pair = node.parent
        record = pair.parent if pair is not None else None
        if pair is None or pair.type != "pair" or record is None or record.type != "object":
            return False
        for other in _named(record):
            if other is pair or other.type != "pair":
                continue
            key = self._key(other.child_by_field_name("key"), 0)
            if key in _ID_KEYS:
                v = self._eval(other.child_by_field_name("value"))
                if isinstance(v, str) and v.strip().lower() in known:
                    return True
        return False

    def _instance_models(self) -> None:
        """``this.model = env || "gpt-image-1"`` in a class, ``super({model: ...})`` to a base class.

        The model is used by another method (or the base class); its provider is the one
        hosted service the class talks to (a client it constructs or an API URL it holds), else
        the name's own provider.
        """
        known = reported_names(self.out)
        sites: list[tuple[tuple[int, int] | None, Any]] = []
        for (cls, prop), values in self.this_fields.items():
            if cls is not None and is_setting_key(prop):
                sites.extend((cls, v) for v in values)
        for call in self.calls:
            fn = call.child_by_field_name("function")
            args = call.child_by_field_name("arguments")
            if fn is None or fn.type != "super" or args is None:
                continue
            argv = _named(args)
            opts = self._eval(argv[0]) if argv else None
            if isinstance(opts, _ObjVal):
                for key, value in opts.entries.items():
                    if is_setting_key(key):
                        sites.append((self._class_of(call), value))
        sites.extend((self._class_of(pair), value) for pair, value in self._model_field_defaults())
        for cls, node in sites:
            v = self._resolve_import(self._eval(node))
            if not isinstance(v, str) or not v.strip() or v.strip().lower() in known:
                continue
            value = v.strip()
            provider = self._class_provider(cls)
            mv = classify_model_value(value)
            if mv is None and provider is not None and provider not in ("ollama", "self-hosted"):
                if not _HOSTED_ID.fullmatch(value) or not any(c.isdigit() for c in value):
                    continue
                mv = classify_model_value(value, context="provider")
            if mv is None:
                continue
            known.add(value.lower())
            loc = self._loc(_line(node))
            if mv.kind is ModelKind.HUB:
                self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
                if provider is not None and provider not in ("self-hosted", "huggingface"):
                    self.out.append(ServiceFinding(provider, loc, model=value))
            elif mv.kind is ModelKind.OLLAMA:
                self.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama"))
            else:
                self.out.append(
                    ServiceFinding(provider or mv.provider or "unknown", loc, model=value)
                )

    def _model_field_defaults(self) -> Iterator[tuple[Any, Any]]:
        """``{label: "Model Name", name: "modelName", type: "string", default: "x"}``: a settings
        form field for the model; its default is the model used unless the user picks another
        (a ``placeholder`` is only a hint and stays out). Yields (pair, value node)."""
        for pair in self.field_defaults:
            record = pair.parent
            if record is None or record.type != "object":
                continue
            for other in _named(record):
                if other is pair or other.type != "pair":
                    continue
                if self._key(other.child_by_field_name("key"), 0) not in _FIELD_NAME_KEYS:
                    continue
                named = self._eval(other.child_by_field_name("value"))
                if isinstance(named, str) and is_model_key(named):
                    yield pair, pair.child_by_field_name("value")
                    break

    def _class_provider(self, cls: tuple[int, int] | None) -> str | None:
        """The one hosted provider a class talks to: clients it builds, API URLs it holds."""
        if cls is None:
            return None
        found = {
            c.provider
            for origin, c in self.clients.items()
            if c.provider is not None and cls[0] <= origin < cls[1]
        }
        for (owner, _prop), values in self.this_fields.items():
            if owner != cls:
                continue
            for value in values:
                v = self._eval(value)
                if isinstance(v, str) and "://" in v:
                    p = provider_for_endpoint(v)
                    if p is not None:
                        found.add(p)
        return found.pop() if len(found) == 1 else None

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
        for key, switched in spec.provider_keys:  # new OpenAI({azure: {...}}): Azure OpenAI
            if isinstance(opts, _ObjVal) and key in opts.entries:
                provider, endpoint = switched, None
                break
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
        if not isinstance(
            callee, (_ImportRef, _MethodRef, _ProviderFn, _ProviderMethod, _RegistryMethod)
        ):
            if fn.type == "identifier" and self._local_dispatch(node, _text(fn), _named(args)):
                return
            if isinstance(callee, _UnknownMember):
                self._unknown_call(node, callee.path, _named(args))
            self._chat_request(node, _named(args))
            return
        argv = _named(args)
        callname = _text(fn)[:60]  # only now: a callee's text may be a long call chain
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
        elif isinstance(callee, _ProviderMethod) and callee.method in _AI_SDK_METHODS:
            self._provider_call(callee.fn, argv, callname)
        elif isinstance(callee, _RegistryMethod) and callee.method in _REGISTRY_METHODS:
            registry_call(self, callee.registry, argv, callname)

    def _local_dispatch(self, node: Any, name: str, argv: list[Any]) -> bool:
        """``getModel("gpt-4o", "openai")`` with ``getModel`` a provider-table dispatch wrapper
        declared in this module (True when it is one)."""
        if not self.project_callee(name) or name in self.imports:
            return False
        key = ("", name)
        if key not in self._dispatchers:
            self._dispatchers[key] = find_dispatch(self, name)
        d = self._dispatchers[key]
        if d is None:
            return False
        dispatch_call(self, d, argv, _text(node.child_by_field_name("function"))[:60])
        return True

    def _browser_model(self, node: Any, path: tuple[str, ...]) -> bool:
        """``LanguageModel.create()`` / ``window.ai.languageModel.create()``: the browser's built-in
        model, run on the device (True when reported)."""
        while path and path[0] in _BROWSER_GLOBALS:
            path = path[1:]
        model = _BROWSER_MODELS.get(".".join(path))
        if model is None:
            return False
        self.out.append(
            ModelFinding(model, ModelKind.LOCAL, self._loc(_line(node)), framework="browser")
        )
        return True

    def _http_call(self, node: Any, http: tuple[str, bool], argv: list[Any], callname: str) -> None:
        """``fetch(url, {body: JSON.stringify({model})})`` / ``axios.post(url, {model})`` to a model API."""
        client, data_arg = http
        if not argv:
            return
        url = self._resolve_import(self._eval(argv[0]))
        if not isinstance(url, str):
            url = _template_head(argv[0])  # `https://api.elevenlabs.io/v1/text-to-speech/${id}`
        if not isinstance(url, str):
            url = self._url_object(argv[0])  # const u = new URL(`https://.../${x}`); fetch(u)
        if not isinstance(url, str):
            # `process.env.NEXT_PUBLIC_OLLAMA_URL + "/api/tags"`: an API path only one provider has,
            # also in the values a variable passed as the URL is given (`url = `${HOST}/openai/...``)
            marks: list[str] = []
            for text in self._url_texts(argv[0]):
                marked = provider_for_url_text(text[:300])
                if marked is not None and marked not in marks:
                    marks.append(marked)
                    self.out.append(ServiceFinding(marked, self._loc(_line(node)), client=client))
            return
        if "://" not in url:
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
        keys = tuple(
            k
            for k in ("model", "model_id", "modelId")
            if isinstance(body, _ObjVal) and k in body.entries
        )
        if isinstance(body, _ObjVal) and keys:
            self._model_from_options(node, body, keys, via, callname, required=True)
            return
        if provider != "ollama":
            self.out.append(
                ServiceFinding(provider, self._loc(_line(node)), endpoint=endpoint, client=client)
            )

    def _url_texts(self, node: Any) -> list[str]:
        """The source text of a URL argument; for a variable, of each value it is given."""
        texts = [_text(node)]
        node = _unwrap(node)
        if node is None or node.type != "identifier":
            return texts
        name, at = _text(node), node.start_byte
        scoped = [b for b in self.bindings.get(name, ()) if b.scope[0] <= at < b.scope[1]]
        best = max(scoped, key=lambda b: b.scope[0], default=None)
        if best is None or best.key is not None or best.kind not in ("const", "let", "var"):
            return texts
        if best.value is not None:
            texts.append(_text(best.value))
        if best.kind != "const":
            texts += [
                _text(v)
                for v in self.assigned_values.get(name, ())[:8]
                if best.scope[0] <= v.start_byte < best.scope[1]
            ]
        return texts

    def _url_object(self, node: Any) -> str | None:
        """The address of a ``new URL(address)`` passed directly or through a ``const``
        (``const u = new URL(`https://image.pollinations.ai/prompt/${p}`); fetch(u)``)."""
        node = _unwrap(node)
        if node is not None and node.type == "identifier":
            name, at = _text(node), node.start_byte
            scoped = [b for b in self.bindings.get(name, ()) if b.scope[0] <= at < b.scope[1]]
            best = max(scoped, key=lambda b: b.scope[0], default=None)
            if best is None or best.kind != "const" or best.key is not None:
                return None
            node = _unwrap(best.value)
        if node is None or node.type != "new_expression":
            return None
        ctor = node.child_by_field_name("constructor")
        args = node.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        if ctor is None or _text(ctor) != "URL" or not argv:
            return None
        url = self._resolve_import(self._eval(argv[0]))
        return url if isinstance(url, str) else _template_head(argv[0])

    def _chat_request(self, node: Any, argv: list[Any]) -> None:
        """``this.post(`${API_ORIGIN}/api/ai/chat`, headers, {model, messages})``: a project's own
        request helper sending a chat body (a ``model`` and ``messages`` written side by side) to
        a URL is a call to the model API there; a host no provider table knows is ``unknown``."""
        if len(argv) < 2 or argv[0].type not in ("string", "template_string"):
            return
        body = next((a for a in argv[1:] if a.type == "object" and _chat_keys(a)), None)
        if body is None:
            return
        url = self._resolve_import(self._eval(argv[0]))
        if not isinstance(url, str):
            url = self._template_prefix(argv[0])
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return
        opts = self._eval(body)
        if not isinstance(opts, _ObjVal) or "model" not in opts.entries:
            return
        value = self._resolve_import(self._eval(opts.entries["model"]))
        if not isinstance(value, str):
            value = _fallback_string(opts.entries["model"])
        if not isinstance(value, str):
            return
        provider = provider_for_endpoint(url) or "unknown"
        try:
            parts = urlsplit(url)
        except ValueError:
            return
        endpoint = f"{parts.scheme}://{parts.netloc}"
        pair = opts.keys.get("model")
        line = _line(pair) if pair is not None and _inside(pair, node) else _line(node)
        self._use_model(value, line, _Via(provider, endpoint, None), _text(node)[:60])

    def _template_prefix(self, node: Any) -> str | None:
        """The leading text of a template string as far as it resolves, imported constants
        included: `${API_ORIGIN}/api/ai/chat` with API_ORIGIN from another module."""
        if node.type != "template_string":
            return None
        out = ""
        for part in node.named_children:
            if part.type == "string_fragment":
                out += _text(part)
                continue
            if part.type != "template_substitution" or not part.named_children:
                break
            v = self._resolve_import(self._eval(part.named_children[0]))
            if not isinstance(v, str):
                break
            out += v
        return out or None

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
        if pkg is None and ref.module is None and self._browser_model(node, path):
            return
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
        own = ref.module is not None and ref.module.startswith((".", "@/", "~/"))
        if (
            own
            and len(path) == 1
            and argv
            and _URLISH.search(_text(argv[0])[:300])
            and self._fetches(ref)
        ):
            # the project's own fetch wrapper (`fetchSSE(url, {body})`): an HTTP request
            self._http_call(node, ("fetch", False), argv, callname)
            return
        if own and len(path) == 1 and argv:
            d = self._imported_dispatch(ref)
            if d is not None:  # getModel("gpt-4o", "openai") of the project's provider table
                dispatch_call(self, d, argv, callname)
                return
        # a client or provider exported by another module of the project
        target = self._resolve_import(_ImportRef(ref.module, path[:1]), objects=True)
        if isinstance(target, _Registry):
            if len(path) == 2 and path[1] in _REGISTRY_METHODS:
                registry_call(self, target, argv, callname)
            return
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

    def _imported_dispatch(self, ref: _ImportRef) -> Dispatch | None:
        key = (ref.module or "", ref.path[0])
        if key not in self._dispatchers:
            module = self._module_analysis(ref.module) if ref.module else None
            self._dispatchers[key] = find_dispatch(module, ref.path[0]) if module else None
        return self._dispatchers[key]

    def _fetches(self, ref: _ImportRef) -> bool:
        """``ref`` is a function of another project module that hands its first parameter,
        unchanged, to ``fetch`` as the URL (``export async function fetchSSE(resource,
        options) { const resp = await fetch(resource, fetchOptions) ... }``)."""
        key = (ref.module or "", ref.path[0])
        known = self._fetch_wrappers.get(key)
        if known is None:
            known = self._fetch_wrappers[key] = self._passes_to_fetch(ref)
        return known

    def _passes_to_fetch(self, ref: _ImportRef) -> bool:
        module = self._module_analysis(ref.module) if ref.module else None
        if module is None:
            return False
        for stmt in _named(module.root):
            decl = (
                stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
            )
            if decl is None or decl.type != "function_declaration":
                continue
            name = decl.child_by_field_name("name")
            if name is None or _text(name) != ref.path[0]:
                continue
            params = decl.child_by_field_name("parameters")
            first = _named(params)[0] if params is not None and _named(params) else None
            if first is None or first.type != "identifier":
                return False
            body = decl.child_by_field_name("body")
            stack = [body] if body is not None else []
            seen = 0
            while stack and seen < 5000:  # nodes looked at in the wrapper's body
                n = stack.pop()
                seen += 1
                if n.type == "call_expression":
                    fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
                    argv = _named(args) if args is not None else []
                    if (
                        fn is not None
                        and _text(fn) in ("fetch", "window.fetch", "globalThis.fetch")
                        and argv
                        and argv[0].type == "identifier"
                        and _text(argv[0]) == _text(first)
                    ):
                        return True
                stack.extend(n.named_children)
            return False
        return False

    def _init_chat_model(self, pkg: str, argv: list[Any], callname: str) -> None:
        """``initChatModel("openai:gpt-4o")`` / ``initChatModel("gpt-4o", {modelProvider})``."""
        value = self._resolve_import(self._eval(argv[0]))
        provider: str | None = None
        if len(argv) > 1:
            named = self._option(argv[1], "modelProvider")
            provider = (provider_alias(named, "langchain_js") if named else None) or (
                _provider_alias(named)
            )
        if isinstance(value, str) and provider is None and ":" in value:
            split = split_provider_prefix(value, ":", "langchain_js")
            if split is not None:
                provider, value = split
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
        named = self._use_model(self._eval(argv[0]), _line(argv[0]), via, callname)
        if fn.ollama and not named:  # createOllama({baseURL})(name): the server, whatever the model
            self.out.append(
                ServiceFinding(
                    "ollama", self._loc(_line(argv[0])), endpoint=fn.endpoint, client=fn.package
                )
            )

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
            if c.spec.kind == "ollama":  # the Ollama server is a service, wherever its URL is
                self.out.append(
                    ServiceFinding(
                        "ollama", self._loc(c.line), endpoint=c.endpoint, client=c.spec.package
                    )
                )
                continue
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


# a model id a backend's provider vouches for: ``deepseek/deepseek-r1/community`` (PPIO)
_BACKEND_ID = re.compile(r"[A-Za-z0-9][\w.:-]*(?:/[\w.:-]+){0,2}")


# a record's own API address key: url, baseUrl, apiUrl, endpoint, apiHost
_PLAIN_URL_WORDS = frozenset({"url", "host", "endpoint", "base", "api", "server"})
# a scheme-less API address, host and path: "api-atlas.nomic.ai/v1/embedding/text"
_HOST_PATH = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?/\S*", re.IGNORECASE)


def _hosted_case(name: str) -> bool:
    """A switch case's value shaped like a hosted model name (a word with a dash or digit)."""
    mv = classify_model_value(name, context="provider")
    return (
        mv is not None
        and mv.kind is None
        and bool(re.search(r"[-.:\d]", name))
        and name.lower() not in ("default", "auto", "custom", "none")
    )


def _provider_of_setting(key: str) -> str | None:
    """The hosted provider a model setting's name spells: ``perplexity_model``,
    ``mistralaiModel``, ``OPENROUTER_MODEL`` (not a family, ``claude_model``, nor a provider
    whose model field names no catalog entry, ``azure_model``/``ollama_model``)."""
    group = backend_group(key)
    if group is None or group[1] != "model" or not group[0]:
        return None
    found = provider_spelled_in(group[0])
    if found is None or not found[1] or found[0] in provider_table().no_model_catalog:
        return None
    return found[0]


def _backend_model(value: str, mv: Any) -> bool:
    """True when a backend group's model setting names a model its provider serves."""
    if mv is not None:
        return mv.kind is not ModelKind.OLLAMA
    return bool(_BACKEND_ID.fullmatch(value)) and any(c.isdigit() for c in value)


def _chat_keys(obj: Any) -> bool:
    """True for an object literal written with both a ``model`` and a ``messages`` key."""
    keys = set()
    for pair in _named(obj):
        if pair.type in ("pair", "shorthand_property_identifier"):
            key = pair.child_by_field_name("key") if pair.type == "pair" else pair
            if key is not None:
                keys.add(_text(key).strip("'\"`"))
    return {"model", "messages"} <= keys


def _template_head(node: Any) -> str | None:
    """The literal text a template string starts with, when it holds a whole host."""
    node = _unwrap(node)
    if node is None or node.type != "template_string":
        return None
    head = ""
    for child in node.children:
        if child.type == "template_substitution":
            break
        if child.type == "string_fragment":
            head += _text(child)
    return head if head.count("/") >= 3 else None


def _preset_list(pair: Any) -> Any:
    """The array holding the record ``pair`` belongs to (``[{label, baseUrl}, ...]``, or one
    level down, a provider spec's ``[{id, defaults: {baseUrl}}, ...]``), or None."""
    record = pair.parent
    array = record.parent if record is not None else None
    if (
        array is not None
        and array.type == "pair"
        and array.parent is not None
        and array.parent.type == "object"
    ):
        record = array.parent  # {id: "abacus", defaults: {baseUrl: "https://..."}}
        array = record.parent
    if record is None or record.type != "object" or array is None or array.type != "array":
        return None
    return array
