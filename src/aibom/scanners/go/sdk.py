"""Go calls into provider SDKs, and model names passed loose to calls.

* SDK model constants (``openai.GPT4o`` of sashabaranov/go-openai, ``openai.ChatModelGPT4o``
  of openai/openai-go, ``anthropic.ModelClaudeSonnet4_5``: ``sdk_go.yaml``, read from each
  SDK's own source), resolved through the file's import alias and reported wherever they are
  used as a value, a model of the SDK's provider; not as an operand of ``==``/``!=`` or a
  ``case`` label (a check of what the caller asked for).
* SDK clients: a constructor of the SDK's package (``openai.NewClient(key)``, go-openai's
  ``DefaultConfig``, ``anthropic.NewClient(...)``, ``genai.NewClient(ctx, cfg)``, langchaingo's
  ``openai.New(...)``, ollama's ``api.ClientFromEnvironment()``) is a service at the vendor's
  default host, or at the base URL the enclosing function sets (``option.WithBaseURL("...")``,
  ``cfg.BaseURL = "..."``, ``BaseURL: "..."``); a base URL only known at run time and set
  unconditionally leaves an OpenAI-compatible SDK's provider unknown (nothing reported), one
  set under an ``if`` keeps the default host. go-openai's ``DefaultAzureConfig(key, url)`` is
  Azure OpenAI at that URL, openai-go's ``azure.WithEndpoint`` too; genai's
  ``BackendVertexAI`` is Google's Vertex AI (no default host).
* Model options: an SDK's model option (langchaingo ``openai.WithModel("gpt-4o")``,
  ``ollama.WithModel("llama3")``: ``model_options``) names a model of that SDK's provider;
  any other ``With...Model("...")`` option (``llms.WithModel``) is a model setting.
* Loose literals: a whole string literal that can only be a model name
  (:func:`~aibom.knowledge.classify.strong_model_literal`) passed as an argument to a call
  outside the package (an imported package's function other than the standard library's,
  ``flag`` aside, or a method the package does not declare); never to message, error or log
  calls, string helpers, nor callees named for data, a destination, a template or a flag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from aibom.knowledge.classify import strong_model_literal
from aibom.knowledge.tables import GoSdk, go_sdks
from aibom.scanners.go.package import Constants
from aibom.scanners.go.syntax import line, nodes_of, text_of, unwrap
from aibom.scanners.kernel import (
    Emitter,
    ValueContext,
    analyse_pairs,
    emit_model_value,
    endpoint_of,
    names_other,
)

_VERSION = re.compile(r"/v\d+(?=/|$)")
_MODEL_OPTION = re.compile(r"^With\w*Model(?:Name|ID|Id)?$")
_LITERALS = frozenset({"interpreted_string_literal", "raw_string_literal"})
_FUNCS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_SETTING_NODES = frozenset({"call_expression", "assignment_statement", "keyed_element"})
# string helpers and lookups: their string arguments are patterns, keys or text
_TEXT_CALLS = frozenset(
    {"Contains", "ContainsAny", "HasPrefix", "HasSuffix", "Index", "EqualFold", "Replace",
     "ReplaceAll", "Split", "Trim", "TrimPrefix", "TrimSuffix", "TrimSpace", "Compare", "Get",
     "Set", "Has", "Del", "Delete", "Add", "Header", "Query", "Param", "FormValue", "Match",
     "MatchString", "Equal", "NotEqual", "Lookup", "Load", "Store", "Getenv", "LookupEnv",
     "Setenv", "Sprintf", "Errorf", "Join", "Cut", "CutPrefix", "CutSuffix", "Fields"}
)  # fmt: skip
# flag and pflag/cobra definitions: (name[, shorthand], default, usage); the name is no value
_FLAG_CALL = re.compile(
    r"^(?:String|Bool|Int\d*|Uint\d*|Float\d*|Duration|StringSlice|StringArray|Count)(?:Var)?P?$"
)
_STDLIB_MODEL_PACKAGES = frozenset({"flag"})  # flag.String("model", "gpt-4o", "usage")


def normalise(path: str) -> str:
    """``github.com/openai/openai-go/v3/option`` -> ``github.com/openai/openai-go/option``."""
    return _VERSION.sub("", path)


def sdk_of(path: str) -> GoSdk | None:
    """The SDK spec of an import path: its own entry."""
    return go_sdks().get(normalise(path))


def constants_of(path: str) -> dict[str, str] | None:
    """The model constants visible through an import path: its own SDK's, else those of the
    nearest listed module above it (``openai-go/shared`` uses openai-go's)."""
    p = normalise(path)
    sdks = go_sdks()
    while p:
        spec = sdks.get(p)
        if spec is not None and spec.constants:
            return dict(spec.constants)
        if "/" not in p:
            return None
        p = p.rsplit("/", 1)[0]
    return None


def package_name(path: str) -> str | None:
    """The package name of an SDK import path (``sdk_go.yaml`` ``name``)."""
    spec = sdk_of(path)
    return spec.name if spec is not None else None


def _stdlib(path: str) -> bool:
    return "." not in path.split("/", 1)[0]


class SdkCalls:
    """The SDK and loose-literal rules for one Go file."""

    def __init__(
        self,
        root: Any,
        em: Emitter,
        consts: Constants,
        imports: dict[str, str],
        report: Callable[[str, int], None],
        declared: Callable[[str], bool],
    ) -> None:
        self.root = root
        self.em = em
        self.consts = consts
        self.imports = imports
        self.report = report  # a strong literal at a line (the file's stray-literal findings)
        self.declared = declared  # True for a function or method the package declares
        self.sdks = {alias: s for alias, p in imports.items() if (s := sdk_of(p)) is not None}
        # constructor calls already read: (start, end) byte span -> (provider, endpoint)
        self.clients: list[tuple[int, int, str, str | None]] = []

    # -- constants

    def constants(self) -> None:
        """SDK model constants used as values anywhere in the file."""
        tables = {a: t for a, p in self.imports.items() if (t := constants_of(p))}
        if not tables:
            return
        for sel in nodes_of(self.root, frozenset({"selector_expression"})):
            operand = sel.child_by_field_name("operand")
            field = sel.child_by_field_name("field")
            if operand is None or field is None or operand.type != "identifier":
                continue
            table = tables.get(text_of(operand))
            if table is None:
                continue
            value = table.get(text_of(field))
            if value is None or _compared(sel):
                continue
            spec = sdk_of(self.imports[text_of(operand)]) or _module_sdk(
                self.imports[text_of(operand)]
            )
            if spec is None:
                continue
            emit_model_value(
                self.em,
                value,
                line(sel),
                ValueContext(provider=spec.provider, client=spec.client, named=spec.provider),
            )

    # -- calls

    def call(self, call: Any) -> None:
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or args is None:
            return
        if not self.sdks and not any(a.type in _LITERALS for a in args.named_children):
            # no SDK in the file and no literal argument: only a model option can matter
            head = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
            if head is None or not (head.text or b"").startswith(b"With"):
                return
        alias, name = _callee(fn)
        spec = self.sdks.get(alias) if alias else None
        if spec is not None and name in spec.constructors | spec.azure_constructors:
            self._client(call, spec, name, args)
        if _MODEL_OPTION.match(name):
            own = spec if spec is not None and name in spec.model_options else None
            self._model_option(call, own, args)
            return
        self._loose(fn, alias, name, args)

    def _model_option(self, call: Any, spec: GoSdk | None, args: Any) -> None:
        first = args.named_children[0] if args.named_children else None
        if first is None:
            return
        value = self.consts.value(first)
        if not value:
            return
        at = line(first)
        if spec is None:
            analyse_pairs(self.em, [("model", at, value)])
            return
        provider, endpoint = spec.provider, None
        for start, end, p, e in self.clients:
            if start <= call.start_byte and call.end_byte <= end:
                provider, endpoint = p, e  # an option of a client built for another host
        emit_model_value(
            self.em,
            value,
            at,
            ValueContext(
                provider=provider,
                endpoint=endpoint,
                client=spec.client,
                named=provider,
                ollama=provider == "ollama",
            ),
        )

    def _client(self, call: Any, spec: GoSdk, name: str, args: Any) -> None:
        mark = len(self.em.findings)
        self._build(call, spec, name, args)
        for f in self.em.findings[mark:]:
            provider = getattr(f, "provider", None)
            if provider:
                self.clients.append(
                    (call.start_byte, call.end_byte, provider, getattr(f, "endpoint", None))
                )

    def _build(self, call: Any, spec: GoSdk, name: str, args: Any) -> None:
        at = line(call)
        if name in spec.azure_constructors:
            values = [self.consts.value(a) for a in args.named_children[1:2]]
            url = values[0] if values else None
            self.em.service("azure-openai", at, endpoint=url.rstrip("/") if url else None,
                            client=spec.client)  # fmt: skip
            return
        if spec.vertex and any(spec.vertex in text_of(a) for a in args.named_children):
            self.em.service(spec.provider, at, client=spec.client)
            return
        urls, unconditional, azure = self._base_urls(call, spec)
        if azure is not None:
            self.em.service("azure-openai", at, endpoint=azure[0] or None, client=spec.client)
            if not azure[1]:
                return  # always Azure; under an ``if``, the default host otherwise
        if urls:
            for url in urls:
                found = endpoint_of(url)
                if spec.fixed or found is None:
                    provider = spec.provider if spec.fixed else "unknown"
                    if found is None and not re.match(r"^https?://", url):
                        continue
                    self.em.service(provider, at, endpoint=url.rstrip("/"), client=spec.client)
                else:
                    self.em.service(found[0], at, endpoint=found[1], client=spec.client)
            return
        if unconditional:
            if spec.fixed:
                self.em.service(spec.provider, at, client=spec.client)
            return
        self.em.service(spec.provider, at, endpoint=spec.endpoint, client=spec.client)

    def _base_urls(self, call: Any, spec: GoSdk) -> tuple[list[str], bool, tuple[str, bool] | None]:
        """Base URLs the enclosing function sets (resolved ones), whether one it cannot
        resolve is set outside any ``if``, and an Azure endpoint (``""`` when unresolved)
        with whether it is set under an ``if``."""
        scope = call
        while scope.parent is not None and scope.type not in _FUNCS:
            scope = scope.parent
        urls: list[str] = []
        unconditional = False
        azure: tuple[str, bool] | None = None
        for node in nodes_of(scope, _SETTING_NODES):
            target: Any = None
            if node.type == "call_expression":
                fn = node.child_by_field_name("function")
                args = node.child_by_field_name("arguments")
                if fn is None or args is None or not args.named_children:
                    continue
                alias, name = _callee(fn)
                other = self.sdks.get(alias) if alias else None
                if (
                    other is not None
                    and other.provider == "azure-openai"
                    and (name in other.endpoint_options)
                ):
                    value = self.consts.value(args.named_children[0])
                    azure = (value.rstrip("/") if value else "", _conditional(node, scope))
                    continue
                if name not in spec.endpoint_options or alias not in self.imports:
                    continue
                if not normalise(self.imports[alias]).startswith(spec.path):
                    continue  # another SDK's option
                target = args.named_children[0]
            elif node.type == "assignment_statement":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                if left is None or right is None or len(left.named_children) != 1:
                    continue
                lhs = left.named_children[0]
                field = (
                    lhs.child_by_field_name("field") if lhs.type == "selector_expression" else None
                )
                if field is None or text_of(field) not in spec.endpoint_options:
                    continue
                target = right.named_children[0] if right.named_children else None
            else:
                if len(node.named_children) != 2:
                    continue
                key = unwrap(node.named_children[0])
                if key is None or text_of(key) not in spec.endpoint_options:
                    continue
                target = node.named_children[1]
            if target is None:
                continue
            value = self.consts.value(target)
            if value:
                urls.append(value)
            elif not _conditional(node, scope):
                unconditional = True
        return urls, unconditional, azure

    # -- loose literals

    def _loose(self, fn: Any, alias: str | None, name: str, args: Any) -> None:
        literals = [a for a in args.named_children if a.type in _LITERALS]
        if _FLAG_CALL.match(name):
            literals = literals[1 + name.endswith("P") :]  # past the flag's name and shorthand
        if not literals or not name or name in _TEXT_CALLS or names_other(name):
            return
        values = [(a, self.consts.value(a)) for a in literals]
        strong = [(a, v) for a, v in values if v and strong_model_literal(v)]
        if not strong:
            return
        if alias is not None and alias in self.imports:
            path = self.imports[alias]
            if _stdlib(path) and path not in _STDLIB_MODEL_PACKAGES:
                return
        elif fn.type == "selector_expression":
            if self.declared(name):  # a method of the package's own types
                return
        else:
            return  # a function of the package itself
        for a, v in strong:
            self.report(v, line(a))


def _module_sdk(path: str) -> GoSdk | None:
    p = normalise(path)
    sdks = go_sdks()
    while "/" in p:
        p = p.rsplit("/", 1)[0]
        if p in sdks:
            return sdks[p]
    return None


def _callee(fn: Any) -> tuple[str | None, str]:
    """(import alias or None, called name) of a call's function expression."""
    if fn.type == "selector_expression":
        operand = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        name = text_of(field) if field is not None else ""
        if operand is not None and operand.type == "identifier":
            return text_of(operand), name
        return None, name
    if fn.type == "identifier":
        return None, text_of(fn)
    return None, ""


def _compared(node: Any) -> bool:
    """``x == openai.GPT4``, ``case openai.GPT4:``: a check, not a use."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and text_of(op) in ("==", "!=")
    if parent.type == "expression_list" and parent.parent is not None:
        return parent.parent.type == "expression_case"
    return False


def _conditional(node: Any, scope: Any) -> bool:
    n = node.parent
    while n is not None and n is not scope:
        if n.type in ("if_statement", "expression_case", "type_case", "default_case"):
            return True
        n = n.parent
    return False


def declared_in(texts: Iterable[str]) -> Callable[[str], bool]:
    """A test for function and method names declared in ``texts`` (the package's files)."""
    joined = list(texts)

    def declared(name: str) -> bool:
        pattern = re.compile(r"\bfunc\s*(?:\([^)]*\)\s*)?" + re.escape(name) + r"\s*[\[(]")
        return any(name in t and pattern.search(t) for t in joined)

    return declared
