"""Client classes a provider registry decorator registers under provider types.

``@register_provider([LLMType.FIREWORKS, LLMType.MOONSHOT]) class OpenAILLM`` (the enum in
another module, ``FIREWORKS = "fireworks"``): the program builds that client for each of
those provider types, so each one that names a known provider is a service it offers. A
decorator that does not say it registers providers, and values that name no provider, are
not read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_provider_registry_decorators(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/configs.py": (
                "from enum import Enum\n"
                "class LLMType(Enum):\n"
                "    OPENAI = 'openai'\n"
                "    FIREWORKS = 'fireworks'\n"
                "    MOONSHOT = 'moonshot'\n"
                "    QIANFAN = 'qianfan'\n"
                "    CUSTOM = 'my_backend'\n"
            ),
            "app/provider/openai_api.py": (
                "from app.configs import LLMType\n"
                "from app.provider.registry import register_provider\n"
                "\n"
                "@register_provider([LLMType.FIREWORKS, LLMType.MOONSHOT, LLMType.CUSTOM])\n"
                "class OpenAILLM:\n"
                "    def __init__(self, config):\n"
                "        self.model = config.model\n"
            ),
            "app/provider/qianfan_api.py": (
                "from app.configs import LLMType\n"
                "from app.provider.registry import register_provider\n"
                "\n"
                "@register_provider(LLMType.QIANFAN)\n"
                "class QianFanLLM:\n"
                "    pass\n"
            ),
            "app/tools/registry.py": (
                "from app.configs import LLMType\n"
                "\n"
                "@register_tool('mistral')\n"  # not a provider registry
                "class MistralTool:\n"
                "    pass\n"
            ),
        }
    )
    providers = {p for p, _ in endpoints(scan(root))}
    assert {"fireworks", "moonshot", "baidu"} <= providers
    assert "mistral" not in providers
    assert "unknown" not in providers
