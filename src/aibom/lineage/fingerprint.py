"""Inferred lineage: match what a model's files show against the knowledge-base fingerprints.

Signals (config ``model_type`` / ``architectures`` / ``vocab_size``, special tokens, chat-template
markers, GGUF ``general.architecture`` and ``tokenizer.ggml.pre``, names) are scored per family
(strong 4, medium 2, weak 1 point). Shared fingerprints score low on their own, so
``LlamaForCausalLM`` or ChatML alone never decide; combinations (Llama body + 64000 vocab = Yi)
are facts of their own. The best family wins; a family that ``builds_on`` the runner-up (R1-Distill
on a Qwen2.5 body) absorbs it, and both are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aibom.inventory import LocalModelFacts
from aibom.lineage.knowledge import (
    Fact,
    Family,
    families,
    family_for_name,
    get_family,
    match_hub_id,
)
from aibom.lineage.types import Confidence
from aibom.modelfacts.directory import token_text

MAX_TEMPLATE = 200_000  # characters of a chat template looked at
MAX_TOKENS = 5_000  # special/added tokens looked at


@dataclass
class Signals:
    """Normalised facts about one model, each with a description of where it came from."""

    model_types: dict[str, str] = field(default_factory=dict)
    architectures: dict[str, str] = field(default_factory=dict)
    vocab_sizes: dict[int, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    chat_template: str = ""
    chat_template_source: str = ""
    gguf_arch: dict[str, str] = field(default_factory=dict)
    gguf_pre: dict[str, str] = field(default_factory=dict)
    config_keys: dict[str, str] = field(default_factory=dict)
    target_modules: dict[str, str] = field(default_factory=dict)  # a PEFT adapter's target_modules
    names: list[tuple[str, str, int]] = field(default_factory=list)  # (source, text, points)

    def empty(self) -> bool:
        return not (
            self.model_types
            or self.architectures
            or self.vocab_sizes
            or self.tokens
            or self.chat_template
            or self.gguf_arch
            or self.gguf_pre
            or self.target_modules
            or self.names
        )


@dataclass
class Inference:
    """What the fingerprints say: a family (or None), a confidence, and the evidence used."""

    family: Family | None = None
    confidence: Confidence | None = None
    points: int = 0
    evidence: list[str] = field(default_factory=list)
    also: list[Family] = field(
        default_factory=list
    )  # families the winner builds on (R1-Distill -> Qwen2.5)
    ranking: list[tuple[str, int]] = field(default_factory=list)  # (family id, points), best first
    kinds: set[str] = field(
        default_factory=set
    )  # kinds of evidence used: model_type, token, name, ...

    @property
    def from_files(self) -> bool:
        """True when the answer rests on the model's files, not only on its name."""
        return bool(self.kinds - {"name"})

    @property
    def family_ids(self) -> list[str]:
        return [f.id for f in ([self.family] if self.family else []) + self.also]


def _add_tokens(sig: Signals, values: Iterable[Any], source: str) -> None:
    for i, v in enumerate(values):
        if i >= MAX_TOKENS:
            break
        text = token_text(v)
        if text and len(text) <= 200:
            sig.tokens.setdefault(text, source)


def _chat_template_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # [{"name": "default", "template": "..."}]
        parts = [v.get("template") for v in value if isinstance(v, dict)]
        return "\n".join(p for p in parts if isinstance(p, str))
    return ""


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000_000:
        return value
    return None


def _read_config(sig: Signals, config: dict[str, Any], source: str) -> None:
    mt = config.get("model_type")
    if isinstance(mt, str) and mt:
        sig.model_types.setdefault(mt, source)
    archs = config.get("architectures")
    if isinstance(archs, list):
        for a in archs[:8]:
            if isinstance(a, str) and a:
                sig.architectures.setdefault(a, source)
    vs = _int(config.get("vocab_size")) or _int(config.get("padded_vocab_size"))
    if vs:
        sig.vocab_sizes.setdefault(vs, f"{source} vocab_size")
    for key in list(config)[:500]:
        if isinstance(key, str):
            sig.config_keys.setdefault(key, source)


_HUB_MENTION = re.compile(r"(?<![\w/.-])([A-Za-z0-9][\w.-]{1,40}/[A-Za-z0-9][\w.-]{1,80})")


def _card_mentions(sig: Signals, text: str) -> None:
    """Official hub ids the card body mentions (weak: cards also compare with other models)."""
    seen: set[str] = set()
    for m in _HUB_MENTION.finditer(text[:20_000]):
        hub_id = m.group(1).rstrip(".")
        hit = match_hub_id(hub_id)
        if hit is None or not hit.official or hit.family.id in seen:
            continue
        seen.add(hit.family.id)
        sig.names.append(("model card text mentions", hub_id, 1))
        if len(seen) >= 3:
            break


