"""A project's wrapper whose endpoint parameter has a default still forwards what callers pass.

``def make_client(base_url="http://localhost:8000/v1"): return OpenAI(base_url=base_url)``:
the default is one endpoint, and every ``make_client(base_url="https://api.groq.com/...")``
elsewhere in the project names another (the same rule as for model parameters). A URL
parameter that never reaches a client is no wrapper, whatever its default.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

CLIENTS = (
    "from openai import OpenAI\n"
    "from langchain_openai import ChatOpenAI\n"
    "\n"
    "def make_client(base_url: str = 'http://localhost:8000/v1', key: str = 'x'):\n"
    "    return OpenAI(base_url=base_url, api_key=key)\n"
    "\n"
    "class Chat:\n"
    "    def __init__(self, api_base='http://localhost:1234/v1'):\n"
    "        self.api_base = api_base\n"
    "        self.llm = ChatOpenAI(model='gpt-4o-mini', base_url=self.api_base)\n"
    "\n"
    "def log_url(url='https://api.mistral.ai/v1'):\n"  # a URL parameter that reaches no client
    "    print(url)\n"
)


def test_callers_of_a_wrapper_with_an_endpoint_default_name_their_endpoints(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/clients.py": CLIENTS,
            "app/main.py": (
                "from app.clients import make_client, Chat, log_url\n"
                "a = make_client(base_url='https://api.groq.com/openai/v1')\n"
                "b = make_client('https://api.deepseek.com')\n"
                "c = Chat(api_base='https://api.together.xyz/v1')\n"
                "log_url(url='https://api.fireworks.ai/inference/v1')\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("groq", "https://api.groq.com/openai/v1") in found
    assert ("deepseek", "https://api.deepseek.com") in found
    assert ("together", "https://api.together.xyz/v1") in found
    assert ("self-hosted", "http://localhost:8000/v1") in found  # the defaults still count
    assert ("self-hosted", "http://localhost:1234/v1") in found
    providers = {p for p, _ in found}
    assert "fireworks" not in providers  # log_url() forwards nothing to a client
    assert "mistral" not in providers
