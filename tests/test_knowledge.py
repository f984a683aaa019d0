"""The knowledge layer: tables are consistent data, and the one classifier reads them (issue 10)."""

from __future__ import annotations

import pytest

from aibom.inventory import ModelKind, ServiceFinding
from aibom.knowledge import tables
from aibom.knowledge.classify import (
    classify_model_value,
    litellm_route,
    parse_ollama_hub_ref,
    parse_ollama_tag,
    provider_from_name,
    split_provider_prefix,
)
from aibom.knowledge.providers import get_provider, provider_alias
from aibom.scanners.config_files import scan_config_text
from aibom.scanners.python_source import scan_python_text


def test_every_alias_names_a_provider_in_the_table() -> None:
    table = tables.provider_table()
    assert set(table.aliases) == set(tables.ALIAS_ECOSYSTEMS)
    for eco, index in table.aliases.items():
        assert index, eco
        for alias, pid in index.items():
            assert get_provider(pid) is not None, (eco, alias, pid)
            assert alias == alias.lower(), (eco, alias)


def test_every_litellm_prefix_resolves_as_a_route() -> None:
    for prefix, pid in tables.provider_table().aliases["litellm"].items():
        assert litellm_route(f"{prefix}/some-model", strict=False) == (pid, "some-model")
        assert provider_from_name(prefix) == pid


def test_hub_org_prefixes_are_not_routes_outside_litellm() -> None:
    table = tables.provider_table()
    assert table.route_prefixes_also_hub_orgs
    for prefix in table.route_prefixes_also_hub_orgs:
        assert litellm_route(f"{prefix}/Some-Model-7B") is None, prefix
    assert litellm_route("deepseek/deepseek-chat") == ("deepseek", "deepseek-chat")
    assert litellm_route("openai/gpt-4o") == ("openai", "gpt-4o")
    assert litellm_route("openai/whisper-large-v3") is None


def test_ollama_library_is_one_clean_list() -> None:
    library = tables.ollama_library()
    assert len(library) > 100
    assert parse_ollama_tag("qwen2.5:7b") == "qwen2.5:7b"
    assert parse_ollama_tag("minimax-m2:cloud") == "minimax-m2:cloud"
    # "minimax" alone is not an Ollama library name (the library has minimax-m2)
    assert parse_ollama_tag("minimax:latest") is None
    assert parse_ollama_tag("minimax:latest", strict=False) == "minimax:latest"


def test_ollama_hub_reference_is_parsed_in_one_place() -> None:
    assert parse_ollama_hub_ref("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M") == (
        "bartowski/Llama-3.2-1B-Instruct-GGUF",
        None,
        "Q4_K_M",
    )
    assert parse_ollama_hub_ref("huggingface.co/org/repo") == ("org/repo", None, None)
    assert parse_ollama_hub_ref("qwen2.5:7b") is None
    assert parse_ollama_hub_ref("hf.co/org/repo/extra") is None


def test_classifier_answers_what_a_string_is() -> None:
    hub = classify_model_value("Qwen/Qwen2.5-7B-Instruct")
    assert hub is not None and (hub.kind, hub.name) == (ModelKind.HUB, "Qwen/Qwen2.5-7B-Instruct")
    hosted = classify_model_value("deepseek-chat")
    assert hosted is not None and (hosted.kind, hosted.provider) == (None, "deepseek")
    tag = classify_model_value("llama3.1:8b")
    assert tag is not None and tag.kind is ModelKind.OLLAMA
    for not_model in ("./models/x", "src/app.py", "nginx/nginx", "org/model", "hello world"):
        assert classify_model_value(not_model) is None, not_model


def test_per_ecosystem_aliases() -> None:
    assert provider_alias("google_genai", "langchain") == "google"
    assert provider_alias("google-genai", "langchain_js") == "google"
    assert provider_alias("google-gla", "pydantic_ai") == "google"
    assert provider_alias("kimi", "names") == "moonshot"
    assert provider_alias("kimi", "litellm") is None
    assert split_provider_prefix("grok:grok-3", ":", "pydantic_ai") == ("xai", "grok-3")
    assert split_provider_prefix("grok-3", ":", "pydantic_ai") is None


def _bad(entry: dict[str, object], **top: object) -> str:
    with pytest.raises(tables.KnowledgeTableError) as info:
        tables.parse_provider_table({"schema": 1, "providers": [entry], **top})
    return str(info.value)


