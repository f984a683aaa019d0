"""JS/TS catalogs (issue 11, rule 1): provider arrays spread into a catalog, model objects
returned or bound inside functions, model option lists; with decoys that stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_first_spread_gives_the_provider_later_spreads_add_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/constant.ts": (
                'const openaiModels = ["gpt-4o", "gpt-4o-mini"];\n'
                "export const DEFAULT_MODELS = [\n"
                "  ...openaiModels.map((name) => ({ name, provider: { id: 'openai' } })),\n"
                "  ...openaiModels.map((name) => ({ name, provider: { id: 'azure' } })),\n"
                "];\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gpt-4o"] == {"openai"}
    assert names["gpt-4o-mini"] == {"openai"}
    assert "app/constant.ts:4" in service_places(inv, "azure-openai")
    assert "app/constant.ts:1" in service_places(inv, "openai")


def test_a_spread_provider_vouches_for_names_no_pattern_knows(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/constant.ts": (
                'const iflytekModes = ["general", "generalv3", "pro-128k", "generalv3.5", "4.0Ultra"];\n'
                "export const DEFAULT_MODELS = [\n"
                "  ...iflytekModes.map((name) => ({ name, provider: { id: 'iflytek' } })),\n"
                "];\n"
            ),
            # the same shape without a provider: only the names a pattern knows
            "app/other.ts": (
                'const sparkModes = ["lite", "generalv3", "pro-128k", "generalv3.5", "4.0Ultra"];\n'
                "export const ALL_MODELS = [...sparkModes];\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names["general"] == {"iflytek-spark"}
    assert names["4.0ultra"] == {"iflytek-spark"}
    assert "lite" not in names


def test_an_unnamed_spread_without_provider_is_not_a_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/colours.ts": (
                'const palette = ["gpt-4o", "claude-3-5-haiku-latest"];\n'
                "export const THEME = [...palette.map((c) => ({ c, dark: true }))];\n"
            )
        }
    )
    assert everything(scan(root)) == set()


def test_fallback_model_objects_inside_functions(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server/customModels.js": (
                "async function deepseekModels(client) {\n"
                "  return client.models.list().catch(() => [\n"
                '    { id: "deepseek-chat", name: "deepseek-chat", organization: "deepseek" },\n'
                '    { id: "deepseek-reasoner", name: "deepseek-reasoner", organization: "deepseek" },\n'
                "  ]);\n"
                "}\n"
                "async function sttModels() {\n"
                "  const fallback = [\n"
                '    { id: "whisper-1", name: "whisper-1", organization: "OpenAi" },\n'
                '    { id: "gpt-4o-transcribe", name: "gpt-4o-transcribe", organization: "OpenAi" },\n'
                "  ];\n"
                "  return fallback;\n"
                "}\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["deepseek-reasoner"] == {"deepseek"}
    assert names["gpt-4o-transcribe"] == {"openai"}
    assert "server/customModels.js:9" in service_places(inv, "openai")


def test_object_arrays_with_a_non_model_entry_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server/menu.js": (
                "function entries() {\n"
                "  return [\n"
                '    { id: "gpt-4o", label: "Chat" },\n'
                '    { id: "settings", label: "Settings" },\n'
                '    { id: "history", label: "History" },\n'
                "  ];\n"
                "}\n"
                "export const TABS = [\n"
                '  { id: "chat", provider: "openai" },\n'
                '  { id: "settings", provider: "openai" },\n'
                "];\n"
            )
        }
    )
    assert everything(scan(root)) == set()


def test_model_option_list_of_a_form_field(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/sd-panel.tsx": (
                "export const params = [\n"
                "  {\n"
                '    name: "Model",\n'
                '    value: "model",\n'
                '    type: "select",\n'
                "    options: [\n"
                '      { name: "SD3 Medium", value: "sd3-medium" },\n'
                '      { name: "SD3 Large", value: "sd3-large" },\n'
                "    ],\n"
                "  },\n"
                "  {\n"
                '    name: "Ratio",\n'
                '    value: "aspect_ratio",\n'
                "    options: [\n"
                '      { name: "square", value: "1:1" },\n'
                '      { name: "wide", value: "16:9" },\n'
                "    ],\n"
                "  },\n"
                "];\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["sd3-medium"] == {"stability"}
    assert "app/sd-panel.tsx:8" in service_places(inv, "stability")
    assert everything(inv) == {"sd3-medium", "sd3-large"}


def test_instance_models_take_the_provider_the_class_talks_to(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "providers/sambanova.js": (
                'const OpenAI = require("openai");\n'
                "class SambaNovaProvider {\n"
                "  constructor(config = {}) {\n"
                '    const { model = "Meta-Llama-3.1-8B-Instruct" } = config;\n'
                '    this.client = new OpenAI({ baseURL: "https://api.sambanova.ai/v1" });\n'
                "    this.model = model;\n"
                "  }\n"
                "  async complete(messages) {\n"
                "    return this.client.chat.completions.create({ model: this.model, messages });\n"
                "  }\n"
                "}\n"
            ),
            "image/openai.js": (
                'const { BaseImageGenerator } = require("../base");\n'
                "class OpenAiImageGenerator extends BaseImageGenerator {\n"
                "  constructor() {\n"
                '    const { OpenAI } = require("openai");\n'
                "    super({\n"
                "      client: new OpenAI({ apiKey: process.env.KEY }),\n"
                '      model: process.env.IMAGE_GEN_MODEL_PREF || "gpt-image-1",\n'
                "    });\n"
                "  }\n"
                "}\n"
            ),
            "stt/deepgram.js": (
                "class DeepgramSTT {\n"
                "  constructor() {\n"
                '    this.model = process.env.STT_DEEPGRAM_MODEL ?? "nova-3";\n'
                '    this.endpoint = "https://api.deepgram.com/v1/listen";\n'
                "  }\n"
                "}\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["meta-llama-3.1-8b-instruct"] == {"sambanova"}
    assert names["gpt-image-1"] == {"openai"}
    assert "image/openai.js:7" in service_places(inv, "openai")
    assert names["nova-3"] == {"deepgram"}


def test_instance_fields_that_are_not_models_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "ui/widget.js": (
                'const OpenAI = require("openai");\n'
                "class Widget {\n"
                "  constructor() {\n"
                '    this.client = new OpenAI({ baseURL: "https://api.sambanova.ai/v1" });\n'
                '    this.model = "default";\n'
                '    this.title = "Meta-Llama-3.1-8B-Instruct";\n'
                '    this.engine = "TTS-motor";\n'
                "  }\n"
                "}\n"
            )
        }
    )
    assert everything(scan(root)) == set()
