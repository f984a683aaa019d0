"""Short-name -> hub id tables (issue 11): ``{"paraformer": "iic/speech_paraformer-...", ...}``.

A table mapping the names users type to hub repo ids is a catalog of those ids whatever it is
called; its keys are the product's own names. A table of dataset ids (organisations that do
not publish models) or of anything else stays out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_the_hub_ids_of_a_short_name_table_are_models(make_tree: MakeTree) -> None:
    src = (
        "name_maps_ms = {\n"
        '    "asr-zh": "iic/speech_asr_tiny_zh-cn-16k-pytorch",\n'
        '    "vad": "iic/speech_vad_tiny-16k",\n'
        '    "audio-chat": "Qwen/Qwen9-Audio",\n'
        '    "sv": "acme-speech/sv-small",\n'
        "}\n"
    )
    found = models(scan(make_tree({"pkg/download/names.py": src})))
    assert found["iic/speech_asr_tiny_zh-cn-16k-pytorch"] == {"pkg/download/names.py:2"}
    assert found["iic/speech_vad_tiny-16k"] == {"pkg/download/names.py:3"}
    assert found["qwen/qwen9-audio"] == {"pkg/download/names.py:4"}
    assert "acme-speech/sv-small" in found  # a member of the table, whoever publishes it
    assert not {"asr-zh", "vad", "audio-chat", "sv"} & set(found)  # keys: the product's names


def test_tables_of_datasets_and_other_things_stay_out(make_tree: MakeTree) -> None:
    src = (
        "SHORT_NAMES = {\n"  # dataset ids: their organisations publish no models
        '    "alpaca": "tatsu-lab/alpaca",\n'
        '    "dolly": "someone/dolly-15k",\n'
        '    "lima": "GAIR/lima",\n'
        "}\n"
        "DATASET_MAP = {\n"  # named as datasets
        '    "c4": "allenai/c4",\n'
        '    "dolma": "allenai/dolma",\n'
        '    "tulu": "allenai/tulu-v2-sft-mixture",\n'
        "}\n"
        "PAIRS = {\n"  # only two entries
        '    "a": "acme/Qwen9-1B",\n'
        '    "b": "acme/Qwen9-2B",\n'
        "}\n"
        "ROUTES = {\n"  # URL paths, not repos
        '    "chat": "v1/chat",\n'
        '    "embed": "v1/embeddings",\n'
        '    "rerank": "v1/rerank",\n'
        "}\n"
    )
    names = everything(scan(make_tree({"tools/data.py": src})))
    assert not names & {
        "tatsu-lab/alpaca", "someone/dolly-15k", "gair/lima", "allenai/c4", "allenai/dolma",
        "allenai/tulu-v2-sft-mixture", "acme/qwen9-1b", "acme/qwen9-2b",
    }  # fmt: skip


def test_funasr_automodel_names_each_of_its_models(make_tree: MakeTree) -> None:
    src = (
        "from funasr import AutoModel\n"
        "m = AutoModel(model='iic/speech_asr_tiny_zh-cn-16k-pytorch', vad_model='fsmn-vad',\n"
        "              punc_model='iic/punc_tiny_zh', spk_model='iic/sv_tiny_zh')\n"
    )
    found = models(scan(make_tree({"server.py": src})))
    for name in ("iic/speech_asr_tiny_zh-cn-16k-pytorch", "fsmn-vad", "iic/punc_tiny_zh",
                 "iic/sv_tiny_zh"):  # fmt: skip
        assert found[name] == {"server.py:2"}, name
    # another library's AutoModel called the same way is not FunASR's
    other = "from mylib import AutoModel\nm = AutoModel(model='acme-speech/speech_other_zh')\n"
    assert "acme-speech/speech_other_zh" not in models(scan(make_tree({"other.py": other})))
