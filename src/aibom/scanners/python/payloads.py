"""Dict literals that are API responses, not settings or requests.

An OpenAI-compatible server (or a mock of one) builds its replies as dict literals:
``{"id": f"modr-{...}", "model": "text-moderation-001", "results": [...]}``. The
``model`` field of a reply echoes a name for the client; it is not a model the project
uses, so the settings rule does not read it.
"""

from __future__ import annotations

import ast

# fields only a reply carries next to its "id" (a request never sends these)
_REPLY_FIELDS = frozenset({"choices", "results", "created", "usage", "system_fingerprint"})


def is_response_payload(node: ast.Dict) -> bool:
    """``{"id": ..., "model": ..., "choices" | "results" | "created" | "usage": ...}``."""
    keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return "id" in keys and "model" in keys and bool(keys & _REPLY_FIELDS)
