"""Configuration files: YAML, JSON, TOML, INI/CFG and ``.env`` files that name models.

A value is reported only when it sits under a key that names a model (``model``,
``model_id``, ``base_model``, ``LLM_MODEL``, ``modelId``, ... nested, any case or
separator style) and :func:`~aibom.knowledge.classify.classify_model_value`
accepts it. A known provider base URL (``base_url``, ``api_base``,
``OPENAI_BASE_URL``, ...) marks a hosted service, and the model keys of the same
mapping (and below it) are attributed to that provider.

Conventions understood on top of the generic key rule: Hydra/OmegaConf
``_target_``, axolotl, LLaMA-Factory, torchtune, MLflow ``MLmodel``, LiteLLM
``model_list`` (``provider/model`` routes), platform catalogs (a ``models:`` list
whose every entry is a model), ``name``/``value`` environment lists, and
``args``/``command`` lists of deployment files (through the container command
analysis).

YAML files that are Kubernetes manifests go to :mod:`aibom.scanners.kubernetes`;
``values*.yaml`` files are reported as Helm values. The key rules and emission
live in :mod:`aibom.scanners.kernel`, the document walk in :mod:`aibom.scanners.tree`.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Iterable

import yaml

from aibom.inventory import Diagnostic, Finding, is_test_path
from aibom.limits import load_json, load_toml
from aibom.scanners import kubernetes
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.config_literals import stray_config_literals
from aibom.scanners.config_weights import weight_file_settings
from aibom.scanners.gallery import embedded_configs, looks_like_gallery
from aibom.scanners.kernel import (
    Emitter,
    dedupe,
    is_compose_name,
    is_dotenv_name,
    parse_dotenv,
    unquote,
)
from aibom.scanners.tree import (
    Locator,
    Node,
    analyse_pairs,
    analyse_tree,
    node_from_object,
    yaml_documents,
)
from aibom.walk import SourceFile

# JSON/YAML files bigger than this are data, not configuration: not scanned.
MAX_CONFIG_BYTES = 1024 * 1024
# ... except a YAML model gallery (see :mod:`aibom.scanners.gallery`), read up to this size.
MAX_GALLERY_BYTES = 16 * 1024 * 1024
_HELM_VALUES = re.compile(r"^values(?:[.-][\w.-]+)?\.ya?ml$", re.IGNORECASE)

# ---------------------------------------------------------------------------
# The file scanner


_SKIP_JSON = frozenset(
    {
        "package.json", "package-lock.json", "composer.json", "composer.lock", "jsconfig.json",
        "tokenizer.json", "vocab.json", "special_tokens_map.json", "angular.json", "deno.json",
        "deno.lock", ".eslintrc.json", "lerna.json", "nx.json", "turbo.json", "vercel.json",
        "renovate.json", ".prettierrc.json", "firebase.json", "app.json", "bower.json", "manifest.json",
        "launch.json", "settings.json", "extensions.json", "tasks.json", "components.json",
    }
)  # fmt: skip
_SKIP_TOML = frozenset(
    {
        "pyproject.toml",
        "uv.lock",
        "cargo.toml",
        "cargo.lock",
        "poetry.lock",
        "pixi.toml",
        "ruff.toml",
        ".ruff.toml",
        "rustfmt.toml",
        "netlify.toml",
        "pdm.lock",
    }
)
_SKIP_INI = frozenset(
    {
        "setup.cfg",
        "tox.ini",
        "pytest.ini",
        "mypy.ini",
        ".flake8",
        ".coveragerc",
        "pylintrc",
        ".pylintrc",
        ".editorconfig",
        ".bumpversion.cfg",
        "alembic.ini",
        "uwsgi.ini",
    }
)
_SKIP_YAML = frozenset(
    {
        "pnpm-lock.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "mkdocs.yml",
        ".readthedocs.yaml",
        ".readthedocs.yml",
        "codecov.yml",
        ".codecov.yml",
        "dependabot.yml",
        ".golangci.yml",
        "environment.yml",
        "environment.yaml",
        "conda.yaml",
        ".clang-format",
    }
)


_TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".gotmpl")
# A shipped example of a config file (``settings.yaml.example``, ``config.json.sample``).
_EXAMPLE_SUFFIXES = (".example", ".sample", ".dist", ".template", ".default")
# A template with no inner extension (Terraform ``templatefile("values.tpl")``, Go
# templates): read as YAML only when the text, template expressions taken out, is a mapping.
_BARE_TEMPLATE_SUFFIXES = (".tpl", ".tmpl", ".tftpl", ".gotmpl")
_TEMPLATE_DEFAULT = re.compile(r"""\{\{-?[^{}]*?\bdefault\s+(?:"([^"]*)"|'([^']*)')[^{}]*?-?\}\}""")
_TEMPLATE_EXPR = re.compile(r"\{\{-?[^{}]*?-?\}\}")
_TEMPLATE_BLOCK = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}")


