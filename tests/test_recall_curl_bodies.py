"""``curl`` requests in shell scripts (issue 11, rule 5): the JSON body names the model the
request calls at the URL's API (``-d '{"model": "gpt-4o-mini", ...}'``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_curl_json_body_names_the_model(make_tree: MakeTree) -> None:
    script = (
        "#!/bin/bash\n"
        "curl https://api.openai.com/v1/chat/completions \\\n"
        '  -H "Content-Type: application/json" \\\n'
        '  -d \'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}\'\n'
        "curl http://localhost:8000/v1/completions --data-raw "
        '\'{"spec": "{\\"model_id\\": \\"Qwen/Qwen2.5-7B-Instruct\\"}"}\'\n'
    )
    inv = scan(make_tree({"scripts/smoke.sh": script}))
    assert "openai" in hosted(inv)["gpt-4o-mini"]
    # a model spec sent as a JSON string inside the body
    assert "qwen/qwen2.5-7b-instruct" in everything(inv)


def test_curl_bodies_without_model_keys_name_nothing(make_tree: MakeTree) -> None:
    script = (
        "curl -X POST https://api.example.com/v1/users "
        '-d \'{"name": "gpt-4o", "content": "llama3"}\'\n'
        'echo \'{"model": "gpt-4o"}\'\n'
    )
    inv = scan(make_tree({"scripts/users.sh": script}))
    assert not everything(inv)
    assert not models(inv)
