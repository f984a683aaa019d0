"""Provider adapters of AI gateways and SDKs: one folder per hosted provider.

Gateways (Portkey, LiteLLM-like proxies) and multi-provider SDKs keep each provider's adapter
in its own folder, ``src/providers/<provider>/``, named after the provider it talks to. In
such a folder:

* ``model: {param: "model", required: true, default: "gpt-3.5-turbo"}``: a request-parameter
  spec whose ``default`` is the model sent when a request names none (the same shape as a
  CLI option or a component prop, ``model: {type: "string", default: "gpt-4o"}``, which counts
  anywhere when the default is a known model name);
* ``chatCompleteParams([], {model: "grok-beta"})``: a model default handed to a config
  factory;
* ``getBaseURL: () => "https://api.x.ai/v1"``: the adapter's API base URL, a service (a host
  no provider table knows is an ``unknown`` service at that endpoint; one returning only the
  caller's own host is the folder's provider without an endpoint).

The provider is the folder's name read through the provider aliases (``together-ai`` is
Together, ``x-ai`` is xAI); a folder no table knows serves its models as ``unknown``. The
rules read only what pass 1 collected (:class:`~.evaluator._Evaluator`'s pair lists).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from aibom.inventory import ModelFinding, ModelKind, ServiceFinding
from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import provider_for_endpoint, provider_spelled_in
from aibom.scanners.javascript.syntax import _line, _named, _text, reported_names

if TYPE_CHECKING:
    from aibom.scanners.javascript.catalogs import _Catalogs

# a directory whose sub-directories are one provider's adapter each
# (not "adapters": hexagonal architectures keep database and queue adapters there)
_ADAPTER_PARENTS = frozenset({"providers", "provider", "adaptors", "adaptor", "llms"})
# a spec default or a factory default that names no model
_NOT_MODELS = frozenset(
    {"auto", "default", "none", "null", "undefined", "true", "false", "custom", "string", "model"}
)
_MODEL_ID = re.compile(r"[A-Za-z0-9][\w.:/@+-]{0,199}")
_MODEL_SHAPE = re.compile(r"[\d\-/:]")
_URL = re.compile(r"https?://[^\s'\"`]+")
_STORAGE_HOST = re.compile(
    r"^https?://(?:[^/]*\.)?(?:s3[.-][^/]*|storage\.googleapis\.com|[^/]*\.blob\.core\.windows\.net)(?:[:/]|$)"
)


def adapter_folder(rel: str) -> str | None:
    """``src/providers/together-ai/chatComplete.ts`` -> ``together-ai``: the adapter folder a
    file lies in (the nearest directory whose parent is a ``providers``-like directory)."""
    parts = rel.split("/")
    for i in range(len(parts) - 2, 0, -1):
        if parts[i - 1].lower() in _ADAPTER_PARENTS:
            return parts[i]
    return None


def folder_provider(folder: str) -> str | None:
    """The provider an adapter folder is named after (``fireworks-ai`` -> ``fireworks``)."""
    words = tuple(w for w in re.split(r"[-_. ]+", folder.lower()) if w)
    found = provider_spelled_in(words) if words else None
    return found[0] if found is not None else None


class _Adapters:
    """The three rules over one analysed module."""

    def __init__(self, analysis: _Catalogs) -> None:
        self.a = analysis
        self.folder = adapter_folder(analysis.rel)
        self.provider = folder_provider(self.folder) if self.folder is not None else None
        self.known = reported_names(analysis.out)

    def run(self) -> None:
        a = self.a
        adapter = self.folder is not None
        for pair in a.model_spec_pairs:
            default, request_param = _spec_default(pair)
            if default is not None:
                self._model(default, strong=adapter, vouched=request_param)
        if adapter:
            for pair in a.call_model_pairs:
                self._model(pair.child_by_field_name("value"), strong=True)
        for pair in a.url_getter_pairs:
            self._url_getter(pair)

    def _model(self, node: Any, *, strong: bool, vouched: bool = False) -> None:
        """Report the model a default names. ``strong`` (an adapter's default) takes an id no
        pattern knows when the folder names a known provider, the id has a model's shape
        (a digit or a separator: ``zephyr-chat``, not ``User``) or the spec is a request
        parameter's (``vouched``: ``param: "model"``)."""
        v = self.a._eval(node)
        if not isinstance(v, str):
            return
        v = v.strip()
        if not _MODEL_ID.fullmatch(v) or v.lower() in _NOT_MODELS or v.lower() in self.known:
            return
        mv = classify_model_value(v)
        if mv is None and not (
            strong and (self.provider is not None or vouched or _MODEL_SHAPE.search(v))
        ):
            return
        self.known.add(v.lower())
        loc = self.a._loc(_line(node))
        if self.folder is None:
            assert mv is not None
            if mv.kind is ModelKind.HUB:
                self.a.out.append(ModelFinding(mv.name, ModelKind.HUB, loc, revision=mv.revision))
            elif mv.kind is ModelKind.OLLAMA:
                self.a.out.append(ModelFinding(mv.name, ModelKind.OLLAMA, loc, framework="ollama"))
            else:
                self.a.out.append(ServiceFinding(mv.provider or "unknown", loc, model=v))
            return
        if self.provider == "ollama":
            self.a.out.append(ModelFinding(v, ModelKind.OLLAMA, loc, framework="ollama"))
            return
        self.a.out.append(ServiceFinding(self.provider or "unknown", loc, model=v))

    def _url_getter(self, pair: Any) -> None:
        """``getBaseURL: () => "https://api.x.ai/v1"``: each API URL the function returns;
        in an adapter folder, ``baseURL: "https://..."`` handed to the project's own factory
        (``createOpenAICompatible({baseURL, provider})``) too."""
        body = pair.child_by_field_name("value")
        if body.type in ("string", "template_string"):
            if self.folder is not None:
                self._urls([body], pair, getter=False)
            return
        self._urls(_url_nodes(body), pair, getter=True)

    def _urls(self, nodes: list[Any], pair: Any, *, getter: bool) -> None:
        found = False
        for node in nodes:
            url = self._url_text(node)
            if url is None:
                continue
            provider = provider_for_endpoint(_templated_host(url))
            if provider is None and _STORAGE_HOST.search(_templated_host(url)):
                continue  # an upload bucket (S3, GCS, Azure Blob), not the model API
            if self.folder is None:
                if provider in (None, "self-hosted"):
                    continue  # outside adapters only a known provider's host counts
            elif provider is None:
                provider = self.provider or "unknown"
            found = True
            self.a.out.append(ServiceFinding(provider, self.a._loc(_line(node)), endpoint=url))
        if getter and not found and self.folder is not None and self.provider is not None:
            # the adapter only ever calls the host its caller configures (Ollama, Triton)
            self.a.out.append(ServiceFinding(self.provider, self.a._loc(_line(pair))))

    def _url_text(self, node: Any) -> str | None:
        if node.type == "template_string":
            text = _text(node)[1:-1].strip()
        else:
            v = self.a._eval(node)
            text = v.strip() if isinstance(v, str) else ""
        if not _URL.fullmatch(_templated_host(text)):
            return None
        return text.rstrip("/") or None


def _templated_host(url: str) -> str:
    """``https://${region}-aiplatform.googleapis.com`` -> ``https://x-aiplatform.googleapis.com``."""
    return re.sub(r"\$\{[^}]*\}", "x", url)


def _spec_default(pair: Any) -> tuple[Any, bool]:
    """The ``default`` value node of a parameter spec ``model: {default: "x", ...}`` (or
    None), and whether the spec maps a request parameter (``param: "model"``)."""
    value = pair.child_by_field_name("value")
    default = None
    request_param = False
    for other in _named(value):
        if other.type != "pair":
            continue
        key = other.child_by_field_name("key")
        name = _text(key).strip("'\"") if key is not None else ""
        v = other.child_by_field_name("value")
        if name == "default":
            default = v if v is not None and v.type == "string" else None
        elif name == "param" and v is not None and v.type == "string":
            request_param = True
    return default, request_param


# where an identifier is (part of) what a URL getter returns
_RETURNED_BY = frozenset(
    {
        "return_statement",
        "arrow_function",
        "binary_expression",
        "parenthesized_expression",
        "ternary_expression",
    }
)


def _url_nodes(body: Any) -> list[Any]:
    """String, template and identifier nodes a URL-getter function may return (bounded walk;
    templates are not entered: a template is one URL)."""
    out: list[Any] = []
    stack = [body.child_by_field_name("body")] if body is not None else []
    budget = 400
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        if node is None:
            continue
        if node.type in ("string", "template_string"):
            out.append(node)
            continue
        parent = node.parent
        if node.type == "identifier" and parent is not None and parent.type in _RETURNED_BY:
            out.append(node)
            continue
        if node.type in ("arguments", "call_expression", "member_expression"):
            continue  # ``x.includes("...")``: an argument, not the returned URL
        stack.extend(reversed(node.named_children))
    return out


def provider_adapter_findings(analysis: _Catalogs) -> None:
    """Run the adapter rules over an analysed module, appending to its findings."""
    if analysis.model_spec_pairs or analysis.call_model_pairs or analysis.url_getter_pairs:
        _Adapters(analysis).run()