def untemplate(text: str) -> str:
    """Jinja/Go-templated YAML made parseable, line for line.

    ``{{ .Values.x | default "org/name" }}`` becomes its default, any other ``{{ ... }}``
    a placeholder word, and ``{% ... %}`` / ``{{- if ... }}`` lines blank; a value that a
    template computes is therefore never mistaken for a model.
    """
    out: list[str] = []
    for line in text.splitlines():
        stripped = _TEMPLATE_BLOCK.sub("", line)
        if not stripped.strip() and line.strip():
            out.append("")
            continue
        if _TEMPLATE_EXPR.fullmatch(stripped.strip()):
            out.append("")
            continue
        stripped = _TEMPLATE_DEFAULT.sub(lambda m: m.group(1) or m.group(2) or "", stripped)
        out.append(_TEMPLATE_EXPR.sub("templated", stripped))
    return "\n".join(out)


def config_kind(name: str) -> str | None:
    """Which config format a file name means (``yaml``, ``json``, ``toml``, ``ini``, ``dotenv``), or None."""
    n = name.lower()
    if is_dotenv_name(name):
        return "dotenv"
    for suffix in _EXAMPLE_SUFFIXES:  # settings.yaml.example: the file a user copies and edits
        if n.endswith(suffix) and "." in n[: -len(suffix)]:
            inner = config_kind(name[: -len(suffix)])
            return inner if inner in ("yaml", "json", "toml") else None
    if name == "MLmodel":
        return "yaml"
    for suffix in _TEMPLATE_SUFFIXES:  # deployment.yaml.j2, values.yaml.tpl: templated YAML
        if n.endswith(suffix) and n[: -len(suffix)].endswith((".yaml", ".yml")):
            return "yaml"
    if n.endswith(_BARE_TEMPLATE_SUFFIXES) and "." not in n[: n.rindex(".")].lstrip("."):
        return "yaml-template?"  # gpu-values.tpl: YAML only when its text parses as a mapping
    if n.endswith((".yaml", ".yml")):
        if n in _SKIP_YAML or is_compose_name(name):
            return None
        return "yaml"
    if n.endswith(".json"):
        if (
            n in _SKIP_JSON
            or n.startswith("tsconfig")
            or n.endswith((".schema.json", ".index.json", ".lock.json", ".map.json"))
        ):
            return None
        return "json"
    if n.endswith(".toml"):
        return None if n in _SKIP_TOML else "toml"
    if n.endswith((".ini", ".cfg", ".conf")) and n not in _SKIP_INI:
        return "ini" if not n.endswith(".conf") else None
    return None


class ConfigFileScanner(FileScanner):
    """YAML / JSON / TOML / INI / .env files that name models and model APIs."""

    name = "config"
    globs = (
        "*.yaml",
        "*.yml",
        "*.json",
        "*.toml",
        "*.ini",
        "*.cfg",
        ".env",
        ".env.*",
        "env.*.example",
        "env.example",
        "MLmodel",
        "*.yaml.example",
        "*.json.sample",
        "*.tpl",
        "*.tmpl",
        "*.tftpl",
        "*.gotmpl",
    )

    def wants(self, f: SourceFile) -> bool:
        return config_kind(f.name) is not None

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        kind = config_kind(f.name)
        if kind is None:
            return []
        if kind in ("json", "yaml") and f.size > MAX_CONFIG_BYTES:
            if kind == "yaml" and f.size <= MAX_GALLERY_BYTES:
                text = ctx.read_text(f)
                if text is not None and looks_like_gallery(text):
                    return scan_config_text(text, f.rel, kind)
            ctx.diag(
                f.rel,
                f"{kind.upper()} file over {MAX_CONFIG_BYTES // (1024 * 1024)} MiB treated as data; not scanned for models",
                code="too-large",
                level="info",
            )
            return []
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_config_text(text, f.rel, kind)


def scan_config_text(text: str, rel: str, kind: str) -> list[Finding]:
    """Findings for one config file's text; ``kind`` is what :func:`config_kind` returned."""
    try:
        if kind == "yaml":
            return _scan_yaml(text, rel)
        if kind == "yaml-template?":
            return _scan_bare_template(text, rel)
        if kind == "json":
            return _scan_json(text, rel)
        if kind == "toml":
            return _scan_toml(text, rel)
        if kind == "ini":
            return _scan_ini(text, rel)
        if kind == "dotenv":
            return _scan_dotenv(text, rel)
    except RecursionError:
        return [Diagnostic(rel, "configuration nested too deeply; skipped", code=kind)]
    return []


def _scan_yaml(text: str, rel: str) -> list[Finding]:
    name = rel.rsplit("/", 1)[-1]
    if ("{{" in text or "{%" in text) and (
        name.lower().endswith(_TEMPLATE_SUFFIXES)
        or rel.startswith("templates/")
        or "/templates/" in rel
    ):
        text = untemplate(text)  # a Helm chart template or a Jinja-templated manifest
    try:
        docs = yaml_documents(text)
    except yaml.YAMLError as exc:
        if "{{" in text or "{%" in text:
            try:  # a Helm/Jinja template: read it with the template expressions taken out
                docs = yaml_documents(untemplate(text))
            except (yaml.YAMLError, RecursionError):
                return []
            return _scan_yaml_docs(docs, rel, name)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [Diagnostic(rel, f"invalid YAML: {problem}", line=line, code="yaml")]
    return _scan_yaml_docs(docs, rel, name, gallery=looks_like_gallery(text))


