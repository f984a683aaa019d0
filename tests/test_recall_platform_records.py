"""Platform records in Python settings (issue 11): a record naming a model platform (a
provider under ``platform_type``, or its ``api_base_url``) that lists the models it serves
under model-list keys (``llm_models``, ``embed_models``). Every listed model is used through
that platform, even the product's own aliases, once most members read as model names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

SETTINGS = """
class PlatformConfig(BaseModel):
    platform_type: str = "openai"
    llm_models: list[str] = []


class ModelSettings(BaseSettings):
    MODEL_PLATFORMS: list[PlatformConfig] = [
        PlatformConfig(**{
            "platform_name": "ollama",
            "platform_type": "ollama",
            "api_base_url": "http://127.0.0.1:11434/v1",
            "llm_models": [
                "qwen:7b",
                "qwen2:7b",
            ],
            "embed_models": [
                "quentinz/bge-large-zh-v1.5",
            ],
        }),
        PlatformConfig(**{
            "platform_name": "relay",
            "platform_type": "relay",
            "api_base_url": "http://127.0.0.1:3000/v1",
            "llm_models": [
                "chatglm_pro",
                "qwen-turbo",
                "qwen-max",
                "ERNIE-Bot",
                "SparkDesk",
            ],
            "embed_models": ["text-embedding-v1"],
        }),
        PlatformConfig(**{
            "platform_type": "openai",
            "llm_models": ["gpt-4o", "gpt-3.5-turbo"],
            "embed_models": ["text-embedding-3-small"],
        }),
    ]
"""


def test_platform_records_list_the_models_served_there(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"server/settings.py": SETTINGS}))
    kinds = model_kinds(inv)
    assert kinds["qwen:7b"] == "ollama"
    assert kinds["quentinz/bge-large-zh-v1.5"] == "ollama"
    h = hosted(inv)
    # a relay on the organisation's own host serves every listed name, aliases included
    for name in ("chatglm_pro", "qwen-turbo", "ernie-bot", "sparkdesk", "text-embedding-v1"):
        assert h[name] == {"self-hosted"}, name
    assert h["gpt-4o"] == {"openai"}
    assert h["text-embedding-3-small"] == {"openai"}


def test_model_lists_without_a_platform_or_of_unknown_words_are_not_models(
    make_tree: MakeTree,
) -> None:
    source = """
FEATURES = {
    "platform_type": "openai",
    "llm_models": ["summary", "translate", "rewrite"],
}
OPTIONS = {"name": "defaults", "llm_models": ["gpt-4o", "gpt-4o-mini", "my-alias"]}
"""
    inv = scan(make_tree({"app/options.py": source}))
    found = everything(inv)
    assert not {"summary", "translate", "rewrite", "my-alias"} & found


def test_a_model_setting_naming_a_hub_repos_gguf_file_is_a_local_servers_model(
    make_tree: MakeTree,
) -> None:
    source = """
from openai import OpenAI


class LMStudioLLM:
    def __init__(self, config):
        self.config = config
        self.config.model = (
            self.config.model
            or "lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"
        )
        self.client = OpenAI(base_url=self.config.base_url, api_key="lm-studio")
"""
    decoy = """
output_model = "out/merged/model.gguf"
model_path = "./weights/model.gguf"
QUANT_MODEL = "q4_k_m.gguf"
LOCAL_MODEL = "weights/llama/model.gguf"
"""
    inv = scan(make_tree({"llms/lmstudio.py": source, "tools/export.py": decoy}))
    key = (
        "lmstudio-community/meta-llama-3.1-8b-instruct-gguf/meta-llama-3.1-8b-instruct-q4_k_m.gguf"
    )
    assert hosted(inv)[key] == {"self-hosted"}
    found = everything(inv)
    assert not any(name.startswith(("out/", "./weights", "weights/")) for name in found), found


def test_a_setting_joining_a_provider_and_a_model_with_an_underscore_names_that_model(
    make_tree: MakeTree,
) -> None:
    settings = """
class Settings(BaseSettings):
    EMBEDDINGS_NAME: str = "huggingface_sentence-transformers/all-mpnet-base-v2"
    SUMMARY_MODEL: str = "openai_gpt-4o-mini"


settings = Settings()
"""
    routes = """
from app.settings import settings

def record(job):
    fields = {"name": job, "model": settings.EMBEDDINGS_NAME}
    return fields

def summary_record():
    fields = {"model": settings.SUMMARY_MODEL, "fallback_model": "openai_default"}
    return fields
"""
    inv = scan(make_tree({"app/settings.py": settings, "app/routes.py": routes}))
    found = everything(inv)
    assert "sentence-transformers/all-mpnet-base-v2" in found
    assert not any(name.startswith("huggingface_") for name in found), found
    assert hosted(inv)["gpt-4o-mini"] == {"openai"}
    assert not {"openai_default", "default", "openai_gpt-4o-mini"} & found


def test_litellm_speech_transcription_and_rerank_calls_name_their_model(
    make_tree: MakeTree,
) -> None:
    source = """
import litellm

def transcribe(fh):
    return litellm.transcription(model="whisper-1", file=fh)

def say(text):
    return litellm.speech(model="tts-1", input=text, voice="alloy")

def order(query, docs):
    return litellm.rerank(model="cohere/rerank-english-v3.0", query=query, documents=docs)

def other(fh):
    return litellm.get_model_info(model="not-a-call-site")
"""
    inv = scan(make_tree({"app/voice.py": source}))
    h = hosted(inv)
    assert h["whisper-1"] == {"openai"}
    assert h["tts-1"] == {"openai"}
    assert "cohere" in h["rerank-english-v3.0"]
    assert "not-a-call-site" not in everything(inv)


def test_elevenlabs_speech_calls_name_their_model_id(make_tree: MakeTree) -> None:
    source = """
from elevenlabs.client import ElevenLabs


class Speaker:
    def __init__(self, key):
        self.client = ElevenLabs(api_key=key)

    def speak(self, text):
        return self.client.text_to_speech.convert(
            voice_id="nPczCjzI2devNBz1zQrb", model_id="eleven_multilingual_v2", text=text
        )

    def listen(self, audio):
        return self.client.speech_to_text.convert(file=audio, model_id="scribe_v1")

    def voices(self):
        return self.client.voices.get(voice_id="nPczCjzI2devNBz1zQrb")
"""
    inv = scan(make_tree({"tts/elevenlabs.py": source}))
    h = hosted(inv)
    assert h["eleven_multilingual_v2"] == {"elevenlabs"}
    assert h["scribe_v1"] == {"elevenlabs"}
    assert "npczcjzi2devnbz1zqrb" not in {n.lower() for n in everything(inv)}
