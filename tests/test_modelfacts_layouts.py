"""Model directories that are not plain transformers checkpoints (sentence-transformers, ModelScope)."""

from __future__ import annotations

import json

from aibom.modelfacts.layouts import is_modelscope_config, transformer_module_path
from aibom.pipeline import ScanRequest, scan_tree

MODULES = [
    {
        "idx": 0,
        "name": "0",
        "path": "0_Transformer",
        "type": "sentence_transformers.models.Transformer",
    },
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
]


def test_transformer_module_path() -> None:
    assert transformer_module_path(MODULES) == "0_Transformer"
    root_layout = [{"path": "", "type": "sentence_transformers.models.Transformer"}]
    assert transformer_module_path(root_layout) is None  # the transformer is the root itself
    assert transformer_module_path([{"path": "../x", "type": "models.Transformer"}]) is None
    assert transformer_module_path([{"path": "a/b", "type": "models.Transformer"}]) is None
    assert transformer_module_path({"not": "a list"}) is None


def test_modelscope_configuration() -> None:
    assert is_modelscope_config({"framework": "pytorch", "task": "sentence-embedding"})
    assert not is_modelscope_config({"framework": "pytorch"})
    assert not is_modelscope_config(["framework"])


def test_sentence_transformers_layout_is_one_model_with_the_inner_config(make_tree) -> None:
    root = make_tree(
        {
            "models/minilm/modules.json": json.dumps(MODULES),
            "models/minilm/sentence_bert_config.json": json.dumps({"max_seq_length": 256}),
            "models/minilm/1_Pooling/config.json": json.dumps({"word_embedding_dimension": 384}),
            "models/minilm/0_Transformer/config.json": json.dumps(
                {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384}
            ),
            "models/minilm/0_Transformer/tokenizer_config.json": json.dumps(
                {"do_lower_case": True}
            ),
        }
    )
    models = scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models()
    assert [m.name for m in models] == ["models/minilm"]
    facts = models[0].facts
    assert facts is not None and facts.config is not None
    assert facts.config["model_type"] == "bert"
    assert facts.tokenizer_config == {"do_lower_case": True}


def test_modelscope_download_is_a_model_directory(make_tree) -> None:
    root = make_tree(
        {
            "m3e/configuration.json": json.dumps(
                {"framework": "pytorch", "task": "sentence-embedding"}
            ),
            "m3e/config.json": json.dumps({"hidden_size": 512}),  # no model_type
            "notes/configuration.json": json.dumps({"theme": "dark"}),  # an app setting
        }
    )
    models = scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models()
    assert [m.name for m in models] == ["m3e"]
