"""Vendor adapter folders in Python (issue 11): ``services/<vendor>/`` names who serves the model.

Voice-agent and LLM frameworks keep one folder per model vendor (``services/cartesia/tts.py``,
``services/groq/stt.py``). There a model setting's literal default — a ``Settings(model=...)``
record, a ``model: str = ...`` parameter or field, a ``Literal[...]`` of accepted names, a
``{"model_name": ...}`` entry — is a hosted model of the folder's vendor, even when no pattern
knows the name; an unknown vendor counts at the API URL its file fixes. Voice ids, languages,
prefixes, comparisons, docstrings, tests, examples and folders that are no vendor stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_CARTESIA = '''
_KEYTERM_MODEL_PREFIX = "ink-2"

class CartesiaTTSService(TTSService):
    def __init__(self, *, api_key: str, url: str = "wss://api.cartesia.ai/tts/websocket",
                 model_path: str = "models/sonic.onnx"):
        """Cartesia TTS. Defaults to "sonic-3"."""
        default_settings = self.Settings(
            model="sonic-3.5",
            voice="a0e99841-438c-4a64-b679-ae501e7d6091",
            language="en-US",
        )
        if self._settings.model == "sonic-2":
            pass
'''

_GROQ = """
class GroqSTTService(WhisperSTTService):
    def __init__(self, *, base_url: str = "https://api.groq.com/openai/v1", **kwargs):
        default_settings = self.Settings(model="whisper-large-v3-turbo", language="en")
"""

_SONIOX = """
from pydantic import BaseModel

class SonioxInputParams(BaseModel):
    model: str = "stt-rt-v5"

class SonioxSTTService(STTService):
    def __init__(self, *, url: str = "wss://stt-rt.soniox.com/transcribe-websocket"):
        pass
"""

_ASSEMBLY = """
from typing import Literal
from pydantic import BaseModel

class AssemblyAIConnectionParams(BaseModel):
    speech_model: Literal["universal-streaming-english", "u3-rt-pro"] = "u3-rt-pro"
"""

_NVIDIA = """
class NvidiaSTTService(STTService):
    def __init__(self, *, model_function_map: dict = {
        "function_id": "ee8dc628-76de-4acc-8595-1836e7e857bd",
        "model_name": "canary-1b-asr",
    }):
        pass
"""

_SAGEMAKER = """
class NvidiaSageMakerTTSService(TTSService):
    def __init__(self, *, endpoint_name: str):
        default_settings = self.Settings(model="magpie", voice="Magpie-Multilingual.EN-US.Aria")
"""

_SARVAM = """
from enum import StrEnum

class SarvamTTSModel(StrEnum):
    BULBUL_V2 = "bulbul:v2"
    BULBUL_V3 = "bulbul:v3"

class SarvamTTSSpeaker(StrEnum):
    ANUSHKA = "anushka"

class SarvamTTSService(TTSService):
    def __init__(self, *, base_url: str = "https://api.sarvam.ai"):
        pass
"""

_FAL = """
class FalImageGenService(ImageGenService):
    def __init__(self):
        default_settings = self.Settings(model="fal-ai/fast-sdxl", seed=None)

    async def run(self):
        async with self._session.post(f"https://fal.run/{self._settings.model}") as resp:
            pass
"""

_OLLAMA = """
class OLLamaLLMService(OpenAILLMService):
    def __init__(self, *, model: str = "llama2", base_url: str = "http://localhost:11434/v1"):
        pass
"""


def test_vendor_folder_defaults_are_the_vendors_models(make_tree: MakeTree) -> None:
    tree = {
        "src/bot/services/cartesia/tts.py": _CARTESIA,
        "src/bot/services/groq/stt.py": _GROQ,
        "src/bot/services/soniox/stt.py": _SONIOX,
        "src/bot/services/assemblyai/models.py": _ASSEMBLY,
        "src/bot/services/nvidia/stt.py": _NVIDIA,
        "src/bot/services/nvidia/sagemaker/tts.py": _SAGEMAKER,
        "src/bot/services/ollama/llm.py": _OLLAMA,
        "src/bot/services/sarvam/tts.py": _SARVAM,
        "src/bot/services/fal/image.py": _FAL,
    }
    inv = scan(make_tree(tree))
    names = hosted(inv)
    assert names["sonic-3.5"] == {"unknown"}
    assert ("unknown", "wss://api.cartesia.ai/tts/websocket") in endpoints(inv)
    assert names["whisper-large-v3-turbo"] == {"groq"}  # not OpenAI's by its pattern
    assert names["stt-rt-v5"] == {"unknown"}
    assert ("unknown", "wss://stt-rt.soniox.com/transcribe-websocket") in endpoints(inv)
    assert names["u3-rt-pro"] == {"assemblyai"}
    assert names["universal-streaming-english"] == {"assemblyai"}
    assert names["canary-1b-asr"] == {"nvidia"}
    assert names["magpie"] == {"aws-sagemaker"}  # the sub-folder names where it is served
    assert "llama2:latest" in models(inv) or "llama2" in models(inv)
    assert names["bulbul:v2"] == names["bulbul:v3"] == {"sarvam"}  # a model enum's members
    assert names["fal-ai/fast-sdxl"] == {"unknown"}  # at the host its request f-string names
    assert ("unknown", "https://fal.run") in endpoints(inv)
    reported = everything(inv)
    for decoy in (
        "ink-2",  # a prefix constant
        "sonic-3",  # docstring
        "sonic-2",  # a comparison
        "models/sonic.onnx",  # a path setting
        "a0e99841-438c-4a64-b679-ae501e7d6091",  # a voice id
        "magpie-multilingual.en-us.aria",
        "en-us",
        "ee8dc628-76de-4acc-8595-1836e7e857bd",
        "anushka",  # a speaker enum
    ):
        assert decoy not in reported, decoy


def test_outside_vendor_folders_nothing_is_read(make_tree: MakeTree) -> None:
    tree = {
        "src/bot/tts.py": _CARTESIA,  # no vendor folder
        "tests/services/cartesia/tts.py": _CARTESIA,  # test code
        "examples/services/soniox/stt.py": _SONIOX,  # example code
        "src/bot/services/storage/s3.py": _SONIOX,  # a folder of a service that is no model API
        # a folder no provider table knows, whose file fixes no API URL: the project's own
        "src/app/services/script_reviewer/llm.py": (
            "class Reviewer:\n    def __init__(self):\n"
            '        self.settings = Settings(model="VERTEX_GEMINI_FLASH")\n'
        ),
    }
    reported = everything(scan(make_tree(tree)))
    assert not reported & {"sonic-3.5", "stt-rt-v5", "vertex_gemini_flash"}


def test_provider_names_and_other_vendors_closed_models_stay_out(make_tree: MakeTree) -> None:
    tree = {
        "bot/models/minimax/session.py": (
            "class MinimaxSession(Session):\n"
            '    def __init__(self, session_id, model="minimax"):\n'
            "        pass\n"
        ),
        "bot/models/gemini/bot.py": (
            "class GeminiBot(Bot):\n"
            "    def __init__(self):\n"
            '        self.sessions = SessionManager(model=conf().get("model") or "gpt-3.5-turbo")\n'
            '        self.settings = Settings(model="gemini-2.0-flash")\n'
        ),
    }
    inv = scan(make_tree(tree))
    names = hosted(inv)
    assert "minimax" not in everything(inv)  # the provider's own name
    assert "google" not in names.get("gpt-3.5-turbo", set())  # OpenAI's closed model
    assert names["gemini-2.0-flash"] == {"google"}
