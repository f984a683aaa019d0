"""Local model directories and weight files.

A directory is a *model directory* when it holds a Hugging Face ``config.json``
describing a model, a PEFT ``adapter_config.json``, a sharded-weights index, or a
model card (``README.md`` whose YAML front matter carries model-card keys), or the layout files
of a sentence-transformers (``modules.json``) or ModelScope (``configuration.json``) download. Its
files become one ``machine-learning-model`` finding with everything they say
(:class:`~aibom.inventory.LocalModelFacts`); the lineage resolver reads those facts.
Weight files outside a model directory are each a model of their own, except pickles that
import only data classes (NLTK tokenizer parameters, LangChain document stores), pickles of
plain Python values (no global at all) beside a vector index (``index.faiss``: a vector store's
id maps, ``chunk_id_to_index.pkl``) and lone ``.npy``
files of one plain array (a speaker embedding): those are data and become an info diagnostic. Reading a
directory's facts is :mod:`aibom.modelfacts`' job; this module decides what is a
model directory and turns the facts into findings.
"""

from __future__ import annotations

import os
from typing import Any

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    LocalModelFacts,
    Location,
    ModelFinding,
    ModelKind,
    WeightFile,
)
from aibom.modelfacts.directory import (
    declared_framework,
    is_model_card,
    is_model_config,
    load_weights_api,
    parse_front_matter,
    read_model_facts,
)
from aibom.modelfacts.layouts import (
    LAYOUT_MARKERS,
    is_modelscope_config,
    is_module_folder,
)
from aibom.scanners.base import DirectoryScanner, ScanContext
from aibom.walk import SourceFile