def test_bad_provider_data_names_the_file_and_key() -> None:
    ok = {"id": "acme", "name": "Acme", "country": "US"}
    assert "providers.yaml: providers[acme]: unknown keys ['colour']" in _bad({**ok, "colour": 1})
    assert "providers[acme].country" in _bad({**ok, "country": "usa"})
    assert "providers[acme].aliases.smoke" in _bad({**ok, "aliases": {"smoke": ["x"]}})
    assert "providers[acme].aliases.litellm" in _bad({**ok, "aliases": {"litellm": "acme"}})
    message = _bad(ok, route_prefixes_also_hub_orgs=["acme"])
    assert "route_prefixes_also_hub_orgs" in message
    with pytest.raises(tables.KnowledgeTableError, match="already names acme"):
        tables.parse_provider_table(
            {
                "schema": 1,
                "providers": [
                    {**ok, "aliases": {"names": ["a"]}},
                    {"id": "other", "name": "Other", "aliases": {"names": ["a"]}},
                ],
            }
        )


# --- drifted tables, fixed (issue 10): the same string means the same provider everywhere ---

_LITELLM_YAML = """\
model_list:
  - model_name: m1
    litellm_params:
      model: minimax/MiniMax-M1
  - model_name: code
    litellm_params:
      model: codestral/codestral-latest
  - model_name: legacy
    litellm_params:
      model: text-completion-openai/gpt-3.5-turbo-instruct
  - model_name: beta
    litellm_params:
      model: vertex_ai_beta/gemini-1.5-pro
"""


def _services(findings: list[object]) -> set[tuple[str | None, str | None]]:
    return {(f.provider, f.model) for f in findings if isinstance(f, ServiceFinding)}


EXPECTED_ROUTES = {
    ("minimax", "MiniMax-M1"),
    ("mistral", "codestral-latest"),
    ("openai", "gpt-3.5-turbo-instruct"),
    ("google", "gemini-1.5-pro"),
}


def test_litellm_yaml_routes_match_python_litellm() -> None:
    yaml_services = _services(scan_config_text(_LITELLM_YAML, "litellm/config.yaml", "yaml"))
    assert yaml_services == EXPECTED_ROUTES
    models = [m for _, m in sorted(EXPECTED_ROUTES)]
    code = "import litellm\n" + "".join(
        f"litellm.completion(model={route!r})\n"
        for route in (
            "minimax/MiniMax-M1",
            "codestral/codestral-latest",
            "text-completion-openai/gpt-3.5-turbo-instruct",
            "vertex_ai_beta/gemini-1.5-pro",
        )
    )
    py_services = _services(scan_python_text(code, "app.py"))
    assert py_services == EXPECTED_ROUTES, models
    # a LiteLLM YAML no longer reads these as hub models
    yaml_models = [
        f for f in scan_config_text(_LITELLM_YAML, "litellm/config.yaml", "yaml")
        if getattr(f, "kind", None) is ModelKind.HUB
    ]  # fmt: skip
    assert yaml_models == []


def test_generic_yaml_keeps_minimax_org_as_hub_id() -> None:
    text = "model: minimax/MiniMax-M1\n"
    found = scan_config_text(text, "config.yaml", "yaml")
    assert _services(found) == set()
    assert [getattr(f, "name", None) for f in found] == ["minimax/MiniMax-M1"]


def test_framework_tables_load_and_agree() -> None:
    fw = tables.frameworks()
    assert ("vllm-openai", "vllm") in fw.serving_images
    assert fw.serving_launch_modules["sglang.launch_server"] == "sglang"
    flags = fw.cli_flags
    groups = [flags.model, flags.tokenizer, flags.revision, flags.endpoint]
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            assert not a & b  # a flag names one kind of thing
        assert all(f.isalnum() and f == f.lower() for f in a)  # normalised spelling


def test_pickle_allow_and_deny_lists_are_disjoint() -> None:
    known = tables.pickle_globals()
    assert "collections.OrderedDict" in known.safe_globals
    assert {"os", "subprocess"} <= known.dangerous_modules
    assert not known.safe_globals & known.dangerous_globals


def test_ai_packages_load_per_ecosystem() -> None:
    packages = tables.ai_packages()
    assert set(packages) == {"pypi", "npm", "golang"}
    assert ("github.com/sashabaranov/go-openai", "ai-provider-sdk") in packages["golang"]
    assert ("transformers", "ai-framework") in packages["pypi"]


