"""A project's own subclass of an SDK client class builds that client.

``class WrappedAzureChatOpenAI(AzureChatOpenAI)`` (instantiated through a variable a factory
picks) talks to Azure OpenAI; ``class Claude(ChatAnthropic)`` to Anthropic. A subclass of an
OpenAI-compatible class (``ChatOpenAI``) goes wherever its base URL says, so it names no
provider by itself; a base of the project's own, or one that is no SDK client, names none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_subclasses_of_sdk_client_classes(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "agent/model_factory.py": (
                "from langchain.chat_models import AzureChatOpenAI, ChatOpenAI\n"
                "from langchain_anthropic import ChatAnthropic\n"
                "from pydantic import BaseModel\n"
                "\n"
                "class WrappedChatOpenAI(ChatOpenAI):\n"
                "    max_tokens: int\n"
                "\n"
                "class WrappedAzureChatOpenAI(AzureChatOpenAI, WrappedChatOpenAI):\n"
                "    deployment_name: str\n"
                "\n"
                "class Claude(ChatAnthropic):\n"
                "    pass\n"
                "\n"
                "class Settings(BaseModel):\n"
                "    model: str\n"
                "\n"
                "def create_model(use_azure, **kwargs):\n"
                "    model = WrappedAzureChatOpenAI if use_azure else WrappedChatOpenAI\n"
                "    return model(**kwargs)\n"
            ),
            "agent/own.py": (
                "class ChatGroq:\n"
                "    pass\n"
                "\n"
                "class MyGroq(ChatGroq):\n"  # the project's own base
                "    pass\n"
            ),
        }
    )
    providers = {p for p, _ in endpoints(scan(root))}
    assert providers == {"azure-openai", "anthropic"}