def collect_signals(
    facts: LocalModelFacts | None, names: Iterable[tuple[str, str, int]] = ()
) -> Signals:
    """Gather the fingerprint signals of one model from its facts and known names."""
    sig = Signals()
    sig.names.extend(names)
    if facts is None:
        return sig
    targets = (facts.adapter_config or {}).get("target_modules")
    if isinstance(targets, list):  # module names the adapter trains: the base's layer names
        for t in targets[:64]:
            if isinstance(t, str) and t:
                sig.target_modules.setdefault(t, "adapter_config.json target_modules")
    ms_model = (facts.modelscope_config or {}).get("model")
    if isinstance(ms_model, dict) and isinstance(ms_model.get("type"), str):
        # ModelScope's configuration.json names the model it packages ("m3e-small")
        sig.names.append(("ModelScope configuration.json model.type", ms_model["type"][:200], 2))
    if isinstance(facts.config, dict):
        _read_config(sig, facts.config, "config.json")
        for sub in ("text_config", "llm_config", "language_config"):
            nested = facts.config.get(sub)
            if isinstance(nested, dict):
                _read_config(sig, nested, f"config.json {sub}")
    if facts.vocab_size:
        vs = _int(facts.vocab_size)
        if vs:
            sig.vocab_sizes.setdefault(vs, "tokenizer vocab size")
    tc = facts.tokenizer_config if isinstance(facts.tokenizer_config, dict) else {}
    for key in ("bos_token", "eos_token", "pad_token", "unk_token"):
        if key in tc:
            _add_tokens(sig, [tc[key]], f"tokenizer_config.json {key}")
    extra = tc.get("additional_special_tokens")
    if isinstance(extra, list):
        _add_tokens(sig, extra, "tokenizer_config.json additional_special_tokens")
    decoder = tc.get("added_tokens_decoder")
    if isinstance(decoder, dict):
        _add_tokens(sig, decoder.values(), "tokenizer_config.json added_tokens_decoder")
    _add_tokens(sig, facts.special_tokens or [], "special tokens")
    template = facts.chat_template or _chat_template_text(tc.get("chat_template"))
    if template:
        sig.chat_template = template[:MAX_TEMPLATE]
        sig.chat_template_source = "chat template"
    if facts.card_text:
        _card_mentions(sig, facts.card_text)
    gguf = facts.gguf if isinstance(facts.gguf, dict) else {}
    if gguf:
        arch = gguf.get("general.architecture")
        if isinstance(arch, str) and arch:
            sig.gguf_arch[arch] = "GGUF general.architecture"
            vs = _int(gguf.get(f"{arch}.vocab_size"))
            if vs:
                sig.vocab_sizes.setdefault(vs, f"GGUF {arch}.vocab_size")
        pre = gguf.get("tokenizer.ggml.pre")
        if isinstance(pre, str) and pre:
            sig.gguf_pre[pre] = "GGUF tokenizer.ggml.pre"
        tokens = gguf.get("tokenizer.ggml.tokens")
        if isinstance(tokens, list):
            if not sig.vocab_sizes and len(tokens) > 1000:
                sig.vocab_sizes.setdefault(len(tokens), "GGUF tokenizer.ggml.tokens count")
            specials = [
                t for t in tokens if isinstance(t, str) and t.startswith(("<", "[")) and len(t) > 2
            ]
            _add_tokens(sig, specials, "GGUF tokenizer.ggml.tokens")
        count = _int(gguf.get("tokenizer.ggml.tokens.count")) or _int(
            gguf.get("tokenizer.ggml.token_count")
        )
        if count and not sig.vocab_sizes:
            sig.vocab_sizes.setdefault(count, "GGUF token count")
        tmpl = gguf.get("tokenizer.chat_template")
        if isinstance(tmpl, str) and tmpl and not sig.chat_template:
            sig.chat_template = tmpl[:MAX_TEMPLATE]
            sig.chat_template_source = "GGUF tokenizer.chat_template"
        for key in list(gguf)[:2000]:
            if isinstance(key, str):
                sig.config_keys.setdefault(key, "GGUF metadata")
        for key in ("general.basename", "general.name"):
            val = gguf.get(key)
            if isinstance(val, str) and val.strip():
                sig.names.append((f"GGUF {key}", val, 2))
                break
    return sig


def _match(fact: Fact, sig: Signals) -> str | None:
    """Evidence string when ``sig`` shows ``fact``; None otherwise."""
    kind, value = fact.kind, fact.value
    if kind == "combo":
        parts = [_match(p, sig) for p in fact.all]
        if all(parts):
            return " + ".join(p for p in parts if p)
        return None
    if kind == "model_type" and value in sig.model_types:
        return f"{sig.model_types[str(value)]}: model_type {value}"
    if kind == "architecture" and value in sig.architectures:
        return f"{sig.architectures[str(value)]}: architectures {value}"
    if kind == "vocab_size" and isinstance(value, int) and value in sig.vocab_sizes:
        return f"{sig.vocab_sizes[value]} {value}"
    if kind == "token":
        if value in sig.tokens:
            return f"{sig.tokens[str(value)]}: token {value}"
        if sig.chat_template and str(value) in sig.chat_template:
            return f"{sig.chat_template_source}: token {value}"
        return None
    if kind == "chat_marker":
        if sig.chat_template and str(value) in sig.chat_template:
            return f"{sig.chat_template_source}: contains {value!r}"
        return None
    if kind == "gguf_arch" and value in sig.gguf_arch:
        return f"GGUF general.architecture {value}"
    if kind == "gguf_pre" and value in sig.gguf_pre:
        return f"GGUF tokenizer.ggml.pre {value}"
    if kind == "target_module" and value in sig.target_modules:
        return f"{sig.target_modules[str(value)]}: {value}"
    if kind == "config_key" and value in sig.config_keys:
        return f"{sig.config_keys[str(value)]}: has {value}"
    return None


