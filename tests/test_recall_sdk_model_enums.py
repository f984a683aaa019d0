"""An SDK of one provider that names its models through an enum.

``aai.TranscriptionConfig(speech_model=aai.SpeechModel.best)``: AssemblyAI's SDK enum
member is the model ``best`` at AssemblyAI (framework_enums.yaml, an entry with a
fixed ``provider``). A project's own ``SpeechModel`` enum is not the SDK's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_assemblyai_speech_model_enum(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/reader.py": (
                "import assemblyai as aai\n"
                "\n"
                "def load(quality):\n"
                "    cfg = aai.TranscriptionConfig(speech_model=aai.SpeechModel.nano)\n"
                '    if quality == "best":\n'
                "        cfg = aai.TranscriptionConfig(speech_model=aai.SpeechModel.best)\n"
                "    return aai.Transcriber(config=cfg)\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("nano") == {"assemblyai"} and names.get("best") == {"assemblyai"}


def test_a_projects_own_speech_model_enum_is_not_the_sdks(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/types.py": (
                "from enum import Enum\n"
                "\n"
                "class SpeechModel(str, Enum):\n"
                '    BEST = "best"\n'
                '    NANO = "nano"\n'
            ),
            "app/use.py": (
                "from app.types import SpeechModel\n"
                "from app.cfg import Config\n"
                "\n"
                "cfg = Config(speech_model=SpeechModel.BEST)\n"
            ),
        }
    )
    assert not {"best", "nano"} & everything(scan(root))
