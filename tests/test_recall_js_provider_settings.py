"""JavaScript settings that say who serves their model, and switches that route a model.

A model setting named after a hosted provider (``perplexity_model``) holds that provider's
model; a record's plain ``model`` next to its plain ``url`` at a known provider is served
there; the cases of a ``switch (model)`` whose bodies call one provider's URL are models of
that provider. A tokenizer getter's names are tokenizers, not models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_setting_named_after_a_provider_holds_its_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "public/settings.js": (
                "const default_settings = {\n"
                "    perplexity_model: 'llama-3.1-70b-instruct',\n"
                "    blockentropy_model: 'be-70b-base-llama3.1',\n"
                "    togetherai_model: 'Gryphe/MythoMax-L2-13b',\n"
                "    claude_model: 'house-model-1',\n"  # a family names no provider
                "    azure_model: 'my-deployment-2',\n"  # a deployment name, no catalog entry
                "    custom_model: '',\n"
                "};\n"
                "export { default_settings };\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names.get("llama-3.1-70b-instruct") == {"perplexity"}
    assert names.get("be-70b-base-llama3.1") == {"blockentropy"}
    assert names.get("gryphe/mythomax-l2-13b") == {"together"}
    assert "gryphe/mythomax-l2-13b" in models(inv)
    assert "house-model-1" not in everything(inv)
    assert "my-deployment-2" not in everything(inv)


def test_a_records_url_names_the_provider_of_its_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/vectors.js": (
                "const SOURCES = {\n"
                "    'atlas': {\n"
                "        secretKey: 'KEY',\n"
                "        url: 'api-atlas.nomic.ai/v1/embedding/text',\n"
                "        model: 'nomic-embed-text-v1.5',\n"
                "    },\n"
                "    'mine': { url: 'https://example.com/embed', model: 'house-embed-2' },\n"
                "    'docs': { docsUrl: 'https://api.openai.com/v1', model: 'house-embed-3' },\n"
                "};\n"
                "module.exports = { SOURCES };\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names.get("nomic-embed-text-v1.5") == {"nomic"}
    assert "house-embed-2" not in everything(inv)
    assert "house-embed-3" not in everything(inv)


SWITCHES = """async function generate(request) {
    const model = request.body.model;
    let apiUrl;
    switch (model) {
        case 'sd3-large':
        case 'stable-image-ultra':
            apiUrl = 'https://api.stability.ai/v2beta/stable-image/generate/ultra';
            break;
        case 'stable-image-core':
            apiUrl = `https://api.stability.ai/v2beta/stable-image/generate/core`;
            break;
        default:
            throw new Error('Invalid model selected');
    }
    return fetch(apiUrl, { method: 'POST' });
}

function contextSize(model) {
    switch (model) {
        case 'gpt-4-32k':
            return 32768;
        case 'mixed-1':
            log('https://api.openai.com/v1', 'https://api.mistral.ai/v1');
            return 1;
    }
}

function route(kind) {
    switch (kind) {
        case 'stable-image-x1':
            return 'https://api.stability.ai/v2beta/x';
    }
}
module.exports = { generate, contextSize, route };
"""


def test_switch_cases_calling_one_providers_url_are_its_models(make_tree: MakeTree) -> None:
    root = make_tree({"src/endpoints/images.js": SWITCHES})
    inv = scan(root)
    names = hosted(inv)
    for name in ("sd3-large", "stable-image-ultra", "stable-image-core"):
        assert names.get(name) == {"stability"}, name
    found = everything(inv)
    assert "gpt-4-32k" not in found  # a lookup switch: no provider URL
    assert "mixed-1" not in found  # two providers: none decides
    assert "stable-image-x1" not in found  # not a switch on a model


def test_a_tokenizer_getters_names_are_not_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/tokenizers.js": (
                "function getTokenizerModel(requestModel) {\n"
                "    if (requestModel.includes('llama3')) {\n"
                "        return 'llama3';\n"
                "    }\n"
                "    if (requestModel.includes('mistral')) {\n"
                "        return 'mistral';\n"
                "    }\n"
                "    return 'gemma';\n"
                "}\n"
                "const settings = { tokenizerModel: 'meta-llama/Llama-3.1-8B' };\n"
                "function getEmbeddingModel() {\n"
                "    return 'llama3';\n"
                "}\n"
                "module.exports = { getTokenizerModel, settings, getEmbeddingModel };\n"
            )
        }
    )
    inv = scan(root)
    found = models(inv)
    assert "meta-llama/llama-3.1-8b" in found  # a hub repo's tokenizer is still that repo
    assert "mistral" not in found and "gemma" not in found
    assert found.get("llama3") == {"src/tokenizers.js:12"}  # only the embedding getter's


def test_server_constants_at_known_providers_are_services(make_tree: MakeTree) -> None:
    from recall_scan import endpoints

    root = make_tree(
        {
            "public/textgen.js": (
                "const MANCER_SERVER_DEFAULT = 'https://neuro.mancer.tech';\n"
                "let FEATHERLESS_SERVER = 'https://api.featherless.ai/v1';\n"
                "let INFERMATICAI_SERVER = 'https://api.totalgpt.ai';\n"
                "const DEV_SERVER = 'http://localhost:3000';\n"
                "const DOCS_SERVER = 'https://docs.example.com';\n"
                "export let textgen_models = [];\n"
                "export function serverOf(type) {\n"
                "    return type === 'a' ? FEATHERLESS_SERVER : MANCER_SERVER_DEFAULT;\n"
                "}\n"
            ),
            "src/horde.js": (
                "async function generate(body) {\n"
                "    body.models = ['koboldcpp/any'];\n"
                "    const url = 'https://aihorde.net/api/v2/generate/text/async';\n"
                "    return fetch(url, { method: 'POST', body: JSON.stringify(body) });\n"
                "}\n"
                "module.exports = { generate };\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("mancer", "https://neuro.mancer.tech") in found
    assert ("featherless", "https://api.featherless.ai/v1") in found
    assert ("infermatic", "https://api.totalgpt.ai") in found
    assert "ai-horde" in {p for p, _ in found}
    assert not {p for p, _ in found} & {"self-hosted", "unknown"}


def test_a_url_object_handed_to_fetch_names_its_service(make_tree: MakeTree) -> None:
    from recall_scan import endpoints

    root = make_tree(
        {
            "src/images.js": (
                "async function generate(request) {\n"
                "    const promptUrl = new URL(`https://image.pollinations.ai/prompt/${request.p}`);\n"
                "    promptUrl.search = new URLSearchParams({ model: request.model }).toString();\n"
                "    const result = await fetch(promptUrl);\n"
                "    const other = new URL('https://example.com/thumbnails');\n"
                "    await fetch(other);\n"
                "    return fetch(new URL('https://api.featherless.ai/v1/models'));\n"
                "}\n"
                "module.exports = { generate };\n"
            )
        }
    )
    found = endpoints(scan(root))
    assert ("pollinations", "https://image.pollinations.ai") in found
    assert "featherless" in {p for p, _ in found}
    assert not {p for p, _ in found} & {"unknown", "self-hosted"}
