"""Model ids known by how they are published, wherever a JS/TS module passes them (issue 11).

``Xenova/`` and ``onnx-community/`` publish only models (ONNX ports for transformers.js), so a
string literal under those organisations is a hub model even when it goes to the project's
own class (``new CrossEncoderReranker(config, "Xenova/bge-reranker-base")``) or keys a table
(``{"Xenova/whisper-large": "1.56GB"}``). fastembed-js names its models by an enum whose
values carry the prefix ``fast-``: in a module importing fastembed, those literals are its
models. Other organisations' ids in the same places, prose and other modules stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

FACTORY = """
export class RerankerFactory {
  static create(provider: string, config: RerankerConfig): Reranker {
    switch (provider) {
      case "sentence_transformer":
        return new CrossEncoderReranker(config, "Xenova/ms-marco-MiniLM-L-6-v2");
      case "huggingface":
        return new CrossEncoderReranker(config, "onnx-community/bge-reranker-base", 512);
      default:
        throw new Error(`Unsupported reranker provider: ${provider}`);
    }
  }
}
"""

WHISPER = """
const defaultWhisper = "Xenova/whisper-small"; // Model Card: https://huggingface.co/Xenova/whisper-tiny
const fileSize = {
  "Xenova/whisper-small": "250mb",
  "Xenova/whisper-large": "1.56GB",
};
const ui = { team: "acme/widgets", note: "see Xenova/transformers.js docs" };
"""

FASTEMBED = """
import type { FlagEmbedding } from "fastembed";

const SUPPORTED_MODELS = [
  "fast-all-MiniLM-L6-v2",
  "fast-bge-small-en-v1.5",
  "fast-multilingual-e5-large",
] as const;
const mode = "fast-refresh";
"""

NOT_FASTEMBED = """
const speeds = ["fast-bge-small-en-v1.5", "fast-lane-2"];
"""


def test_model_only_orgs_name_hub_models_wherever_they_are_passed(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/utils/factory.ts": FACTORY, "utils/localWhisper.js": WHISPER}))
    found = models(inv)
    kinds = model_kinds(inv)
    assert "src/utils/factory.ts:6" in found["xenova/ms-marco-minilm-l-6-v2"]
    assert "src/utils/factory.ts:8" in found["onnx-community/bge-reranker-base"]
    assert "utils/localWhisper.js:5" in found["xenova/whisper-large"]
    assert kinds["xenova/whisper-large"] == "hub"
    # a URL, prose and other organisations are not such literals
    assert "xenova/whisper-tiny" not in found
    assert "acme/widgets" not in everything(inv)
    assert "xenova/transformers.js" not in found


def test_fastembed_enum_values_in_a_module_importing_fastembed(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/embeddings/fastembed.ts": FASTEMBED, "src/ui.ts": NOT_FASTEMBED}))
    found = models(inv)
    assert "src/embeddings/fastembed.ts:5" in found["fast-all-minilm-l6-v2"]
    assert "src/embeddings/fastembed.ts:6" in found["fast-bge-small-en-v1.5"]
    assert "fast-multilingual-e5-large" in found
    assert "fast-refresh" not in found
    # the same strings in a module that does not import fastembed are not its models
    assert not any(loc.startswith("src/ui.ts") for locs in found.values() for loc in locs)
    assert "fast-lane-2" not in found
