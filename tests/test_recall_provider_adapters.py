"""Provider adapters of JS/TS gateways and SDKs (one folder per provider): request-parameter
spec defaults, model defaults handed to a config factory, base-URL getters; provider-keyed
model maps; ``slug`` records of a config's ``models`` list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, scan

from aibom.scanners.javascript.provider_adapters import adapter_folder, folder_provider

MakeTree = Callable[[dict[str, str | bytes]], Path]

_SPEC = """import {{ ProviderConfig }} from '../types';
export const CompleteConfig: ProviderConfig = {{
  model: {{
    param: 'model',
    required: true,
    default: '{model}',
  }},
  prompt: {{ param: 'prompt', default: '' }},
  max_tokens: {{ param: 'max_tokens', default: 100, min: 0 }},
}};
"""


def test_adapter_folder_and_its_provider() -> None:
    assert adapter_folder("src/providers/together-ai/chatComplete.ts") == "together-ai"
    assert adapter_folder("src/providers/google-vertex-ai/transform/x.ts") == "google-vertex-ai"
    assert adapter_folder("src/providers/types.ts") is None
    assert adapter_folder("src/lib/chat.ts") is None
    assert folder_provider("together-ai") == "together"
    assert folder_provider("fireworks-ai") == "fireworks"
    assert folder_provider("x-ai") == "xai"
    assert folder_provider("open-ai-base") == "openai"
    assert folder_provider("bedrock") == "aws-bedrock"
    assert folder_provider("ncompass") is None


def test_parameter_spec_defaults_in_provider_folders(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/openai/complete.ts": _SPEC.format(model="text-davinci-003"),
            "src/providers/together-ai/embed.ts": _SPEC.format(model="mistral-embed"),
            "src/providers/anyscale/chatComplete.ts": _SPEC.format(
                model="meta-llama/Llama-2-7b-chat-hf"
            ),
            # a folder no provider table knows: its default still is a model, served there
            "src/providers/matterai/chatComplete.ts": _SPEC.format(model="axon"),
            "src/providers/ollama/chatComplete.ts": _SPEC.format(model="llama2"),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["text-davinci-003"] == {"openai"}
    assert found["mistral-embed"] == {"together"}  # the folder's provider serves it
    assert found["meta-llama/llama-2-7b-chat-hf"] == {"anyscale"}
    assert found["axon"] == {"unknown"}
    assert model_kinds(inv)["llama2"] == "ollama"


def test_parameter_spec_outside_adapters_needs_a_known_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # a CLI option / component prop: the default counts when it is a known model name
            "src/cli.ts": (
                "const options = {\n"
                "  model: { type: 'string', default: 'gpt-4o-mini' },\n"
                "  temperature: { type: 'number', default: 0.2 },\n"
                "};\n"
            ),
            "src/widget.ts": (
                "export default {\n"
                "  props: { model: { type: String, default: 'house-style' } },\n"
                "};\n"
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["gpt-4o-mini"] == {"openai"}
    assert "house-style" not in everything(inv)


def test_spec_decoys_name_no_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/openai/complete.ts": (
                "export const C = {\n"
                "  model: { param: 'model', required: true, default: 'auto' },\n"
                "  prompt: { param: 'prompt', default: 'Say hello' },\n"
                "  stop: { param: 'stop', default: 'END' },\n"
                "};\n"
            ),
        }
    )
    found = everything(scan(root))
    assert not found & {"auto", "say hello", "end"}


def test_factory_defaults_in_an_adapter_index(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/x-ai/index.ts": (
                "import { chatCompleteParams, embedParams } from '../open-ai-base';\n"
                "const XAIConfig = {\n"
                "  chatComplete: chatCompleteParams([], { model: 'grok-beta' }),\n"
                "  embed: embedParams([], { model: 'v1' }),\n"
                "};\n"
                "export default XAIConfig;\n"
            ),
            "src/providers/lambda/index.ts": (
                "import { chatCompleteParams } from '../open-ai-base';\n"
                "export default { chatComplete: chatCompleteParams([], { model: 'Liquid-AI-40B' }) };\n"
            ),
            # outside an adapter folder a model handed to the project's own call is not read
            "src/lib/track.ts": (
                "import { track } from './analytics';\ntrack({ model: 'house-model-v1' });\n"
            ),
            # an ORM's model name in a folder of React/context providers, a database adapter
            "src/providers/session/store.ts": (
                "import { save } from '../db';\nsave({ model: 'User' });\n"
            ),
            "src/adapters/postgres/repo.ts": (
                "import { define } from '../orm';\ndefine({ model: 'user-profile-2' });\n"
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["grok-beta"] == {"xai"}
    assert found["v1"] == {"xai"}
    assert found["liquid-ai-40b"] == {"unknown"}
    assert not everything(inv) & {"house-model-v1", "user", "user-profile-2"}


def test_base_url_getters_are_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/x-ai/api.ts": (
                "const XAIAPIConfig = {\n"
                "  getBaseURL: () => 'https://api.x.ai/v1',\n"
                "  getEndpoint: ({ fn }) => '/chat/completions',\n"
                "};\nexport default XAIAPIConfig;\n"
            ),
            "src/providers/hyperbolic/api.ts": (
                "const HYPERBOLIC_API_URL = 'https://api.hyperbolic.xyz';\n"
                "export default { getBaseURL: () => HYPERBOLIC_API_URL };\n"
            ),
            "src/providers/azure-openai/api.ts": (
                "export default {\n"
                "  getBaseURL: ({ providerOptions }) => {\n"
                "    const { resourceName } = providerOptions;\n"
                "    return `https://${resourceName}.openai.azure.com/openai`;\n"
                "  },\n};\n"
            ),
            "src/providers/google-vertex-ai/api.ts": (
                "export default {\n"
                "  getBaseURL: ({ providerOptions, fn }) => {\n"
                "    if (fn === 'uploadFile') return 'https://storage.googleapis.com';\n"
                "    return `https://${providerOptions.vertexRegion}-aiplatform.googleapis.com`;\n"
                "  },\n};\n"
            ),
            "src/providers/ollama/api.ts": (
                "export default { getBaseURL: ({ providerOptions }) => providerOptions.customHost };\n"
            ),
            # a client of some non-AI API outside any adapter folder, at a host no table knows
            "src/lib/github.ts": (
                "export const gh = { getBaseURL: () => 'https://api.github.com' };\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("xai", "https://api.x.ai/v1") in found
    assert ("unknown", "https://api.hyperbolic.xyz") in found
    assert any(p == "azure-openai" for p, _ in found)
    assert any(p == "google" for p, _ in found)
    assert ("ollama", None) in found
    assert not any(e and ("github" in e or "storage.googleapis" in e) for _, e in found)


def test_provider_keyed_model_map(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/public/app.js": (
                "const modelMap = {\n"
                '  "openai": "gpt-4o-mini",\n'
                '  "anthropic": "claude-3-5-sonnet-20240620",\n'
                '  "together-ai": "llama-3.1-8b-instruct",\n'
                '  "others": "gpt-4o-mini"\n'
                "};\n"
            ),
            # display names keyed by provider: no model name at all, not a catalog
            "src/public/labels.js": (
                "const modelLabels = {\n"
                '  "openai": "OpenAI",\n'
                '  "anthropic": "Anthropic",\n'
                '  "together-ai": "Together"\n'
                "};\n"
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["llama-3.1-8b-instruct"] == {"together"}
    assert found["claude-3-5-sonnet-20240620"] == {"anthropic"}
    assert not everything(inv) & {"openai", "anthropic", "together"}


def test_config_models_list_of_slugs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "conf.example.json": (
                '{"integrations": [{"provider": "anthropic", "slug": "dev_team_anthropic",\n'
                ' "models": [\n'
                '  {"slug": "claude-3-7-sonnet-20250219", "status": "active"},\n'
                '  {"slug": "claude-3-5-haiku-20241022", "status": "active"}\n'
                " ]}]}\n"
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["claude-3-7-sonnet-20250219"] == {"anthropic"}
    assert "dev_team_anthropic" not in everything(inv)


def test_base_url_handed_to_a_factory_in_adapter_folders(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/libs/providers/deepseek/index.ts": (
                "import { createCompatibleRuntime } from '../utils/factory';\n"
                "export const DeepSeekAI = createCompatibleRuntime({\n"
                "  baseURL: 'https://api.deepseek.com/v1',\n"
                "  provider: 'deepseek',\n"
                "});\n"
            ),
            "src/libs/providers/acme-cloud/index.ts": (
                "import { createCompatibleRuntime } from '../utils/factory';\n"
                "export const Acme = createCompatibleRuntime({\n"
                "  baseURL: 'https://api.acme-llm.example/v1',\n"
                "  provider: 'acme',\n"
                "});\n"
            ),
            "src/libs/providers/lmstudio/index.ts": (
                "// LM Studio's local model server\n"
                "import { createCompatibleRuntime } from '../utils/factory';\n"
                "export const LMStudio = createCompatibleRuntime({\n"
                "  baseURL: 'http://127.0.0.1:1234/v1',\n"
                "});\n"
            ),
            # outside adapter folders a factory's base URL at an unknown host is not a service
            "src/lib/http.ts": (
                "import { makeClient } from './client';\n"
                "export const gh = makeClient({ baseURL: 'https://api.github.com' });\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("deepseek", "https://api.deepseek.com/v1") in found
    assert ("unknown", "https://api.acme-llm.example/v1") in found
    assert any(p == "self-hosted" for p, _ in found)
    assert not any(e and "github" in e for _, e in found)