def _scan_bare_template(text: str, rel: str) -> list[Finding]:
    """``helm/gpu-values.tpl``: a YAML document behind a template suffix, else nothing.

    Terraform renders such files into Helm values or manifests, so their ``args``/``command``
    lists (init containers running ``hf download org/name``) are read as commands. A template
    of anything else (HTML, HCL, a Helm ``_helpers.tpl``) is not a mapping and is skipped
    without a diagnostic.
    """
    try:
        docs = yaml_documents(untemplate(text))
    except (yaml.YAMLError, RecursionError):
        return []
    docs = [d for d in docs if d.kind == "map" and d.items]
    if not docs:
        return []
    return _scan_yaml_docs(docs, rel, rel.rsplit("/", 1)[-1], commands=True)


def _scan_yaml_docs(
    docs: list[Node], rel: str, name: str, *, commands: bool = False, gallery: bool = False
) -> list[Finding]:
    findings: list[Finding] = []
    helm = bool(_HELM_VALUES.match(name))
    for doc in docs:
        if kubernetes.is_manifest(doc):
            findings.extend(kubernetes.scan_manifest(doc, rel))
            continue
        em = Emitter(rel, "helm" if helm else "yaml-config")
        analyse_tree(doc, em, commands=commands or helm or _is_workflow(rel))
        for text in embedded_configs(doc):  # a gallery entry's config_file: | block
            try:
                inner = yaml_documents(text)
            except (yaml.YAMLError, RecursionError):
                continue
            for sub in inner:
                if sub.kind == "map":
                    analyse_tree(sub, em)
        if not is_test_path(rel):
            weight_file_settings(doc, em, files=not gallery)  # a gallery's files: its own rule
            stray_config_literals(doc, em)
        findings.extend(em.findings)
    return dedupe(findings)


def _is_workflow(rel: str) -> bool:
    """CI definitions whose steps are shell (GitHub Actions workflows, GitLab CI)."""
    name = rel.rsplit("/", 1)[-1]
    return (
        rel.startswith(".github/workflows/")
        or "/.github/workflows/" in rel
        or name in (".gitlab-ci.yml", ".gitlab-ci.yaml")
    )


def _scan_json(text: str, rel: str) -> list[Finding]:
    try:
        obj = load_json(text)
    except (ValueError, RecursionError) as exc:
        return [Diagnostic(rel, f"invalid JSON: {exc}", code="json")]
    loc = Locator(text)
    em = Emitter(rel, "json-config")
    root = node_from_object(obj, loc.find)
    analyse_tree(root, em)
    if not is_test_path(rel):
        weight_file_settings(root, em)
        stray_config_literals(root, em)
    return dedupe(em.findings)


def _scan_toml(text: str, rel: str) -> list[Finding]:
    try:
        obj = load_toml(text)
    except (ValueError, RecursionError) as exc:
        return [Diagnostic(rel, f"invalid TOML: {exc}", code="toml")]
    loc = Locator(text)
    em = Emitter(rel, "toml-config")
    root = node_from_object(obj, loc.find)
    analyse_tree(root, em)
    if not is_test_path(rel):
        weight_file_settings(root, em)
        stray_config_literals(root, em)
    return dedupe(em.findings)


_INI_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_INI_PAIR = re.compile(r"^\s*([^=:#;\s][^=:]*?)\s*[=:]\s*(.*?)\s*$")


def _scan_ini(text: str, rel: str) -> list[Finding]:
    """INI/CFG: each section is a mapping (parsed by line to keep line numbers)."""
    sections: list[tuple[str, int | None, Node]] = []
    current = Node("map", 1)
    sections.append(("DEFAULT", 1, current))
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if not s or s[0] in "#;":
            continue
        m = _INI_SECTION.match(raw)
        if m:
            current = Node("map", i)
            sections.append((m.group(1).strip(), i, current))
            continue
        if raw[:1].isspace():
            continue  # continuation of a multi-line value
        m = _INI_PAIR.match(raw)
        if m:
            current.items.append((m.group(1), i, Node("scalar", i, value=unquote(m.group(2)))))
    # make sure the file is INI at all
    try:
        configparser.ConfigParser(interpolation=None, strict=False).read_string(
            text if _INI_SECTION.search(text) else "[DEFAULT]\n" + text
        )
    except configparser.Error as exc:
        return [Diagnostic(rel, f"invalid INI: {str(exc).splitlines()[0]}", code="ini")]
    em = Emitter(rel, "ini-config")
    analyse_tree(Node("map", 1, items=sections), em)
    return dedupe(em.findings)


def _scan_dotenv(text: str, rel: str) -> list[Finding]:
    em = Emitter(rel, "dotenv")
    analyse_pairs(em, [(k, line, v) for k, line, v in parse_dotenv(text)])
    return dedupe(em.findings)