def test_python_constructors_name_known_providers_and_arguments() -> None:
    table = tables.python_constructors()
    assert table["ChatDeepSeek"].provider == "deepseek"
    assert table["ChatDeepSeek"].model_args == ("model", "model_name")  # the default
    assert table["AzureOpenAI"].model_args == ("model", "azure_deployment", "engine")
    assert table["cohere.Client"].dialect == "cohere"
    assert table["Llama"].model_args == ("model_path", 0)
    for name, ctor in table.items():
        assert ctor.provider is None or get_provider(ctor.provider) is not None, name
        assert ctor.model_args or ctor.kind == "client", name


def test_javascript_sdk_table_resolves_every_reference() -> None:
    sdk = tables.javascript_sdk()
    assert sdk.api_classes[("openai", "AzureOpenAI")].fixed
    assert sdk.global_classes["ChatDeepSeek"] is sdk.langchain["ChatDeepSeek"]
    assert sdk.global_classes["OpenAI"] is sdk.api_classes[("openai", "default")]
    assert "OpenAI" not in sdk.langchain or sdk.global_classes["OpenAI"].kind == "client"
    assert sdk.vercel_ai_sdk["@ai-sdk/google"] == ("google", True)
    specs = [*sdk.api_classes.values(), *sdk.langchain.values(), *sdk.llamaindex.values()]
    for spec in specs:
        assert spec.provider is None or get_provider(spec.provider) is not None, spec
    for provider, _fixed in sdk.vercel_ai_sdk.values():
        assert provider is None or get_provider(provider) is not None


def test_bad_constructor_provider_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real = tables._load

    def fake(file: str) -> dict[str, object]:
        if file != "sdk_python.yaml":
            return real(file)
        return {
            "schema": 1,
            "defaults": {"model_args": ["model"], "endpoint_args": ["base_url"]},
            "constructors": {"Acme": {"kind": "service", "provider": "acme"}},
        }

    monkeypatch.setattr(tables, "_load", fake)
    tables.python_constructors.cache_clear()
    try:
        with pytest.raises(
            tables.KnowledgeTableError, match=r"sdk_python.yaml: constructors.Acme.provider"
        ):
            tables.python_constructors()
    finally:
        tables.python_constructors.cache_clear()


def test_no_provider_table_remains_in_scanner_or_lineage_code() -> None:
    """Done-when of issue 10: provider ids live in knowledge/data, not in literal tables."""
    import ast
    from pathlib import Path

    import aibom

    src = Path(aibom.__file__).parent
    ids = set(tables.provider_table().providers)
    offenders = []
    for path in [*(src / "scanners").rglob("*.py"), *(src / "lineage").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.Dict, ast.Set, ast.List, ast.Tuple)):
                named = {
                    c.value
                    for c in ast.walk(node)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in ids
                }
                if len(named) >= 3:
                    offenders.append(f"{path.relative_to(src)}:{node.lineno} {sorted(named)}")
    assert offenders == []


def test_novelai_and_window_ai_are_providers() -> None:
    from aibom.knowledge.providers import provider_for_endpoint, provider_for_model_name

    assert provider_for_endpoint("https://image.novelai.net/ai/generate-image") == "novelai"
    assert provider_for_endpoint("https://api.novelai.net") == "novelai"
    for name in ("nai-diffusion", "nai-diffusion-3", "kayra-v1", "clio-v1", "llama-3-erato-v1"):
        assert provider_for_model_name(name) == "novelai", name
    assert provider_for_model_name("novel-v1") is None and provider_for_model_name("clio") is None
    # Window AI: a browser extension named by its picker, never guessed from a model name
    assert provider_alias("Window.AI", "names") == "windowai"
    assert provider_alias("novelai", "names") == "novelai"
    assert provider_for_model_name("openai/gpt-4") is None


def test_hosted_text_and_image_generation_services_are_providers() -> None:
    from aibom.knowledge.providers import provider_for_endpoint

    expect = {
        "https://aihorde.net/api/v2/generate/text/async": "ai-horde",
        "https://image.pollinations.ai/prompt/x": "pollinations",
        "https://api.featherless.ai/v1": "featherless",
        "https://api.totalgpt.ai": "infermatic",
        "https://neuro.mancer.tech": "mancer",
        "https://dreamgen.com/api/openai/v1": "dreamgen",
        "https://api.blockentropy.ai/v1": "blockentropy",
    }
    assert {url: provider_for_endpoint(url) for url in expect} == expect
    # the names applications give them
    assert provider_alias("horde", "names") == "ai-horde"
    assert provider_alias("infermaticai", "names") == "infermatic"
