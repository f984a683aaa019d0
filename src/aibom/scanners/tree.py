"""Tree analyser: YAML/JSON/TOML documents (and key/value pairs) walked for model values.

A line-aware :class:`Node` tree (YAML positions kept, JSON/TOML located by text),
conventions of well-known config shapes (Hydra ``_target_``, LiteLLM ``model_list``,
catalogs, ``name``/``value`` env lists) and ``args``/``command`` lists handed to
the command-line analyser.

May import: :mod:`aibom.scanners.commandline`, :mod:`aibom.scanners.kernel` and below.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from aibom.inventory import (
    Diagnostic,
    ModelKind,
)
from aibom.knowledge.classify import (
    classify_model_value,
    parse_hub_id,
    provider_from_name,
    provider_in_identifier,
)
from aibom.knowledge.providers import provider_alias
from aibom.limits import load_json
from aibom.scanners.commandline import CommandScope, analyse_argv, scan_shell_text
from aibom.scanners.gallery import gallery_files
from aibom.scanners.kernel import (
    MAX_DEPTH,
    Emitter,
    Node,
    ValueContext,
    analyse_pairs,
    azure_deployment_scope,
    emit_datasets,
    emit_model_value,
    endpoint_of,
    hub_file_repo,
    is_catalog_key,
    is_dataset_key,
    is_generic_name,
    is_model_key,
    is_placeholder_of,
    is_setting_key,
    is_tokenizer_key,
    key_words,
    mapping_context,
    scope_for_key,
)

# ---------------------------------------------------------------------------
# A line-aware tree


_STR_TAG = "tag:yaml.org,2002:str"


def _embedded_json(node: yaml.ScalarNode, lines: list[str] | None) -> Node | None:
    """A string holding a JSON array or object (``MODELS: >`` ``[{"id": ...}]``) as its tree.

    Lines are those of the file: a block scalar's are read from its own source lines, a
    one-line value's from its text. None when the value is not a JSON array/object.
    """
    value = node.value.strip() if isinstance(node.value, str) else ""
    if (value[:1], value[-1:]) not in (("[", "]"), ("{", "}")) or node.tag != _STR_TAG:
        return None
    try:
        obj = load_json(value)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, (list, dict)):
        return None
    first = node.start_mark.line  # 0-based line of the value (of a block's indicator)
    if node.style in ("|", ">") and lines is not None:
        text = "\n".join(lines[first + 1 : node.end_mark.line + 1])
        offset = first + 1
    else:
        text, offset = node.value, first
    loc = Locator(text)

    def locate(key: str, val: str | None) -> int | None:
        found = loc.find(key, val)
        return None if found is None else found + offset

    return node_from_object(obj, locate)


def _from_yaml(
    node: yaml.Node,
    memo: dict[int, Node],
    depth: int = 0,
    lines: list[str] | None = None,
) -> Node:
    """Convert a composed YAML node; aliases share one converted node (no billion laughs).

    A string under a model or catalog key that is a JSON document (an environment
    variable ``MODELS`` holding a JSON array of model records) becomes that document's
    tree, with the lines it has in the file.
    """
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            line += 1  # a block scalar's text starts on the line after its indicator
        return Node("scalar", line, value=node.value if node.tag == _STR_TAG else None)
    known = memo.get(id(node))
    if known is not None:
        return known  # an alias (or a cycle: the node being built)
    if depth > MAX_DEPTH:
        return Node("scalar", line)
    if isinstance(node, yaml.SequenceNode):
        out = memo[id(node)] = Node("seq", line)
        out.elements = [_from_yaml(n, memo, depth + 1, lines) for n in node.value]
        return out
    if isinstance(node, yaml.MappingNode):
        out = memo[id(node)] = Node("map", line)
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                key = str(k.value)
                embedded = (
                    _embedded_json(v, lines)
                    if isinstance(v, yaml.ScalarNode) and (is_catalog_key(key) or is_model_key(key))
                    else None
                )
                out.items.append(
                    (
                        key,
                        k.start_mark.line + 1,
                        embedded or _from_yaml(v, memo, depth + 1, lines),
                    )
                )
        return out
    return Node("scalar", line)


_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_documents(text: str) -> list[Node]:
    """Every document of a YAML stream as a line-aware :class:`Node` tree.

    Raises :class:`yaml.YAMLError` (or RecursionError) on invalid YAML; callers turn that into a diagnostic.
    """
    docs: list[Node] = []
    lines = text.splitlines() if "[" in text or "{" in text else None
    for doc in yaml.compose_all(text, Loader=_YamlLoader):
        if doc is not None:
            docs.append(_from_yaml(doc, {}, 0, lines))
    return docs


class Locator:
    """Line numbers for formats whose parsers do not keep them (JSON, TOML), from an index of the text.

    Quoted strings and bare TOML keys/table names are indexed by line once; a repeated
    key/value pair gets its next occurrence each time it is asked for.
    """

    _QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\'\n]*)\'')
    _BARE_KEY = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=")
    _TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, text: str) -> None:
        self._strings: dict[str, list[int]] = {}
        self._keys: dict[str, list[int]] = {}
        self._last: dict[tuple[str, str | None], int] = {}
        self._key_cache: dict[str, frozenset[int]] = {}
        self._sorted_keys: dict[str, list[int]] = {}
        self._pairs: dict[tuple[str, str], list[int]] = {}
        self._value_sets: dict[str, frozenset[int]] = {}
        for i, line in enumerate(text.splitlines(), 1):
            if len(line) > 100_000:
                continue
            # each pattern needs its character (a quote, "=", "["): most lines of a JSON data
            # file are not worth the other two searches
            if '"' in line or "'" in line:
                for m in self._QUOTED.finditer(line):
                    self._strings.setdefault(
                        m.group(1) if m.group(1) is not None else m.group(2), []
                    ).append(i)
            bare = self._BARE_KEY.match(line) if "=" in line else None
            if bare:
                self._keys.setdefault(bare.group(1).rsplit(".", 1)[-1], []).append(i)
            t = self._TABLE.match(line) if "[" in line else None
            if t:
                self._keys.setdefault(t.group(1).rsplit(".", 1)[-1].strip("\"' "), []).append(i)

    def find(self, key: str, value: str | None) -> int | None:
        """The line of ``key``/``value``; a repeated pair gets the next occurrence each time."""
        pair = (key, value)
        last = self._last.get(pair, 0)
        if value is not None:
            # the value's lines on a line of the key, else any of the value's lines
            line = _next_after(self._pair_lines(key, value), last)
            if line is None:
                line = _next_after(self._strings.get(value, []), last)
        else:
            line = _next_after(self._sorted_key_lines(key), last)
        if line is not None:
            self._last[pair] = line
        return line

    def _key_lines(self, key: str) -> frozenset[int]:
        cached = self._key_cache.get(key)
        if cached is None:
            cached = self._key_cache[key] = frozenset(self._strings.get(key, ())) | frozenset(
                self._keys.get(key, ())
            )
        return cached

    def _sorted_key_lines(self, key: str) -> list[int]:
        cached = self._sorted_keys.get(key)
        if cached is None:
            cached = self._sorted_keys[key] = sorted(self._key_lines(key))
        return cached

    def _pair_lines(self, key: str, value: str) -> list[int]:
        """Sorted lines holding both ``value`` and ``key`` (computed once per pair)."""
        pair = (key, value)
        cached = self._pairs.get(pair)
        if cached is None:
            value_lines = self._value_sets.get(value)
            if value_lines is None:
                value_lines = self._value_sets[value] = frozenset(self._strings.get(value, ()))
            # a set intersection walks the smaller side: a key on one line, a value on thousands
            cached = self._pairs[pair] = sorted(self._key_lines(key) & value_lines)
        return cached


def _next_after(lines: list[int], last: int) -> int | None:
    """First of the sorted ``lines`` after ``last``, wrapping around to the first; O(log n)."""
    if not lines:
        return None
    start = bisect.bisect_right(lines, last)
    return lines[start] if start < len(lines) else lines[0]


def node_from_object(
    obj: Any,
    locate: Callable[[str, str | None], int | None] | None = None,
    *,
    key: str = "",
    depth: int = 0,
) -> Node:
    """Build a :class:`Node` tree from parsed JSON/TOML; lines come from ``locate(key, value)``."""
    if depth > MAX_DEPTH:
        return Node("scalar")
    if isinstance(obj, dict):
        items = []
        for k, v in obj.items():
            child = node_from_object(v, locate, key=str(k), depth=depth + 1)
            line = (
                child.line if child.kind == "scalar" else (locate(str(k), None) if locate else None)
            )
            items.append((str(k), line, child))
        return Node("map", None, items=items)
    if isinstance(obj, list):
        return Node(
            "seq",
            None,
            elements=[node_from_object(v, locate, key=key, depth=depth + 1) for v in obj],
        )
    if isinstance(obj, str):
        # only values that could name a model or an endpoint are worth a line
        # no whitespace inside (split() splits at exactly what strip() strips and isspace() finds)
        plausible = 0 < len(obj) <= 300 and len(obj.split()) <= 1
        return Node("scalar", locate(key, obj) if locate and plausible else None, value=obj)
    return Node("scalar", None)


# ---------------------------------------------------------------------------
# Walking a tree


_COMMAND_KEYS = frozenset({"args", "command", "entrypoint", "cmd"})
# CI steps: a string or a list of lines of shell (GitHub Actions ``run``, GitLab CI ``script``).
_SCRIPT_KEYS = frozenset({"run", "script", "before_script", "after_script"})


@dataclass
class _Walk:
    em: Emitter
    env: dict[str, str]
    commands: bool  # analyse args/command lists (deployment files)
    seen: set[int] = field(default_factory=set)
    # ids of the document's model registries, and string values of their records
    registry_ids: set[str] = field(default_factory=set)
    registry_refs: list[tuple[str, int | None]] = field(default_factory=list)


def analyse_tree(
    root: Node,
    em: Emitter,
    *,
    scope: ValueContext | None = None,
    env: dict[str, str] | None = None,
    commands: bool = False,
) -> None:
    """Report the models, services and datasets named anywhere in a config tree."""
    w = _Walk(em, dict(env or {}), commands)
    scope = scope or ValueContext()
    if root.kind == "map":
        scope = _file_conventions(root, scope)
    _visit(w, root, scope, 0)
    for value, line in w.registry_refs:  # "default_vocoder": "vocoder_models/en/ljspeech/x"
        if value in w.registry_ids:
            em.model(value, ModelKind.HUB, line, framework=scope.framework)


def _file_conventions(root: Node, scope: ValueContext) -> ValueContext:
    keys = {k for k, _, _ in root.items}
    if "base_model" in keys and keys & {
        "datasets",
        "adapter",
        "sequence_len",
        "micro_batch_size",
        "lora_r",
        "base_model_config",
    }:
        adapter = (root.get_str("adapter") or "").lower()
        return replace(
            scope,
            framework="axolotl",
            relation_hint="adapter-base" if adapter in ("lora", "qlora") else "finetune-base",
        )
    if "model_name_or_path" in keys and keys & {"stage", "finetuning_type", "template"}:
        ft = (root.get_str("finetuning_type") or "").lower()
        stage = root.get_str("stage")
        hint = None
        if stage is not None or ft:
            hint = (
                "adapter-base"
                if ft in ("lora", "oft", "freeze") and ft != "freeze"
                else "finetune-base"
            )
        return replace(scope, framework="llama-factory", relation_hint=hint)
    return scope


def _visit(w: _Walk, node: Node, scope: ValueContext, depth: int) -> None:
    if depth > MAX_DEPTH or id(node) in w.seen:
        return
    w.seen.add(id(node))
    if node.kind == "seq":
        pairs = _name_value_pairs(node)
        if pairs is not None:
            _visit_pairs(w, pairs, scope)
            return
        _model_settings_records(w, node, scope)
        _download_records(w, node, scope)
        for el in node.elements:
            _visit(w, el, scope, depth + 1)
        return
    if node.kind != "map":
        return
    scope = mapping_context(w.em, w.env, node, scope)
    if scope.endpoint is None and scope.named is None:
        scope = _platform_entry(node, scope)
    _hub_source(w, node, scope)
    gallery_files(w.em, node, scope, w.env)
    is_litellm_entry = node.get("litellm_params") is not None
    names_provider = _names_provider(node)
    joined = _container_command(w, node, scope)
    for key, line, child in node.items:
        if joined and key in ("command", "args"):
            continue
        if child.kind == "scalar":
            if child.value is None:
                continue
            if is_litellm_entry and key_words(key) == ("model", "name"):
                continue  # the alias clients use, not a model
            expansions = _sibling_expansions(node, child.value) if is_model_key(key) else None
            if expansions:
                for value in expansions:
                    emit_model_value(w.em, value, line, scope_for_key(scope, key), env=w.env)
                continue
            if is_model_key(key):
                emit_model_value(w.em, child.value, line, scope_for_key(scope, key), env=w.env)
            elif key == "name" and names_provider and classify_model_value(child.value):
                # an agent node's config, {provider: openai, name: gpt-4o}: the model it calls
                emit_model_value(w.em, child.value, line, scope, env=w.env)
            elif is_setting_key(key) and classify_model_value(child.value) is not None:
                # encoder: / embedding: / llm_name: holding a recognised model
                emit_model_value(w.em, child.value, line, scope_for_key(scope, key), env=w.env)
            elif (deployed := azure_deployment_scope(key, child.value, scope, w.env)) is not None:
                emit_model_value(w.em, child.value, line, deployed, env=w.env)
            elif is_tokenizer_key(key):
                emit_model_value(
                    w.em,
                    child.value,
                    line,
                    replace(scope, relation_hint=None),
                    hub_only=True,
                    env=w.env,
                )
            elif is_dataset_key(key):
                emit_datasets(w.em, child.value, line, scope)
            elif key_words(key)[-2:] == ("storage", "uri") and child.value.lower().startswith(
                "hf://"
            ):
                emit_model_value(w.em, child.value, line, scope, env=w.env)
            elif key == "base_model_config" and scope.framework == "axolotl":
                emit_model_value(w.em, child.value, line, scope, hub_only=True, env=w.env)
            elif key in ("adapter_name_or_path", "lora_model_dir"):
                emit_model_value(
                    w.em,
                    child.value,
                    line,
                    replace(scope, relation_hint="adapter", base=_base_of(node)),
                    hub_only=True,
                    env=w.env,
                )
            elif w.commands and key.lower() in _COMMAND_KEYS | _SCRIPT_KEYS:
                _command_string(w, child.value, child.line or line, scope)
            continue
        if child.kind == "seq":
            if (
                w.commands
                and key.lower() in _COMMAND_KEYS
                and all(e.kind == "scalar" for e in child.elements)
            ):
                _command_list(w, child, scope)
                continue
            if w.commands and key.lower() in _SCRIPT_KEYS:
                for e in child.elements:
                    if e.kind == "scalar" and e.value:
                        _command_string(w, e.value, e.line or line, scope)
                continue
            if is_model_key(key) or is_catalog_key(key):
                if _catalog(w, child, scope_for_key(scope, key)):
                    continue
                _entry_sources(w, child, scope_for_key(scope, key))
            if is_dataset_key(key):
                for el in child.elements:
                    if el.kind == "scalar" and el.value:
                        emit_datasets(w.em, el.value, el.line, scope)
                    elif el.kind == "map":
                        ds = el.get_str("path") or el.get_str("name")
                        if ds:
                            emit_datasets(w.em, ds, _line_of(el, "path", "name"), scope)
                continue
        if child.kind == "map":
            child_scope = scope
            if key == "litellm_params":
                child_scope = replace(scope, client="litellm")
            if is_model_key(key):
                # model: {name: ..., id: ...}: the block describes one model
                for k2, l2, c2 in child.items:
                    if (
                        k2.lower() in ("name", "id", "path", "repo", "repo_id")
                        and c2.kind == "scalar"
                        and c2.value
                    ):
                        emit_model_value(
                            w.em,
                            c2.value,
                            l2,
                            scope_for_key(mapping_context(w.em, w.env, child, child_scope), key),
                            env=w.env,
                        )
            if is_catalog_key(key) and _catalog_map(w, child, scope_for_key(scope, key)):
                continue
            if is_catalog_key(key) and _registry(w, key, line, child, scope):
                continue
            _visit(w, child, child_scope, depth + 1)
            continue
        _visit(w, child, scope, depth + 1)


def _role_model_key(key: str) -> bool:
    """``weak_model_name``, ``editor_model``: a model key qualified by the role it plays."""
    words = key_words(key)
    return len(words) >= 2 and words[0] != "model" and is_model_key(key)


def _model_settings_records(w: _Walk, seq: Node, scope: ValueContext) -> None:
    """``- name: <model>`` records of a model-settings catalogue (aider's ``model-settings.yml``).

    A list of records each named by ``name``, none with a plain model key of its own (there
    ``name`` would be an alias), where the records carry role-qualified model keys
    (``weak_model_name:``, ``editor_model_name:``): each record configures the model its
    ``name`` names. Reported when most names are models; the role keys' values are read as
    list entries too (LiteLLM routes such as ``bedrock_converse/...``).
    """
    records = [el for el in seq.elements if el.kind == "map"]
    if len(records) < 2 or len(records) != len(seq.elements):
        return
    if not all(el.get_str("name") for el in records):
        return
    if any(el.get_str(k) for el in records for k in ("model", "model_id", "model_name", "id")):
        return
    roles = [
        (c.value, line)
        for el in records
        for k, line, c in el.items
        if c.kind == "scalar" and c.value and _role_model_key(k)
    ]
    if not roles:
        return
    probe = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
    named = sum(
        emit_model_value(
            probe, el.get_str("name") or "", _line_of(el, "name"), scope, env=w.env, listed=True
        )
        for el in records
    )
    if named * 5 < len(records) * 4:  # most names are models, or this is no model catalogue
        return
    for value, line in roles:
        emit_model_value(probe, value, line, scope, env=w.env, listed=True)
    w.em.findings.extend(f for f in probe.findings if not isinstance(f, Diagnostic))


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
_MAX_EXPANSIONS = 64


def _sibling_expansions(node: Node, value: str) -> list[str] | None:
    """``model_id: org/name-{quantization}`` next to ``quantizations: [8bit, 4bit]``: one id each.

    A single ``{placeholder}`` filled from a sibling list named after it (plural or not).
    """
    names = set(_PLACEHOLDER.findall(value))
    if len(names) != 1:
        return None
    (name,) = names
    for key in (name + "s", name):
        seq = node.get(key)
        if seq is None or seq.kind != "seq":
            continue
        fills = [e.value for e in seq.elements if e.kind == "scalar" and e.value]
        if fills and len(fills) == len(seq.elements) and len(fills) <= _MAX_EXPANSIONS:
            return [value.replace("{" + name + "}", fill) for fill in fills]
    return None


def _line_of(node: Node, *keys: str) -> int | None:
    for k, line, _ in node.items:
        if k in keys:
            return line
    return node.line


def _base_of(node: Node) -> str | None:
    for key in ("model_name_or_path", "base_model"):
        v = node.get_str(key)
        if v:
            hub = parse_hub_id(v)
            if hub:
                return hub[0]
    return None


# Keys naming the entry of a platform catalog; the entry's provider is the one its name names.
_ENTRY_NAME_KEYS = ("name", "provider_name", "platform_name", "factory", "factory_name", "vendor")
# Keys holding an entry's API base URL.
_ENTRY_URL_WORDS = frozenset({"url", "base", "api", "endpoint", "host"})
_NAME_WORDS = re.compile(r"[\s_.-]+")
# one identifier word, camelCase or run together, possibly with ``_Suffix`` parts
# (``awsChatBedrock``, ``googlevertexai``, ``chatOpenAI_LlamaIndex``)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Z][A-Za-z0-9]*)*")


def _provider_of_display_name(value: str) -> str | None:
    """Provider a catalog entry's display name names: ``Tongyi-Qianwen``, ``Voyage AI``.

    The whole name first (``Azure-OpenAI``); else its first word (vendors lead their
    product names: ``Tencent Hunyuan``, ``ZHIPU-AI``, ``siliconflow_intl``). A name
    saying it is merely *compatible* with a provider's API names a protocol, not the provider;
    one with a version or size (``Qwen 2.5``, ``Mistral 7B``) names a model family.
    """
    named = provider_from_name(value) or provider_alias(value, "names")
    if named is not None:
        return named
    if "compatible" in value.lower():
        return None
    if _IDENTIFIER.fullmatch(value.strip()):
        # a node or class name: awsChatBedrock, azureChatOpenAI_LlamaIndex, voyageAIEmbeddings
        return provider_in_identifier(value)
    words = [w for w in _NAME_WORDS.split(value.strip().lower()) if w]
    if len(words) < 2 or any(c.isdigit() for c in value):
        return None  # "Qwen 2.5", "Mistral 7B": a model family, not its vendor
    joined = "-".join(words)
    return (
        provider_from_name(joined)
        or provider_alias(joined, "names")
        or provider_from_name(words[0])
        or provider_alias(words[0], "names")
    )


_PUBLIC_API_URL = re.compile(
    r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(/[^\s]*)?$", re.IGNORECASE
)


def _entry_endpoint(node: Node) -> tuple[str, str] | None:
    """(provider, URL) of a catalog entry's ``url``/``base_url``.

    A known provider's API is that provider; another public API URL is a hosted service
    aibom's table does not know (``unknown``), still called with the listed models.
    """
    urls = [
        child.value.strip()
        for key, _, child in node.items
        if child.kind == "scalar" and child.value and set(key_words(key)) & _ENTRY_URL_WORDS
    ]
    for url in urls:
        ep = endpoint_of(url)
        if ep is not None and ep[0] not in ("self-hosted", "ollama"):
            return ep
    for url in urls:
        if _PUBLIC_API_URL.match(url) and _looks_like_api_base(url) and endpoint_of(url) is None:
            return "unknown", url.rstrip("/")
    return None


def _looks_like_api_base(url: str) -> bool:
    """``https://api.x.ai``, ``https://x.cn/v1``, ``https://ocr.x.com``: an API, not a homepage.

    A homepage is a ``www.`` host or a page path (``github.com/org/repo``).
    """
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    if host.lower().startswith("api"):
        return True
    if not path.strip("/"):
        return not host.lower().startswith("www.")
    return any(
        seg.lower() in ("api", "openai") or re.fullmatch(r"v\d+(beta\d*)?", seg, re.IGNORECASE)
        for seg in path.split("/")
    )


def _platform_entry(node: Node, scope: ValueContext) -> ValueContext:
    """``{name: DeepSeek, llm: [...]}``: a catalog entry whose name is a provider names the models' provider.

    An entry whose name names no provider but whose API URL a known provider serves
    (``{name: Tongyi-Qianwen, url: https://dashscope.aliyuncs.com/...}``) is that provider's.
    The entry's provider is the one the models are called through, whatever vendor's
    name pattern a listed model matches (``named``).
    """
    if not any(
        c.kind in ("seq", "map") and (is_model_key(k) or is_catalog_key(k))
        for k, _, c in node.items
    ):
        return scope
    for key in _ENTRY_NAME_KEYS:
        value = node.get_str(key)
        if not value:
            continue
        named = _provider_of_display_name(value)
        if named is not None:
            return replace(scope, provider=named, named=named, ollama=named == "ollama")
    ep = _entry_endpoint(node)
    if ep is not None:
        return replace(scope, provider=ep[0], named=ep[0], endpoint=ep[1])
    return scope


def _entry_model(el: Node) -> tuple[str, int | None] | None:
    """The model a catalog entry names: ``model``/``id``/``name`` or a ``<model word>_name`` key."""
    for k in ("model", "model_id", "id", "name", "model_name", "slug"):
        v = el.get_str(k)
        if v:
            return v, _line_of(el, k)
    for k, line, c in el.items:
        words = key_words(k)
        if (
            c.kind == "scalar"
            and c.value
            and len(words) == 2
            and words[-1] in ("name", "id")
            and is_model_key(words[0])
        ):
            return c.value, line
    for k, line, c in el.items:
        if c.kind == "scalar" and c.value and is_setting_key(k):
            return c.value, line
    return None


def _catalog(w: _Walk, seq: Node, scope: ValueContext) -> bool:
    """A list of models (every entry a model): report each with its own line."""
    entries: list[tuple[str, int | None]] = []
    scopes: list[ValueContext] = []  # each record's own: the provider it names
    for el in seq.elements:
        if el.kind == "scalar" and el.value:
            entries.append((el.value, el.line))
            scopes.append(scope)
        elif el.kind == "map":
            found = _entry_model(el)
            if found is None:
                return False
            entries.append(found)
            scopes.append(_record_scope(el, scope))
        else:
            return False
    if not entries:
        return False
    if scope.provider is not None:  # "huggingface-local": a placeholder, not a model
        kept = [
            i
            for i, (v, _) in enumerate(entries)
            if not is_placeholder_of(v.lower(), scope.provider)
        ]
        entries = [entries[i] for i in kept]
        scopes = [scopes[i] for i in kept]
    probe = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
    missed: list[tuple[str, int | None]] = []
    for (value, line), own in zip(entries, scopes, strict=True):
        if not emit_model_value(probe, value, line, own, env=w.env, listed=True):
            missed.append((value, line))
    if missed and not _vouched(seq, entries, missed, scope):
        if not _mostly_models(seq, entries, missed):
            return False
        missed = []  # a router alias or a retired name among model records: not reported
    for value, line in missed:  # the provider's own plain names: "ada", "command", "base"
        probe.service(scope.provider or "", line, endpoint=scope.endpoint, model=value.strip())
    w.em.findings.extend(f for f in probe.findings if not isinstance(f, Diagnostic))
    for el in seq.elements:
        if el.kind == "map":  # provider/endpoint/revision of each entry and anything below it
            _visit(w, el, scope, 1)
    return True


# A provider's plain model name: one word or a few joined by '-' ("ada", "base-light").
_PLAIN_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", re.IGNORECASE)


# keys of a catalog record naming the provider it is served by, the provider id first
# (``{"id": "gemini-2.0-flash-001", "provider": "Google Vertex AI", "providerId": "vertex"}``)
_RECORD_PROVIDER_KEYS = (("provider", "id"), ("provider",), ("model", "provider"), ("vendor",))


def _record_scope(el: Node, scope: ValueContext) -> ValueContext:
    """The scope of one catalog record: the provider its ``providerId``/``provider`` names.

    Read through the provider table's names (``vertex`` is google, ``togetherai`` together,
    ``ollama`` makes the id an Ollama tag); a base URL in scope keeps its provider.
    """
    if scope.endpoint is not None:
        return scope
    by_words = {key_words(k): c.value for k, _, c in el.items if c.kind == "scalar" and c.value}
    for words in _RECORD_PROVIDER_KEYS:
        value = by_words.get(words)
        named = _provider_of_display_name(value) if value else None
        if named is not None:
            return replace(scope, provider=named, named=named, ollama=named == "ollama")
    return scope


def _names_provider(node: Node) -> bool:
    """A mapping whose ``provider:`` names a known model provider and that has no model key
    of its own: its ``name`` is the model (``{provider: gemini, name: gemini-2.5-flash}``)."""
    provider = node.get_str("provider")
    if not provider or provider_from_name(provider) is None:
        return False
    return not any(is_model_key(k) for k, _, _ in node.items)


def _mostly_models(
    seq: Node, entries: list[tuple[str, int | None]], missed: list[tuple[str, int | None]]
) -> bool:
    """True when a list of model records (``{"id": ...}`` mappings) is a catalog despite a few
    members the classifier does not recognise (a virtual router alias such as ``omni``).

    At least five records, all mappings, every one but a single plain name recognised as a
    model; the recognised members are reported, the alias is not. A table with more
    unrecognised members (a capability table listing display names) is no such catalog.
    """
    return (
        len(entries) >= 5
        and len(missed) == 1
        and all(el.kind == "map" for el in seq.elements)
        and _PLAIN_NAME.fullmatch(missed[0][0].strip()) is not None
    )


def _vouched(
    seq: Node,
    entries: list[tuple[str, int | None]],
    missed: list[tuple[str, int | None]],
    scope: ValueContext,
) -> bool:
    """True when a provider's record catalog vouches for its plain names.

    A list of model records (``{label, name}`` mappings) under an entry that names a hosted
    provider (``{"name": "azureOpenAI", "models": [...]}``), four in five of them recognised
    as models: the rest are that provider's older or plain names (``ada``, ``command``,
    ``base-light``) when they are plain words, neither generic nor the provider's placeholder.
    """
    provider = scope.provider
    if (
        provider is None
        or scope.named != provider
        or provider in ("self-hosted", "ollama")
        or len(entries) < 3
        or not all(el.kind == "map" for el in seq.elements)
        or (len(entries) - len(missed)) * 5 < len(entries) * 4
    ):
        return False
    return all(
        _PLAIN_NAME.fullmatch(v.strip())
        and not is_generic_name(v)
        and not is_placeholder_of(v.strip().lower(), provider)
        for v, _ in missed
    )


def _catalog_map(w: _Walk, node: Node, scope: ValueContext) -> bool:
    """``models: {alias: model, ...}`` where every string value is a model (True: fully handled).

    ``models: {model-name: {settings...}, ...}``, keyed by model names, reports every key
    when all of them are models, and returns False so the settings are still walked;
    a key whose entry names another model (``{alias: {model_name: ...}}``) is an alias.
    """
    if node.items and all(c.kind == "map" for _, _, c in node.items):
        # {alias: {model_name: other-id, ...}}: that key is an alias; the entry's own model
        # key is read when the settings are walked
        keys = [(k, line) for k, line, c in node.items if not _names_another_model(k, c)]
        keyed = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
        if keys and all(emit_model_value(keyed, k, line, scope, env=w.env) for k, line in keys):
            w.em.findings.extend(f for f in keyed.findings if not isinstance(f, Diagnostic))
        return False
    values = [(c.value, line) for _, line, c in node.items if c.kind == "scalar" and c.value]
    if not values or any(c.kind != "scalar" for _, _, c in node.items):
        return False
    probe = Emitter(w.em.rel, w.em.source, w.em.cell, w.em.line_offset)
    for value, line in values:
        if value is None or not emit_model_value(probe, value, line, scope, env=w.env):
            return False
    w.em.findings.extend(f for f in probe.findings if not isinstance(f, Diagnostic))
    return True


def _names_another_model(key: str, entry: Node) -> bool:
    """True when a keyed entry names its own model and that model is not its key."""
    own = _entry_model(entry)
    return own is not None and own[0].strip().lower() != key.strip().lower()


def _name_value_pairs(seq: Node) -> list[tuple[str, int | None, str]] | None:
    """``[{name: MODEL_ID, value: ...}, ...]`` (Kubernetes env lists and the like) as pairs."""
    if not seq.elements:
        return None
    pairs: list[tuple[str, int | None, str]] = []
    for el in seq.elements:
        if el.kind != "map":
            return None
        keys = {k for k, _, _ in el.items}
        if "name" not in keys or not keys <= {"name", "value", "valueFrom", "type"}:
            return None
        name = el.get_str("name")
        value = el.get_str("value")
        if name is None:
            return None
        if value is not None:
            pairs.append((name, _line_of(el, "value"), value))
    return pairs


def _visit_pairs(w: _Walk, pairs: list[tuple[str, int | None, str]], scope: ValueContext) -> None:
    """Flat ``KEY=value`` settings (env lists, .env files, Dockerfile ENV)."""
    analyse_pairs(w.em, pairs, scope, env=w.env)


# ``{type: huggingface, repository: org/name}``: a mapping that says its source is the hub
_HUB_SOURCE_KEYS = ("type", "source", "source_type", "provider", "hub", "kind", "from", "registry")
_HUB_SOURCE_NAMES = frozenset(
    {
        "huggingface",
        "hugging_face",
        "hugging-face",
        "hf",
        "huggingface_hub",
        "huggingface-hub",
        "hf_hub",
    }
)
# keys that make a hub-sourced mapping a dataset's
_DATASET_MARKERS = frozenset(
    {"split", "splits", "subset", "data_files", "data_dir", "columns", "dataset", "dataset_name"}
)
# keys holding the repository a hub-sourced mapping or a model-list entry comes from
_REPO_KEYS = ("repository", "repo", "repo_id", "repository_id", "hf_repo", "hf_repo_id")


def _hub_source(w: _Walk, node: Node, scope: ValueContext) -> None:
    """``adapterSource: {type: huggingface, repository: nvidia/x}``: the repository is a hub model.

    Operators and loaders describe where to fetch weights with a source type next to the
    repository; only the hub's own names count as that type, and the value must be an
    ``org/name`` hub id.
    """
    if not any(
        (node.get_str(k) or "").strip().lower() in _HUB_SOURCE_NAMES for k in _HUB_SOURCE_KEYS
    ):
        return
    keys = {k.lower() for k, _, _ in node.items}
    if (node.get_str("repo_type") or "").lower() == "dataset" or keys & _DATASET_MARKERS:
        return  # {type: huggingface, path: org/ds, split: train}: a dataset source
    for key in (*_REPO_KEYS, "model_id", "path", "uri"):
        value = node.get_str(key)
        if value:
            emit_model_value(w.em, value, _line_of(node, key), scope, hub_only=True, env=w.env)
            return


_FILE_KEYS = ("filename", "file_name", "fileName", "file")
_URL_KEYS = ("url", "download_url", "downloadUrl", "download", "link")
# Suffixes that name model weights and nothing else.
_MODEL_FILE_SUFFIXES = (".gguf", ".ggml", ".safetensors", ".onnx")
# Suffixes shared with other binaries: the record must also describe a model.
_AMBIGUOUS_FILE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt")
_MODEL_RECORD_KEYS = frozenset(
    {
        "parameters",
        "quant",
        "quantization",
        "ramrequired",
        "ram_required",
        "context_length",
        "contextlength",
        "architecture",
        "prompttemplate",
        "chattemplate",
        "embeddingmodel",
    }
)


def _download_record(el: Node) -> tuple[str, str, int | None] | None:
    """``{filename: x.gguf, url: https://.../x.gguf}``: the file name and URL a model record downloads."""
    if el.kind != "map":
        return None
    for fkey in _FILE_KEYS:
        fname = (el.get_str(fkey) or "").strip()
        if fname:
            break
    else:
        return None
    low = fname.lower()
    if "/" in fname or not low.endswith(_MODEL_FILE_SUFFIXES + _AMBIGUOUS_FILE_SUFFIXES):
        return None
    if low.endswith(_AMBIGUOUS_FILE_SUFFIXES) and not (
        {k.lower() for k, _, _ in el.items} & _MODEL_RECORD_KEYS
    ):
        return None
    for ukey in _URL_KEYS:
        url = (el.get_str(ukey) or "").strip()
        if url.lower().startswith(("http://", "https://")):
            tail = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            if tail == fname:
                return fname, url, _line_of(el, ukey)
    return None


def _download_records(w: _Walk, seq: Node, scope: ValueContext) -> None:
    """A catalog of downloadable model files: ``[{filename: x.gguf, url: .../x.gguf, ...}]``.

    Desktop apps (GPT4All's ``models3.json``, LM-Studio-style catalogs) list the weights
    they offer as records naming a weight file and the URL it is downloaded from. A
    Hugging Face ``resolve`` URL names the hub repository the file comes from; any other
    host makes the file itself the model (by its file name, the key the app loads by).
    Read only when most records of the list are such records.
    """
    records = [el for el in seq.elements if el.kind == "map"]
    if len(records) < 2:
        return
    found = [(el, r) for el in records if (r := _download_record(el)) is not None]
    if len(found) * 2 < len(records):
        return
    for el, (fname, url, url_line) in found:
        if parse_hub_id(url) is not None and emit_model_value(
            w.em, url, url_line, scope, hub_only=True, env=w.env
        ):
            continue
        repo = hub_file_repo(url)
        if repo and emit_model_value(w.em, repo, url_line, scope, hub_only=True, env=w.env):
            continue
        w.em.model(fname, ModelKind.LOCAL, _line_of(el, *_FILE_KEYS), framework=scope.framework)


# Keys of a registry record that describe a released model (besides its download URL).
_REGISTRY_META_KEYS = frozenset(
    {
        "description", "license", "licence", "author", "contact", "commit", "model_hash",
        "hash", "md5", "md5sum", "sha256", "checksum", "version", "tos_required", "model_card",
    }
)  # fmt: skip
_MIN_REGISTRY_DEPTH = 3  # type/language/name at least: never a hub id's two parts
_MAX_REGISTRY_RECORDS = 10_000


def _is_url_value(node: Node) -> bool:
    """A download URL, or a list of them."""
    values = [node] if node.kind == "scalar" else node.elements if node.kind == "seq" else []
    return bool(values) and all(
        v.kind == "scalar" and (v.value or "").lower().startswith(("https://", "http://"))
        for v in values
    )


def _registry_record(node: Node) -> bool:
    """``{"github_rls_url": "https://.../x.zip", "license": ..., "description": ...}``: a released model."""
    if node.kind != "map" or any(c.kind == "map" for _, _, c in node.items):
        return False
    has_url = any("url" in key_words(k) and _is_url_value(c) for k, _, c in node.items)
    return has_url and any(k.lower() in _REGISTRY_META_KEYS for k, _, _ in node.items)


def _registry(w: _Walk, key: str, line: int | None, node: Node, scope: ValueContext) -> bool:
    """A nested model registry: ``{"tts_models": {lang: {dataset: {name: record}}}}`` (True: handled).

    A project's own model store lists its releases by nested keys whose path is the model's
    id (``tts_models/en/ljspeech/vits``, how its CLI and API name it); every leaf is a record
    with a download URL and model metadata (licence, description, checksum, author). Read
    only when every leaf is such a record, three or more levels deep, two or more of them
    unless the catalog key names the model type.
    The id starts with the catalog key when it qualifies ``models`` (``tts_models``: the
    model type), else below it. Each id is reported at its leaf's key line; a record's value
    naming another id of the document (``"default_vocoder": "vocoder_models/..."``) there too.
    """
    if node.kind != "map" or not node.items:
        return False
    top = (key,) if len(key_words(key)) > 1 else ()
    leaves: list[tuple[tuple[str, ...], int | None, Node]] = []
    stack: list[tuple[tuple[str, ...], int | None, Node]] = [(top, line, node)]
    while stack:
        path, at, current = stack.pop()
        if _registry_record(current):
            leaves.append((path, at, current))
        elif current.kind == "map" and current.items and len(path) < MAX_DEPTH:
            stack.extend(((*path, k), ln, c) for k, ln, c in reversed(current.items))
        else:
            return False  # a leaf that is no model record: some other nested configuration
        if len(leaves) > _MAX_REGISTRY_RECORDS:
            return False
    if len(leaves) < (1 if top else 2) or any(
        len(path) < _MIN_REGISTRY_DEPTH for path, _, _ in leaves
    ):
        return False
    if any("/" in part or not part.strip() for path, _, _ in leaves for part in path):
        return False
    for path, at, record in leaves:
        w.em.model("/".join(path), ModelKind.HUB, at, framework=scope.framework)
        w.registry_ids.add("/".join(path))
        w.registry_refs.extend(
            (c.value, c.line or ln)
            for _, ln, c in record.items
            if c.kind == "scalar" and c.value and "/" in c.value
        )
    return True


def _entry_sources(w: _Walk, seq: Node, scope: ValueContext) -> None:
    """``models: [{id: alias, source: org/name}]``: an entry's ``source``/``repo`` is the model fetched.

    Read when the list is no catalog (its ``id``/``name`` are aliases); the value must be
    an ``org/name`` hub id.
    """
    for el in seq.elements:
        if el.kind != "map":
            continue
        for key in ("source", *_REPO_KEYS):
            value = el.get_str(key)
            if value and parse_hub_id(value.strip()) is not None:
                emit_model_value(w.em, value, _line_of(el, key), scope, hub_only=True, env=w.env)
                break


def _container_command(w: _Walk, node: Node, scope: ValueContext) -> bool:
    """``command: [/bin/sh, -c]`` with ``args: [script]``: one argument vector, as a container runs it.

    A container spec inside Helm values (an ``initContainer`` that runs ``hf download``)
    splits the program from its arguments; read apart, neither half says anything.
    """
    if not w.commands:
        return False
    command, args = node.get("command"), node.get("args")
    if command is None or args is None or command.kind != "seq":
        return False  # a command line in one string is read as shell text on its own
    argv: list[str] = []
    lines: list[int | None] = []
    for part in (command, args):
        if part.kind == "seq" and all(e.kind == "scalar" for e in part.elements):
            argv.extend(e.value or "" for e in part.elements)
            lines.extend(e.line for e in part.elements)
        elif part.kind == "scalar" and part.value:
            argv.append(part.value)
            lines.append(part.line)
        else:
            return False
    cs = CommandScope(w.em, dict(w.env), framework=scope.framework)
    analyse_argv(argv, cs, lines=lines, kube=w.em.source == "kubernetes")
    return True


def _command_string(w: _Walk, text: str, line: int | None, scope: ValueContext) -> None:

    cs = CommandScope(w.em, dict(w.env), framework=scope.framework)
    scan_shell_text(text, cs, first_line=line or 1, kube=w.em.source == "kubernetes")


def _command_list(w: _Walk, seq: Node, scope: ValueContext) -> None:

    argv = [e.value or "" for e in seq.elements]
    lines = [e.line for e in seq.elements]
    cs = CommandScope(w.em, dict(w.env), framework=scope.framework)
    analyse_argv(argv, cs, lines=lines, kube=w.em.source == "kubernetes")
