"""Local model servers set up by scripts (issue 11, services): an endpoint key naming the API
it serves (``openai_base_url``, ``LLM_API_BASE``) at a local host is a self-hosted model
server the program calls, even when the model name is asked for later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_api_named_local_endpoint_is_a_service(make_tree: MakeTree) -> None:
    script = (
        'case "$engine" in\n'
        "  1) # vLLM\n"
        '    openai_base_url="http://host.docker.internal:8000/v1"\n'
        "    get_model_name\n"
        "    break ;;\n"
        "esac\n"
    )
    inv = scan(
        make_tree(
            {"setup.sh": script, "app/.env.example": "LLM_API_BASE=http://localhost:9000/v1\n"}
        )
    )
    found = endpoints(inv)
    assert ("self-hosted", "http://host.docker.internal:8000/v1") in found
    assert ("self-hosted", "http://localhost:9000/v1") in found


def test_unnamed_local_urls_are_no_model_services(make_tree: MakeTree) -> None:
    script = 'BASE_URL="http://localhost:3000"\nSERVER_URL="http://127.0.0.1:8080/v1"\n'
    inv = scan(make_tree({"run.sh": script}))
    assert not endpoints(inv)
