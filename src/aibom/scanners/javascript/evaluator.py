"""Binder and static evaluator of the JS/TS front end.

Pass 1 indexes declarations, imports, bindings, calls and constructions; the
evaluator folds expressions to strings, objects, clients and imports (following
relative imports two hops). Enough to read a foreign module's exports.
"""

from __future__ import annotations

import functools
import posixpath
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aibom.inventory import Finding
from aibom.knowledge.providers import (
    provider_for_endpoint,
    provider_for_url_text,
)
from aibom.knowledge.tables import JsConstructor, javascript_sdk
from aibom.scanners.javascript.syntax import (
    _MAX_DEPTH,
    _MAX_STRING,
    _SUFFIXES,
    _line,
    _named,
    _parse_module,
    _text,
    _unwrap,
)
from aibom.scanners.javascript.values import (
    _AI_SDK,
    _API_CLASSES,
    _ENDPOINT_KEYS,
    _ENV_OBJ,
    _GLOBAL_CLASSES,
    _IMPORT_META,
    _LANGCHAIN,
    _LLAMAINDEX,
    _MODULE_SUFFIXES,
    _OLLAMA,
    _REGISTRY_FACTORIES,
    _SCOPES,
    TRANSFORMERS_JS,
    UNRESOLVED,
    ModuleReader,
    _ArrVal,
    _Binding,
    _ClientVal,
    _EnumVal,
    _EnvRef,
    _ImportRef,
    _is_concrete,
    _is_langchain,
    _is_llamaindex,
    _js_str,
    _MethodRef,
    _number,
    _ObjVal,
    _package,
    _provider_alias,
    _ProviderFn,
    _ProviderMethod,
    _Registry,
    _RegistryMethod,
    _This,
    _unescape,
    _UnknownMember,
    is_backend_host_key,
)
from aibom.scanners.kernel import is_endpoint_key, key_words
from aibom.scanners.kernel import is_setting_key as is_setting_name

# Nodes pass 1 never looks inside: nothing in them declares, assigns, imports or calls.
_OPAQUE = frozenset({"comment", "string", "regex"})


@dataclass
class _Relay:
    """The module reader of a shared module analysis: the current importer's, and what it read."""

    reader: ModuleReader
    read: dict[str, None] = field(default_factory=dict)  # in first-read order

    def __call__(self, rel: str) -> str | None:
        self.read[rel] = None
        return self.reader(rel)


# Analyses of imported modules, shared by every importer in this process (a config module
# imported by hundreds of files is indexed once): (path, hops, text) -> (analysis, its reader).
_SHARED_LIMIT = 128
_shared: OrderedDict[tuple[str, int, str], tuple[_Evaluator, _Relay]] = OrderedDict()


def _shared_analysis(rel: str, text: str, hops: int, reader: ModuleReader) -> _Evaluator | None:
    """The indexed analysis of imported module ``rel`` (None when it cannot be parsed).

    A module's analysis depends only on its text, its depth and the modules it imports, so
    one is kept per (path, hops, text); when reused, the modules it read are read again
    through ``reader``, so the importer records the same dependencies as a fresh analysis.
    """
    key = (rel, hops, text)
    hit = _shared.get(key)
    if hit is not None:
        _shared.move_to_end(key)
        other, relay = hit
        relay.reader = reader
        for dep in list(relay.read):
            reader(dep)
        return other
    parsed = _parse_module(text, rel)
    if not isinstance(parsed, tuple):
        return None
    tree, source = parsed
    relay = _Relay(reader)
    other = _Evaluator(tree.root_node, rel, source, read_module=relay)
    other.hops = hops
    other.tree = tree
    other._index(exports_only=True)
    _shared[key] = (other, relay)
    if len(_shared) > _SHARED_LIMIT:
        _shared.popitem(last=False)
    return other