class ModelDirectoryScanner(DirectoryScanner):
    """Finds Hugging Face model directories, adapters, model cards and weight files."""

    name = "model-directory"

    def scan_directory(
        self, directory: str, files: list[SourceFile], ctx: ScanContext
    ) -> tuple[list[Finding], set[str]]:
        names = {f.name for f in files}
        weights_api = load_weights_api()
        weight_files = [f for f in files if weights_api.is_weight_file(f.name)]
        has_index = any(
            n.endswith(".index.json") and ("safetensors" in n or "pytorch_model" in n)
            for n in names
        )
        if not (
            "config.json" in names
            or LAYOUT_MARKERS & names
            or "adapter_config.json" in names
            or has_index
            or weight_files
            or "README.md" in names
        ):
            return [], set()
        by_name = {f.name: f for f in files}
        if directory and is_module_folder(ctx.root / directory):
            # a module folder (0_Transformer/, 1_Pooling/) of a sentence-transformers model: the
            # model is its parent directory, which reads the transformer config from here
            return [], {f.rel for f in files if f.name.endswith(".json")}
        is_model_dir = "adapter_config.json" in names or has_index
        if not is_model_dir and "config.json" in names:
            is_model_dir = is_model_config(ctx.read_json(by_name["config.json"]))
        if not is_model_dir and ({"modules.json", "sentence_bert_config.json"} & names):
            is_model_dir = True  # a sentence-transformers model (its transformer may sit in 0_*/)
        if not is_model_dir and "configuration.json" in names:
            is_model_dir = is_modelscope_config(ctx.read_json(by_name["configuration.json"]))
        if not is_model_dir and "README.md" in names:
            text = ctx.read_text(by_name["README.md"])
            front, _, _ = parse_front_matter(text) if text is not None else (None, "", None)
            is_model_dir = is_model_card(front)
        if not is_model_dir and any(n in names for n in ("model.safetensors", "pytorch_model.bin")):
            is_model_dir = True
        if is_model_dir:
            return self._model_directory(directory, files, ctx)
        return self._lone_weights(weight_files, ctx)

    def _model_directory(
        self, directory: str, files: list[SourceFile], ctx: ScanContext
    ) -> tuple[list[Finding], set[str]]:
        root_dir = ctx.root / directory if directory else ctx.root
        facts, used = read_model_facts(root_dir, directory, ctx, files)
        name = directory or "."
        anchor = next(
            (
                f
                for f in ("README.md", "config.json", "adapter_config.json")
                if any(u.name == f for u in used)
            ),
            used[0].name if used else "",
        )
        anchor_rel = f"{directory}/{anchor}" if directory and anchor else (anchor or name)
        card = facts.card or {}
        findings: list[Finding] = []
        framework = declared_framework(facts)
        findings.append(
            ModelFinding(
                name=name,
                kind=ModelKind.LOCAL,
                location=Location(
                    path=anchor_rel, line=1 if anchor else None, source="model-directory"
                ),
                framework=framework,
                task=card.get("pipeline_tag")
                if isinstance(card.get("pipeline_tag"), str)
                else None,
                relation_hint="adapter" if facts.adapter_config is not None else None,
                facts=facts,
            )
        )
        for ds in _as_str_list(card.get("datasets")):
            findings.append(
                DatasetFinding(
                    name=ds, location=Location(path=anchor_rel, source="model-card"), used_by=name
                )
            )
        return findings, {f.rel for f in used}

    def _lone_weights(
        self, weight_files: list[SourceFile], ctx: ScanContext
    ) -> tuple[list[Finding], set[str]]:
        findings: list[Finding] = []
        claimed: set[str] = set()
        weights_api = load_weights_api()
        for f in weight_files:
            claimed.add(f.rel)
            wf, diags = weights_api.read_weight_file(f.path, f.rel)
            ctx.diagnostics.extend(diags)
            if wf is None:
                continue
            if weights_api.is_data_array(wf):
                ctx.diagnostics.append(
                    Diagnostic(
                        path=f.rel,
                        message=(
                            f"one {'x'.join(map(str, wf.metadata['shape']))} array"
                            if "shape" in wf.metadata
                            else f"{wf.metadata.get('array_count')} plain arrays"
                        )
                        + ": data, not a model: not reported",
                        level="info",
                        code="weights-data-array",
                    )
                )
                continue
            data = weights_api.data_pickle_modules(wf)
            if not data and _vector_store_map(f, wf):
                data = ["plain Python values beside a vector index"]
            if data:
                ctx.diagnostics.append(
                    Diagnostic(
                        path=f.rel,
                        message=f"pickle holds {', '.join(data)} data, not a model: not reported",
                        level="info",
                        code="weights-data-pickle",
                    )
                )
                continue
            facts = LocalModelFacts(weights=[wf], files=[f.rel])
            if wf.format == "gguf":
                facts.gguf = wf.metadata
            findings.append(
                ModelFinding(
                    name=f.rel,
                    kind=ModelKind.LOCAL,
                    location=Location(path=f.rel, source="weights"),
                    framework=_framework_for_format(wf),
                    facts=facts,
                )
            )
        return findings, claimed


def _framework_for_format(wf: WeightFile) -> str | None:
    return {
        "gguf": "llama.cpp",
        "onnx": "onnx",
        "keras": "keras",
        "pytorch": "pytorch",
        "tesseract": "tesseract",
    }.get(wf.format)


def _as_str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


# files of a vector index a store keeps beside its pickled id maps and docstore
_VECTOR_INDEX_SUFFIXES = (".faiss", ".index", ".ann", ".hnsw", ".usearch")


def _vector_store_map(f: SourceFile, wf: WeightFile) -> bool:
    """A complete, safe pickle importing no global at all (only dicts, lists, strings and
    numbers: no class, array or tensor) in a directory holding a vector index file: a vector
    store's id map (``chunk_id_to_index.pkl`` beside ``index.faiss``), not a model."""
    if (
        wf.format != "pickle"
        or wf.unsafe
        or wf.imports
        or not wf.metadata.get("pickle_complete", True)
    ):
        return False
    try:
        siblings = os.listdir(f.path.parent)
    except OSError:
        return False
    return any(n.lower().endswith(_VECTOR_INDEX_SUFFIXES) for n in siblings)
