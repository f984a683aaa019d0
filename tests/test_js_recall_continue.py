"""JS/TS recall (issue 11): model tables held by provider classes, catalog entries that name
their models one level down under a list of providers, and base URLs in default options;
with decoys that stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_PROVIDER_CLASSES = """\
class Together extends OpenAI {
  static providerName = "together";
  static defaultOptions: Partial<LLMOptions> = {
    apiBase: "https://api.together.xyz/v1/",
  };
  private static MODEL_IDS: { [name: string]: string } = {
    "codellama-7b": "togethercomputer/CodeLlama-7b-Instruct",
    "llama3-8b": "meta-llama/Llama-3-8b-chat-hf",
  };
  protected _convertModelName(model: string) {
    return Together.MODEL_IDS[model] || this.model;
  }
}

class Groq extends OpenAI {
  static providerName = "groq";
  private static modelConversion: { [key: string]: string } = {
    "mistral-8x7b": "mixtral-8x7b-32768",
    gemma2: "gemma2-9b-it",
    "llama3.3-70b": "llama-3.3-70b-versatile",
  };
}

class Ollama extends BaseLLM {
  static providerName = "ollama";
  private modelMap: Record<string, string> = {
    "mistral-7b": "mistral:7b",
    "codeup-13b": "codeup:13b",
    "neural-chat-7b": "neural-chat:7b-v3.3",
  };
}
"""


def test_a_model_table_of_a_class_is_offered_through_the_provider_it_declares(
    make_tree: MakeTree,
) -> None:
    inv = scan(make_tree({"core/llm/llms/providers.ts": _PROVIDER_CLASSES}))
    names = hosted(inv)
    # the mapped value is what is sent; the keys are the product's own aliases
    assert names["togethercomputer/codellama-7b-instruct"] == {"together"}
    assert names["meta-llama/llama-3-8b-chat-hf"] == {"together"}
    # names no pattern knows count once the class says whose they are
    assert names["mixtral-8x7b-32768"] == {"groq"}
    assert names["llama-3.3-70b-versatile"] == {"groq"}
    kinds = model_kinds(inv)
    assert kinds["codeup:13b"] == "ollama"
    assert kinds["neural-chat:7b-v3.3"] == "ollama"
    assert "core/llm/llms/providers.ts:29" in models(inv)["neural-chat:7b-v3.3"]
    for alias in ("codellama-7b", "mistral-8x7b", "codeup-13b", "gemma2"):
        assert alias not in everything(inv)


def test_class_tables_that_are_not_model_tables_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # the field's name does not say models: a colour map's versioned names are not
            # vouched for by the class's provider (names a pattern knows are loose literals)
            "src/theme.ts": (
                "class Theme {\n"
                '  static providerName = "groq";\n'
                "  private static colourMap = {\n"
                '    primary: "deep-sea-2",\n'
                '    accent: "azure-tint-4",\n'
                "  };\n"
                "}\n"
            ),
            # no provider declared: names no pattern knows are not vouched for
            "src/aliases.ts": (
                "class Aliases {\n"
                "  private modelMap = {\n"
                '    fast: "house-blend-fast",\n'
                '    slow: "house-blend-slow",\n'
                "  };\n"
                "}\n"
            ),
        }
    )
    assert everything(scan(root)) == set()


_CATALOG = """\
export const models: { [key: string]: ModelPackage } = {
  llama31Chat: {
    title: "Llama3.1 Chat",
    params: { title: "Llama3.1-8b", model: "llama3.1-8b", contextLength: 8192 },
    dimensions: [
      {
        name: "Parameter Count",
        options: {
          "8b": { model: "llama3.1-8b", title: "Llama3.1-8b" },
          "70b": { model: "llama3.1-70b", title: "Llama3.1-70b" },
        },
      },
    ],
    providerOptions: ["ollama", "lmstudio", "together", "groq"],
  },
  gpt4o: {
    title: "GPT-4o",
    params: { model: "gpt-4o", contextLength: 128000 },
    providerOptions: ["openai"],
  },
  hermes: {
    title: "Hermes 4 70B",
    params: { model: "Hermes-4-70B", contextLength: 128000 },
    providerOptions: ["novita"],
  },
};
"""


def test_catalog_entries_name_their_models_one_level_down_under_their_providers(
    make_tree: MakeTree,
) -> None:
    inv = scan(make_tree({"gui/src/configs/models.ts": _CATALOG}))
    names = hosted(inv)
    # the first hosted provider of the entry's list offers it (ollama runs it locally)
    assert names["llama3.1-8b"] == {"together"}
    assert names["llama3.1-70b"] == {"together"}
    assert names["gpt-4o"] == {"openai"}
    assert names["hermes-4-70b"] == {"novita"}
    assert "llama3.1:8b" not in models(inv)  # an alias, never an Ollama tag


def test_nested_entries_without_a_hosted_provider_stay_unrecognised(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gui/src/configs/models.ts": (
                "export const models = {\n"
                "  one: {\n"
                '    params: { model: "house-blend-7b" },\n'
                '    providerOptions: ["ollama", "lmstudio"],\n'
                "  },\n"
                "  two: {\n"
                '    params: { model: "house-blend-13b" },\n'
                '    providerOptions: ["ollama"],\n'
                "  },\n"
                "};\n"
            ),
            # not named as models: a settings table whose entries hold a nested model key
            "gui/src/configs/screens.ts": (
                "export const screens = {\n"
                '  home: { params: { model: "grid-7b" }, providerOptions: ["groq"] },\n'
                '  about: { params: { model: "grid-13b" }, providerOptions: ["groq"] },\n'
                "};\n"
            ),
        }
    )
    assert everything(scan(root)) == set()


def test_a_base_url_in_default_options_is_a_service(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "core/llm/llms/SiliconFlow.ts": (
                "class SiliconFlow extends OpenAI {\n"
                '  static providerName = "siliconflow";\n'
                "  static defaultOptions = {\n"
                '    apiBase: "https://api.siliconflow.cn/v1/",\n'
                "  };\n"
                "}\n"
            ),
            "core/llm/llms/Ollama.ts": (
                "const DEFAULT_API_URL = 'http://localhost:11434/';\n"
                "class Ollama extends BaseLLM {\n"
                "  static defaultOptions = { baseUrl: DEFAULT_API_URL };\n"
                "}\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("siliconflow", "https://api.siliconflow.cn/v1/") in found
    assert ("ollama", "http://localhost:11434/") in found


def test_urls_under_other_keys_or_unknown_hosts_are_not_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/links.ts": (
                "export const links = {\n"
                '  docsUrl: "https://api.together.xyz/docs",\n'
                '  homepage: "https://api.groq.com/",\n'
                '  apiBase: "https://api.example-internal.test/v1/",\n'
                '  baseURL: "not a url at api.openai.com",\n'
                "};\n"
            )
        }
    )
    assert endpoints(scan(root)) == set()


def test_assistant_platforms_in_provider_lists_are_known_providers(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gui/src/configs/models.ts": (
                "export const models = {\n"
                '  gpt4o: { params: { model: "gpt-4o" }, providerOptions: ["openai"] },\n'
                '  hermes4: { params: { model: "Hermes-4-70B" }, providerOptions: ["nous"] },\n'
                '  gov: { params: { model: "gpt4-gov" }, providerOptions: ["askSage"] },\n'
                '  mercury: { params: { model: "mercury-2" }, providerOptions: ["inception"] },\n'
                '  mimo: { params: { model: "mimo-v2-flash" }, providerOptions: ["mimo"] },\n'
                '  ovh: { params: { model: "qwen2.5-vl-72b" }, providerOptions: ["ovhcloud"] },\n'
                '  fn: { params: { model: "deepseek-7b" }, providerOptions: ["function-network"] },\n'
                "};\n"
            )
        }
    )
    names = hosted(scan(root))
    assert names["hermes-4-70b"] == {"nous-research"}
    assert names["gpt4-gov"] == {"asksage"}
    assert names["mercury-2"] == {"inception"}
    assert names["mimo-v2-flash"] == {"xiaomi-mimo"}
    assert names["qwen2.5-vl-72b"] == {"ovhcloud"}
    assert names["deepseek-7b"] == {"function-network"}


def test_a_provider_record_gives_its_models_list_the_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "packages/llm-info/src/providers/cometapi.ts": (
                "export const CometAPI: ModelProvider = {\n"
                '  id: "cometapi",\n'
                '  displayName: "CometAPI",\n'
                "  models: [\n"
                '    { model: "claude-3-5-haiku-latest", contextLength: 200000 },\n'
                '    { model: "grok-2-image-1212", contextLength: 32768 },\n'
                "  ],\n"
                "};\n"
            ),
            # an id that names no provider leaves each name to its own provider
            "src/presets.ts": (
                "export const preset = {\n"
                '  id: "default-preset",\n'
                "  models: [\n"
                '    { model: "claude-3-5-haiku-latest" },\n'
                '    { model: "grok-2-image-1212" },\n'
                "  ],\n"
                "};\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["claude-3-5-haiku-latest"] == {"cometapi", "anthropic"}
    assert names["grok-2-image-1212"] == {"cometapi", "xai"}


def test_replicate_versioned_ids_longer_than_a_hundred_characters(make_tree: MakeTree) -> None:
    version = "67eed332a5389263b8ede41be3ee7dc119fa984e2bde287814c4abed19a45e54"
    root = make_tree(
        {
            "core/llm/llms/Replicate.ts": (
                "class Replicate extends BaseLLM {\n"
                "  private static MODEL_IDS = {\n"
                f'    "wizardcoder-34b": "andreasjansson/wizardcoder-python-34b-v1-gguf:{version}",\n'
                '    "llama3-8b": "meta/meta-llama-3-8b-instruct",\n'
                "  };\n"
                '  static providerName = "replicate";\n'
                "}\n"
            )
        }
    )
    names = hosted(scan(root))
    assert names[f"andreasjansson/wizardcoder-python-34b-v1-gguf:{version}"] == {"replicate"}
    assert names["meta/meta-llama-3-8b-instruct"] == {"replicate"}


def test_a_provider_list_outside_a_model_catalog_vouches_for_nothing(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/auth.ts": (
                "export const signIn = [\n"
                '  { id: "google-login", providers: ["google"] },\n'
                '  { id: "gpt-4o", providers: ["openai"] },\n'
                '  { id: "sso-bridge", providers: ["openai"] },\n'
                "];\n"
            )
        }
    )
    names = hosted(scan(root))
    assert "google-login" not in names
    assert "sso-bridge" not in names


_ENTRIES = """\
export const models = {
  phi3mini: { title: "Phi-3 Mini", params: { model: "phi-3-mini", contextLength: 4096 } },
  olmo7b: { title: "OLMo 7B", params: { model: "olmo-7b" } },
  gpt4o: { title: "GPT-4o", params: { model: "gpt-4o" } },
};
export const assets = {
  logo: { title: "Logo", params: { model: "logo-v2" } },
  banner: { title: "Banner", params: { model: "banner-v3" } },
};
"""


def test_a_provider_record_offers_the_catalog_entries_it_references(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gui/configs/models.ts": _ENTRIES,
            "gui/configs/providers.ts": (
                'import { models } from "./models";\n'
                "export const providers = {\n"
                "  nebius: {\n"
                '    title: "Nebius AI Studio",\n'
                '    provider: "nebius",\n'
                "    packages: [models.phi3mini, models.olmo7b, models.gpt4o],\n"
                "  },\n"
                "};\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names["phi-3-mini"] == {"nebius"}
    assert names["olmo-7b"] == {"nebius"}
    assert "nebius" in names["gpt-4o"]


def test_references_without_a_provider_or_to_records_of_no_model_stay_out(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "gui/configs/models.ts": _ENTRIES,
            "gui/configs/pages.ts": (
                'import { models, assets } from "./models";\n'
                "export const pages = {\n"
                # no provider named: the names are unknown to every pattern
                '  home: { title: "Home", packages: [models.phi3mini, models.olmo7b] },\n'
                # a provider, but the records are images, not models
                '  groq: { provider: "groq", images: [assets.logo, assets.banner] },\n'
                "};\n"
            ),
        }
    )
    names = everything(scan(root))
    for name in ("phi-3-mini", "olmo-7b", "logo-v2", "banner-v3"):
        assert name not in names


def test_entries_of_a_model_catalog_need_no_pattern_under_a_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gui/configs/models.ts": _ENTRIES,
            "gui/configs/providers.ts": (
                'import { models, assets } from "./models";\n'
                "export const providers = {\n"
                '  "function-network": {\n'
                '    provider: "function-network",\n'
                "    packages: [models.phi3mini, models.olmo7b],\n"
                "  },\n"
                # the same provider over records of a table that is not a model catalog
                '  nebius: { provider: "nebius", packages: [assets.logo, assets.banner] },\n'
                "};\n"
            ),
        }
    )
    names = everything(scan(root))
    assert "phi-3-mini" in names
    assert "olmo-7b" in names
    assert "logo-v2" not in names
    assert "banner-v3" not in names


def test_an_entry_offered_only_through_ollama_names_an_ollama_tag(make_tree: MakeTree) -> None:
    catalog = _CATALOG.replace(
        "};\n",
        "  gemmaNext: {\n"
        '    title: "Gemma Next",\n'
        '    params: { title: "Gemma Next", model: "gemma9", contextLength: 128_000 },\n'
        '    providerOptions: ["ollama"],\n'
        "  },\n"
        "  local: {\n"
        '    params: { model: "house-blend-13b" },\n'
        '    providerOptions: ["ollama", "lmstudio"],\n'
        "  },\n"
        "};\n",
    )
    inv = scan(make_tree({"gui/src/configs/models.ts": catalog}))
    kinds = model_kinds(inv)
    # a tag the Ollama library table does not know, in a catalog entry only Ollama offers
    assert kinds["gemma9"] == "ollama"
    # offered by Ollama and LM Studio: not only Ollama's tag
    assert "house-blend-13b" not in everything(inv)
