"""Issue 11, round P: embedding classes' model -> dimension tables read with the class's model
(the models the class accepts), an aggregator's ``org/model/variant`` default not split as a
LiteLLM route, pymilvus embedding functions, and docker bind mounts of a checkpoint variable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

OPENAI_EMBEDDING = """
from openai import OpenAI

OPENAI_MODEL_DIM_MAP = {
    "text-embedding-ada-002": 1536,
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
}


class OpenAIEmbedding:
    def __init__(self, model: str = "text-embedding-ada-002", **kwargs):
        if "dimension" in kwargs:
            dimension = kwargs.pop("dimension")
        else:
            dimension = OPENAI_MODEL_DIM_MAP[model]
        self.dim = dimension
        self.model = model
        self.client = OpenAI()

    def embed(self, texts):
        return self.client.embeddings.create(input=texts, model=self.model)
"""

SILICONFLOW_EMBEDDING = """
import requests

ACME_MODEL_DIM_MAP = {
    "BAAI/bge-m3": 1024,
    "Pro/BAAI/bge-m3": 1024,
    "netease-youdao/bce-embedding-base_v1": 768,
}


class SiliconflowEmbedding:
    def __init__(self, model="BAAI/bge-m3"):
        self.model = model

    def embed(self, texts):
        return requests.post(
            "https://api.siliconflow.cn/v1/embeddings", json={"model": self.model, "input": texts}
        ).json()

    @property
    def dimension(self) -> int:
        return ACME_MODEL_DIM_MAP[self.model]
"""

BEDROCK_EMBEDDING = """
import boto3

MODEL_ID_TITAN_TEXT_G1 = "amazon.titan-embed-text-v1"
MODEL_ID_TITAN_TEXT_V2 = "amazon.titan-embed-text-v2:0"

BEDROCK_MODEL_DIM_MAP = {MODEL_ID_TITAN_TEXT_G1: 1536, MODEL_ID_TITAN_TEXT_V2: 1024}


class BedrockEmbedding:
    def __init__(self, model: str = MODEL_ID_TITAN_TEXT_V2):
        self.model = model
        self.client = boto3.client("bedrock-runtime", region_name="us-east-1")

    def embed(self, text):
        return self.client.invoke_model(modelId=self.model, body=text)

    @property
    def dimension(self) -> int:
        return BEDROCK_MODEL_DIM_MAP[self.model]
"""


def test_a_dimension_table_read_with_the_model_is_the_class_catalog(make_tree: MakeTree) -> None:
    inv = scan(
        make_tree(
            {
                "pkg/openai_embedding.py": OPENAI_EMBEDDING,
                "pkg/siliconflow_embedding.py": SILICONFLOW_EMBEDDING,
                "pkg/bedrock_embedding.py": BEDROCK_EMBEDDING,
            }
        )
    )
    names = hosted(inv)
    assert names["text-embedding-3-small"] == {"openai"}
    assert names["text-embedding-3-large"] == {"openai"}
    assert names["pro/baai/bge-m3"] == {"siliconflow"}
    assert names["netease-youdao/bce-embedding-base_v1"] == {"siliconflow"}
    assert names["amazon.titan-embed-text-v1"] == {"aws-bedrock"}
    assert "baai/bge-m3" not in models(inv)  # the API's model, not a hub download


def test_dimension_tables_that_only_fill_in_a_size_are_lookups(make_tree: MakeTree) -> None:
    code = """
from openai import OpenAI

EMBED_MODEL_DIMENSIONS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072}
UNUSED_MODEL_DIM_MAP = {"text-embedding-ada-002": 1536, "voyage-3-lite": 512}
OTHER_MODEL_DIM_MAP = {"voyage-3-large": 1024, "voyage-3": 1024}


class Embedder:
    def __init__(self, model: str = "gpt-4o-mini", kind: str = "a"):
        self.model = model
        self.dim = EMBED_MODEL_DIMENSIONS.get(model, 1536)
        self.other = OTHER_MODEL_DIM_MAP[kind]
        self.client = OpenAI()

    def run(self, text):
        return self.client.chat.completions.create(model=self.model, messages=[])
