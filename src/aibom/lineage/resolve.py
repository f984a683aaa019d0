"""The lineage resolver: what every model descends from, declared or not, with evidence.

For each model of an inventory:

1. **Declared** bases: model card ``base_model`` (a list means a merge) and
   ``base_model_relation``, PEFT ``base_model_name_or_path``, GGUF ``general.base_model.N.*``,
   safetensors ``__metadata__``, the base named at the call site (``PeftModel.from_pretrained``),
   ``config.json`` ``_name_or_path`` (weak), and what the knowledge base knows about official
   releases (R1-Distill-Qwen-7B is a fine-tune of Qwen2.5-Math-7B).
2. Each base is followed transitively (nearest first, at most 10 levels, cycles cut) through every
   source visible offline: other models of the inventory (a local directory, a cached snapshot),
   the local Hugging Face cache, the knowledge base, and the hub when ``online``.
3. **Inferred** lineage: the model's own fingerprints are matched against the knowledge base;
   when the declared chain names no known family the inference decides, and when both exist and
   disagree a conflict is recorded (and a high-confidence fingerprint wins over the card).

``Lineage.release`` is the nearest known knowledge-base entry (the model's own when it is an
official release) and ``Lineage.family`` its model line: for a fine-tune of
DeepSeek-R1-Distill-Qwen they are ``deepseek_r1`` and ``deepseek``; ``families`` (lines),
``releases`` and ``countries`` list everything up the chain (``deepseek``, ``qwen``).
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aibom.inventory import (
    Diagnostic,
    Inventory,
    LocalModelFacts,
    Model,
    ModelKind,
    is_hub_id,
)
from aibom.knowledge.tables import ollama_library
from aibom.lineage.fingerprint import Inference, compatible, infer_facts
from aibom.lineage.hub import HubSource
from aibom.lineage.knowledge import (
    Family,
    HubMatch,
    community_source_guess,
    family_for_name,
    family_for_ollama_tag,
    get_family,
    is_quantized_name,
    line_name,
    match_hub_id,
    official_base_guess,
    releases_of_line,
)
from aibom.lineage.naming import (
    hub_id_from_path,
    looks_like_local_folder,
    strip_repackaging,
    upstream_of_reupload,
)
from aibom.lineage.organisations import known_release, organisation_of
from aibom.lineage.signatures import config_dims, matching, signatures
from aibom.lineage.types import Ancestor, Confidence, Lineage
from aibom.modelfacts import read_model_directory

MAX_DEPTH = 10
_RELATIONS = frozenset({"finetune", "adapter", "quantized", "merge", "distillation"})
_TUNE_METHODS = {
    "LORA": "lora",
    "QLORA": "qlora",
    "ALORA": "alora",
    "PROMPT_TUNING": "prompt",
    "P_TUNING": "prompt",
    "PREFIX_TUNING": "prompt",
}
_HF_URL = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([^/?#\s]+/[^/?#\s]+)")
_SAFETENSORS_BASE_KEYS = (
    "base_model",
    "base_model_name_or_path",
    "ss_sd_model_name",
    "modelspec.base_model",
)


@dataclass
class _Decl:
    """A base a model names (or that the knowledge base knows of)."""

    name: str
    relation: str
    evidence: str
    source: str = "declared"  # declared | inferred
    strength: int = (
        3  # 3 card/adapter/GGUF/KB release, 2 call site/safetensors, 1 _name_or_path / naming guess
    )
    revision: str | None = None


@dataclass
class _Node:
    """Everything known about one model identity in the chain."""

    name: str
    hub_id: str | None = None
    revision: str | None = None
    facts: LocalModelFacts | None = None
    facts_from: str = ""  # where the facts came from
    local_path: str | None = None  # relative path of a local model directory / file
    match: HubMatch | None = None
    license: str | None = None
    note: str = ""  # how the node's name was derived (a local path read as a hub id)


@dataclass
class _Step:
    node: _Node
    decl: _Decl
    depth: int
    child: str | None
    family: Family | None = None
    family_how: str = ""  # official | pattern | fingerprint
    evidence: list[str] = field(default_factory=list)


def _norm_license(value: Any, name: Any = None, link: Any = None) -> str | None:
    """Normalise a declared licence through aibom.licenses (imported late: optional at import time)."""
    if value is None and name is None and link is None:
        return None
    try:
        from aibom.licenses import normalize_license
    except ImportError:  # pragma: no cover - the licences package is part of aibom
        return str(value).lower() if isinstance(value, str) else None
    try:
        return normalize_license(
            value if isinstance(value, (str, list)) else None,
            name if isinstance(name, str) else None,
            link if isinstance(link, str) else None,
        )
    except Exception:
        return None


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [v.strip() for v in value[:32] if isinstance(v, str) and v.strip()]
    return []


def _hub_from(value: str) -> str | None:
    """A hub id from ``org/name``, ``hf.co/org/name`` or a huggingface.co URL; None otherwise."""
    v = value.strip()
    m = _HF_URL.match(v)
    if m:
        v = m.group(1)
    v = v.split("@", 1)[0].rstrip("/")
    return v if is_hub_id(v) and not v.startswith((".", "/")) else None


def _is_local_ref(value: str) -> bool:
    return value.startswith(("./", "../")) or value in (".", "..")


# ---------------------------------------------------------------------------------------------
# declared bases of one node


def _card_license(facts: LocalModelFacts | None) -> str | None:
    if facts is None:
        return None
    card = facts.card if isinstance(facts.card, dict) else {}
    if any(k in card for k in ("license", "license_name", "license_link")):
        return _norm_license(
            card.get("license"), card.get("license_name"), card.get("license_link")
        )
    gguf = facts.gguf if isinstance(facts.gguf, dict) else {}
    if any(isinstance(gguf.get(k), str) for k in ("general.license", "general.license.name")):
        return _norm_license(
            gguf.get("general.license"),
            gguf.get("general.license.name"),
            gguf.get("general.license.link"),
        )
    return None


def _default_relation(node: _Node) -> str:
    facts = node.facts
    if facts is not None and facts.adapter_config is not None:
        return "adapter"
    if facts is not None and facts.gguf is not None:
        return "quantized"
    if is_quantized_name(node.name):
        return "quantized"
    return "finetune"


def _gguf_decls(gguf: dict[str, Any]) -> list[_Decl]:
    out: list[_Decl] = []
    src = gguf.get("general.source.repo_url") or gguf.get("general.source.url")
    source_hub = _hub_from(src) if isinstance(src, str) else None
    count = gguf.get("general.base_model.count")
    n = count if isinstance(count, int) and not isinstance(count, bool) and 0 < count <= 32 else 0
    if not n:
        n = sum(1 for i in range(32) if any(k.startswith(f"general.base_model.{i}.") for k in gguf))
    relation = "finetune" if isinstance(gguf.get("general.finetune"), str) else "quantized"
    if source_hub:
        out.append(_Decl(source_hub, "quantized", f"GGUF general.source.repo_url {src}"))
    for i in range(n):
        url = gguf.get(f"general.base_model.{i}.repo_url")
        name = gguf.get(f"general.base_model.{i}.name")
        org = gguf.get(f"general.base_model.{i}.organization")
        hub = _hub_from(url) if isinstance(url, str) else None
        if hub is None and isinstance(name, str) and isinstance(org, str):
            hub = _hub_from(f"{org.strip().replace(' ', '-')}/{name.strip().replace(' ', '-')}")
        label = hub or (name.strip() if isinstance(name, str) and name.strip() else None)
        if label is None:
            continue
        what = f"GGUF general.base_model.{i}." + (
            "repo_url " + str(url) if isinstance(url, str) else f"name {name!r}"
        )
        rel = "merge" if n > 1 else relation
        if source_hub:
            continue  # the bases belong to the source repo, found when it is resolved
        out.append(_Decl(label, rel, what))
    return out


def _declared(node: _Node, model: Model | None) -> tuple[list[_Decl], str | None]:
    """Declared bases of ``node`` (strongest first, deduplicated) and the tune method when known."""
    decls: list[_Decl] = []
    tune: str | None = None
    facts = node.facts
    if facts is not None:
        card = facts.card if isinstance(facts.card, dict) else {}
        bases = _str_list(card.get("base_model"))
        rel_raw = card.get("base_model_relation")
        rel_decl = rel_raw.strip().lower() if isinstance(rel_raw, str) else None
        if bases:
            if len(bases) > 1:
                relation = "merge"
            elif rel_decl in _RELATIONS:
                relation = rel_decl
            else:
                relation = _default_relation(node)
            for b in bases:
                ev = f"model card: base_model {b}"
                if rel_decl:
                    ev += f" (base_model_relation {rel_decl})"
                elif len(bases) > 1:
                    ev += f" (one of {len(bases)} bases: a merge)"
                decls.append(_Decl(b, relation, ev))
        adapter = facts.adapter_config if isinstance(facts.adapter_config, dict) else None
        if adapter is not None:
            base = adapter.get("base_model_name_or_path")
            peft_type = adapter.get("peft_type")
            if isinstance(peft_type, str):
                tune = _TUNE_METHODS.get(peft_type.upper(), "adapter")
            if isinstance(base, str) and base.strip():
                ev = f"adapter_config.json: base_model_name_or_path {base.strip()}"
                if isinstance(peft_type, str):
                    ev += f" (peft_type {peft_type})"
                decls.append(_Decl(base.strip(), "adapter", ev))
        if isinstance(facts.gguf, dict):
            decls.extend(_gguf_decls(facts.gguf))
        for wf in facts.weights or []:
            meta: dict[str, Any] = wf.metadata if isinstance(wf.metadata, dict) else {}
            nested = meta.get("__metadata__")
            inner: dict[str, Any] = nested if isinstance(nested, dict) else meta
            for key in _SAFETENSORS_BASE_KEYS:
                val = inner.get(key)
                if isinstance(val, str) and val.strip() and wf.format == "safetensors":
                    rel = (
                        "adapter"
                        if "ss_network_module" in inner or key == "ss_sd_model_name"
                        else "finetune"
                    )
                    decls.append(
                        _Decl(
                            val.strip(),
                            rel,
                            f"safetensors __metadata__ {key} {val.strip()} ({wf.path})",
                            strength=2,
                        )
                    )
                    break
        config = facts.config if isinstance(facts.config, dict) else {}
        nop = config.get("_name_or_path")
        if isinstance(nop, str) and nop.strip() and not decls:
            v = nop.strip()
            hub = _hub_from(v)
            legacy = known_release(v) is not None and "/" not in v  # bert-base-uncased, t5-small
            if (hub and hub.lower() != node.name.lower()) or _is_local_ref(v) or legacy:
                decls.append(
                    _Decl(
                        hub or v,
                        "finetune",
                        f"config.json: _name_or_path {v} (weak: the path the weights were loaded from)",
                        strength=1,
                    )
                )
    if model is not None:
        hint = "adapter" if "adapter" in model.relation_hints else "finetune"
        for b in sorted(model.bases):
            decls.append(_Decl(b, hint, f"code: loaded on top of base {b}", strength=2))
    if node.match is not None and node.match.official:
        release = node.match.release
        if release is not None:
            for ref in release.bases:
                decls.append(
                    _Decl(
                        ref.id,
                        ref.relation,
                        f"knowledge base: {node.match.family.name} release {release.name!r} is built on {ref.id}",
                    )
                )
        if not decls and node.hub_id:
            guess = official_base_guess(node.hub_id)
            if guess:
                decls.append(
                    _Decl(
                        guess[0],
                        guess[1],
                        f"knowledge base: official repo naming ({node.hub_id} -> {guess[0]})",
                        "inferred",
                        1,
                    )
                )
    if not decls and node.hub_id and (node.match is None or not node.match.official):
        source = community_source_guess(node.hub_id)
        if source:
            decls.append(
                _Decl(
                    source,
                    "quantized" if is_quantized_name(node.hub_id) else "finetune",
                    f"hub id: {node.hub_id} is named like the official release {source}",
                    "inferred",
                    1,
                )
            )
        else:
            upstream = upstream_of_reupload(node.hub_id)
            if upstream:
                org, name = node.hub_id.split("/", 1)
                repackaged = strip_repackaging(name) != name or is_quantized_name(name)
                decls.append(
                    _Decl(
                        upstream,
                        "quantized" if repackaged else "base",
                        f"hub id: {node.hub_id} is a {org} re-upload"
                        f"{' (repackaged)' if repackaged else ''} of the official {upstream}",
                        "inferred",
                        1,
                    )
                )
    seen: dict[str, _Decl] = {}
    for d in decls:
        key = d.name.lower()
        if key not in seen or d.strength > seen[key].strength:
            seen[key] = d
    ordered = sorted(seen.values(), key=lambda d: -d.strength)
    strongest = ordered[0].strength if ordered else 0
    # weak declarations only count when nothing stronger names a base
    return [d for d in ordered if d.strength >= min(strongest, 2) or d.strength == strongest], tune


# ---------------------------------------------------------------------------------------------
# the resolver


class _Resolver:
    def __init__(
        self, inventory: Inventory, hub: HubSource, local_root: Path | None = None
    ) -> None:
        self.inventory = inventory
        self.hub = hub
        self.local_root = local_root
        self.diagnostics: list[Diagnostic] = []
        self.by_hub: dict[str, Model] = {}
        self.by_path: dict[str, Model] = {}
        for m in inventory.sorted_models():
            if m.kind in (ModelKind.HUB, ModelKind.CACHE):
                prev = self.by_hub.get(m.name.lower())
                if prev is None or (prev.facts is None and m.facts is not None):
                    self.by_hub[m.name.lower()] = m
            elif m.kind == ModelKind.LOCAL:
                self.by_path[posixpath.normpath(m.name)] = m

    # -- nodes ---------------------------------------------------------------------------------

    def node_for_model(self, model: Model) -> _Node:
        node = _Node(name=model.name, revision=model.revision, facts=model.facts)
        if model.kind in (ModelKind.HUB, ModelKind.CACHE):
            node.hub_id = model.name
            node.match = match_hub_id(model.name)
            if model.facts is not None:
                node.facts_from = (
                    "local Hugging Face cache" if model.kind == ModelKind.CACHE else "scan"
                )
            else:
                other = self.by_hub.get(model.name.lower())
                if other is not None and other.facts is not None:
                    node.facts, node.facts_from = other.facts, "local Hugging Face cache"
                else:
                    got = self.hub.facts_for(model.name, model.revision)
                    if got is not None:
                        node.facts, node.facts_from = got
        elif model.kind == ModelKind.LOCAL:
            node.local_path = posixpath.normpath(model.name)
            node.facts_from = "scan"
        node.license = _card_license(node.facts) or self._kb_license(node)
        return node

    def _kb_license(self, node: _Node) -> str | None:
        if node.match is not None and node.match.official and node.match.release is not None:
            return _norm_license(node.match.release.license)
        if node.match is None and node.hub_id:
            known = known_release(node.hub_id)  # BERT, T5, Whisper, ... (organisations table)
            if known is not None:
                return _norm_license(known.license)
        return None

    def node_for_name(self, decl: _Decl, child: _Node) -> _Node:
        name = decl.name
        if _is_local_ref(name) or (child.local_path is not None and not _hub_from(name)):
            here = child.local_path or "."
            candidates = [
                posixpath.normpath(posixpath.join(d, name))
                for d in (here, posixpath.dirname(here) or ".", ".")
            ]
            for path in dict.fromkeys(candidates):
                model = self.by_path.get(path)
                if model is not None:
                    node = _Node(name=path, facts=model.facts, facts_from="scan", local_path=path)
                    node.license = _card_license(node.facts)
                    return node
            for path in dict.fromkeys(candidates):
                facts = self._read_local(path)
                if facts is not None:
                    node = _Node(
                        name=path, facts=facts, facts_from="local directory", local_path=path
                    )
                    node.license = _card_license(facts)
                    return node
            named = hub_id_from_path(name)
            if named is not None:  # the path says which official repo it holds
                node = self._hub_node(named[0], decl.revision)
                node.note = f"{name} is {named[1]} ({named[0]})"
                return node
            if not _is_local_ref(name):
                return _Node(
                    name=name
                )  # a bare name that is no local directory: keep it as written
            return _Node(name=candidates[0], local_path=candidates[0])
        hub = _hub_from(name)
        if hub is not None and looks_like_local_folder(hub):
            hit = match_hub_id(hub)
            named = hub_id_from_path(name) if hit is None or not hit.official else None
            if named is not None:
                node = self._hub_node(named[0], decl.revision)
                node.note = f"{name} is {named[1]} ({named[0]})"
                return node
        if hub is None:
            named = hub_id_from_path(name)
            if named is not None:
                node = self._hub_node(named[0], decl.revision)
                node.note = f"{name} is {named[1]} ({named[0]})"
                return node
            return _Node(name=name)
        return self._hub_node(hub, decl.revision)

    def _hub_node(self, hub: str, revision: str | None) -> _Node:
        """The node of a hub id, with the facts any offline source (or the hub) has for it."""
        node = _Node(name=hub, hub_id=hub, revision=revision, match=match_hub_id(hub))
        decl_revision = revision
        model = self.by_hub.get(hub.lower())
        if model is not None and model.facts is not None:
            node.facts, node.facts_from = model.facts, "local Hugging Face cache"
        else:
            got = self.hub.facts_for(hub, decl_revision)
            if got is not None:
                node.facts, node.facts_from = got
        node.license = _card_license(node.facts) or self._kb_license(node)
        return node

    def _read_local(self, path: str) -> LocalModelFacts | None:
        """Read a local model directory named by a relative base (``aibom lineage DIR`` only)."""
        if self.local_root is None:
            return None
        root = self.local_root.resolve()
        target = (root / path).resolve()
        if not target.is_dir() or (root != target and root not in target.parents):
            return None
        try:
            facts, diags = read_model_directory(target, path, root=root)
        except (OSError, ValueError) as exc:
            self.diagnostics.append(
                Diagnostic(path, f"cannot read base model directory: {exc}", code="lineage")
            )
            return None
        self.diagnostics.extend(diags)
        return facts

    # -- families of nodes ---------------------------------------------------------------------------

    def _names_of(self, node: _Node) -> list[tuple[str, str, int]]:
        names: list[tuple[str, str, int]] = []
        if node.hub_id and not (node.match and node.match.official):
            names.append(("hub id", node.hub_id.rsplit("/", 1)[-1], 3))
        elif node.local_path:
            names.append(("path", node.local_path.rsplit("/", 1)[-1], 1))
        elif not node.hub_id:
            names.append(("name", node.name, 1))
        return names

    def _own_names(self, node: _Node) -> list[str]:
        """The names a model goes by (path or hub name, ModelScope model type): size evidence."""
        out = [text for _, text, _ in self._names_of(node)]
        ms_model = ((node.facts.modelscope_config or {}) if node.facts else {}).get("model")
        if isinstance(ms_model, dict) and isinstance(ms_model.get("type"), str):
            out.append(ms_model["type"])
        return out

    def node_family(self, node: _Node) -> tuple[Family | None, str, list[str], Inference | None]:
        """Family of an ancestor node: official KB match, else fingerprints, else name pattern."""
        if node.match is not None and node.match.official:
            return node.match.family, "official", list(node.match.evidence), None
        if node.facts is not None:
            inf = infer_facts(node.facts, self._names_of(node))
            if inf.family is not None and inf.confidence in ("high", "medium"):
                return inf.family, "fingerprint", inf.evidence[:6], inf
        if node.match is not None:
            return node.match.family, "pattern", list(node.match.evidence), None
        hit = family_for_name(node.name) if not node.hub_id else None
        if hit is not None:
            return (
                hit[0],
                "pattern",
                [f"name {node.name!r} contains {hit[1]!r} ({hit[0].name})"],
                None,
            )
        return None, "", [], None

    # -- the chain ------------------------------------------------------------------------------------

    def chain(
        self, root: _Node, model: Model | None
    ) -> tuple[list[_Step], str | None, list[_Decl]]:
        """Breadth-first walk of declared bases, nearest first."""
        steps: list[_Step] = []
        root_decls, tune = _declared(root, model)
        seen = {root.name.lower()}
        queue: deque[tuple[_Decl, _Node, int]] = deque((d, root, 1) for d in root_decls)
        while queue:
            decl, child, depth = queue.popleft()
            if depth > MAX_DEPTH:
                self.diagnostics.append(
                    Diagnostic(
                        root.name,
                        f"lineage deeper than {MAX_DEPTH} levels; stopped at {decl.name}",
                        code="lineage-depth",
                        level="info",
                    )
                )
                continue
            node = self.node_for_name(decl, child)
            key = node.name.lower()
            if key in seen:
                if key == root.name.lower():
                    self.diagnostics.append(
                        Diagnostic(
                            root.name,
                            f"lineage cycle: {child.name} names {decl.name}, the model itself",
                            code="lineage-cycle",
                            level="info",
                        )
                    )
                continue  # a cycle or a diamond: each ancestor once
            seen.add(key)
            fam, how, fam_ev, _ = self.node_family(node)
            step = _Step(node, decl, depth, None if child is root else child.name, fam, how)
            step.evidence = [decl.evidence]
            if node.note:
                step.evidence.append(node.note)
            if node.facts_from:
                step.evidence.append(f"read from {node.facts_from}")
            step.evidence.extend(fam_ev)
            if node.license is None and fam is not None and how != "official":
                node.license, why = _release_license(fam, node.name)
                step.evidence.append(why)
            elif node.license is None and fam is None and (known := known_release(node.name)):
                node.license = _norm_license(known.license)
                step.evidence.append(
                    f"organisations table: {known.name} is released under {known.license}"
                )
            steps.append(step)
            decls, _ = _declared(node, None)
            for d in decls:
                queue.append((d, node, depth + 1))
        return steps, tune, root_decls

    # -- one model --------------------------------------------------------------------------------------

    def resolve(self, model: Model) -> Lineage:
        if model.kind == ModelKind.OLLAMA:
            return self._resolve_ollama(model)
        root = self.node_for_model(model)
        return self._resolve_node(root, model)

    def _resolve_ollama(self, model: Model) -> Lineage:
        lin = Lineage()
        fam = family_for_ollama_tag(model.name)
        inf = infer_facts(model.facts) if model.facts is not None else None
        name = model.name.split(":", 1)[0]
        # an Ollama library model only when the library has that name (minimax-m2, not minimax)
        library = ("/" not in name or name.startswith("library/")) and (
            name.removeprefix("library/").lower() in ollama_library()
        )
        if fam is None and inf is not None and inf.family is not None:
            fam = inf.family
            lin.source, lin.confidence = "inferred", inf.confidence
            lin.evidence.extend(inf.evidence)
        elif fam is not None:
            lin.source = "declared" if library else "inferred"
            lin.confidence = "high" if library else "medium"
            lin.evidence.append(
                f"Ollama {'library ' if library else ''}tag {model.name}: {fam.name}"
            )
            if inf is not None and inf.family is not None:
                lin.evidence.extend(inf.evidence[:6])
                if inf.confidence == "high" and not compatible(fam.id, inf):
                    lin.conflicts.append(
                        f"Ollama tag {model.name} names {fam.name}, but the model's fingerprints point to {inf.family.name}"
                    )
                    fam, lin.source, lin.confidence = inf.family, "inferred", "medium"
        if fam is None:
            return lin
        self._set_family(lin, fam)
        lin.relation = "quantized"
        lin.ancestors.append(
            Ancestor(
                name=fam.reference_repo,
                relation="quantized",
                source="inferred",
                purl=_purl(fam.reference_repo),
                family=fam.line,
                release=fam.id,
                license=_ollama_release_license(fam, model.name),
                evidence=[
                    f"{fam.name} foundation (Ollama packages a quantized release; exact repo unknown)"
                ],
                country=fam.country,
            )
        )
        self._finish(lin, [fam])
        lin.license_declared = _card_license(model.facts)
        if lin.license_declared is None and library and len(lin.licenses_inherited) == 1:
            # The Ollama library ships the upstream licence with the model (its license layer).
            lin.license_declared = lin.licenses_inherited[0]
            lin.evidence.append(
                f"Ollama library packages {fam.name} under its upstream licence {lin.license_declared}"
            )
        return lin

    def _resolve_node(self, root: _Node, model: Model | None) -> Lineage:
        lin = Lineage()
        steps, tune, root_decls = self.chain(root, model)
        lin.tune_method = tune
        lin.license_declared = root.license
        if root.facts is not None and root.facts_from not in ("", "scan"):
            lin.evidence.append(f"model files read from {root.facts_from}")
        if root.license and root.match and root.match.official and not _card_license(root.facts):
            release = root.match.release.name if root.match.release else root.match.family.name
            lin.evidence.append(f"knowledge base: {release} is released under {root.license}")
        # ancestors
        for st in steps:
            lin.ancestors.append(
                Ancestor(
                    name=st.node.name,
                    relation=st.decl.relation,
                    source="declared" if st.decl.source == "declared" else "inferred",
                    purl=_purl(st.node.hub_id, st.node.revision) if st.node.hub_id else None,
                    family=st.family.line if st.family else None,
                    license=st.node.license,
                    evidence=st.evidence,
                    depth=st.depth,
                    child=st.child,
                    country=st.family.country if st.family else None,
                    release=st.family.id if st.family else None,
                )
            )
        if steps:
            lin.relation = steps[0].decl.relation
        # declared family: the model itself when official, else the nearest ancestor with a family
        declared_fam: Family | None = None
        declared_how = ""
        declared_ev: list[str] = []
        chosen_step: _Step | None = None
        if root.match is not None and root.match.official:
            declared_fam, declared_how, declared_ev = (
                root.match.family,
                "official",
                list(root.match.evidence),
            )
        else:
            chosen_step = next((st for st in steps if st.family is not None), None)
            if chosen_step is not None and chosen_step.family is not None:
                declared_fam, declared_how = chosen_step.family, chosen_step.family_how
                declared_ev = [chosen_step.decl.evidence, *chosen_step.evidence[1:]]
        # inferred family from the model's own files and names
        inf = (
            infer_facts(root.facts, self._names_of(root))
            if (root.facts is not None or not (root.match and root.match.official))
            else None
        )
        if inf is not None and inf.family is None:
            inf = None
        extra: list[Family] = []
        if declared_fam is not None:
            root_official = root.match is not None and root.match.official
            lin.source = (
                "declared"
                if root_official
                or (chosen_step is not None and chosen_step.decl.source == "declared")
                else "inferred"
            )
            lin.evidence.extend(declared_ev)
            chosen = declared_fam
            # high: the model is an official release, or a card/adapter/GGUF/call site names a base
            # whose family is known for sure (official repo or its own fingerprints); a weak
            # declaration (_name_or_path, naming convention) or a name pattern gives medium,
            # raised to high below when the model's own fingerprints agree.
            firm = declared_how in ("official", "fingerprint")
            strong_step = (
                chosen_step is not None
                and chosen_step.decl.source == "declared"
                and chosen_step.decl.strength >= 2
            )
            confidence: Confidence = "high" if root_official or (firm and strong_step) else "medium"
            chain_ids = [declared_fam.id, *(st.family.id for st in steps if st.family is not None)]
            if inf is not None:
                lin.evidence.extend(inf.evidence[:8])
                if inf.confidence in ("high", "medium") and not compatible(chain_ids, inf):
                    lin.conflicts.append(
                        f"declared lineage names {declared_fam.name} ({_decl_brief(root_decls, root)}), "
                        f"but the model's fingerprints point to {inf.family.name if inf.family else '?'} "
                        f"({inf.confidence} confidence: {'; '.join(inf.evidence[:3])})"
                    )
                    if inf.confidence == "high" and inf.family is not None and not root_official:
                        chosen, confidence, lin.source = inf.family, "medium", "inferred"
                        extra.extend(inf.also)
                        self._append_foundation(
                            lin,
                            inf,
                            steps,
                            on_model=True,
                            facts=root.facts,
                            own_names=self._own_names(root),
                        )
                    else:
                        confidence = "medium" if confidence == "high" else "low"
                elif inf.confidence in ("high", "medium"):
                    extra.extend(a for a in inf.also if a.id != declared_fam.id)
                    if (
                        confidence == "medium"
                        and inf.from_files
                        and (firm or inf.confidence == "high")
                    ):
                        confidence = "high"  # declaration and fingerprints agree
            self._set_family(lin, chosen)
            lin.confidence = confidence
        elif inf is not None and inf.family is not None:
            lin.source = "inferred"
            lin.confidence = inf.confidence
            lin.evidence.extend(inf.evidence[:10])
            self._set_family(lin, inf.family)
            extra.extend(inf.also)
            self._append_foundation(
                lin, inf, steps, facts=root.facts, own_names=self._own_names(root)
            )
        else:
            lin.source = "declared" if steps else "unknown"
            lin.confidence = "low" if steps else None
        fams: list[Family] = []
        if lin.release:
            fam = get_family(lin.release)
            if fam:
                fams.append(fam)
        fams.extend(extra)
        for a in lin.ancestors:
            f = get_family(a.release)
            if f is not None:
                fams.append(f)
        self._finish(lin, fams)
        self._organisations(lin, root)
        return lin

    @staticmethod
    def _organisations(lin: Lineage, root: _Node) -> None:
        """Developer and country from the organisations table where no family says them."""
        for a in lin.ancestors:
            if a.country is None and a.family is None:
                org = organisation_of(a.name)
                if org is not None and org.country:
                    a.country = org.country
                    a.evidence.append(
                        f"organisations table: {org.org} is {org.developer} ({org.basis})"
                    )
        if lin.country is None:
            names = ([root.hub_id] if root.hub_id else []) + [a.name for a in lin.ancestors]
            for name in names:
                org = organisation_of(name)
                if org is not None and org.country:
                    lin.developer, lin.country = org.developer, org.country
                    lin.evidence.append(
                        f"organisations table: {name} is by {org.developer}, {org.country} ({org.basis})"
                    )
                    known = known_release(name)
                    if known is not None and name == root.hub_id and not _card_license(root.facts):
                        lin.evidence.append(
                            f"organisations table: {known.name} is released under {known.license}"
                        )
                    break
        countries = set(lin.countries) | {a.country for a in lin.ancestors if a.country}
        if lin.country:
            countries.add(lin.country)
        lin.countries = sorted(countries)

    @staticmethod
    def _foundation_repo(
        fam: Family, facts: LocalModelFacts | None, tied: frozenset[str] = frozenset()
    ) -> tuple[str | None, Family, str, tuple[Family, ...]]:
        """The official repo an inferred foundation is, from the model's dimensions.

        (repo, release, evidence, other releases the dimensions fit alike): the one signature row the config matches (preferring the
        inferred release); None when the config has dimensions that match no single official size
        (the family is reported without a specific ancestor); the family's representative repo when
        the model gives no dimensions at all.
        """
        config = facts.config if facts is not None and isinstance(facts.config, dict) else {}
        model_type = config.get("model_type")
        lines = {fam.line} | {b.line for b in map(get_family, fam.builds_on) if b is not None}
        known_types = {
            str(fact.value)
            for line in lines
            for f in releases_of_line(line)
            for fact in f.fingerprints
            if fact.kind == "model_type"
        }
        if isinstance(model_type, str) and known_types and model_type not in known_types:
            # e.g. deepseek_v4: a newer release than the knowledge base knows; naming an older
            # release's repo would be a wrong specific ancestor
            return (
                None,
                fam,
                f"config.json model_type {model_type!r} is no known {fam.line} release",
                (),
            )
        dims = config_dims(config)
        if "hidden_size" not in dims or "num_hidden_layers" not in dims:
            return fam.reference_repo, fam, "representative repo; the model gives no dimensions", ()
        line = {f.id for f in releases_of_line(fam.line)}
        if not any(sig.release in line for sig in signatures()):
            return fam.reference_repo, fam, "representative repo; no size table for this line", ()
        rows = matching(dims, line)
        preferred = {fam.id} | tied  # releases the fingerprints cannot tell apart count alike
        own = [r for r in rows if r.release in preferred]
        rows = own or rows
        shown = ", ".join(f"{k}={v}" for k, v in sorted(dims.items()))
        repos = sorted({r.repo for r in rows})
        if len(repos) == 1:
            row = rows[0]
            release = get_family(row.release) or fam
            return (
                row.repo,
                release,
                (
                    f"config.json {shown} match {row.repo} (signature table; "
                    f"{'recalled' if row.verified == 'false' else 'read in'} {row.source})"
                ),
                (),
            )
        alike: tuple[Family, ...] = ()
        if repos:
            why = f"match {', '.join(repos)} alike"
            # releases the dimensions cannot tell apart (LLaMA-7B and Llama-2-7B)
            alike = tuple(
                f for f in map(get_family, sorted({r.release for r in rows} - {fam.id})) if f
            )
        else:
            why = f"match no official {line_name(fam.line) or fam.line} size in the signature table"
        return None, fam, f"config.json {shown} {why}", alike

    def _append_foundation(
        self,
        lin: Lineage,
        inf: Inference,
        steps: list[_Step],
        *,
        on_model: bool = False,
        facts: LocalModelFacts | None = None,
        own_names: Sequence[str] = (),
    ) -> None:
        """Add the inferred foundation (and what it builds on) after the declared chain.

        ``on_model``: the fingerprints contradict the declared chain, so the foundation hangs off
        the model itself rather than off the deepest declared ancestor.
        """
        if inf.family is None:
            return
        names = {a.name.lower() for a in lin.ancestors}
        if on_model or not lin.ancestors:
            depth, child = 1, None
        else:
            depth = max((s.depth for s in steps), default=0) + 1
            child = lin.ancestors[-1].name
        for n, fam in enumerate([inf.family, *inf.also]):
            repo: str | None = fam.reference_repo
            how = "representative repo"
            alike: tuple[Family, ...] = ()
            if n == 0:
                tied = frozenset(
                    rid
                    for rid, pts in inf.ranking
                    if rid != fam.id
                    and pts >= inf.points - 2
                    and (other := get_family(rid)) is not None
                    and other.line == fam.line
                )
                repo, release, how, alike = self._foundation_repo(fam, facts, tied)
                if release.id != fam.id and lin.release == fam.id:
                    self._set_family(lin, release)  # the dimensions name another release
                fam = release
                if inf.confidence == "low" and repo is not None:
                    # weak fingerprints (a BertModel architecture is every BERT's) say which
                    # family is likeliest, not which repo: no specific ancestor without evidence
                    repo, how = None, f"only weak fingerprints; {how}"
                elif repo is not None and (clash := _size_clash(own_names, repo)):
                    repo, how = None, f"{clash}; {how}"
            if repo is None:
                lin.evidence.append(
                    f"{fam.name} foundation inferred from fingerprints, release and size uncertain"
                    f" ({how}); no specific ancestor named"
                )
                lic, why = _release_license(fam, next(iter(own_names), ""))
                rival_lics = {_release_license(r, next(iter(own_names), ""))[0] for r in alike}
                if alike and rival_lics != {lic}:
                    names_alike = ", ".join(r.name for r in [fam, *alike])
                    lic = None
                    why = f"licence unknown (release uncertain: the dimensions fit {names_alike} alike)"
                lin.evidence.append(why)
                if lic and lic not in lin.licenses_inherited:
                    lin.licenses_inherited.append(lic)  # the release's licence, no repo named
                if lin.confidence == "high":
                    lin.confidence = "medium"
                continue
            if repo.lower() in names or any(a.release == fam.id for a in lin.ancestors):
                continue
            lic, lic_why = _release_license(fam, repo)
            lin.ancestors.append(
                Ancestor(
                    name=repo,
                    relation="base",
                    source="inferred",
                    purl=_purl(repo),
                    family=fam.line,
                    release=fam.id,
                    license=lic,
                    evidence=[
                        f"{fam.name} foundation inferred from fingerprints ({inf.confidence} confidence; {how})",
                        lic_why,
                    ],
                    depth=depth,
                    child=child,
                    country=fam.country,
                )
            )
            child = repo
            depth += 1
        if lin.relation is None and lin.ancestors:
            lin.relation = lin.ancestors[0].relation

    @staticmethod
    def _set_family(lin: Lineage, fam: Family) -> None:
        lin.family, lin.family_name, lin.developer, lin.country = (
            fam.line,
            line_name(fam.line) or fam.line,
            fam.developer,
            fam.country,
        )
        lin.release, lin.release_name = fam.id, fam.name

    @staticmethod
    def _finish(lin: Lineage, fams: Iterable[Family]) -> None:
        seen: dict[str, Family] = {}
        for f in fams:
            seen.setdefault(f.id, f)
        lin.families = sorted({f.line for f in seen.values()})
        lin.releases = sorted(seen)
        lin.countries = sorted({f.country for f in seen.values()})
        inherited: list[str] = list(lin.licenses_inherited)  # a foundation's, without a repo
        for a in lin.ancestors:
            if a.license and a.license not in inherited:
                inherited.append(a.license)
        lin.licenses_inherited = inherited
        lin.evidence = list(dict.fromkeys(lin.evidence))
        lin.conflicts = sorted(set(lin.conflicts))


def _decl_brief(decls: list[_Decl], root: _Node) -> str:
    if decls:
        return decls[0].evidence
    return f"hub id {root.name}"


def _ollama_release_license(fam: Family, tag: str) -> str | None:
    """Licence of the release an Ollama tag packages, matched like a repo name (``qwen2.5:3b`` -> ``qwen2.5-3b``)."""
    release = fam.release_for(tag.rsplit("/", 1)[-1].replace(":", "-"))
    return _norm_license(release.license) if release is not None else _single_license(fam)


_SIZE_NUMBER = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?[bm])(?![a-z0-9])", re.IGNORECASE)
_SIZE_WORD = re.compile(r"(?<![a-z0-9])(tiny|small|base|medium|large)(?![a-z0-9])", re.IGNORECASE)


def _size_clash(names: Iterable[str], repo: str) -> str | None:
    """Why ``repo`` is another size than the model's own names say (``m3e-small`` vs m3e-base).

    Sizes compare like with like: parameter counts (``7b``) with counts, size words (``small``)
    with words; a name without one says nothing.
    """
    repo_name = repo.rsplit("/", 1)[-1]
    for name in names:
        own = name.replace("\\", "/").rsplit("/", 1)[-1]
        for pattern in (_SIZE_NUMBER, _SIZE_WORD):
            ours = {t.lower() for t in pattern.findall(own)}
            theirs = {t.lower() for t in pattern.findall(repo_name)}
            if ours and theirs and not ours & theirs:
                return f"the name {name!r} gives size {'/'.join(sorted(ours))}, {repo} is another"
    return None


def _release_license(fam: Family, name: str) -> tuple[str | None, str]:
    """Licence of the release a (community or local) name belongs to, with the reason.

    A release the name matches (``...-3B-Instruct`` is Qwen2.5-3B, Qwen Research licence) or the
    family's only licence; otherwise None, "release uncertain", naming the licences it could be.
    """
    base = strip_repackaging(name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1])
    base = base.replace("___", ".")
    release = fam.release_for(base)
    ids = {r.license for r in fam.releases}
    sized = re.search(r"(?:^|[-_])\d+(?:\.\d+)?[bm](?:$|[-_])", base, re.IGNORECASE) is not None
    if base and release is not None and (release.match is not None or len(ids) == 1 or sized):
        # a release the name matches, the family's only licence, or the default release of a
        # name that gives its size (the sizes with other licences are releases of their own)
        lic = _norm_license(release.license)
        return lic, f"licence {lic}: {fam.name} release {release.name!r}, as the name {base!r} says"
    if len(ids) == 1:
        lic = _norm_license(next(iter(ids)))
        return lic, f"licence {lic}: every {fam.name} release"
    return None, (
        f"licence unknown (release uncertain: {fam.name} releases are licensed "
        f"{', '.join(sorted(ids))})"
    )


def _single_license(fam: Family) -> str | None:
    ids = {r.license for r in fam.releases}
    return _norm_license(next(iter(ids))) if len(ids) == 1 else None


def _purl(hub_id: str | None, revision: str | None = None) -> str | None:
    if not hub_id or not is_hub_id(hub_id):
        return None
    org, name = hub_id.split("/", 1)
    purl = f"pkg:huggingface/{org}/{name}"
    if revision and re.fullmatch(r"[0-9a-fA-F]{40}", revision):
        purl += f"@{revision.lower()}"
    return purl


# ---------------------------------------------------------------------------------------------
# public API


def preload() -> None:
    """Load the tables resolving models reads: families, naming, organisations, licences.

    Each is loaded once per process anyway; a scan calls this while its worker processes
    still scan, so the loading (~0.8 G instructions) is off the scan's critical path.
    """
    from aibom.licenses import all_licenses
    from aibom.lineage import knowledge, naming, organisations

    knowledge._knowledge()
    knowledge.repackaging()
    naming.naming()
    organisations._table()
    all_licenses()


def resolve_lineage(
    inventory: Inventory,
    *,
    online: bool = False,
    hf_cache: bool = True,
    cache_dir: Path | None = None,
    hf_cache_dir: Path | None = None,
    local_root: Path | None = None,
) -> tuple[dict[str, Lineage], list[Diagnostic]]:
    """Lineage of every model of ``inventory``, keyed by ``Model.key``, plus diagnostics.

    Offline unless ``online``; ``hf_cache`` lets the resolver read cached snapshots of base
    models (never the network). ``cache_dir`` keeps hub responses; ``local_root`` lets
    relative bases (``./base-model``) be read from disk when they are not in the inventory.
    """
    hub = HubSource(
        online=online, hf_cache=hf_cache, cache_dir=cache_dir, hf_cache_dir=hf_cache_dir
    )
    resolver = _Resolver(inventory, hub, local_root)
    out: dict[str, Lineage] = {}
    for model in inventory.sorted_models():
        try:
            out[model.key] = resolver.resolve(model)
        except Exception as exc:  # one model's failure (even a bug) never costs the others
            where = model.occurrences[0].path if model.occurrences else model.name
            resolver.diagnostics.append(
                Diagnostic(
                    where,
                    f"lineage of model {model.name[:200]!r} could not be resolved "
                    f"({type(exc).__name__}: {str(exc)[:200]}); the other models are resolved",
                    code="lineage-error",
                    level="error",
                )
            )
            out[model.key] = Lineage()
    diags = sorted(
        set(resolver.diagnostics + hub.diagnostics),
        key=lambda d: (d.path, d.line or 0, d.code, d.message),
    )
    return out, diags


def _target_inventory(target: str | Path) -> tuple[Inventory, Path | None]:
    """An inventory for ``aibom lineage TARGET`` and the directory relative bases are read from."""
    inv = Inventory()
    text = str(target)
    path = Path(text).expanduser()
    if path.is_dir():
        root = path.resolve().parent
        rel = path.resolve().name
        facts, diags = read_model_directory(path.resolve(), rel, root=root)
        inv.extend(diags)
        inv.models[f"local:{rel}@"] = Model(name=rel, kind=ModelKind.LOCAL, facts=facts)
        return inv, root
    if path.is_file():
        if is_bom_path(path):
            raise ValueError(f"{text}: a BOM; its lineage is read by aibom.app.lineage_of_target")
        from aibom.weights import read_weight_file

        wf, diags = read_weight_file(path, path.name)
        inv.extend(diags)
        facts = LocalModelFacts(files=[path.name])
        if wf is not None:
            facts.weights = [wf]
            if wf.format == "gguf":
                facts.gguf = wf.metadata
        inv.models[f"local:{path.name}@"] = Model(name=path.name, kind=ModelKind.LOCAL, facts=facts)
        return inv, path.resolve().parent
    if (
        text.startswith((".", "/", "~"))
        or "\\" in text
        or text.endswith((".gguf", ".safetensors", ".json"))
    ):
        raise ValueError(f"{text}: no such file or directory")
    hub = _hub_from(text)
    if hub is not None:
        rev = text.split("@", 1)[1] if "@" in text and not text.startswith("http") else None
        m = Model(name=hub, kind=ModelKind.HUB, revision=rev)
        inv.models[m.key] = m
        return inv, None
    if re.fullmatch(r"[a-z0-9][a-z0-9_.\-/]*(?::[\w.\-]+)?", text):
        m = Model(name=text, kind=ModelKind.OLLAMA)
        inv.models[m.key] = m
        return inv, None
    raise ValueError(f"{text}: not a hub id, Ollama tag, model directory, weight file or BOM")


def resolve_target(
    target: str | Path,
    *,
    online: bool = False,
    hf_cache: bool = True,
    cache_dir: Path | None = None,
    hf_cache_dir: Path | None = None,
) -> tuple[dict[str, Lineage], list[Diagnostic]]:
    """Lineage for ``aibom lineage TARGET`` (not a BOM), keyed by model name.

    Raises ValueError when ``target`` is none of: hub id, Ollama tag, model directory, weight
    file. A BOM's lineage is read by :func:`aibom.app.lineage_of_target`.
    """
    inv, local_root = _target_inventory(target)
    return lineage_by_name(
        inv,
        online=online,
        hf_cache=hf_cache,
        cache_dir=cache_dir,
        hf_cache_dir=hf_cache_dir,
        local_root=local_root,
    )


def is_bom_path(path: Path) -> bool:
    """Whether ``aibom lineage`` should read ``path`` as a CycloneDX JSON BOM."""
    return (
        path.is_file()
        and path.suffix.lower() in (".json", ".cdx")
        and not path.name.endswith(".index.json")
    )


def lineage_by_name(
    inv: Inventory,
    *,
    online: bool = False,
    hf_cache: bool = True,
    cache_dir: Path | None = None,
    hf_cache_dir: Path | None = None,
    local_root: Path | None = None,
) -> tuple[dict[str, Lineage], list[Diagnostic]]:
    """Resolve every model of ``inv``; lineage keyed by model name, with sorted diagnostics."""
    result, diags = resolve_lineage(
        inv,
        online=online,
        hf_cache=hf_cache,
        cache_dir=cache_dir,
        hf_cache_dir=hf_cache_dir,
        local_root=local_root,
    )
    by_name = {inv.models[k].name: lin for k, lin in result.items()}
    all_diags = sorted(
        set(diags + inv.diagnostics), key=lambda d: (d.path, d.line or 0, d.code, d.message)
    )
    return dict(sorted(by_name.items())), all_diags


def resolve_one(
    target: str | Path,
    *,
    online: bool = False,
    hf_cache: bool = True,
    cache_dir: Path | None = None,
    hf_cache_dir: Path | None = None,
) -> Lineage:
    """Lineage of one target: a hub id, a local model directory, a weight file or an Ollama tag.

    BOMs are not targets here: :func:`aibom.app.lineage_of_target` reads them (several models).
    """
    result, _ = resolve_target(
        target, online=online, hf_cache=hf_cache, cache_dir=cache_dir, hf_cache_dir=hf_cache_dir
    )
    if len(result) != 1:
        raise ValueError(f"{target}: resolves to {len(result)} models, not one")
    return next(iter(result.values()))
