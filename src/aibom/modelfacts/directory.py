"""What a model directory says about itself: config, card front matter, tokenizer, adapter, weights.

Read by the model-directory scanner, the Hugging Face cache listing and lineage
alike, through a :class:`~aibom.filereader.FileReader` (never a scanner context).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from aibom import yamlio
from aibom.filereader import FileReader
from aibom.inventory import Diagnostic, LocalModelFacts
from aibom.modelfacts.layouts import is_modelscope_config, transformer_module_path
from aibom.walk import SourceFile

# Files that belong to a model directory (claimed, so the config scanner does not read them again).
MODEL_DIR_FILES = frozenset(
    {
        "config.json",
        "generation_config.json",
        "tokenizer_config.json",
        "tokenizer.json",
        "special_tokens_map.json",
        "added_tokens.json",
        "adapter_config.json",
        "preprocessor_config.json",
        "processor_config.json",
        "chat_template.jinja",
        "chat_template.json",
        "vocab.json",
        "vocab.txt",
        "merges.txt",
        "tokenizer.model",
        "sentence_bert_config.json",
        "modules.json",
        "config_sentence_transformers.json",
        "params.json",
        "quantize_config.json",
        "quant_config.json",
    }
)
CARD_KEYS = frozenset(
    {
        "base_model",
        "base_model_relation",
        "pipeline_tag",
        "library_name",
        "model-index",
        "model_name",
    }
)
MAX_SPECIAL_TOKENS = 512
MAX_CARD_TEXT = 64 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def parse_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """Split a model card into (front matter dict, body, error message).

    The front matter is the YAML block between the leading ``---`` lines, as the
    Hugging Face hub reads it. Returns ``(None, text, None)`` when there is none.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text, None
    body = text[m.end() :]
    try:
        data = yamlio.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return (
            None,
            body,
            f"malformed YAML front matter{where}: {getattr(exc, 'problem', None) or exc}",
        )
    except RecursionError:
        return None, body, "YAML front matter nested too deeply"
    if data is None:
        return {}, body, None
    if not isinstance(data, dict):
        return None, body, "YAML front matter is not a mapping"
    return data, body, None


def is_model_card(front: dict[str, Any] | None) -> bool:
    """A README front matter that describes a model (not just any document with YAML)."""
    if not front:
        return False
    return bool(CARD_KEYS & front.keys()) or (
        "license" in front and ("tags" in front or "datasets" in front)
    )


def is_model_config(cfg: Any) -> bool:
    return isinstance(cfg, dict) and bool(cfg.get("model_type") or cfg.get("architectures"))


def load_weights_api() -> Any:
    """The weights package (imported on first use: most scans never read a weight header)."""
    from aibom import weights

    return weights


def read_model_facts(
    directory: Path, rel: str, ctx: FileReader, files: list[SourceFile] | None = None
) -> tuple[LocalModelFacts, list[SourceFile]]:
    """Read everything a model directory says about itself.

    ``rel`` is the directory relative to the scan root ("" for the root). When
    ``files`` is None the directory is listed here (following file symlinks, as in
    a Hugging Face cache snapshot). Returns the facts and the files consumed.
    """
    if files is None:
        files = list_dir(directory, rel)
    by_name = {f.name: f for f in files}
    facts = LocalModelFacts(files=sorted(f.rel for f in files))
    used: list[SourceFile] = []

    def load_json(name: str) -> Any:
        f = by_name.get(name)
        if f is None:
            return None
        used.append(f)
        data = ctx.read_json(f)
        if data is not None and not isinstance(data, dict):
            ctx.diag(f.rel, f"expected a JSON object in {name}", code="json")
            return None
        return data

    facts.config = load_json("config.json")
    facts.generation_config = load_json("generation_config.json")
    facts.tokenizer_config = load_json("tokenizer_config.json")
    if not is_model_config(facts.config) and "modules.json" in by_name:
        used.extend(_read_transformer_module(directory, rel, ctx, by_name["modules.json"], facts))
    facts.adapter_config = load_json("adapter_config.json")
    if (
        "configuration.json" in by_name
    ):  # ModelScope: kept only when it is one (an app may use the name)
        ms_config = ctx.read_json(by_name["configuration.json"])
        if is_modelscope_config(ms_config):
            facts.modelscope_config = ms_config
            used.append(by_name["configuration.json"])
    special_map = load_json("special_tokens_map.json")
    for index_name in ("model.safetensors.index.json", "pytorch_model.bin.index.json"):
        if index_name in by_name:
            facts.safetensors_index = load_json(index_name)
            break
    for name in MODEL_DIR_FILES:
        if name in by_name and by_name[name] not in used:
            used.append(by_name[name])

    # Chat template: a file of its own wins over the tokenizer config.
    if "chat_template.jinja" in by_name:
        facts.chat_template = ctx.read_text(by_name["chat_template.jinja"])
    elif "chat_template.json" in by_name:
        tpl = ctx.read_json(by_name["chat_template.json"])
        if isinstance(tpl, dict):
            facts.chat_template = _template_text(tpl.get("chat_template"))
    if facts.chat_template is None and facts.tokenizer_config:
        facts.chat_template = _template_text(facts.tokenizer_config.get("chat_template"))

    facts.special_tokens = _special_tokens(facts.tokenizer_config, special_map)
    if facts.config:
        vocab = facts.config.get("vocab_size")
        if vocab is None and isinstance(facts.config.get("text_config"), dict):
            vocab = facts.config["text_config"].get("vocab_size")
        facts.vocab_size = vocab if isinstance(vocab, int) and not isinstance(vocab, bool) else None

    readme = by_name.get("README.md") or by_name.get("readme.md")
    if readme is not None:
        text = ctx.read_text(readme)
        if text is not None:
            front, body, error = parse_front_matter(text)
            if error:
                ctx.diag(readme.rel, error, code="model-card")
            if is_model_card(front) or (
                front is not None and (facts.config or facts.adapter_config)
            ):
                facts.card = front
                facts.card_text = body[:MAX_CARD_TEXT]
                used.append(readme)

    weights_api = load_weights_api()
    for f in files:
        if weights_api.is_weight_file(f.name):
            wf, diags = weights_api.read_weight_file(f.path, f.rel)
            ctx.diagnostics.extend(diags)
            used.append(f)
            if wf is not None:
                facts.weights.append(wf)
                if wf.format == "gguf" and facts.gguf is None:
                    facts.gguf = wf.metadata
    facts.weights.sort(key=lambda w: w.path)
    return facts, used


