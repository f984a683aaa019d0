"""A settings object that holds each backend's server and model side by side (issue 11).

``ppioHost: "https://api.ppinfra.com/v3/openai"`` next to ``ppioModel: "..."``: the host is a
service the app talks to, and the model is one that provider serves (even when the id is no
hub id, ``deepseek/deepseek-r1/community``). A local server next to a model key of the same
backend (``lmStudioHost`` / ``lmStudioModel``) is a self-hosted endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

DEFAULTS = """
export function settings(): Settings {
    return {
        model: 'gpt-4o-mini',
        apiHost: 'https://api.openai.com',
        claudeApiHost: 'https://api.anthropic.com',
        claudeModel: 'claude-3-5-sonnet-20241022',
        ollamaHost: 'http://127.0.0.1:11434',
        ollamaModel: '',
        lmStudioHost: 'http://127.0.0.1:1234',
        lmStudioModel: '',
        siliconCloudHost: 'https://api.siliconflow.cn',
        siliconCloudModel: 'THUDM/glm-4-9b-chat',
        ppioHost: 'https://api.ppinfra.com/v3/openai',
        ppioModel: 'deepseek/deepseek-r1/community',
    }
}
"""


def test_backend_hosts_and_models_of_a_settings_object(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/shared/defaults.ts": DEFAULTS}))
    eps = endpoints(inv)
    assert {
        ("openai", "https://api.openai.com"),
        ("anthropic", "https://api.anthropic.com"),
        ("ollama", "http://127.0.0.1:11434"),
        ("self-hosted", "http://127.0.0.1:1234"),
        ("siliconflow", "https://api.siliconflow.cn"),
        ("ppio", "https://api.ppinfra.com/v3/openai"),
    } <= eps
    found = hosted(inv)
    assert found["deepseek/deepseek-r1/community"] == {"ppio"}
    assert found["thudm/glm-4-9b-chat"] == {"siliconflow"}
    assert found["claude-3-5-sonnet-20241022"] == {"anthropic"}


def test_hosts_that_are_no_provider_and_unpaired_local_hosts_are_not_services(
    make_tree: MakeTree,
) -> None:
    code = """
export const site = {
    docsHost: 'https://docs.example.com',
    cdnHost: 'https://cdn.example.org',
    devHost: 'http://localhost:3000',
    themeModel: 'dark-2',
}
export const cache = { redisHost: 'http://127.0.0.1:6379', redisTtl: 60 }
"""
    inv = scan(make_tree({"src/config.ts": code}))
    assert not {p for p, _ in endpoints(inv)} & {"self-hosted", "unknown"}
    assert "dark-2" not in everything(inv)


def test_a_base_url_assigned_to_an_options_property_is_a_service(make_tree: MakeTree) -> None:
    code = """
export default class OpenAIClient {
    constructor(options) {
        this.options = options
        if (this.options.apiHost.startsWith('https://openrouter.ai/api/v1')) {
            this.options.apiHost = 'https://openrouter.ai/api'
        }
        this.options.title = 'https://example.com/about'
        this.options.webHost = 'https://www.example.com'
    }
    headers() {
        return { Authorization: `Bearer ${this.options.openaiKey}` }
    }
}
"""
    eps = endpoints(scan(make_tree({"src/client.ts": code})))
    assert ("openrouter", "https://openrouter.ai/api") in eps
    assert not {e for _, e in eps} & {"https://example.com/about", "https://www.example.com"}
