"""The model a realtime session's part uses (issue 11): OpenAI Realtime's
``input_audio_transcription: {model: "whisper-1"}`` names the speech-to-text model the
session calls, even when the session is configured through a client aibom cannot follow
(``clientRef.current.configure({...})``). Only hosted names a provider's patterns know count.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

SESSION = """
export function RealtimeChat({ voice, temperature }) {
  const start = async () => {
    await clientRef.current.configure({
      instructions: "",
      voice,
      input_audio_transcription: { model: "whisper-1" },
      turn_detection: null,
      temperature,
    });
  };
  const ui = { transcription: { model: "fancy", language: "en" } };
}
"""


def test_the_transcription_model_of_a_realtime_session(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/components/realtime-chat.tsx": SESSION}))
    assert hosted(inv)["whisper-1"] == {"openai"}
    assert "fancy" not in everything(inv)
