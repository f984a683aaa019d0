"""Hosted media and video model APIs (issue 11, round L): Fish Audio's TTS session, Twelve Labs'
client and Meshy's text-to-3D endpoint are services; other ``Session`` classes are not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_media_model_clients_and_endpoints_are_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "models/fish_audio_model.py": (
                "import os\n"
                "from fish_audio_sdk import Session\n"
                "url = os.environ.get('FISHAUDIO_API_BASE_URL', 'https://api.fish.audio')\n"
                "session = Session(apikey=os.environ['KEY'], base_url=url)\n"
            ),
            "toolkits/video.py": (
                "from twelvelabs import TwelveLabs\nclient = TwelveLabs(api_key='x')\n"
            ),
            "toolkits/meshy.py": (
                "import requests\n"
                "def generate(payload):\n"
                "    return requests.post('https://api.meshy.ai/v2/text-to-3d', json=payload)\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("fish-audio", "https://api.fish.audio") in found
    assert "twelvelabs" in {p for p, _ in found}
    assert any(p == "meshy" and (e or "").startswith("https://api.meshy.ai") for p, e in found)


def test_other_sessions_are_not_fish_audio(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/http.py": (
                "import requests\n"
                "from sqlalchemy.orm import Session\n"
                "s = requests.Session()\n"
                "db = Session(bind=None)\n"
            ),
        }
    )
    assert not {p for p, _ in endpoints(scan(root))} & {"fish-audio", "twelvelabs"}


def test_the_async_twelve_labs_client_is_a_service(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "agent.py": (
                "from twelvelabs import AsyncTwelveLabs\n"
                "async def ask(key: str) -> None:\n"
                "    async with AsyncTwelveLabs(api_key=key) as client:\n"
                "        await client.analyze(video_id='v')\n"
            ),
            "other.py": ("class AsyncTwelveLabs:\n    pass\nclient = AsyncTwelveLabs()\n"),
        }
    )
    inv = scan(root)
    places = {
        str(o) for s in inv.services.values() if s.provider == "twelvelabs" for o in s.occurrences
    }
    assert places == {"agent.py:3"}