@dataclass
class _Score:
    family: Family
    order: int
    points: int = 0
    strong: bool = False
    kinds: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.points, self.family.priority, -self.order)


def _score_all(sig: Signals) -> list[_Score]:
    scores: list[_Score] = []
    for order, fam in enumerate(families()):
        sc = _Score(fam, order)
        seen: set[str] = set()
        for fact in fam.fingerprints:
            ev = _match(fact, sig)
            if ev is None or ev in seen:
                continue
            seen.add(ev)
            sc.points += fact.points
            sc.strong = sc.strong or fact.weight == "strong"
            sc.kinds.add("combo" if fact.kind == "combo" else fact.kind)
            sc.evidence.append(f"{ev} ({fact.weight} {fam.name} fingerprint)")
        scores.append(sc)
    by_id = {s.family.id: s for s in scores}
    for source, text, points in sig.names:
        if source == "model card text mentions":
            m = match_hub_id(text)
            hit = (m.family, text) if m else None
        else:
            hit = family_for_name(text)
        if hit is None:
            continue
        fam, pat = hit
        sc = by_id[fam.id]
        sc.points += points
        sc.kinds.add("name")
        sc.evidence.append(f"{source}: {text!r} names {fam.name} ({pat!r})")
    return sorted((s for s in scores if s.points > 0), key=lambda s: s.key, reverse=True)


def infer(sig: Signals) -> Inference:
    """Decide the family a model's signals point to, with a confidence and the evidence."""
    ranked = _score_all(sig)
    result = Inference(ranking=[(s.family.id, s.points) for s in ranked])
    if not ranked:
        return result
    by_id = {s.family.id: s for s in ranked}
    chosen = ranked[0]
    # A family that builds on the leader and shows a strong fact of its own wins (R1-Distill-Qwen).
    for sc in ranked[1:]:
        if chosen.family.id in sc.family.builds_on and sc.strong and sc.points >= 4:
            chosen = sc
            break
    also = [by_id[b] for b in chosen.family.builds_on if b in by_id and by_id[b].points >= 2]
    also.sort(key=lambda s: s.key, reverse=True)
    absorbed = also[:1]
    related_lines = {chosen.family.line} | {a.family.line for a in absorbed}
    same_line = [s for s in ranked if s is not chosen and s.family.line == chosen.family.line]
    others = [
        s
        for s in ranked
        if s is not chosen
        and s.family.line not in related_lines
        and s.family.id not in chosen.family.builds_on
    ]
    other_gap = chosen.points - (others[0].points if others else 0)
    line_gap = chosen.points - (same_line[0].points if same_line else 0)
    kinds = chosen.kinds - {"name"}
    if (
        chosen.points >= 6
        and chosen.strong
        and len(kinds) >= 2
        and other_gap >= 4
        and line_gap >= 3
    ):
        confidence: Confidence = "high"
    elif chosen.points >= 3 and other_gap >= 2:
        confidence = "medium"
    else:
        confidence = "low"
    result.family = chosen.family
    result.confidence = confidence
    result.points = chosen.points
    result.kinds = set(chosen.kinds)
    result.evidence = list(chosen.evidence)
    for a in absorbed:
        result.also.append(a.family)
        result.evidence.extend(a.evidence)
    if line_gap < 3 and same_line:
        result.evidence.append(
            f"note: {same_line[0].family.name} shows similar fingerprints ({same_line[0].points} vs {chosen.points} points)"
        )
    return result


def infer_facts(
    facts: LocalModelFacts | None, names: Iterable[tuple[str, str, int]] = ()
) -> Inference:
    """Shortcut: collect signals from ``facts`` and ``names`` and infer."""
    return infer(collect_signals(facts, names))


def compatible(declared: str | Iterable[str] | None, inferred: Inference) -> bool:
    """True when declared families agree with an inference (same family, same line, or built on).

    ``declared`` is one family id or every family of a declared chain: a Llama-3 fingerprint
    agrees with a chain Llama-3.1-Nemotron -> Llama-3.1.
    """
    if declared is None or inferred.family is None:
        return True
    ids = [declared] if isinstance(declared, str) else list(declared)
    fams = [f for f in (get_family(i) for i in ids) if f is not None]
    if not fams:
        return True
    for fam in fams:
        for other in [inferred.family, *inferred.also]:
            if other.id == fam.id or other.line == fam.line:
                return True
            if fam.id in other.builds_on or other.id in fam.builds_on:
                return True
    return False
