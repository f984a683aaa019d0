"""Generated model catalogs in TypeScript (models.dev snapshots): a table named as models
holding provider blocks, each an object of model records keyed by their own id.

Each block's models are served by the provider the block's key names (``unknown`` when no
table knows it), called by their keys rather than display names; lookup tables and records
not keyed by their id stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

from aibom.scanners.javascript.catalogs import _Catalogs

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _record(model_id: str, name: str) -> str:
    return (
        f'    "{model_id}": {{\n'
        f'      "id": "{model_id}",\n'
        f'      "name": "{name}",\n'
        '      "contextWindow": 200000,\n'
        '      "pricing": { "input": 1, "output": 2 }\n'
        "    },\n"
    )


GENERATED = (
    "export const GENERATED_PROVIDER_MODELS: {\n"
    "  version: number\n"
    "  providers: Record<string, Record<string, ModelInfo>>\n"
    "} = {\n"
    "  version: 1787428899566,\n"
    "  providers: {\n"
    '  "openai": {\n'
    + _record("gpt-5.4-mini", "GPT-5.4 mini")
    + _record("gpt-5.2", "GPT-5.2")
    + "  },\n"
    '  "nano-gpt": {\n'
    + _record("qwen3.5-2b", "Qwen3.5 2B")
    + _record("glm-5.1", "GLM 5.1")
    + "  },\n"
    '  "amazon-bedrock": {\n'
    + _record("zai.glm-4.7", "GLM-4.7")
    + _record("openai.gpt-oss-20b", "gpt-oss-20b")
    + "  },\n"
    '  "lucidquery": {\n'
    + _record("lucidquery-nexus-coder", "Nexus Coder")
    + _record("lucidnova-rf1-100b", "Nova RF1")
    + "  },\n"
    "  },\n"
    "}\n"
)


def test_generated_catalog_blocks_served_by_their_provider(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/catalog/catalog.generated.ts": GENERATED}))
    served = hosted(inv)
    assert served["gpt-5.4-mini"] == {"openai"}
    assert served["gpt-5.2"] == {"openai"}
    # an aggregator no table knows: its own (unknown) service, not the model's maker
    assert served["qwen3.5-2b"] == {"unknown"}
    assert served["glm-5.1"] == {"unknown"}
    # called by the key, not the display name
    assert "zai.glm-4.7" in served
    assert "openai.gpt-oss-20b" in served
    assert "glm-4.7" not in everything(inv)
    # a block no pattern knows is still part of the catalog
    assert "lucidquery-nexus-coder" in served
    assert "lucidnova-rf1-100b" in served


def test_records_not_keyed_by_their_id_are_no_catalog(make_tree: MakeTree) -> None:
    source = (
        "export const MODEL_SETTINGS = {\n"
        "  providers: {\n"
        '    "nano-gpt": {\n'
        '      "fast": { "id": "lucidquery-nexus-coder", "temperature": 0.2 },\n'
        '      "slow": { "id": "lucidnova-rf1-100b", "temperature": 0.7 },\n'
        "    },\n"
        '    "other": {\n'
        '      "fast": { "id": "zdev-mini", "temperature": 0.2 },\n'
        '      "slow": { "id": "zdev-max", "temperature": 0.7 },\n'
        "    },\n"
        "  },\n"
        "}\n"
    )
    found = everything(scan(make_tree({"src/settings.ts": source})))
    assert not {"lucidquery-nexus-coder", "lucidnova-rf1-100b", "zdev-mini"} & found


def test_blocks_outside_a_table_named_as_models_are_ignored(make_tree: MakeTree) -> None:
    source = (
        "export const GENERATED_ROUTES = {\n"
        '  "nano-gpt": {\n'
        '    "lucidquery-nexus-coder": { "id": "lucidquery-nexus-coder", "path": "/a" },\n'
        '    "lucidnova-rf1-100b": { "id": "lucidnova-rf1-100b", "path": "/b" },\n'
        "  },\n"
        "}\n"
    )
    found = everything(scan(make_tree({"src/routes.ts": source})))
    assert not {"lucidquery-nexus-coder", "lucidnova-rf1-100b"} & found


def test_generated_or_curated_is_not_a_rate_table() -> None:
    assert _Catalogs._names_models("GENERATED_PROVIDER_MODELS")
    assert _Catalogs._names_models("CURATED_MODELS")
    assert not _Catalogs._names_models("MODEL_RATES")
    assert not _Catalogs._names_models("modelRateLimits")


def _spec(pid: str, url: str) -> str:
    return (
        "  {\n"
        f'    id: "{pid}",\n'
        '    family: "openai-compatible",\n'
        f'    defaults: {{ baseUrl: "{url}" }},\n'
        "  },\n"
    )


def test_provider_specs_with_nested_default_base_urls(make_tree: MakeTree) -> None:
    source = (
        "export const GENERATED_PROVIDER_SPECS: readonly BuiltinSpec[] = [\n"
        + _spec("groq", "https://api.groq.com/openai/v1")
        + _spec("mistral", "https://api.mistral.ai/v1")
        + _spec("abacus", "https://routellm.abacus.ai/v1")
        + "]\n"
    )
    found = endpoints(scan(make_tree({"src/providers.generated.ts": source})))
    assert ("unknown", "https://routellm.abacus.ai/v1") in found
    assert any(p == "groq" for p, _ in found)


def test_nested_urls_of_records_at_no_known_host_are_no_services(make_tree: MakeTree) -> None:
    source = (
        "export const MIRRORS = [\n"
        + _spec("a", "https://mirror-a.example.org/v1")
        + _spec("b", "https://mirror-b.example.org/v1")
        + "]\n"
    )
    found = endpoints(scan(make_tree({"src/mirrors.ts": source})))
    assert not {e for _, e in found if e and "example.org" in e}
