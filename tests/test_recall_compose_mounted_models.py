"""Model paths a docker-compose service mounts (issue 11): a model setting of the service's
environment that points at, or below, a path one of its volumes mounts is the host's model the
program loads (``MODEL_PATH=/models/chatglm3-6b`` with ``${LOCAL_MODEL_PATH}:/models/chatglm3-6b``,
``MODEL: /models/${MODEL_NAME:-code-llama-2-7b-chat.gguf}`` with ``./models:/models``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

COMPOSE = """
services:
  api:
    image: python:3.10.13-slim
    environment:
      - MODEL_PATH=/models/chatglm3-6b
      - EMBEDDING_PATH=/models/bge-large-zh-v1.5
      - TZ=Asia/Shanghai
    volumes:
      - ./:/app
      - ${LOCAL_MODEL_PATH}:/models/chatglm3-6b
      - ${LOCAL_EMBEDDING_MODEL_PATH}:/models/bge-large-zh-v1.5:ro
  gguf:
    build: ./cuda
    volumes:
      - './models:/models'
    environment:
      MODEL: '/models/${MODEL_NAME:-code-llama-2-7b-chat.gguf}'
"""


def test_model_settings_pointing_into_a_mount_are_local_models(make_tree: MakeTree) -> None:
    kinds = model_kinds(scan(make_tree({"docker-compose.yml": COMPOSE})))
    assert kinds["/models/chatglm3-6b"] == "local"
    assert kinds["/models/bge-large-zh-v1.5"] == "local"
    assert kinds["/models/code-llama-2-7b-chat.gguf"] == "local"


DECOYS = """
services:
  worker:
    image: python:3.11
    environment:
      MODEL_PATH: /models
      MODELS_PATH: /weights/all-models
      TOKENIZER_PATH: /weights/tokenizer-v2
      OUTPUT_PATH: /weights/out-1
      MODEL_DIR: /opt/llama-7b
      DATA_PATH: /weights/data-1
    volumes:
      - ./models:/models
      - ./weights:/weights
"""


def test_mount_points_plural_settings_and_unmounted_paths_are_not_models(
    make_tree: MakeTree,
) -> None:
    found = set(models(scan(make_tree({"docker-compose.yml": DECOYS}))))
    assert (
        not {
            "/models",
            "/weights/all-models",
            "/weights/tokenizer-v2",
            "/weights/out-1",
            "/opt/llama-7b",
            "/weights/data-1",
        }
        & found
    )
