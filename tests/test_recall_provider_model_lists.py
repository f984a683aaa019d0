"""JS/TS provider-named model lists (issue 11): a string array, ``as const`` array, zod
``z.enum([...])`` schema or TS ``enum`` bound to a name that says models and names a hosted
provider (``CerebrasModelIdSchema``, ``anthropicModels``, ``OPENAI_MODELS``) is that
provider's catalog, so members no pattern knows are still its hosted models; with decoys
(no provider in the name, a family or local runner, capability sets, a provider list).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_zod_enum_named_after_a_provider_is_its_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/schemas.ts": (
                'import { z } from "zod";\n'
                "export const CerebrasModelIdSchema = z\n"
                "  .enum([\n"
                '    "llama3.1-8b",\n'
                '    "gpt-oss-120b",\n'
                '    "qwen-3-235b-a22b-instruct-2507",\n'
                '    "zai-glm-4.6",\n'
                "  ])\n"
                '  .meta({ id: "CerebrasModelId" });\n'
                "export const GoogleModelIdSchema = z.enum([\n"
                '  "gemini-2.5-pro",\n'
                '  "gemini-flash-latest",\n'
                '  "aqa",\n'
                "]);\n"
                'export const ModelProviderSchema = z.enum(["openai", "google", "cerebras"]);\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names["llama3.1-8b"] == {"cerebras"}
    assert names["gpt-oss-120b"] == {"cerebras"}
    assert names["qwen-3-235b-a22b-instruct-2507"] == {"cerebras"}
    assert names["zai-glm-4.6"] == {"cerebras"}
    assert names["gemini-flash-latest"] == {"google"}
    assert names["aqa"] == {"google"}
    # the list of providers is no model list
    assert not {"openai", "google", "cerebras"} & set(names)


def test_arrays_and_enums_named_after_a_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/models.ts": (
                "export const OPENAI_MODELS = [\n"
                '  "gpt-4o",\n'
                '  "o1",\n'
                '  "chatgpt-4o-latest",\n'
                "] as const;\n"
                "export const anthropicModels = Object.freeze([\n"
                '  "claude-sonnet-4-5",\n'
                '  "claude-opus-4-1",\n'
                "]);\n"
                "export enum GroqModel {\n"
                '  Llama = "llama-3.3-70b-versatile",\n'
                '  Compound = "compound-beta",\n'
                "}\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names["o1"] == {"openai"}
    assert names["chatgpt-4o-latest"] == {"openai"}
    assert names["claude-opus-4-1"] == {"anthropic"}
    assert names["compound-beta"] == {"groq"}


def test_lists_that_do_not_name_a_serving_provider_stay_as_they_were(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "src/lists.ts": (
                # no provider in the name: unknown members are not vouched for
                'export const ModelIdSchema = z.enum(["gpt-4o", "gpt-4.1", "house-blend"]);\n'
                # a family names no provider
                'export const geminiModels = ["gemini-2.5-pro", "house-tune"];\n'
                # a capability set is no catalog
                'export const OPENAI_VISION_MODELS = ["gpt-4o", "vision-special"];\n'
                # a local runner serves nothing hosted
                'export const OLLAMA_MODELS = ["llama3.2", "my-local-tune"];\n'
                # not a model list at all
                'export const OPENAI_ROLES = ["system", "assistant", "developer-x"];\n'
                # a provider-named list with no model in it names kinds, not models
                'export const OPENAI_MODEL_TYPES = z.enum(["chat", "embedding", "moderation"]);\n'
            ),
        }
    )
    found = everything(scan(root))
    for stranger in (
        "house-blend",
        "house-tune",
        "vision-special",
        "my-local-tune",
        "developer-x",
        "system",
    ):
        assert stranger not in found
    assert not {"chat", "embedding", "moderation"} & found


def test_an_enum_named_after_a_provider_keeps_another_providers_spelling(
    make_tree: MakeTree,
) -> None:
    src = (
        "export enum OpenAIModelID {\n"
        "  GPT_3_5 = 'gpt-3.5-turbo',\n"
        "  GPT_3_5_AZ = 'gpt-35-turbo',\n"
        "  GPT_4 = 'gpt-4',\n"
        "}\n"
    )
    names = hosted(scan(make_tree({"ui/types/openai.ts": src})))
    assert names["gpt-3.5-turbo"] == {"openai"}
    assert names["gpt-35-turbo"] == {"azure-openai"}  # Azure's spelling is Azure's model