@dataclass
class _Evaluator:
    """Binder (pass 1: declarations, imports, calls) and static evaluator of one module."""

    root: Any
    rel: str
    source: str
    out: list[Finding] = field(default_factory=list)
    bindings: dict[str, list[_Binding]] = field(default_factory=dict)
    imports: dict[str, _ImportRef] = field(default_factory=dict)
    reassigned: set[str] = field(default_factory=set)
    # name -> right-hand sides of ``name = ...`` reassignments (``url = `${HOST}/openai/...```)
    assigned_values: dict[str, list[Any]] = field(default_factory=dict)
    this_fields: dict[tuple[tuple[int, int] | None, str], list[Any]] = field(default_factory=dict)
    calls: list[Any] = field(default_factory=list)
    news: list[Any] = field(default_factory=list)
    starts_with: list[Any] = field(default_factory=list)
    settings: list[tuple[str, Any]] = field(default_factory=list)  # (model-ish key, value Node)
    endpoint_pairs: list[Any] = field(default_factory=list)  # ``apiBase: "https://..."`` pairs
    # ``default: "x"`` pairs of settings-form field records (``{name: "modelName", default: "x"}``)
    field_defaults: list[Any] = field(default_factory=list)
    # ``input_audio_transcription: {model: "whisper-1"}``: a sub-model an API session names
    subsystem_pairs: list[Any] = field(default_factory=list)
    # ``model: {param: "model", default: "x"}`` (a parameter spec), ``{model: "x"}`` passed to
    # a call, ``getBaseURL: () => "https://..."``: read by :mod:`.provider_adapters`
    model_spec_pairs: list[Any] = field(default_factory=list)
    call_model_pairs: list[Any] = field(default_factory=list)
    url_getter_pairs: list[Any] = field(default_factory=list)
    returned_arrays: list[Any] = field(default_factory=list)
    switches: list[Any] = field(default_factory=list)  # ``switch (model)``: a model-ish subject
    inner_arrays: list[tuple[str, Any]] = field(
        default_factory=list
    )  # arrays declared in functions
    memo: dict[int, Any] = field(default_factory=dict)
    clients: dict[int, _ClientVal] = field(default_factory=dict)
    used_clients: set[int] = field(default_factory=set)
    has_transformers: bool = False
    read_module: ModuleReader | None = None
    hops: int = 0  # how many relative imports were followed to get here
    foreign: dict[str, _Evaluator | None] = field(default_factory=dict)
    tree: Any = None  # keeps a foreign module's syntax tree alive

    # -- pass 1: declarations, imports, calls

    def _index(self, *, exports_only: bool = False) -> None:
        """Pass 1. With ``exports_only`` (an imported module, only ever evaluated), just the
        bindings, imports and fields evaluation needs; not the calls, constructions and
        settings the recognisers of a scanned module read."""
        handlers = _EXPORT_HANDLERS if exports_only else _INDEX_HANDLERS
        types = _EXPORT_TYPES if exports_only else _PASS1_TYPES
        for n in _pass1_nodes(self.root, self.tree, types):
            handler = handlers.get(n.type)
            if handler is not None:
                handler(self, n)

    def _ix_import(self, n: Any) -> None:
        self._on_import(n)

    def _ix_bind_declarator(self, n: Any) -> None:
        self._on_declarator(n)

    def _ix_declarator(self, n: Any) -> None:
        self._on_declarator(n)
        name = n.child_by_field_name("name")
        value = n.child_by_field_name("value")
        if name is None or value is None:
            return
        vt = value.type
        if vt == "array":
            decl = n.parent
            if (
                decl is not None
                and decl.parent is not None
                and decl.parent.type not in ("program", "export_statement")
            ):
                self.inner_arrays.append(
                    (_text(name), value)
                )  # const fallback = [...] in a function
        elif (
            vt in ("string", "template_string", "binary_expression", "ternary_expression")
            and name.type == "identifier"
        ):
            text = _text(name)
            if is_setting_name(text):
                self.settings.append((text, value))
            if vt in ("string", "template_string") and (
                is_endpoint_key(text) or _is_server_constant(text)
            ):
                self.endpoint_pairs.append(n)  # const BASE_URL = "https://api.elevenlabs.io/v1"

    def _ix_params(self, n: Any) -> None:
        self._on_params(n)

    def _ix_bind_arrow(self, n: Any) -> None:
        p = n.child_by_field_name("parameter")
        if p is not None and p.type == "identifier":
            self._bind(_text(p), _Binding(self._range(n), "param"))

    def _ix_arrow(self, n: Any) -> None:
        self._ix_bind_arrow(n)
        body = n.child_by_field_name("body")  # .catch(() => [...])
        while body is not None and body.type == "parenthesized_expression":
            body = body.named_children[0] if body.named_children else None
        if body is not None and body.type == "array":
            self.returned_arrays.append(body)

    def _ix_declaration(self, n: Any) -> None:
        name = n.child_by_field_name("name")
        if name is not None and n.parent is not None:
            self._bind(_text(name), _Binding(self._scope_of(n), "decl"))

    def _ix_enum(self, n: Any) -> None:
        name = n.child_by_field_name("name")
        if name is not None:
            self._bind(_text(name), _Binding(self._scope_of(n), "const", value=n))

    def _ix_for_in(self, n: Any) -> None:
        left = n.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            self._bind(_text(left), _Binding(self._range(n), "loop"))

    def _ix_assignment(self, n: Any) -> None:
        self._on_assignment(n)

    def _ix_update(self, n: Any) -> None:
        arg = n.child_by_field_name("argument")
        if arg is not None and arg.type == "identifier":
            self.reassigned.add(_text(arg))

    def _ix_field(self, n: Any) -> None:
        name = n.child_by_field_name("name") or n.child_by_field_name("property")
        value = n.child_by_field_name("value")
        if name is not None and value is not None:
            key = (self._class_of(n), _text(name).lstrip("#"))
            self.this_fields.setdefault(key, []).append(value)

    def _ix_call(self, n: Any) -> None:
        self.calls.append(n)
        fn = n.child_by_field_name("function")
        if fn is not None and fn.type == "member_expression":
            prop = fn.child_by_field_name("property")
            if (
                prop is not None
                and prop.end_byte - prop.start_byte == 10  # len("startsWith"): no decoding
                and _text(prop) == "startsWith"
            ):
                self.starts_with.append(n)

    def _ix_new(self, n: Any) -> None:
        self.news.append(n)

    def _ix_pair(self, n: Any) -> None:
        key = n.child_by_field_name("key")
        if key is None:
            return
        value = n.child_by_field_name("value")
        k = _text(key).strip("'\"`")
        if (
            value is not None
            and value.type in ("string", "template_string")
            and is_setting_name(k)
            and not _in_call_arguments(n)
            and not _in_record_list(n)
        ):
            self.settings.append((k, value))
        if (
            k in _FIELD_VALUE_KEYS
            and value is not None
            and value.type == "string"
            and not _in_arguments(n)
        ):
            self.field_defaults.append(n)
        if k in _SUBSYSTEM_MODEL_KEYS and value is not None and value.type == "object":
            self.subsystem_pairs.append(n)
        if k == "model" and value is not None:
            if value.type == "object":
                self.model_spec_pairs.append(n)
            elif value.type == "string" and _in_call_arguments(n):
                self.call_model_pairs.append(n)
        elif (
            value is not None
            and value.type in _FUNCTION_NODES
            and k.lower().removeprefix("get") in _URL_GETTER_KEYS
        ):
            self.url_getter_pairs.append(n)
        if (
            k in _ENDPOINT_KEYS
            or is_backend_host_key(k)
            or (
                _text(key) in _FIELD_DEFAULT_KEYS  # a settings field's URL default
                and value is not None
                and value.type == "string"
            )
        ):
            if not _in_arguments(n):  # a client's options: its recogniser reports it
                self.endpoint_pairs.append(n)
            elif k in _ENDPOINT_KEYS and value is not None and value.type in _URL_NODES:
                self.url_getter_pairs.append(n)  # createCompatible({baseURL: "https://..."})

    def _ix_object_default(self, n: Any) -> None:  # const { model = "default" } = config
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        if left is not None and right is not None and right.type == "string":
            text = _text(left)
            if is_setting_name(text):
                self.settings.append((text, right))

    def _ix_switch(self, n: Any) -> None:
        """``switch (request.body.model)``: a switch on a model-ish name (read in pass 2)."""
        subject = _unwrap(n.child_by_field_name("value"))
        if subject is not None and subject.type == "member_expression":
            subject = subject.child_by_field_name("property")
        if (
            subject is not None
            and subject.type in ("identifier", "property_identifier")
            and is_setting_name(_text(subject))
        ):
            self.switches.append(n)

    def _ix_return(self, n: Any) -> None:
        kids = n.named_children
        if kids and kids[0].type == "array":
            self.returned_arrays.append(kids[0])
        elif kids and kids[0].type == "string":  # getTTSModel() { ... return "tts-1" }
            fn_name = _function_name(n)
            if fn_name is not None and is_setting_name(fn_name):
                self.settings.append((fn_name, kids[0]))

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
            if right is not None:
                self.assigned_values.setdefault(_text(left), []).append(right)
        elif left.type == "member_expression" and right is not None:
            obj = left.child_by_field_name("object")
            prop = left.child_by_field_name("property")
            if (
                prop is not None
                and right.type == "string"
                and (is_endpoint_key(_text(prop)) or is_backend_host_key(_text(prop)))
            ):
                self.endpoint_pairs.append(n)  # this.options.apiHost = "https://openrouter.ai/api"
            if obj is not None and obj.type == "this" and prop is not None:
                key = (self._class_of(n), _text(prop).lstrip("#"))
                self.this_fields.setdefault(key, []).append(right)
                if is_setting_name(key[1]) and _fallback_string(right) is not None:
                    self.settings.append((key[1], right))  # this.model = pref || "default"

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
        if pkg is not None and pkg in _AI_SDK and len(ref.path) == 1:
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
        if isinstance(obj, _Registry):
            return _RegistryMethod(obj, str(prop))
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
        if (
            isinstance(fn, _ImportRef)
            and fn.package == "ai"
            and fn.path[-1:]
            and (fn.path[-1] in _REGISTRY_FACTORIES)
        ):
            return self._registry(node, depth)
        return UNRESOLVED

    def provider_table(self, value: Any, depth: int = 0) -> dict[str, tuple[_ProviderFn, Any]]:
        """The AI SDK provider instances of an object value by key, each with its pair node
        (``{ openai: createOpenAI({...}), anthropic }``); empty for anything else. An instance
        whose base URL is unresolved serves the provider its key names, if any."""
        if not isinstance(value, _ObjVal):
            return {}
        table: dict[str, tuple[_ProviderFn, Any]] = {}
        for key, node in value.entries.items():
            v = self._resolve_import(self._eval(node, depth), objects=True)
            if isinstance(v, _ProviderFn):
                if v.provider is None:  # an unresolved baseURL: the key names the provider
                    v = replace(v, provider=_provider_alias(key))
                table[key] = (v, value.keys.get(key, node))
        return table

    def _registry(self, node: Any, depth: int) -> Any:
        """``createProviderRegistry({ openai, anthropic }, { separator: " > " })``."""
        args = node.child_by_field_name("arguments")
        argv = _named(args) if args is not None else []
        if not argv:
            return UNRESOLVED
        table = self.provider_table(self._eval(argv[0], depth), depth)
        separator = ":"
        if len(argv) > 1:
            opts = self._eval(argv[1], depth)
            if isinstance(opts, _ObjVal) and "separator" in opts.entries:
                sep = self._eval(opts.entries["separator"], depth)
                if not isinstance(sep, str) or not sep:
                    return UNRESOLVED
                separator = sep
        return _Registry(tuple((k, fn) for k, (fn, _pair) in table.items()), separator)

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

    def _class_spec(self, ref: Any) -> JsConstructor | None:
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
                raw = self._endpoint_node(opts, spec)
                provider = provider_for_url_text(_text(raw)) if raw is not None else None
        client = _ClientVal(spec, provider, endpoint, node.start_byte, _line(node), env)
        self.clients[node.start_byte] = client
        return client

    def _endpoint(
        self, opts: Any, spec: JsConstructor, depth: int
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

    def _endpoint_node(self, opts: Any, spec: JsConstructor) -> Any:
        """The syntax node of the base URL option (for a template the evaluator cannot resolve)."""
        if not isinstance(opts, _ObjVal):
            return None
        for path in spec.endpoint_keys:
            cur: Any = opts
            node = None
            for part in path:
                if not isinstance(cur, _ObjVal) or part not in cur.entries:
                    node = None
                    break
                node = cur.entries[part]
                cur = self._eval(node)
            if node is not None:
                return node
        return None

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
        if _is_concrete(v) or (objects and isinstance(v, (_ClientVal, _ProviderFn, _Registry))):
            return v
        return value

    def _module_analysis(self, module: str) -> _Evaluator | None:
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
                other = _shared_analysis(cand, text, self.hops + 1, self.read_module)
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


def _is_server_constant(name: str) -> bool:
    """``FEATHERLESS_SERVER``, ``MANCER_SERVER_DEFAULT``: a backend's server address constant.

    Reported (like a ``BASE_URL`` constant) only when it holds a known hosted provider's URL:
    a local or unknown server under such a name is the application's own as often as not.
    """
    words = key_words(name)
    if words and words[-1] == "default":
        words = words[:-1]
    return len(words) >= 2 and words[-1] == "server"


# pass 1's handlers by node type (see :meth:`_Evaluator._index`)

# keys of an API request whose object value names the model of one of its parts (the OpenAI
# Realtime session's ``input_audio_transcription: {model: "whisper-1"}``: sdk_javascript.yaml)
_SUBSYSTEM_MODEL_KEYS = javascript_sdk().subsystem_model_keys

_INDEX_HANDLERS: dict[str, Callable[[_Evaluator, Any], None]] = {
    "import_statement": _Evaluator._ix_import,
    "variable_declarator": _Evaluator._ix_declarator,
    "formal_parameters": _Evaluator._ix_params,
    "arrow_function": _Evaluator._ix_arrow,
    **dict.fromkeys(
        (
            "function_declaration",
            "class_declaration",
            "generator_function_declaration",
            "abstract_class_declaration",
        ),
        _Evaluator._ix_declaration,
    ),
    "enum_declaration": _Evaluator._ix_enum,
    "for_in_statement": _Evaluator._ix_for_in,
    "assignment_expression": _Evaluator._ix_assignment,
    "augmented_assignment_expression": _Evaluator._ix_assignment,
    "update_expression": _Evaluator._ix_update,
    "public_field_definition": _Evaluator._ix_field,
    "field_definition": _Evaluator._ix_field,
    "call_expression": _Evaluator._ix_call,
    "new_expression": _Evaluator._ix_new,
    "pair": _Evaluator._ix_pair,
    "object_assignment_pattern": _Evaluator._ix_object_default,
    "return_statement": _Evaluator._ix_return,
    "switch_statement": _Evaluator._ix_switch,
}
# an imported module's: what evaluating its exports reads (see ``_index(exports_only=True)``)
_EXPORT_HANDLERS = {
    **{
        t: h
        for t, h in _INDEX_HANDLERS.items()
        if t
        not in (
            "call_expression",
            "new_expression",
            "pair",
            "object_assignment_pattern",
            "return_statement",
            "switch_statement",
        )
    },
    "variable_declarator": _Evaluator._ix_bind_declarator,
    "arrow_function": _Evaluator._ix_bind_arrow,
}


# the node types pass 1 handles, and those whose subtrees it never enters
_PASS1_TYPES = frozenset(_INDEX_HANDLERS)
_EXPORT_TYPES = frozenset(
    _EXPORT_HANDLERS
)  # import statements included: their subtrees are skipped
_SKIPPED_SUBTREES = _OPAQUE | {"import_statement"}


def _pass1_nodes(root: Any, tree: Any = None, types: frozenset[str] = _PASS1_TYPES) -> list[Any]:
    """The nodes of ``types`` (a subset of :data:`_PASS1_TYPES` with ``import_statement``),
    in preorder, outside the subtrees pass 1 skips; the Python walk may add other nodes of
    :data:`_PASS1_TYPES`, which have no handler in the caller's table.

    Found by one tree-sitter query (in C) when ``tree`` is given and error-free; sorted by
    (start, -end), which is preorder for an error-free tree's non-empty, distinct ranges.
    Anything else (syntax errors, an empty or shared range) takes the Python walk.
    """
    if tree is None or root.has_error:
        return _pass1_walk(root)
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_pass1_query(tree.language, types))
    nodes = cursor.captures(root).get("n", [])
    if cursor.did_exceed_match_limit:  # pragma: no cover - single-node patterns
        return _pass1_walk(root)
    ranges = [(n.start_byte, -n.end_byte) for n in nodes]
    out: list[Any] = []
    skip_until = -1
    last = None
    for i in sorted(range(len(nodes)), key=ranges.__getitem__):
        r = ranges[i]
        if r == last or r[0] == -r[1]:  # ancestor order unknown: walk instead
            return _pass1_walk(root)
        last = r
        if r[0] < skip_until:  # inside an import statement
            continue
        n = nodes[i]
        out.append(n)
        if n.type == "import_statement":
            skip_until = -r[1]
    return out