"""
    names = hosted(scan(make_tree({"pkg/embedder.py": code})))
    assert "gpt-4o-mini" in names
    for name in (
        "text-embedding-3-small",
        "text-embedding-3-large",
        "text-embedding-ada-002",
        "voyage-3-lite",
        "voyage-3-large",
    ):
        assert name not in names


def test_an_aggregator_default_is_not_split_as_a_route(make_tree: MakeTree) -> None:
    code = """
from openai import OpenAI


class PPIO:
    def __init__(self, model: str = "deepseek/deepseek-v3/community"):
        self.model = model
        self.client = OpenAI(base_url="https://api.ppinfra.com/v3/openai")

    def chat(self, messages):
        return self.client.chat.completions.create(model=self.model, messages=messages)
"""
    names = hosted(scan(make_tree({"pkg/ppio.py": code})))
    assert "deepseek/deepseek-v3/community" in names
    assert "deepseek-v3/community" not in names


def test_a_route_setting_is_still_split(make_tree: MakeTree) -> None:
    code = 'DEFAULT_MODEL = "anthropic/claude-3-5-sonnet-20241022"\n'
    names = hosted(scan(make_tree({"pkg/settings.py": code})))
    assert names.get("claude-3-5-sonnet-20241022") == {"anthropic"}


def test_pymilvus_embedding_functions(make_tree: MakeTree) -> None:
    code = """
def build(model_name, **kwargs):
    from pymilvus import model

    if not model_name:
        return model.DefaultEmbeddingFunction()
    if model_name.startswith("jina-"):
        return model.dense.JinaEmbeddingFunction(model_name, **kwargs)
    return model.dense.SentenceTransformerEmbeddingFunction("BAAI/bge-small-en-v1.5")
"""
    inv = scan(make_tree({"pkg/milvus_embedding.py": code}))
    kinds = model_kinds(inv)
    assert "gptcache/paraphrase-albert-onnx" not in kinds  # the library's own, not named here
    assert kinds["baai/bge-small-en-v1.5"] == "hub"
    assert "jina" in {s.provider for s in inv.services.values()}


def test_a_pymilvus_lookalike_is_no_model(make_tree: MakeTree) -> None:
    code = """
class DefaultEmbeddingFunction:
    pass


def build():
    return DefaultEmbeddingFunction()
"""
    assert not model_kinds(scan(make_tree({"pkg/embedding.py": code})))


DOCKER_DEMO = """#!/usr/bin/env bash
QWEN_CHECKPOINT_PATH=/path/to/Qwen-Instruct
DATA_DIR=/srv/data
while [[ "$1" != "" ]]; do
    case $1 in
        -c | --checkpoint )
            shift
            QWEN_CHECKPOINT_PATH=$1
            ;;
    esac
    shift
done

sudo docker run --gpus all --rm --name demo \\
    -v /var/run/docker.sock:/var/run/docker.sock \\
    -v ${DATA_DIR}:/data/inputs \\
    --mount type=bind,source=${QWEN_CHECKPOINT_PATH},target=/data/shared/Qwen/Qwen-Instruct \\
    -it qwenllm/qwen:2-cu121 \\
    python web_demo.py --server-port 80 -c /data/shared/Qwen/Qwen-Instruct/
"""


def test_a_checkpoint_mounted_into_a_container_is_a_local_model(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"docker/docker_web_demo.sh": DOCKER_DEMO}))
    found = models(inv)
    assert "/data/shared/qwen/qwen-instruct" in found
    assert model_kinds(inv)["/data/shared/qwen/qwen-instruct"] == "local"
    assert "docker/docker_web_demo.sh:17" in found["/data/shared/qwen/qwen-instruct"]
    assert "/data/inputs" not in found
    assert "/var/run/docker.sock" not in found


def test_a_volume_of_a_model_dir_variable(make_tree: MakeTree) -> None:
    script = (
        "MODEL_DIR=./weights\n"
        "CACHE=~/.cache\n"
        "docker run -v $MODEL_DIR:/models:ro -v $CACHE:/root/.cache ghcr.io/acme/server:1\n"
        "echo -v $MODEL_DIR:/elsewhere\n"
    )
    found = models(scan(make_tree({"run.sh": script})))
    assert "/models" in found
    assert "/root/.cache" not in found
    assert "/elsewhere" not in found
