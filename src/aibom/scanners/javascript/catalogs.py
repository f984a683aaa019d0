"""Model catalogs in JS/TS: the lists of models a product offers, each member at its own line.

Shapes read (the names and keys come from :mod:`.values`; what is a model is decided by
:func:`~aibom.knowledge.classify.classify_model_value`):

* a declaration whose name says models (``DEFAULT_MODELS``, ``groqLlmList``) holding strings,
  ``{id|model|name|key...}`` objects, ``{alias: model}`` objects or an enum;
* a string list whose name also spells a hosted provider (``CerebrasModelIdSchema =
  z.enum([...]).meta({...})``, ``OPENAI_MODELS = [...] as const``, ``enum GroqModel``): that
  provider's own catalog, every model-shaped member its hosted model;
* string arrays spread or mapped into such a catalog (``...alibabaModes.map(name => ({name,
  provider: {id: "alibaba"}}))``): the provider named in the callback is the members' provider,
  whatever the array is called;
* arrays of objects whose every entry names its own provider (``{modelId, provider: "groq"}``);
* ``options``/``choices`` lists of a form field that selects the model;
* arrays of model objects returned or bound inside functions (``.catch(() => [{id: ...}])``,
  ``const fallback = [...]``), when every entry is a recognised model;
* class fields whose name says models (``private static MODEL_IDS = {alias: "org/model"}``),
  under the provider the class declares (``static providerName = "together"``);
* entries that name their model one level down (``{params: {model: ...}, dimensions: [{options:
  {"8b": {model: ...}}}]}``), each such model a member, under the first hosted provider of the
  entry's provider list (``providerOptions: ["ollama", "groq"]``);
* a provider's record listing such entries by reference (``{provider: "nebius", packages:
  [models.phi3mini, ...]}``): their models offered through that provider, at the reference.

A catalog with a provider reports every member under that provider, also names no pattern
knows, once most members are recognised. Prefix tables used in ``startsWith`` checks and
lookup tables (token limits, prices, capability lists) are never catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from aibom.inventory import Location, ModelFinding, ModelKind, ServiceFinding
from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import (
    get_provider,
    provider_for_endpoint,
    provider_for_model_name,
    provider_spelled_in,
)
from aibom.knowledge.tables import model_strings
from aibom.scanners.javascript.evaluator import _Evaluator
from aibom.scanners.javascript.syntax import _line, _named, _text, _unwrap
from aibom.scanners.javascript.values import (
    _FIELD_NAME_KEYS,
    _ID_KEYS,
    _MODEL_NAME_HINT,
    _NESTED_MODEL_KEYS,
    _NOT_CATALOG_NAME,
    _OPTION_LIST_KEYS,
    _PROVIDER_FIELDS,
    _PROVIDER_KEYS,
    _PROVIDER_LIST_KEYS,
    _ArrVal,
    _ImportRef,
    _ObjVal,
    _provider_alias,
    _publisher_hosted,
    _recognised,
)
from aibom.scanners.kernel import key_words

# a member a provider vouches for still has to look like a model name
# (Replicate's "owner/model:<64-hex version>" runs past 100 characters)
_HOSTED_NAME = re.compile(r"[A-Za-z0-9][\w.:/-]{0,159}")
_LOCAL_PROVIDERS = frozenset({"ollama", "self-hosted"})  # models run here, not hosted
# a module constant holding the base URL of the API its catalogs are offered through
_BASE_URL_NAME = re.compile(
    r"(?:^|_)(?:API_)?(?:BASE_)?(?:URL|ENDPOINT|BASE)$|(?:Api|Base)(?:Url|Endpoint)$"
)
# a model file on the serving machine, offered by path (``/models/llama-2-7b-chat.gguf``)
_WEIGHT_PATH = re.compile(
    r"(?:\.{1,2})?/(?:[\w.-]+/)*[\w.-]*[A-Za-z][\w.-]*\.(?:gguf|ggml|bin|safetensors)"
)
_HTTP_URL = re.compile(r"https?://[\w.-]+(?::\d+)?(?:/[\w./-]*)?")
_MAX_FUNCTION_ARRAYS = 2000  # arrays inside functions looked at per file


# the keys a provider record names its provider by (``id: "groq"``)
_RECORD_KEYS = ("provider", "providerId", "provider_id", "id")  # in the order they decide


def _may_hold_key(node: Any, keys: tuple[str, ...]) -> bool:
    """False when the object literal ``node`` has none of ``keys`` as a plain key (an identifier,
    a string without escapes, a number); True when it may: one of them, or a computed key or a
    spread the evaluator would have to resolve."""
    for c in node.named_children:
        kind = c.type
        if kind == "pair":
            key = c.child_by_field_name("key")
            if key is None:
                continue
            kt = key.type
            if kt == "string":
                text = _text(key)
                if "\\" in text or "&" in text or text[1:-1] in keys:
                    return True
            elif kt == "computed_property_name" or _text(key) in keys:
                return True
        elif kind == "spread_element" or (
            kind == "shorthand_property_identifier" and _text(c) in keys
        ):
            return True
    return False


# schema builders that wrap a list of allowed strings (zod ``z.enum([...])``, valibot
# ``v.picklist([...])``) and the chained calls that only annotate it (``.meta({id})``)
_LIST_BUILDERS = frozenset({"enum", "picklist"})
_ANNOTATING_CALLS = frozenset({"meta", "describe", "openapi", "brand", "readonly", "optional"})


def _string_list(node: Any) -> Any:
    """The array of string literals a declaration holds, also inside ``as const``,
    ``Object.freeze([...])`` and a schema builder (``z.enum([...]).meta({...})``); None for
    anything else (an array with one non-string member, a computed list)."""
    node = _unwrap(node)
    while node is not None and node.type == "call_expression":
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None or fn.type != "member_expression" or args is None:
            return None
        prop = _text(fn.child_by_field_name("property"))
        argv = _named(args)
        if prop in _ANNOTATING_CALLS:
            node = _unwrap(fn.child_by_field_name("object"))
        elif (prop in _LIST_BUILDERS or _text(fn) == "Object.freeze") and argv:
            node = _unwrap(argv[0])
            break
        else:
            return None
    if node is None or node.type != "array":
        return None
    items = [c for c in _named(node) if c.type != "comment"]
    if not items or any(c.type != "string" for c in items):
        return None
    return node


class _Member(NamedTuple):
    value: str | None
    line: int
    hint: str | None  # the provider the catalog names for this member
    explicit: bool = False  # the member's own entry (or the spread that maps it) names it


def _vouched(member: _Member) -> bool:
    """A member a hosted provider vouches for: any model-shaped name counts (``unknown`` is
    the server at the module's own base URL, :meth:`_Catalogs._module_provider`)."""
    v = (member.value or "").strip()
    return (
        member.hint is not None
        and member.hint not in _LOCAL_PROVIDERS
        and (get_provider(member.hint) is not None or member.hint == "unknown")
        and bool(_HOSTED_NAME.fullmatch(v))
        and any(c.isalpha() for c in v)
        and v[-1] not in "-/:._"
        and v.lower() not in model_strings().generic_names
    )


def _weight_path(value: str) -> bool:
    """A catalog member naming a weight file by its path: a local model of that path."""
    return bool(_WEIGHT_PATH.fullmatch(value.strip()))


class _Catalogs(_Evaluator):
    """Pass 3 of a module: catalogs (needs the binder's index and the evaluator)."""

    def _loc(self, line: int) -> Location:
        return Location(self.rel, line, source=self.source)

    def _catalogs(self) -> None:
        excluded = self._prefix_tables()
        self._offered: dict[str, str] = {}  # model (lower) -> provider a catalog gave it
        self._module_endpoint: str | None = None  # the module's base URL, for its "unknown" server
        self._module_offer: str | None = None
        self._module_values: set[int] = set()  # start bytes of the module's top-level constants
        declared: list[tuple[str, Any]] = []
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
                        declared.append((_text(name), value))
            elif decl.type == "enum_declaration":
                self._enum_catalog(decl, excluded)
        spread = self._spread_sources(declared)
        by_name = dict(declared)
        for source, uses in spread.items():
            node = _unwrap(by_name.get(source))
            if node is not None and node.type == "array":
                for hint, line in uses:
                    self._spread_catalog(node, hint, line)
        module = self._module_provider(declared)
        self._module_offer = module  # model constants of the module are served there too
        self._module_values = {value.start_byte for _, value in declared}
        for name, value in declared:
            if name not in spread:
                named = self._named_provider(name)
                listed = _string_list(value) if self._names_models(name) else None
                if named is not None and listed is not None:
                    # CerebrasModelIdSchema = z.enum([...]): the provider's own list, each
                    # member its hosted model
                    self._catalog(name, listed, named, 0, vouched=True)
                elif named is not None:
                    self._catalog(name, value, named, 0)
                elif module is not None and self._names_models(name):
                    self._catalog(name, listed or value, module, 0, vouched=True)
                else:
                    self._catalog(name, listed or value, None, 0)
        self._function_catalogs()
        self._class_catalogs(excluded)

    def _enum_catalog(self, decl: Any, excluded: set[str]) -> None:
        name = decl.child_by_field_name("name")
        if name is None or _text(name) in excluded or not self._names_models(_text(name)):
            return
        # enum AnthropicModel {Opus = "claude-opus-4-1"}: the provider it names vouches
        hint = self._named_provider(_text(name))
        body = decl.child_by_field_name("body")
        members: list[_Member] = []
        for c in _named(body) if body is not None else []:
            if c.type == "enum_assignment":
                v = self._eval(c.child_by_field_name("value"))
                value = v if isinstance(v, str) else None
                own = provider_for_model_name(value) if value else None
                if own is not None and hint is not None and own != hint:
                    # GPT_3_5_AZ = "gpt-35-turbo" in OpenAIModelID: Azure's spelling keeps Azure
                    members.append(_Member(value, _line(c), own))
                else:
                    members.append(_Member(value, _line(c), hint, hint is not None))
            else:
                members.append(_Member(None, _line(c), hint))
        self._emit_catalog(members)

    @staticmethod
    def _named_provider(name: str) -> str | None:
        """The hosted provider a catalog's own name spells (``ALL_AZURE_OPENAI_CHAT_MODELS``,
        ``groqLlmList``); a family (``geminiModels``) or a local runner does not say who serves."""
        if not _MODEL_NAME_HINT.search(name):
            return None
        found = provider_spelled_in(key_words(name))
        if found is None or not found[1] or found[0] in _LOCAL_PROVIDERS:
            return None
        return found[0]

    def _module_provider(self, declared: list[tuple[str, Any]]) -> str | None:
        """The provider a module configures through one base-URL constant of its own
        (``export const LLMHUB_API_URL = "https://llm.example.net/v2"``): the provider of a
        known host, else ``unknown`` at that endpoint. Its model catalogs are offered there,
        whatever provider the names' patterns suggest. None for no such constant, several
        different URLs, or a local server."""
        urls: set[str] = set()
        for name, value in declared:
            if not _BASE_URL_NAME.search(name):
                continue
            v = self._eval(value)
            if isinstance(v, str) and _HTTP_URL.fullmatch(v.strip()):
                urls.add(v.strip().rstrip("/"))
        if len(urls) != 1:
            return None
        url = next(iter(urls))
        provider = provider_for_endpoint(url)
        if provider in _LOCAL_PROVIDERS:
            return None
        if provider is None:
            host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
            if host in ("localhost", "0.0.0.0") or host.startswith("127.") or "." not in host:
                return None
            self._module_endpoint = url
            return "unknown"
        return provider

    @staticmethod
    def _names_models(name: str) -> bool:
        return bool(_MODEL_NAME_HINT.search(name)) and not _NOT_CATALOG_NAME.search(name)

    # -- string arrays spread into a provider catalog

    def _spread_sources(
        self, declared: list[tuple[str, Any]]
    ) -> dict[str, list[tuple[str | None, int]]]:
        """Arrays spread into a catalog: name -> [(provider the spread names, line)], in order."""
        out: dict[str, list[tuple[str | None, int]]] = {}
        for name, value in declared:
            node = _unwrap(value)
            if node is None or node.type != "array":
                continue
            named = self._names_models(name)
            for el in _named(node):
                if el.type != "spread_element" or not el.named_children:
                    continue
                arg = _unwrap(el.named_children[0])
                hint: str | None = None
                if arg is not None and arg.type == "call_expression":
                    fn = arg.child_by_field_name("function")
                    args = arg.child_by_field_name("arguments")
                    if (
                        fn is None
                        or fn.type != "member_expression"
                        or _text(fn.child_by_field_name("property")) not in ("map", "flatMap")
                        or args is None
                    ):
                        continue
                    argv = _named(args)
                    hint = self._callback_provider(argv[0]) if argv else None
                    arg = _unwrap(fn.child_by_field_name("object"))
                if (
                    arg is not None
                    and arg.type == "identifier"
                    and _text(arg) != name
                    and (named or hint is not None)
                ):
                    out.setdefault(_text(arg), []).append((hint, _line(el)))
        return out

    def _callback_provider(self, fn: Any) -> str | None:
        """The provider named in ``name => ({name, provider: {id: "openai"}})``."""
        fn = _unwrap(fn)
        if fn is None or fn.type not in ("arrow_function", "function_expression", "function"):
            return None
        body = _unwrap(fn.child_by_field_name("body"))
        if body is not None and body.type == "statement_block":
            ret = next((c for c in _named(body) if c.type == "return_statement"), None)
            body = (
                _unwrap(ret.named_children[0]) if ret is not None and ret.named_children else None
            )
        if body is None or body.type != "object":
            return None
        obj = self._eval(body)
        return self._entry_provider(obj) if isinstance(obj, _ObjVal) else None

    def _spread_catalog(self, node: Any, hint: str | None, line: int) -> None:
        members = [
            _Member(v, ln, hint, hint is not None)
            for v, ln in ((self._eval(item), _line(item)) for item in _named(node))
            for v in [v if isinstance(v, str) else None]
        ]
        fresh = [
            m for m in members if m.value is None or m.value.strip().lower() not in self._offered
        ]
        if hint is not None and len(fresh) < len(members) and self._qualifies(members):
            # a list another provider already offers: this provider is one more service
            self.out.append(ServiceFinding(hint, self._loc(line)))
        if self._qualifies(members):
            self._emit_catalog(fresh, qualified=True)

    # -- catalogs named as such

    def _catalog(
        self,
        name: str,
        node: Any,
        hint: str | None,
        depth: int,
        *,
        vouched: bool = False,
        in_models: bool = False,
    ) -> None:
        """``vouched``: ``hint`` is the provider the code around the table declares;
        ``in_models``: ``node`` sits inside a table named as models (``MODELS.providers.groq``)."""
        node = _unwrap(node)
        if node is None or node.type not in ("array", "object") or depth > 4:
            return
        if self._names_models(name) or (node.type == "array" and self._self_described(node)):
            for members in self._member_lists(node, hint, vouched):
                if self._qualifies(members):
                    self._emit_catalog(members)
                    return
        elif node.type == "array" and (
            self._object_array(node) or (hint is not None and self._referenced_entries(node, hint))
        ):
            return
        if node.type == "object":
            # a provider record names itself: {id: "cometapi", models: [...]}
            own = self._record_provider(node)
            inside = in_models or self._names_models(name)
            blocks = self._provider_blocks(node, own or hint) if inside else {}
            for pair in _named(node):
                if pair.type != "pair" or pair.start_byte in blocks:
                    continue
                key = self._key(pair.child_by_field_name("key"), 0)
                value = pair.child_by_field_name("value")
                if key is not None and value is not None:
                    self._catalog(
                        key,
                        value,
                        _provider_alias(key) or own or hint,
                        depth + 1,
                        vouched=vouched,
                        in_models=inside,
                    )
            return
        for item in _named(node):
            item = _unwrap(item)
            if item is None or item.type != "object":
                continue
            obj = self._eval(item)
            sub_hint = hint
            selects_model = False
            if isinstance(obj, _ObjVal):
                for k in ("provider", "id", "name", "key"):
                    if k in obj.entries:
                        v = self._eval(obj.entries[k])
                        if isinstance(v, str) and _provider_alias(v):
                            sub_hint = _provider_alias(v)
                            break
                selects_model = self._selects_model(obj)
            for pair in _named(item):
                if pair.type != "pair":
                    continue
                key = self._key(pair.child_by_field_name("key"), 0)
                value = pair.child_by_field_name("value")
                if key is None or value is None:
                    continue
                if selects_model and key in _OPTION_LIST_KEYS:
                    self._catalog("models", value, sub_hint, depth + 1, vouched=vouched)
                else:
                    self._catalog(key, value, sub_hint, depth + 1, vouched=vouched)

    def _provider_blocks(self, node: Any, hint: str | None) -> dict[int, list[_Member]]:
        """The provider blocks of a table named as models (``{providers: {"nano-gpt":
        {"qwen3.5-2b": {id: "qwen3.5-2b", ...}}}}``, a generated catalog such as models.dev's):
        each block's models are served by the provider its key names, known or not (then
        ``unknown``), and called by their keys (``"zai.glm-4.7": {id: "zai.glm-4.7", name:
        "GLM-4.7"}``), not by display names. Reported here; keyed by the pair's start byte.
        A block whose names no pattern knows is reported when another block of the table
        qualifies (the table is then a model catalog)."""
        blocks: dict[int, list[_Member]] = {}
        for pair in _named(node):
            if pair.type != "pair":
                continue
            value = _unwrap(pair.child_by_field_name("value"))
            if value is None or value.type != "object" or not self._self_keyed(value):
                continue
            key = self._key(pair.child_by_field_name("key"), 0)
            provider = (_provider_alias(key) if key else None) or hint or "unknown"
            blocks[pair.start_byte] = [
                _Member(self._key(p.child_by_field_name("key"), 0), _line(p), provider, True)
                for p in _named(value)
            ]
        table = len(blocks) >= 2 and any(self._qualifies(m) for m in blocks.values())
        for members in blocks.values():
            self._emit_catalog(members, qualified=table)
        return blocks

    def _self_keyed(self, node: Any) -> bool:
        """Two or more records keyed by their own id (``{"glm-5.1": {id: "glm-5.1", ...}}``),
        as generated model catalogs hold one provider's models; read from the syntax alone."""
        n = 0
        for pair in _named(node):
            if pair.type != "pair":
                return False
            value = _unwrap(pair.child_by_field_name("value"))
            if value is None or value.type != "object":
                return False
            key = self._key(pair.child_by_field_name("key"), 0)
            own = None
            for inner in _named(value):
                if inner.type == "pair" and self._key(inner.child_by_field_name("key"), 0) == "id":
                    v = _unwrap(inner.child_by_field_name("value"))
                    own = self._string(v) if v is not None and v.type == "string" else None
                    break
            if key is None or own != key:
                return False
            n += 1
        return n >= 2

    def _record_provider(self, node: Any) -> str | None:
        """The provider an object describing one provider names (``id: "groq"``)."""
        if not _may_hold_key(node, _RECORD_KEYS):
            return None  # most objects of a large table: not worth evaluating
        obj = self._eval(node)
        if not isinstance(obj, _ObjVal):
            return None
        for k in _RECORD_KEYS:
            v = self._eval(obj.entries[k]) if k in obj.entries else None
            if isinstance(v, str) and _provider_alias(v):
                return _provider_alias(v)
        return None

    def _referenced_entries(self, node: Any, hint: str) -> bool:
        """``packages: [models.llama31Chat, models.deepseek]`` in a provider's record: catalog
        entries defined elsewhere, offered through this provider (each reported at its reference).
        True when reported."""
        members: list[_Member] = []
        from_catalog = True  # every reference reads a table named as models (``models.x``)
        for item in _named(node):
            ref = _unwrap(item)
            if ref is None or ref.type not in ("identifier", "member_expression"):
                return False
            head = ref
            while head.type == "member_expression":
                head = head.child_by_field_name("object")
            from_catalog = (
                from_catalog and head.type == "identifier" and self._names_models(_text(head))
            )
            entry = self._entry_object(ref)
            if entry is None:
                return False
            ev, obj = entry
            value, _at = self._entry_id(obj, 0, ev)
            if value is not None:
                values = [value]
            else:
                values = [v for v, _ in self._nested_models(obj, 0, ev)]
            members.extend(_Member(v, _line(ref), hint, True) for v in values)
        if not members:
            return False
        # entries of a model catalog, vouched for by the provider: no pattern needs to know them
        if not self._qualifies(members) and not (from_catalog and all(map(_vouched, members))):
            return False
        self._emit_catalog(members, qualified=True)
        return True

    def _entry_object(self, ref: Any) -> tuple[_Evaluator, _ObjVal] | None:
        """The record a reference names, with the evaluator of the module holding it
        (``models.phi3mini`` with ``import { models } from "./models"``)."""
        v = self._eval(ref)
        if isinstance(v, _ObjVal):
            return self, v
        if not isinstance(v, _ImportRef) or v.module is None or not v.path:
            return None
        module = self._module_analysis(v.module)
        if module is None:
            return None
        head, *rest = v.path
        w = module._export(head)
        for part in rest:
            w = module._member(w, part, 0)
        return (module, w) if isinstance(w, _ObjVal) else None

    def _selects_model(self, obj: _ObjVal) -> bool:
        """A form-field descriptor whose field is the model (``{value: "model", options: [...]}``)."""
        for k in _FIELD_NAME_KEYS:
            if k in obj.entries:
                v = self._eval(obj.entries[k])
                if isinstance(v, str) and v.strip().lower() in (
                    "model",
                    "models",
                    "model_id",
                    "modelid",
                ):
                    return True
        return False

    def _self_described(self, node: Any) -> bool:
        """An array of two or more objects, each naming its own provider and a model id."""
        items = [_unwrap(i) for i in _named(node)]
        if len(items) < 2:
            return False
        for item in items:
            obj = self._eval(item) if item is not None else None
            if not isinstance(obj, _ObjVal) or self._entry_provider(obj) is None:
                return False
            if not any(k in obj.entries for k in _ID_KEYS):
                return False
        return True

    def _member_lists(
        self, node: Any, hint: str | None, vouched: bool = False
    ) -> Iterator[list[_Member]]:
        if node.type == "array":
            members: list[_Member] = []
            for item in _named(node):
                v = self._eval(item)
                if isinstance(v, str):
                    members.append(_Member(v, _line(item), hint, vouched))
                elif isinstance(v, _ObjVal):
                    members.extend(self._entry_members(v, _line(item), hint, vouched))
                else:
                    members.append(_Member(None, _line(item), hint))
            yield members
            return
        obj = self._eval(node)
        if not isinstance(obj, _ObjVal) or not obj.entries:
            return
        values = [self._eval(v) for v in obj.entries.values()]
        if any(isinstance(v, (int, float)) for v in values):
            return  # a lookup table (token limits, prices)
        by_key = [_Member(k, _line(obj.keys[k]), hint) for k in obj.entries]
        by_value: list[_Member] = []
        for k, v in zip(obj.entries, values, strict=True):
            line = _line(obj.keys[k])
            if isinstance(v, str):
                # {"together-ai": "llama-3.1-8b-instruct"}: a provider-keyed map sends each
                # value to the provider its key names
                keyed = _provider_alias(k)
                by_value.append(_Member(v, line, keyed or hint, vouched or keyed is not None))
            elif isinstance(v, _ObjVal):
                by_value.extend(self._entry_members(v, line, hint, vouched))
            else:
                by_value.append(_Member(None, line, hint))
        if all(isinstance(v, str) for v in values):
            # {alias: model} / {GPT4o: 'gpt-4o'}: the values are what is used
            yield by_value
            yield by_key
        else:
            yield by_key
            yield by_value

    def _entry_members(
        self, obj: _ObjVal, line: int, hint: str | None, vouched: bool
    ) -> list[_Member]:
        """The members one catalog entry gives: its id, else the models its nested objects name."""
        own = self._entry_provider(obj, listed=True)
        value, at = self._entry_id(obj, line)
        if value is None:
            nested = self._nested_models(obj, 0)
            if nested:
                return [_Member(v, ln, own or hint, own is not None or vouched) for v, ln in nested]
        return [_Member(value, at, own or hint, own is not None or vouched)]

    def _nested_models(
        self, obj: _ObjVal, depth: int, ev: _Evaluator | None = None
    ) -> list[tuple[str, int]]:
        """``{params: {model: "x"}, dimensions: [{options: {"8b": {model: "y"}}}]}`` -> x, y
        (each once, at its own line), up to four levels down; ``ev``: the evaluator of the
        module holding ``obj`` (this one by default)."""
        ev = ev or self
        out: list[tuple[str, int]] = []
        if depth > 4:
            return out
        for k, node in obj.entries.items():
            v = ev._eval(node)
            if depth > 0 and k in _NESTED_MODEL_KEYS and isinstance(v, str):
                pair = obj.keys.get(k)
                out.append((v, _line(pair) if pair is not None else _line(node)))
            elif isinstance(v, _ObjVal):
                out.extend(self._nested_models(v, depth + 1, ev))
            elif isinstance(v, _ArrVal):
                for item in v.items:
                    sub = ev._eval(item)
                    if isinstance(sub, _ObjVal):
                        out.extend(self._nested_models(sub, depth + 1, ev))
        unique: dict[str, int] = {}
        for v, ln in out:
            unique.setdefault(v, ln)
        return list(unique.items())

    def _entry_id(
        self, obj: _ObjVal, line: int, ev: _Evaluator | None = None
    ) -> tuple[str | None, int]:
        """The model an object entry names (``{id: 'gpt-4o', ...}``) and the line of that key."""
        ev = ev or self
        fallback: tuple[str | None, int] = (None, line)
        for k in _ID_KEYS:
            if k in obj.entries:
                v = ev._eval(obj.entries[k])
                if not isinstance(v, str):
                    continue
                pair = obj.keys.get(k)
                here = _line(pair) if pair is not None else line
                if _recognised(v, None):
                    return v, here
                if fallback[0] is None:
                    fallback = (v, here)
        return fallback

    def _entry_provider(self, obj: _ObjVal, *, listed: bool = False) -> str | None:
        """The provider an entry names: ``provider: "groq"``, ``provider: {id: "openai"}``; with
        ``listed`` (an entry of a catalog named as such) also the first hosted provider of its
        list (``providerOptions: ["ollama", "groq"]``), or ``ollama`` when it is the only one."""
        for k in _PROVIDER_KEYS:
            if k not in obj.entries:
                continue
            v = self._eval(obj.entries[k])
            if isinstance(v, str):
                return _provider_alias(v)
            if isinstance(v, _ObjVal):
                for sub in ("id", "providerType", "providerName", "name"):
                    if sub in v.entries:
                        named = self._eval(v.entries[sub])
                        if isinstance(named, str) and _provider_alias(named):
                            return _provider_alias(named)
        local: set[str] = set()
        for k in _PROVIDER_LIST_KEYS if listed else ():
            providers = self._eval(obj.entries[k]) if k in obj.entries else None
            if isinstance(providers, _ArrVal):
                for item in providers.items:
                    named = self._eval(item)
                    p = _provider_alias(named) if isinstance(named, str) else None
                    if p is not None and p not in _LOCAL_PROVIDERS:
                        return p
                    if p is not None or isinstance(named, str):
                        local.add(p or "")
        # offered only through Ollama (``providerOptions: ["ollama"]``): the name is an Ollama
        # tag, even one the library table does not know yet
        return "ollama" if local == {"ollama"} else None

    @staticmethod
    def _qualifies(members: list[_Member]) -> bool:
        """Two or more members, four in five recognised (a provider vouches for its own entries).

        An entry whose model is the empty string (``{value: '', desc: 'Custom Model'}``) names
        no model (a mode whose model the user types, or a web session that sends none): it is
        left out of the count rather than counted against the catalog."""
        members = [m for m in members if m.value is None or m.value.strip()]
        n = len(members)
        strict = sum(1 for m in members if m.value is not None and _recognised(m.value, m.hint))
        ok = sum(
            1
            for m in members
            if m.value is not None
            and (
                _recognised(m.value, m.hint)
                or _weight_path(m.value)
                or (m.explicit and _vouched(m))
            )
        )
        return n >= 2 and strict >= 1 and ok >= 2 and ok * 5 >= n * 4

    def _emit_catalog(self, members: list[_Member], *, qualified: bool = False) -> None:
        if not qualified and not self._qualifies(members):
            return
        for m in members:
            value, line, hint = m.value, m.line, m.hint
            if value is None:
                continue
            loc = self._loc(line)
            if _weight_path(value):
                self.out.append(ModelFinding(value.strip(), ModelKind.LOCAL, loc))
                continue
            if not _recognised(value, hint):
                if _vouched(m) and hint is not None:
                    self.out.append(self._service(hint, loc, value.strip()))
                    self._offered.setdefault(value.strip().lower(), hint)
                continue
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
            publisher = _publisher_hosted(value) if hint is None else None
            if mv.kind is ModelKind.HUB and publisher is not None:
                # google/gemini-2.5-pro: the publisher's hosted model, not a hub repo
                self.out.append(ServiceFinding(publisher, loc, model=value.strip()))
                self._offered.setdefault(value.strip().lower(), publisher)
            elif mv.kind is ModelKind.HUB:
                self.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
                if hint is not None and hint not in ("huggingface", "self-hosted"):
                    self.out.append(ServiceFinding(hint, loc, model=value.strip()))
                    self._offered.setdefault(value.strip().lower(), hint)
            elif mv.kind is ModelKind.OLLAMA and hint is None:
                self.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama"))
            else:
                provider = hint or mv.provider or "unknown"
                self.out.append(self._service(provider, loc, value.strip()))
                self._offered.setdefault(value.strip().lower(), provider)

    def _service(self, provider: str, loc: Location, model: str) -> ServiceFinding:
        endpoint = self._module_endpoint if provider == "unknown" else None
        return ServiceFinding(provider, loc, endpoint=endpoint, model=model)

    # -- tables held by a class

    def _class_catalogs(self, excluded: set[str]) -> None:
        """``private static MODEL_IDS = {"llama3-8b": "meta-llama/Llama-3-8b-chat-hf"}``: a class
        field whose name says models is a catalog, under the provider the class declares."""
        for (cls, prop), values in self.this_fields.items():
            if cls is None or prop in excluded or not self._names_models(prop):
                continue
            hint = self._declared_provider(cls)
            for value in values:
                self._catalog(prop, value, hint, 0, vouched=hint is not None)

    def _declared_provider(self, cls: tuple[int, int]) -> str | None:
        """The provider a class says it speaks for: ``static providerName = "groq"``."""
        for prop in _PROVIDER_FIELDS:
            for value in self.this_fields.get((cls, prop), ()):
                v = self._eval(value)
                p = _provider_alias(v) if isinstance(v, str) else None
                if p is not None:
                    return p
        return None

    # -- arrays of model objects inside functions

    def _function_catalogs(self) -> None:
        """``return [{id: "gpt-4o", ...}, ...]``, ``.catch(() => [...])``, ``const fallback = [...]``
        inside a function (the binder indexed them)."""
        for node in self.returned_arrays[:_MAX_FUNCTION_ARRAYS]:
            self._object_array(node)
        for name, node in self.inner_arrays[:_MAX_FUNCTION_ARRAYS]:
            self._catalog(name, node, None, 0)

    def _object_array(self, node: Any) -> bool:
        """Two or more model objects, every one naming a hosted model (True: reported)."""
        members: list[_Member] = []
        for item in _named(node):
            obj = self._eval(item)
            if not isinstance(obj, _ObjVal):
                return False
            own = self._entry_provider(obj)
            value, line = self._entry_id(obj, _line(item))
            if value is None or not _recognised(value, own):
                return False  # every entry must be a model: no naming hint here
            mv = classify_model_value(value)
            if own is None and (mv is None or mv.provider is None) and not _publisher_hosted(value):
                return False  # hub ids in an unnamed table are results, not an offer
            members.append(_Member(value, line, own, own is not None))
        if len(members) < 2:
            return False
        self._emit_catalog(members)
        return True

    # -- prefix tables

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
