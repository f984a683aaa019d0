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


def test_requests_to_a_local_model_server_name_what_it_runs(make_tree: MakeTree) -> None:
    # Xinference: register a model from a local path, then launch it under an alias
    register = (
        "curl 'http://127.0.0.1:9997/v1/model_registrations/LLM' \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        '  --data-raw \'{"model":"{\\"model_name\\":\\"my-glm-4-9b-chat\\",\\"model_family\\":'
        '\\"glm4-chat\\",\\"model_specs\\":[{\\"model_uri\\":\\"/root/models/glm-4-9b-chat\\"}]}",'
        '"persist":true}\'\n'
    )
    launch = (
        "curl 'http://127.0.0.1:9997/v1/models' -H 'Content-Type: application/json' \\\n"
        '  --data-raw \'{"model_uid":"bge-zh-served","model_name":"my-bge-large-zh",'
        '"model_type":"embedding","n_gpu":null}\'\n'
    )
    inv = scan(make_tree({"tools/register.sh": register, "tools/launch.sh": launch}))
    found = hosted(inv)
    assert found["my-glm-4-9b-chat"] == {"self-hosted"}
    assert found["my-bge-large-zh"] == {"self-hosted"}
    assert found["bge-zh-served"] == {"self-hosted"}
    assert "tools/register.sh:1" in models(inv)["/root/models/glm-4-9b-chat"]


def test_unknown_names_sent_to_a_remote_api_stay_unreported(make_tree: MakeTree) -> None:
    script = (
        "curl https://api.example.com/v1/models "
        '-d \'{"model_name": "my-custom-thing", "model_uid": "abc-1", "model_uri": "/data/x"}\'\n'
        "curl http://localhost:9997/v1/models "
        '-d \'{"model_name": "default", "model_uid": null, "model_type": "LLM"}\'\n'
    )
    inv = scan(make_tree({"scripts/remote.sh": script}))
    assert not everything(inv)
    assert not models(inv)


def test_codewithgpu_download_names_a_hub_model(make_tree: MakeTree) -> None:
    script = (
        "#!/bin/bash\n"
        "cd /root/autodl-tmp && conda run -n base pip install codewithgpu && "
        "conda run -n base cg down someone/glm-4-9b-chat\n"
        "cg status\n"
        "git log --format=%H down/stream\n"
    )
    inv = scan(make_tree({"tools/download_model.sh": script}))
    assert "tools/download_model.sh:2" in models(inv)["someone/glm-4-9b-chat"]
    assert set(models(inv)) == {"someone/glm-4-9b-chat"}
