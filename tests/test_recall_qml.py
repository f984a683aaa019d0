"""QML object trees: literal properties of Qt Quick objects read like a config mapping.

A provider card declares its API base URL and the models its picker offers as QML
properties; expressions, handlers and functions are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

CARDS = """import QtQuick
import QtQuick.Controls

Rectangle {
    id: root
    property string title: qsTr("Add remote model")
    Flow {
        RemoteModelCard {
            width: parent.childWidth
            providerBaseUrl: "https://api.groq.com/openai/v1/"
            providerName: qsTr("Groq")
            modelWhitelist: [
                // last updated 2025-02-24
                "llama-3.3-70b-versatile",
                "llama3-8b-8192",
                "mixtral-8x7b-32768",
            ]
        }
        RemoteModelCard {
            providerBaseUrl: "https://api.mistral.ai/v1/"
            providerName: qsTr("Mistral")
            modelWhitelist: ["open-mistral-7b", "mistral-small-latest"]
            onClicked: {
                console.log("clicked " + providerName)
            }
        }
    }
    function pick(a) {
        if (a) { return 1 }
        return 2
    }
}
"""


def test_provider_cards_with_model_allow_lists(make_tree: MakeTree) -> None:
    root = make_tree({"qml/AddRemoteModelView.qml": CARDS})
    inv = scan(root)
    h = hosted(inv)
    assert h["llama-3.3-70b-versatile"] == {"groq"}
    assert h["mixtral-8x7b-32768"] == {"groq"}
    assert h["open-mistral-7b"] == {"mistral"}
    assert ("groq", "https://api.groq.com/openai/v1") in endpoints(inv)
    assert "qml/AddRemoteModelView.qml:14" in service_places(inv, "groq")


def test_qml_decoys_stay_silent(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "qml/Picker.qml": (
                "import QtQuick.Controls\n"
                "ComboBox {\n"
                '    model: ["Apple", "Banana", "Cherry"]\n'
                '    property var colorWhitelist: ["red", "green"]\n'
                '    text: "Chat with gpt-4o"\n'
                '    property string hint: "gpt-4o" + suffix\n'
                "}\n"
            ),
        }
    )
    found = everything(scan(root))
    assert not found & {"apple", "banana", "red", "gpt-4o", "chat with gpt-4o"}


def test_model_whitelist_key_in_json_config(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "config/providers.json": (
                '{"providers": [{"baseUrl": "https://api.mistral.ai/v1",'
                ' "model_whitelist": ["codestral-2501", "mistral-large-latest"]}]}'
            ),
        }
    )
    assert hosted(scan(root))["codestral-2501"] == {"mistral"}


def test_nomic_atlas_embedding_api_is_a_known_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "embed.py": (
                "import requests\n"
                "\n"
                "def embed(texts):\n"
                "    return requests.post(\n"
                '        "https://api-atlas.nomic.ai/v1/embedding/text",\n'
                '        json={"model": "nomic-embed-text-v1", "texts": texts},\n'
                "    ).json()\n"
            ),
        }
    )
    assert hosted(scan(root))["nomic-embed-text-v1"] == {"nomic"}
