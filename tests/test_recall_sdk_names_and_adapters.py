"""ElevenLabs' 1.x ``client.generate`` and LoRA adapter settings.

``ElevenLabs(...).generate(text=..., voice=..., model="eleven_multilingual_v2")`` names the
model it speaks with; ``generate`` on anything else, or without a model, names none. A setting
``lora_path: "org/alpaca-lora-7b"`` loads that adapter; an output path or a folder does not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_elevenlabs_generate_names_its_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "voice/tts.py": (
                "from elevenlabs.client import ElevenLabs\n"
                "\n"
                "client = ElevenLabs(api_key=KEY)\n"
                "\n"
                "class Speaker:\n"
                "    def speak(self, text):\n"
                '        return client.generate(text=text, voice="v", model="eleven_turbo_v2_5")\n'
            ),
            "voice/other.py": (
                "from elevenlabs.client import ElevenLabs\n"
                "from app.gen import Generator\n"
                "\n"
                "client = ElevenLabs(api_key=KEY)\n"
                "gen = Generator()\n"
                "\n"
                "def run(text):\n"
                "    client.generate(text=text)\n"
                '    gen.generate(text, model="eleven_multilingual_v1")\n'
                '    client.voices.generate(model="eleven_monolingual_v1")\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("eleven_turbo_v2_5") == {"elevenlabs"}
    assert "eleven_multilingual_v1" not in names
    assert "eleven_monolingual_v1" not in names


def test_lora_adapter_settings_name_the_adapter(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "configs/generate.yaml": (
                'model_name: "acme/llama-7b"\nlora: true\nlora_path: "acme/alpaca-lora-7b"\n'
            ),
            "configs/train.yaml": (
                'model_name: "acme/llama-7b"\n'
                'output_lora_path: "acme/new-lora"\n'
                'lora_path: "output/lora"\n'
                'save_lora_path: "acme/saved-adapter"\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "acme/alpaca-lora-7b" in found
    assert not {"acme/new-lora", "output/lora", "acme/saved-adapter"} & found
