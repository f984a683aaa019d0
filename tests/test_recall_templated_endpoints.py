"""Endpoints built at run time: an API path that names its provider, a local server's port."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_databricks_serving_endpoints_base_url(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/deploy.py": (
                "from openai import OpenAI\n"
                "def client(databricks_host, token):\n"
                "    return OpenAI(\n"
                "        api_key=token,\n"
                "        base_url=f'{databricks_host}/serving-endpoints',\n"
                "    )\n"
                "def other(host, token):\n"
                "    return OpenAI(api_key=token, base_url=f'{host}/v1')\n"
            ),
            "app/hub.py": (
                "from transformers import AutoModelForCausalLM\n"
                "m = AutoModelForCausalLM.from_pretrained('databricks/dolly-v2-3b')\n"
            ),
        }
    )
    inv = scan(root)
    assert "app/deploy.py:3" in service_places(inv, "databricks")
    assert "app/deploy.py:8" not in service_places(inv, "databricks")
    assert "databricks/dolly-v2-3b" in models(inv)  # the organisation on the hub, no route


def test_local_server_at_a_run_time_port(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/local.py": (
                "def launch_llm_server(lm, port, host):\n"
                "    lm.kwargs['api_base'] = f'http://localhost:{port}/v1'\n"
                "    lm.kwargs['api_key'] = 'local'\n"
            ),
            "app/other.py": (
                "def llm_hooks(cfg, port, host):\n"
                "    cfg['api_base'] = f'http://{host}:{port}/v1'\n"  # the host is the caller's
                "    cfg['callback_url'] = f'http://localhost:{port}/hook'\n"  # no model API
                "    cfg['api_base_path'] = f'http://localhost:{port}/admin'\n"
            ),
        }
    )
    inv = scan(root)
    assert ("self-hosted", "http://localhost") in endpoints(inv)
    assert service_places(inv, "self-hosted") == {"app/local.py:2"}
    assert not everything(inv)
