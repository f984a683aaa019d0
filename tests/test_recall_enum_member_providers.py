"""Model enums whose members belong to platforms (issue 11, round L): an ``is_<provider>``
predicate testing membership of the enum's own members, else a member name led by a word that
spells a provider, says who serves each member (``grok-3`` through CometAPI, ``llama3.1-8b``
at Cerebras); a family word (``CLAUDE_``, ``GPT_``) does not; with decoys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_ENUM = (
    "from enum import Enum\n"
    "\n"
    "class ModelType(Enum):\n"
    '    GPT_4O = "gpt-4o"\n'
    '    GPT_4O_MINI = "gpt-4o-mini"\n'
    '    CLAUDE_3_5_HAIKU = "claude-3-5-haiku-latest"\n'
    '    GEMINI_2_5_PRO = "gemini-2.5-pro"\n'
    '    CEREBRAS_LLAMA_3_1_8B = "llama3.1-8b"\n'
    '    CEREBRAS_QWEN_3_32B = "qwen-3-32b"\n'
    '    COMETAPI_GROK_3 = "grok-3"\n'
    '    COMETAPI_GPT_4O = "gpt-4o"\n'
    '    NEBIUS_DEEPSEEK_V3 = "deepseek-ai/DeepSeek-V3"\n'
    '    QWEN3_235B_A22B = "qwen3-235b-a22b"\n'
    '    YI_VISION_PRO = "yi-vision-pro"\n'
    '    LMSTUDIO_GEMMA_3_1B = "gemma-3-1b"\n'
    '    STUB = "stub"\n'
    "\n"
    "    @property\n"
    "    def is_qianfan(self) -> bool:\n"
    '        """Baidu Qianfan models."""\n'
    "        return self in {ModelType.QWEN3_235B_A22B}\n"
    "\n"
    "    @property\n"
    "    def is_yi(self) -> bool:\n"
    "        return self in {ModelType.YI_VISION_PRO}\n"
    "\n"
    "    @property\n"
    "    def is_lmstudio(self) -> bool:\n"
    "        return self in {ModelType.LMSTUDIO_GEMMA_3_1B}\n"
    "\n"
    "    @property\n"
    "    def is_vision(self) -> bool:\n"
    "        return self in {ModelType.GPT_4O, ModelType.STUB}\n"
)


def test_members_at_the_provider_the_enum_gives_them(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"pkg/types/enums.py": _ENUM}))
    names = hosted(inv)
    # a member name led by a provider: that provider's, whatever the name's shape
    assert names["llama3.1-8b"] == {"cerebras"}
    assert names["qwen-3-32b"] == {"cerebras"}
    assert names["grok-3"] == {"cometapi"}  # not xAI: only CometAPI offers it here
    assert names["gpt-4o"] == {"openai", "cometapi"}
    # a hub id a platform serves: the platform's model and a hub model
    assert names["deepseek-ai/deepseek-v3"] == {"nebius"}
    assert "deepseek-ai/deepseek-v3" in models(inv)
    # a predicate names the provider (a family's vendor, a short name too)
    assert names["qwen3-235b-a22b"] == {"baidu"}
    assert names["yi-vision-pro"] == {"01-ai"}
    assert names["gemma-3-1b"] == {"self-hosted"}
    # family words keep their pattern's provider
    assert names["claude-3-5-haiku-latest"] == {"anthropic"}
    assert names["gemini-2.5-pro"] == {"google"}


def test_a_capability_predicate_is_not_a_provider(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"pkg/types/enums.py": _ENUM})))
    assert "stub" not in found


def test_a_provider_led_member_of_a_non_model_enum_is_not_read(make_tree: MakeTree) -> None:
    source = (
        "from enum import Enum\n"
        "\n"
        "class RegionType(Enum):\n"
        '    CEREBRAS_EAST = "us-east-1"\n'
        '    COMETAPI_WEST = "eu-west-2"\n'
        '    NEBIUS_NORTH = "eu-north-1"\n'
    )
    found = everything(scan(make_tree({"pkg/regions.py": source})))
    assert not found & {"us-east-1", "eu-west-2", "eu-north-1"}


def test_provider_led_words_in_an_enum_that_is_no_catalog(make_tree: MakeTree) -> None:
    # a model-named enum with no recognised member is not a catalog: nothing is vouched for
    source = (
        "from enum import Enum\n"
        "\n"
        "class ModelStatus(Enum):\n"
        '    CEREBRAS_READY = "ready-1"\n'
        '    COMETAPI_DOWN = "down-2"\n'
        '    NEBIUS_BUSY = "busy-3"\n'
    )
    found = everything(scan(make_tree({"pkg/status.py": source})))
    assert not found & {"ready-1", "down-2", "busy-3"}


def test_a_framework_model_argument_is_reported_at_its_own_line(make_tree: MakeTree) -> None:
    from recall_scan import service_places

    root = make_tree(
        {
            "agents/run.py": (
                "from camel.models import ModelFactory\n"
                "from camel.types import ModelPlatformType, ModelType\n"
                "\n"
                "model = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.DEEPSEEK,\n"
                '    model_type="deepseek-chat",\n'
                ")\n"
                "mini = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.OPENAI,\n"
                "    model_type=ModelType.GPT_4_1_MINI,\n"
                ")\n"
            )
        }
    )
    inv = scan(root)
    assert "agents/run.py:6" in service_places(inv, "deepseek")
    assert "agents/run.py:10" in service_places(inv, "openai")
    assert hosted(inv)["gpt-4.1-mini-2025-04-14"] == {"openai"}


def test_an_openai_compatible_platform_is_the_host_of_its_url(make_tree: MakeTree) -> None:
    from recall_scan import endpoints

    root = make_tree(
        {
            "services/agent_config.py": (
                "from camel.models import ModelFactory\n"
                "from camel.types import ModelPlatformType\n"
                "\n"
                "chat_model = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.OPENAI_COMPATIBLE_MODEL,\n"
                '    model_type="nvidia/llama-3.1-nemotron-70b-instruct:free",\n'
                '    url="https://openrouter.ai/api/v1",\n'
                ")\n"
                # a platform the table does not know and no URL: nothing to say who serves it
                "other = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.OPENAI_COMPATIBLE_MODEL,\n"
                '    model_type="my-finetune-v2",\n'
                ")\n"
            )
        }
    )
    inv = scan(root)
    assert hosted(inv)["nvidia/llama-3.1-nemotron-70b-instruct:free"] == {"openrouter"}
    assert ("openrouter", "https://openrouter.ai/api/v1") in endpoints(inv)
    assert "my-finetune-v2" not in everything(inv)
