"""Kubernetes manifests: Deployments, StatefulSets, Pods, Jobs, KServe and Seldon resources.

Called by the YAML config scanner for every document that has ``apiVersion`` and
``kind``. Each container's ``env`` (``name``/``value`` pairs), ``command`` and
``args`` go through the container command analysis with the image as framework
hint; ``$(VAR)`` references resolve through the container's env. The rest of the
document is read like any config (``storageUri: hf://org/model`` of KServe
``InferenceService`` and Seldon ``Model``, ``modelURL`` of vLLM production-stack
resources, ``MODEL_ID`` keys of ConfigMaps, ...). A ConfigMap entry named like a
YAML or JSON file (``configmap.yaml: |``) is that file, read like any config file.
"""

from __future__ import annotations

import yaml

from aibom.inventory import Finding
from aibom.limits import load_json
from aibom.scanners.commandline import CommandScope, analyse_argv
from aibom.scanners.kernel import Emitter, ValueContext, dedupe, image_framework
from aibom.scanners.tree import (
    Locator,
    Node,
    analyse_pairs,
    analyse_tree,
    node_from_object,
    yaml_documents,
)

__all__ = ["is_manifest", "scan_manifest"]

_CONTAINER_KEYS = ("containers", "initContainers")
_MAX_DEPTH = 32


def is_manifest(doc: Node) -> bool:
    """True when a YAML document is a Kubernetes object (has ``apiVersion`` and ``kind``)."""
    return doc.kind == "map" and bool(doc.get_str("apiVersion")) and bool(doc.get_str("kind"))


def scan_manifest(doc: Node, rel: str) -> list[Finding]:
    """Findings for one Kubernetes object."""
    em = Emitter(rel, "kubernetes")
    kind = (doc.get_str("kind") or "").lower()
    framework = {
        "inferenceservice": "kserve",
        "servingruntime": "kserve",
        "seldondeployment": "seldon",
        "model": "seldon",
        "vllmruntime": "vllm",
    }.get(kind)
    containers: list[Node] = []
    _find_containers(doc, containers, 0)
    for c in containers:
        _container(c, em, framework)
    analyse_tree(
        _without_containers(doc, 0), em, scope=ValueContext(framework=framework), commands=True
    )
    if kind == "configmap":
        _embedded_files(doc, rel, em.findings)
    return dedupe(em.findings)


def _embedded_files(doc: Node, rel: str, out: list[Finding]) -> None:
    """``data: {config.yaml: |\n  ...}``: each YAML/JSON file a ConfigMap carries, at its own lines."""
    data = doc.get("data")
    if data is None or data.kind != "map":
        return
    for key, line, child in data.items:
        if child.kind != "scalar" or not child.value or line is None:
            continue
        name = key.lower()
        try:
            if name.endswith((".yaml", ".yml")):
                roots = yaml_documents(child.value)
            elif name.endswith(".json"):
                roots = [node_from_object(load_json(child.value), Locator(child.value).find)]
            else:
                continue
        except (yaml.YAMLError, ValueError, RecursionError):
            continue
        # a block scalar's text starts on the line after its key
        em = Emitter(rel, "kubernetes", line_offset=line if "\n" in child.value else line - 1)
        for root in roots:
            if root.kind == "map":
                analyse_tree(root, em, commands=True)
        out.extend(em.findings)


def _find_containers(node: Node, out: list[Node], depth: int, seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    if depth > _MAX_DEPTH or id(node) in seen:
        return
    seen.add(id(node))
    if node.kind == "map":
        for key, _, child in node.items:
            if key in _CONTAINER_KEYS and child.kind == "seq":
                out.extend(e for e in child.elements if e.kind == "map")
            else:
                _find_containers(child, out, depth + 1, seen)
    elif node.kind == "seq":
        for e in node.elements:
            _find_containers(e, out, depth + 1, seen)


def _without_containers(node: Node, depth: int, memo: dict[int, Node] | None = None) -> Node:
    """A copy of the tree without container lists (shared subtrees copied once)."""
    memo = {} if memo is None else memo
    if id(node) in memo:
        return memo[id(node)]
    if depth > _MAX_DEPTH:
        return Node("scalar", node.line)
    if node.kind == "map":
        out = memo[id(node)] = Node("map", node.line)
        out.items = [
            (k, ln, _without_containers(c, depth + 1, memo))
            for k, ln, c in node.items
            if k not in _CONTAINER_KEYS
        ]
        return out
    if node.kind == "seq":
        out = memo[id(node)] = Node("seq", node.line)
        out.elements = [_without_containers(e, depth + 1, memo) for e in node.elements]
        return out
    return node


def _container(c: Node, em: Emitter, framework: str | None) -> None:
    image = c.get_str("image")
    fw = (image_framework(image) if image else None) or framework
    env: dict[str, str] = {}
    env_node = c.get("env")
    pairs: list[tuple[str, int | None, str]] = []
    if env_node is not None and env_node.kind == "seq":
        for el in env_node.elements:
            if el.kind != "map":
                continue
            name = el.get_str("name")
            value = el.get_str("value")
            if name and value is not None:
                line = next((ln for k, ln, _ in el.items if k == "value"), el.line)
                pairs.append((name, line, value))
    analyse_pairs(em, pairs, ValueContext(framework=fw), env=env)
    argv: list[str] = []
    lines: list[int | None] = []
    for key in ("command", "args"):
        node = c.get(key)
        if node is None:
            continue
        if node.kind == "seq":
            for e in node.elements:
                argv.append(e.value or "")
                lines.append(e.line)
        elif node.kind == "scalar" and node.value:
            argv.append(node.value)
            lines.append(node.line)
    if argv:
        analyse_argv(argv, CommandScope(em, env, fw), lines=lines, kube=True)
