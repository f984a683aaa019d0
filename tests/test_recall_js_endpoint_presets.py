"""JS/TS endpoints written as data (issue 11, services): a provider preset list's base URLs (local
ones self-hosted, hosts no table knows ``unknown`` at their endpoint) and a base-URL constant at a
known provider's host; decoys (lists and constants that are not model APIs) stay out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_PRESETS = (
    "// models of OpenAI-compatible providers\n"
    "export const OAI_API_PROVIDERS = [\n"
    '  { label: "Custom", value: "custom", baseUrl: "" },\n'
    '  { label: "LM Studio", value: "lmstudio", baseUrl: "http://localhost:1234/v1" },\n'
    '  { label: "OpenAI", value: "openai", baseUrl: "https://api.openai.com/v1" },\n'
    '  { label: "DeepSeek", value: "deepseek", baseUrl: "https://api.deepseek.com" },\n'
    '  { label: "Chutes", value: "chutes", baseUrl: "https://llm.chutes.example/v1" },\n'
    "]\n"
)


def test_a_provider_preset_list_names_every_endpoint(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/utils/providers.ts": _PRESETS}))
    found = endpoints(inv)
    assert ("self-hosted", "http://localhost:1234/v1") in found
    assert ("unknown", "https://llm.chutes.example/v1") in found
    assert ("openai", "https://api.openai.com/v1") in found
    assert ("deepseek", "https://api.deepseek.com") in found


def test_a_list_of_other_urls_is_no_preset_list(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # one known provider among web links: not a list of model API presets
            "src/links.ts": (
                "// model docs\n"
                "export const LINKS = [\n"
                '  { label: "Docs", baseUrl: "https://docs.example.org/v1" },\n'
                '  { label: "Dev server", baseUrl: "http://localhost:3000" },\n'
                '  { label: "OpenAI", baseUrl: "https://api.openai.com/v1" },\n'
                "]\n"
            ),
            "src/stripe.ts": (
                'const BASE_URL = "https://api.stripe.example/v1"\n'
                "export interface Model { model_id: string }\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert not any(e and ("example" in e or "localhost" in e) for _p, e in found)


def test_a_base_url_constant_at_a_known_host_is_a_service(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/services/elevenlabs.ts": (
                "import axios from 'axios'\n"
                "const BASE_URL = 'https://api.elevenlabs.io/v1'\n"
                "export const getVoices = async (key: string) =>\n"
                "  axios.get(`${BASE_URL}/voices`, { headers: { 'xi-api-key': key } })\n"
                "export interface Model { model_id: string }\n"
            ),
            "src/site.ts": (
                'const HOMEPAGE = "https://api.elevenlabs.io/v1"\n'
                "export interface Model { model_id: string }\n"
            ),
        }
    )
    inv = scan(root)
    assert ("elevenlabs", "https://api.elevenlabs.io/v1") in endpoints(inv)
    places = {str(o) for s in inv.services.values() for o in s.occurrences}
    assert "src/services/elevenlabs.ts:2" in places
    assert not any(p.startswith("src/site.ts") for p in places)


def test_a_settings_field_for_a_base_url_names_its_default_service(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/lmstudio.ts": (
                "// LM Studio model provider\n"
                "const providerConfigFields = [\n"
                "  {\n"
                "    type: 'string',\n"
                "    name: 'Base URL',\n"
                "    key: 'baseURL',\n"
                "    placeholder: 'http://localhost:1234',\n"
                "  },\n"
                "]\n"
            ),
            "src/providers/openai.ts": (
                "// OpenAI model provider\n"
                "const fields = [\n"
                "  { key: 'baseURL', placeholder: 'OpenAI Base URL', default: 'https://api.openai.com/v1' },\n"
                "]\n"
            ),
            # a field that is no model API (a search engine), a base URL field at an unknown host
            "src/config.ts": (
                "// model settings\n"
                "const search = [\n"
                "  { key: 'searxngURL', placeholder: 'http://localhost:4000' },\n"
                "  { key: 'baseURL', placeholder: 'https://api.lemonade.example/v1' },\n"
                "]\n"
            ),
        }
    )
    inv = scan(root)
    found = endpoints(inv)
    assert ("self-hosted", None) in found
    assert ("openai", "https://api.openai.com/v1") in found
    places = {str(o) for s in inv.services.values() for o in s.occurrences}
    assert "src/providers/lmstudio.ts:7" in places
    assert not any(p.startswith("src/config.ts") for p in places)