def _pass1_walk(root: Any) -> list[Any]:
    """:func:`_pass1_nodes` by walking the tree in Python (named children, preorder)."""
    out: list[Any] = []
    stack = [root]
    pop, push = stack.pop, stack.extend
    while stack:
        n = pop()
        t = n.type
        if t in _PASS1_TYPES:
            out.append(n)
        if t in _SKIPPED_SUBTREES:
            continue
        if n.named_child_count:  # most nodes are leaves: no child list to build
            push(reversed(n.named_children))
    return out


@functools.cache
def _pass1_query(language: Any, types: frozenset[str]) -> Any:
    """One query capturing every node type of ``types`` the grammar has."""
    from tree_sitter import Query

    # a type the grammar lacks (enums are TypeScript's) would make the query invalid
    kinds = [f"({t})" for t in sorted(types) if language.id_for_node_kind(t, True)]
    return Query(language, "[" + " ".join(kinds) + "] @n")


def _in_call_arguments(n: Any) -> bool:
    """True when ``n`` sits in the arguments of a function call (``track({model})``), not of ``new``."""
    p = n.parent
    for _ in range(64):
        if p is None or p.type.endswith("statement") or p.type in ("program", "statement_block"):
            return False
        if p.type == "arguments":
            return p.parent is not None and p.parent.type == "call_expression"
        p = p.parent
    return True


