"""Workflow nodes naming their provider (issue 11): an agent node's config
``{provider: openai, name: gpt-4o, base_url: ${BASE_URL}}`` calls the model its ``name`` holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

_WORKFLOW = """\
graph:
  id: demo
  nodes:
    - id: Planner
      type: agent
      config:
        name: gpt-4o-mini
        role: |-
          You plan the work.
        provider: openai
        base_url: ${BASE_URL}
    - id: Painter
      type: agent
      config:
        provider: gemini
        name: gemini-2.5-flash-image
    - id: Router
      type: passthrough
      config: {}
"""


def test_agent_node_name_is_its_model(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"flows/demo.yaml": _WORKFLOW}))
    names = hosted(inv)
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["gemini-2.5-flash-image"] == {"google"}
    assert "flows/demo.yaml:7" in service_places(inv, "openai")
    assert "flows/demo.yaml:16" in service_places(inv, "google")


def test_names_that_are_not_models_or_without_a_provider_are_not_read(
    make_tree: MakeTree,
) -> None:
    doc = """\
nodes:
  - config:
      provider: openai
      name: writer_agent
  - config:
      provider: openai
      model: gpt-4.1
      name: gpt-4o
  - config:
      provider: acme-internal
      name: gpt-4.1-nano
  - tool:
      name: o3-mini
      kind: search
"""
    inv = scan(make_tree({"flows/other.yaml": doc}))
    found = everything(inv)
    assert "writer_agent" not in found
    # a node with its own model key: that key is the model, its name a label
    assert "gpt-4.1" in found
    assert "gpt-4o" not in found
    # no known provider named: a name is a label
    assert "gpt-4.1-nano" not in found
    assert "o3-mini" not in found
