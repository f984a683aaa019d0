"""Every service the code talks to (issue 11): providers by host, Azure OpenAI, Ollama through
LangChain, plain HTTP calls to a provider's URL, SDK classes; decoys that are not services.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import scan_to_bom
from recall_scan import endpoints, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_plain_http_calls_to_provider_hosts(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/remote.py": (
                "import requests\n"
                "\n"
                "def ai2(model_name, api_base=None):\n"
                '    api_base = api_base or "https://inferd.allen.ai/api/v1/infer"\n'
                '    return requests.post(api_base, json={"model": model_name}, stream=True)\n'
                "\n"
                "def replicate(model):\n"
                '    url = f"https://api.replicate.com/v1/models/{model}/predictions"\n'
                '    return requests.post(url, json={"input": {}})\n'
                "\n"
                "def deepgram(audio):\n"
                '    return requests.post("https://api.deepgram.com/v1/listen",\n'
                '                         json={"model": "nova-3"}, data=audio)\n'
            ),
            # decoys: a local web API, an unknown host, a URL only in a string that is not called
            "app/local.py": (
                "import requests\n"
                "\n"
                'HEALTH = requests.get("http://localhost:8000/health")\n'
                'PAGE = requests.get("https://example.com/api/chat/completions")\n'
                'DOCS = "https://api.openai.com/v1/chat/completions"\n'
            ),
        }
    )
    inv = scan(root)
    found = endpoints(inv)
    assert ("ai2", "https://inferd.allen.ai") in found
    assert ("replicate", "https://api.replicate.com") in found
    assert hosted(inv)["nova-3"] == {"deepgram"}
    assert {p for p, _ in found} == {"ai2", "replicate", "deepgram"}


def test_javascript_fetch_to_new_provider_hosts(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server/tts.js": (
                "export async function speak(text, voice) {\n"
                "  return fetch(`https://api.elevenlabs.io/v1/text-to-speech/${voice}`, {\n"
                '    method: "POST",\n'
                '    body: JSON.stringify({ text, model_id: "eleven_multilingual_v2" }),\n'
                "  });\n"
                "}\n"
            ),
            "server/llm.js": (
                'import OpenAI from "openai";\n'
                'const novita = new OpenAI({ baseURL: "https://api.novita.ai/v3/openai" });\n'
                'const ppio = new OpenAI({ baseURL: "https://api.ppinfra.com/v3/openai/" });\n'
                'const gitee = new OpenAI({ baseURL: "https://ai.gitee.com/v1" });\n'
            ),
        }
    )
    providers = {p for p, _ in endpoints(scan(root))}
    assert {"elevenlabs", "novita", "ppio", "giteeai"} <= providers


def test_azure_openai_keeps_its_provider_whatever_the_fallback_url(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "serve/api.py": (
                "import openai\n"
                "\n"
                "def azure_stream(model_name, api_base=None, api_key=None):\n"
                "    client = openai.AzureOpenAI(\n"
                '        api_version="2023-07-01-preview",\n'
                '        azure_endpoint=api_base or "https://api.openai.com/v1",\n'
                "        api_key=api_key,\n"
                "    )\n"
                "    return client.chat.completions.create(model=model_name, messages=[])\n"
            )
        }
    )
    inv = scan(root)
    providers = {p for p, _ in endpoints(inv)}
    assert "azure-openai" in providers
    assert "openai" not in providers


def test_ollama_through_langchain_with_url_from_the_environment(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "llm/base.py": (
                "import os\n"
                "from langchain_ollama import ChatOllama\n"
                "\n"
                "def make(model, **kwargs):\n"
                '    return ChatOllama(model=model, base_url=os.environ["OLLAMA_BASE_URL"], **kwargs)\n'
            ),
            # decoy: a class of the same name that is not imported from LangChain is still read by
            # name, but a module that only mentions Ollama in a string is not a service
            "llm/notes.py": 'NOTE = "ChatOllama(model=...) needs a server"\n',
        }
    )
    inv = scan(root)
    assert "llm/base.py:5" in service_places(inv, "ollama")
    assert not any(p.startswith("llm/notes.py") for p in service_places(inv, "ollama"))


def test_sdk_classes_of_new_providers(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "rag/embed.py": (
                "from langchain_voyageai import VoyageAIEmbeddings\n"
                "from langchain_community.embeddings import DashScopeEmbeddings\n"
                "\n"
                'voyage = VoyageAIEmbeddings(model="voyage-3-lite")\n'
                'qwen = DashScopeEmbeddings(model="text-embedding-v1")\n'
            )
        }
    )
    names = hosted(scan(root))
    assert names["voyage-3-lite"] == {"voyage"}
    assert names["text-embedding-v1"] == {"alibaba-dashscope"}


def test_country_of_new_providers(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/offer.py": (
                'TTS_MODELS = ["eleven_multilingual_v2", "eleven_turbo_v2_5"]\n'
                'IMAGE_MODELS = ["sd3-medium", "sd3-large"]\n'
            )
        }
    )
    bom = scan_to_bom(root)
    countries = {
        s["bom-ref"].split("/")[0]: {p["value"] for p in s.get("properties", [])}
        for s in bom.get("services", [])
    }
    by_provider = {ref: values for ref, values in countries.items()}
    assert any("elevenlabs" in ref and "US" in v for ref, v in by_provider.items())
    assert any("stability" in ref and "GB" in v for ref, v in by_provider.items())


def test_azure_deployment_url_and_ollama_api_paths_in_javascript(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/api/azure.ts": (
                'import OpenAI from "openai";\n'
                "export function client(endpoint: string, id: string, key: string) {\n"
                "  return new OpenAI({\n"
                "    apiKey: key,\n"
                "    baseURL: `${endpoint}/openai/deployments/${id}`,\n"
                "  });\n"
                "}\n"
            ),
            "lib/ollama.ts": (
                "export const fetchOllamaModels = async () => {\n"
                '  const response = await fetch(process.env.NEXT_PUBLIC_OLLAMA_URL + "/api/tags");\n'
                "  return response.json();\n"
                "};\n"
            ),
            # decoys: the same paths on an unnamed server, a templated URL of no known API
            "lib/other.ts": (
                'import OpenAI from "openai";\n'
                'export const tags = () => fetch(process.env.API_URL + "/api/tags");\n'
                "export const c = (base: string) => new OpenAI({ baseURL: `${base}/v1` });\n"
            ),
        }
    )
    inv = scan(root)
    assert "app/api/azure.ts:3" in service_places(inv, "azure-openai")
    assert "lib/ollama.ts:2" in service_places(inv, "ollama")
    assert not any(p.startswith("lib/other.ts") for p in service_places(inv, "ollama"))
    assert not any(p.startswith("lib/other.ts") for p in service_places(inv, "azure-openai"))