def _in_arguments(n: Any) -> bool:
    """True when ``n`` sits in the arguments of a call or a ``new`` expression."""
    p = n.parent
    for _ in range(64):
        if p is None or p.type.endswith("statement") or p.type in ("program", "statement_block"):
            return False
        if p.type == "arguments":
            return True
        p = p.parent
    return True


# ``getBaseURL: () => "https://..."``: a function-valued key returning an API base URL
_URL_GETTER_KEYS = frozenset({"baseurl", "apibase", "apibaseurl", "apiurl", "endpointurl"})
_FUNCTION_NODES = frozenset({"arrow_function", "function_expression", "function"})
_URL_NODES = frozenset({"string", "template_string"})

# keys of a settings form field holding what the user gets unless they type something else
_FIELD_DEFAULT_KEYS = frozenset({"placeholder", "default", "defaultValue"})
# keys of a settings form field holding the value used when the user sets none (no placeholder)
_FIELD_VALUE_KEYS = frozenset({"default", "defaultValue"})
_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
    }
)


def _function_name(n: Any) -> str | None:
    """The name of the function ``n`` returns from (``getModel``, ``const getModel = () =>``,
    a method), or None."""
    p = n.parent
    for _ in range(64):
        if p is None:
            return None
        if p.type in _FUNCTIONS:
            break
        p = p.parent
    else:
        return None
    name = p.child_by_field_name("name")
    if name is None and p.parent is not None and p.parent.type == "variable_declarator":
        name = p.parent.child_by_field_name("name")
    return (
        _text(name)
        if name is not None and name.type in ("identifier", "property_identifier")
        else None
    )


def _in_record_list(pair: Any) -> bool:
    """True for a key of an object that is an element of an array (a record: catalogs decide)."""
    obj = pair.parent
    p = obj.parent if obj is not None else None
    while p is not None and p.type in (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
    ):
        p = p.parent
    return p is not None and p.type == "array"


def _fallback_string(node: Any) -> str | None:
    """The string literal a ``a || b ?? "default"`` chain falls back to (its last operand)."""
    for _ in range(16):
        node = _unwrap(node)
        if node is None:
            return None
        if node.type == "string":
            text = _text(node)
            return text[1:-1] if len(text) >= 2 else None
        if node.type != "binary_expression":
            return None
        op = node.child_by_field_name("operator")
        if op is None or _text(op) not in ("||", "??"):
            return None
        node = node.child_by_field_name("right")
    return None
