"""A client a method of the same class builds (issue 11).

``client = self._client()`` where ``def _client(self): return AsyncOpenAI(base_url=self.base_url)``
and the class's field says ``base_url = "https://api.cerebras.ai/v1"``: the requests the client
sends go to that host, with the model the class's field names (browser-use's ``ChatCerebras``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

WRAPPER = (
    "from dataclasses import dataclass\n"
    "from openai import AsyncOpenAI\n"
    "@dataclass\n"
    "class ChatHost:\n"
    "    model: str = 'llama-3.3-70b'\n"
    "    base_url: str = 'https://api.cerebras.ai/v1'\n"
    "    def _client(self) -> AsyncOpenAI:\n"
    "        return AsyncOpenAI(base_url=self.base_url)\n"
    "    async def ainvoke(self, messages):\n"
    "        client = self._client()\n"
    "        return await client.chat.completions.create(model=self.model, messages=messages)\n"
)


def test_a_client_built_by_an_own_method_goes_to_the_classs_base_url(
    make_tree: MakeTree,
) -> None:
    found = hosted(scan(make_tree({"pkg/llm/host/chat.py": WRAPPER})))
    assert "cerebras" in found["llama-3.3-70b"]


def test_an_own_method_without_a_base_url_is_the_sdks_default(make_tree: MakeTree) -> None:
    src = WRAPPER.replace("AsyncOpenAI(base_url=self.base_url)", "AsyncOpenAI()").replace(
        "'llama-3.3-70b'", "'gpt-4o-mini'"
    )
    found = hosted(scan(make_tree({"pkg/llm/openai/chat.py": src})))
    assert found["gpt-4o-mini"] == {"openai"}


def test_a_method_of_another_class_is_not_followed(make_tree: MakeTree) -> None:
    src = (
        "from openai import AsyncOpenAI\n"
        "class Factory:\n"
        "    def _client(self):\n"
        "        return AsyncOpenAI(base_url='https://api.cerebras.ai/v1')\n"
        "class Plain:\n"
        "    def _client(self):\n"
        "        return object()\n"
        "    async def run(self):\n"
        "        client = self._client()\n"
        "        return await client.chat.completions.create(model='some-model-1')\n"
    )
    found = hosted(scan(make_tree({"pkg/other.py": src})))
    assert "cerebras" not in found.get("some-model-1", set())