def _read_transformer_module(
    directory: Path, rel: str, ctx: FileReader, modules_file: SourceFile, facts: LocalModelFacts
) -> list[SourceFile]:
    """Sentence-transformers: the transformer's config (and tokenizer config, when the root has
    none) from the module folder ``modules.json`` names (``0_Transformer/``); the files read."""
    sub = transformer_module_path(ctx.read_json(modules_file))
    if sub is None:
        return []
    inner = {f.name: f for f in list_dir(directory / sub, f"{rel}/{sub}" if rel else sub)}
    read: list[SourceFile] = []
    for name, attr in (("config.json", "config"), ("tokenizer_config.json", "tokenizer_config")):
        if name in inner and (attr == "config" or getattr(facts, attr) is None):
            data = ctx.read_json(inner[name])
            if isinstance(data, dict):
                setattr(facts, attr, data)
                read.append(inner[name])
    return read


def declared_framework(facts: LocalModelFacts) -> str | None:
    """The library a model directory is for: the card's ``library_name``, else peft/transformers by its files."""
    card = facts.card or {}
    if isinstance(card.get("library_name"), str):
        return str(card["library_name"])
    if facts.adapter_config is not None:
        return "peft"
    if facts.config is not None:
        return "transformers"
    return None


def list_dir(directory: Path, rel: str) -> list[SourceFile]:
    """The files of one directory (following file symlinks), as scan-root-relative SourceFiles."""
    out: list[SourceFile] = []
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return out
    for e in entries:
        try:
            if e.is_file():  # follows links: HF cache snapshots link into blobs/
                out.append(
                    SourceFile(
                        rel=f"{rel}/{e.name}" if rel else e.name,
                        path=Path(e.path),
                        size=e.stat().st_size,
                    )
                )
        except OSError:
            continue
    return out


def _template_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # [{"name": "default", "template": "..."}, ...]
        parts = [
            str(v["template"])
            for v in value
            if isinstance(v, dict) and isinstance(v.get("template"), str)
        ]
        return "\n".join(parts) if parts else None
    return None


def token_text(value: Any) -> str | None:
    """A special token as text: tokenizer configs write it as a string or ``{"content": ...}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return value["content"]
    return None


def _special_tokens(
    tok_cfg: dict[str, Any] | None, special_map: dict[str, Any] | None
) -> list[str]:
    tokens: set[str] = set()
    for source in (tok_cfg, special_map):
        if not source:
            continue
        for key in (
            "bos_token",
            "eos_token",
            "pad_token",
            "unk_token",
            "cls_token",
            "sep_token",
            "mask_token",
        ):
            t = token_text(source.get(key))
            if t:
                tokens.add(t)
        extra = source.get("additional_special_tokens")
        if isinstance(extra, list):
            tokens.update(t for t in map(token_text, extra[:MAX_SPECIAL_TOKENS]) if t)
    decoder = (tok_cfg or {}).get("added_tokens_decoder")
    if isinstance(decoder, dict):
        for value in list(decoder.values())[:MAX_SPECIAL_TOKENS]:
            t = token_text(value)
            if t:
                tokens.add(t)
    return sorted(tokens)[:MAX_SPECIAL_TOKENS]


def read_model_directory(
    directory: Path, rel: str, *, root: Path | None = None
) -> tuple[LocalModelFacts, list[Diagnostic]]:
    """Facts of the model directory ``directory`` (named ``rel`` in diagnostics) and the diagnostics."""
    reader = FileReader(root=root or directory)
    facts, _ = read_model_facts(directory, rel, reader)
    return facts, list(reader.diagnostics)
