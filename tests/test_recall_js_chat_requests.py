"""A project's own request helper sending a chat body to a URL (issue 11).

``this.post(`${API_ORIGIN}/api/ai/chat`, headers, {model, messages})``: a ``model`` and a
``messages`` key written side by side make a chat request, and the URL (a template over an
imported constant included) says where it goes; a host no provider table knows is ``unknown``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

CLIENT = """
import { API_ORIGIN } from '../remote'
import Base from './base'

export default class VendorAI extends Base {
    async callChatCompletion(messages, signal) {
        const response = await this.post(
            `${API_ORIGIN}/api/ai/chat`,
            this.getHeaders(),
            {
                model: this.options.vendorModel || 'vendorai-3.5',
                messages,
                stream: true,
            },
            signal
        )
        return response
    }
}
"""


def test_a_chat_body_posted_by_a_helper_names_the_model_and_endpoint(make_tree: MakeTree) -> None:
    inv = scan(
        make_tree(
            {
                "src/packages/models/vendorai.ts": CLIENT,
                "src/packages/remote.ts": "export const API_ORIGIN = 'https://vendor-ai.example'\n",
            }
        )
    )
    assert hosted(inv)["vendorai-3.5"] == {"unknown"}
    assert ("unknown", "https://vendor-ai.example") in endpoints(inv)


def test_chat_shaped_objects_without_a_url_or_without_messages_are_not_requests(
    make_tree: MakeTree,
) -> None:
    code = """
export function save(store, messages) {
    store.set('session-model', { model: 'vendorai-3.5', messages })
    http.post('https://stats.example.com/track', { model: 'vendorai-4', count: 2 })
}
"""
    inv = scan(make_tree({"src/store.ts": code}))
    assert not {"vendorai-3.5", "vendorai-4"} & everything(inv)
    assert not {p for p, _ in endpoints(inv)} & {"unknown"}
