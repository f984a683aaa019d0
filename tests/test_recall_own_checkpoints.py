"""Checkpoint names libraries download from their own store.

``whisper.load_model("small.en")`` loads a checkpoint of openai-whisper's own store and Coqui's
``TTS("tts_models/...")`` one of its catalog: both are reported as written, also when a dropdown
offers the loader's names. A dropdown of other words that happen to share a few of them, or the
names without the library's loader, stay silent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_openai_whisper_and_coqui_checkpoint_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "ext/stt.py": (
                "import gradio as gr\n"
                "import whisper\n"
                "\n"
                "params = {'whisper_model': 'small.en', 'language': 'english'}\n"
                "MODEL = whisper.load_model(params['whisper_model'])\n"
                "\n"
                "def reload(name):\n"
                "    return whisper.load_model(name)\n"
                "\n"
                "def ui():\n"
                "    box = gr.Dropdown(label='Speech Model', value=params['whisper_model'],\n"
                "                      choices=['tiny.en', 'base', 'medium', 'large', 'turbo'])\n"
                "    box.change(reload, [box], [box])\n"
            ),
            "ext/tts.py": (
                "from TTS.api import TTS\n"
                "\n"
                'params = {"model_name": "tts_models/multilingual/multi-dataset/xtts_v2"}\n'
                'tts = TTS(params["model_name"])\n'
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    kinds = model_kinds(inv)
    assert found["small.en"] == {"ext/stt.py:5"}
    assert kinds["small.en"] == "local"
    for name, line in (("tiny.en", 12), ("base", 12), ("medium", 12), ("large", 12), ("turbo", 12)):
        assert f"ext/stt.py:{line}" in found[name], name
    assert "ext/tts.py:4" in found["tts_models/multilingual/multi-dataset/xtts_v2"]


def test_checkpoint_names_without_their_library_stay_silent(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/ui.py": (
                "import gradio as gr\n"
                "import whisper\n"
                "from keras.models import load_model\n"
                "\n"
                "net = load_model('base')\n"
                "\n"
                "def reload(name):\n"
                "    return whisper.load_model(name)\n"
                "\n"
                "def ui():\n"
                "    gr.Dropdown(label='Model size', choices=['tiny', 'small', 'xl', 'xxl', 'huge'])\n"
                "    gr.Dropdown(label='Language', choices=['english', 'base', 'small'])\n"
            ),
            "app/other.py": (
                "import gradio as gr\n"
                "from app.speech import load_model\n"
                "\n"
                "def reload(name):\n"
                "    return load_model(name)\n"
                "\n"
                "def ui():\n"
                "    gr.Dropdown(label='Whisper Model', choices=['tiny', 'base', 'small', 'large'])\n"
            ),
            "app/tts.py": (
                "from TTS.api import TTS\n"
                "from gtts import gTTS\n"
                "\n"
                'tts = TTS("voices/custom/my-voice")\n'
                'g = gTTS("tts_models/en/ljspeech/glow-tts")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert not {"base", "tiny", "small", "xl", "huge", "english"} & found
    assert "tts_models/en/ljspeech/glow-tts" not in found
