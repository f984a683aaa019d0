"""SDK classes built without a model send their SDK's (or API's) default model.

``OpenAIEmbeddings()`` embeds with langchain-openai's default ``text-embedding-ada-002``;
``DallEAPIWrapper()`` leaves the model to the OpenAI Images API, whose default is
``dall-e-2`` (``sdk_defaults.yaml``). A call that names its model, spreads its arguments
or points the client at another host does not send the default; neither does a project's
own class of the same name. LangChain's ``BedrockChat(model_id=...)`` calls Bedrock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_default_models_of_sdk_classes(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/upload.py": (
                "from langchain_openai import OpenAIEmbeddings\n"
                "store = make_store(embedding_function=OpenAIEmbeddings())\n"
            ),
            "app/tools.py": (
                "from langchain_community.utilities.dalle_image_generator import DallEAPIWrapper\n"
                "tool = DallEAPIWrapper(size='1024x1024', quality='hd').run\n"
            ),
            "app/llms.py": (
                "import boto3\n"
                "from langchain_community.chat_models import BedrockChat\n"
                "client = boto3.client('bedrock-runtime', region_name='us-west-2')\n"
                "llm = BedrockChat(model_id='anthropic.claude-v2', client=client)\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("text-embedding-ada-002") == {"openai"}
    assert names.get("dall-e-2") == {"openai"}
    assert names.get("anthropic.claude-v2") == {"aws-bedrock"}


def test_no_default_when_the_call_decides(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/named.py": (
                "from langchain_openai import OpenAIEmbeddings\n"
                "from langchain_community.utilities import DallEAPIWrapper\n"
                "e = OpenAIEmbeddings(model='text-embedding-3-small')\n"
                "d = DallEAPIWrapper(model='dall-e-3')\n"
            ),
            "app/spread.py": (
                "from langchain_openai import OpenAIEmbeddings\n"
                "e = OpenAIEmbeddings(**settings.embedding_kwargs)\n"
            ),
            "app/local.py": (
                "from langchain_openai import OpenAIEmbeddings\n"
                "e = OpenAIEmbeddings(base_url='http://localhost:8080/v1')\n"
            ),
            "app/own.py": ("class OpenAIEmbeddings:\n    pass\n\ne = OpenAIEmbeddings()\n"),
        }
    )
    names = hosted(scan(root))
    assert names.get("text-embedding-3-small") == {"openai"}
    assert names.get("dall-e-3") == {"openai"}
    assert "text-embedding-ada-002" not in names
    assert "dall-e-2" not in names


def test_no_default_from_a_test_s_client(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "tests/vector_store.py": (
                "from langchain_openai import OpenAIEmbeddings\n"
                "store = make_store(embedding=OpenAIEmbeddings())\n"
            ),
        }
    )
    assert "text-embedding-ada-002" not in hosted(scan(root))
