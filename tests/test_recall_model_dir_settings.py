"""Settings naming where a model lives (issue 11): ``vad_dir="iic/speech_fsmn_vad_zh-cn-16k"``.

``*_dir``, ``*_id``, ``*_path`` settings hold local paths as often as repo ids; a server that
downloads a missing model dir from ModelScope or the Hub takes an ``org/name`` there. Only a
hub id whose organisation is known to publish models is read from such a setting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

from aibom.scanners.kernel import is_model_location_key

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_model_dir_settings_holding_repo_ids_are_models(make_tree: MakeTree) -> None:
    sh = (
        "#!/bin/bash\n"
        'download_model_dir="/workspace/models"\n'
        'model_dir="iic/speech_asr_tiny_zh-cn-16k-onnx"\n'
        'vad_dir="damo/speech_vad_tiny-16k-onnx"\n'
        'PARAMS_PUNC_ID="damo/punc_tiny_zh-onnx"\n'
        'itn_dir="someone/fst_itn_tiny"\n'
        './server --model-dir "${model_dir}" --vad-dir "${vad_dir}" --itn-dir "${itn_dir}"\n'
    )
    found = models(scan(make_tree({"run_server.sh": sh})))
    assert "run_server.sh:3" in found["iic/speech_asr_tiny_zh-cn-16k-onnx"]
    assert "run_server.sh:4" in found["damo/speech_vad_tiny-16k-onnx"]
    assert "run_server.sh:5" in found["damo/punc_tiny_zh-onnx"]
    assert "someone/fst_itn_tiny" not in found  # an organisation not known to publish models


def test_paths_and_other_dirs_stay_out(make_tree: MakeTree) -> None:
    env = (
        "OUTPUT_DIR=meta-llama/finetuned-run\n"
        "CACHE_DIR=Qwen/cache\n"
        "LOG_DIR=runs/exp1\n"
        "DATA_DIR=allenai/c4\n"
        "MODEL_DIR=./models/Qwen/Qwen9-1B\n"
        "CLIENT_ID=google/oauth-client\n"
        "GITHUB_REPO=openai/openai-python\n"
        "PROTO_PATH=google/protobuf\n"
    )
    names = everything(scan(make_tree({".env": env})))
    assert not names & {
        "meta-llama/finetuned-run", "qwen/cache", "runs/exp1", "allenai/c4", "google/oauth-client",
        "openai/openai-python", "google/protobuf",
    }  # fmt: skip


def test_location_key_names() -> None:
    for key in ("model_dir", "vad_dir", "PARAMS_ASR_ID", "lmDir", "punc_model_path"):
        assert is_model_location_key(key), key
    for key in ("dir", "output_dir", "cache_dir", "dataset_id", "DATA_PATH", "model", "user_id",
                "GITHUB_REPO", "PROTO_PATH", "TEMPLATE_ID", "model_cache_dir"):  # fmt: skip
        assert not is_model_location_key(key), key


def test_model_dir_flags_name_repo_ids_and_repo_laid_out_dirs(make_tree: MakeTree) -> None:
    sh = (
        "#!/bin/bash\n"
        "./build/bin/asr-server \\\n"
        "  --model-dir models/damo/speech_asr_tiny_zh-cn-16k-pytorch \\\n"
        "  --vad-dir iic/speech_vad_tiny-16k \\\n"
        "  --punc-dir ./models/acme/punc_tiny \\\n"
        "  --log-dir logs/damo/speech_asr_tiny \\\n"
        "  --lm-dir /opt/models/damo/lm_tiny \\\n"
        "  --port 10100\n"
    )
    inv = scan(make_tree({"run_grpc.sh": sh}))
    found = models(inv)
    assert found["models/damo/speech_asr_tiny_zh-cn-16k-pytorch"] == {"run_grpc.sh:3"}
    assert model_kinds(inv)["models/damo/speech_asr_tiny_zh-cn-16k-pytorch"] == "local"
    assert found["iic/speech_vad_tiny-16k"] == {"run_grpc.sh:4"}
    names = everything(inv)
    # an unknown organisation's dir, a log dir, an absolute path: not models
    assert not {n for n in names if "punc_tiny" in n or "logs/" in n or "lm_tiny" in n}
