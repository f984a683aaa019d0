"""Containers and deployment: Dockerfiles, docker-compose files and shell scripts.

The same command analysis serves every place a command line appears (Dockerfile
``RUN``/``CMD``/``ENTRYPOINT``, compose ``command``, Kubernetes ``args``, shell
scripts, notebook ``!`` lines):

* ``vllm serve ID``, ``python -m vllm.entrypoints.openai.api_server --model ID``,
  ``text-generation-launcher --model-id ID``, ``python -m sglang.launch_server
  --model-path ID``, ``llama-server -hf org/repo:Q4_K_M``, ``lmdeploy serve api_server ID``
  -> the model with the serving framework;
* ``--model ID`` / ``--model=ID`` / ``--model-id`` / ``--model_name_or_path`` ... anywhere;
  ``--revision REV`` pins the hub models of the same command;
* ``ollama pull|run TAG`` -> an Ollama model; ``huggingface-cli download ID`` /
  ``hf download ID`` / ``tune download ID`` -> a hub model (or dataset with
  ``--repo-type dataset``).

``$VAR`` / ``${VAR:-default}`` resolve through ``ENV``/``ARG`` defaults, earlier
assignments in the same file and inline defaults; a model argument that cannot be
resolved gives an info diagnostic (code ``unresolved-model``).
"""

from __future__ import annotations

import re
import shlex
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from aibom.inventory import Diagnostic, Finding, ModelKind
from aibom.limits import load_json
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.commandline import (
    HEREDOC,
    CommandScope,
    analyse_argv,
    scan_shell_script,
    scan_shell_text,
)
from aibom.scanners.kernel import (
    Emitter,
    ValueContext,
    dedupe,
    emit_model_value,
    expand_vars,
    has_var_ref,
    image_framework,
    is_compose_name,
    is_model_key,
    is_model_location_key,
    key_words,
    parse_dotenv,
)
from aibom.scanners.tree import Node, analyse_pairs, yaml_documents
from aibom.walk import SourceFile

__all__ = [
    "CommandScope",
    "ContainerScanner",
    "analyse_argv",
    "image_framework",
    "scan_compose_text",
    "scan_dockerfile_text",
    "scan_shell_script",
    "scan_shell_text",
]


@dataclass
class _Instruction:
    keyword: str
    args: str
    line: int
    physical: list[str]
    escape: str = "\\"
    heredocs: list[tuple[int, str]] = field(default_factory=list)  # (first line, body)


def _parse_dockerfile(text: str) -> list[_Instruction]:
    lines = text.splitlines()
    escape = "\\"
    for raw in lines[:5]:
        m = re.match(r"^\s*#\s*escape\s*=\s*(\S)\s*$", raw, re.IGNORECASE)
        if m:
            escape = m.group(1)
            break
        if not raw.strip().startswith("#"):
            break
    out: list[_Instruction] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        if not s or s.startswith("#"):
            i += 1
            continue
        start = i
        parts = [s]
        physical = [raw]
        while parts[-1].endswith(escape) and i + 1 < len(lines):
            parts[-1] = parts[-1][: -len(escape)]
            i += 1
            nxt = lines[i]
            physical.append(nxt)
            if nxt.strip().startswith("#"):
                parts.append(escape)  # comment lines inside a continuation are dropped
                continue
            parts.append(nxt.strip())
        if parts[-1] == escape:
            parts[-1] = ""
        i += 1
        joined = " ".join(p for p in parts if p)
        kw, _, args = joined.partition(" ")
        inst = _Instruction(kw.upper(), args.strip(), start + 1, physical, escape)
        for m in HEREDOC.finditer(args):
            delim = m.group(2)
            body_start = i
            while i < len(lines) and lines[i].strip() != delim:
                i += 1
            inst.heredocs.append((body_start + 1, "\n".join(lines[body_start:i])))
            i += 1
        out.append(inst)
    return out


def _exec_form(args: str) -> list[str] | None:
    if not args.startswith("["):
        return None
    try:
        value = load_json(args)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def scan_dockerfile_text(text: str, rel: str) -> list[Finding]:
    """Findings for a Dockerfile / Containerfile."""
    em = Emitter(rel, "dockerfile")
    global_args: dict[str, str] = {}
    env: dict[str, str] = {}
    framework: str | None = None
    entrypoint: list[str] | None = None
    seen_from = False
    for inst in _parse_dockerfile(text):
        kw, args, line = inst.keyword, inst.args, inst.line
        if kw == "FROM":
            words = [w for w in args.split() if not w.startswith("--")]
            image = expand_vars(words[0], global_args) if words else None
            framework = image_framework(image) if image else None
            env = dict(global_args)
            entrypoint = None
            seen_from = True
        elif kw == "ARG":
            pairs: list[tuple[str, int | None, str]] = []
            for w in _safe_split(args):
                name, sep, default = w.partition("=")
                if sep:
                    pairs.append((name, line, default))
            target = env if seen_from else global_args
            analyse_pairs(em, pairs, ValueContext(framework=framework), env=target)
        elif kw == "ENV":
            words = _safe_split(args)
            if words and "=" in words[0]:
                pairs = [(w.split("=", 1)[0], line, w.split("=", 1)[1]) for w in words if "=" in w]
            elif words:
                pairs = [(words[0], line, " ".join(words[1:]))]
            else:
                pairs = []
            pairs = [(k, _line_in(inst, k, line), v) for k, _, v in pairs]
            analyse_pairs(em, pairs, ValueContext(framework=framework), env=env)
        elif kw in ("RUN", "CMD", "ENTRYPOINT"):
            body = args
            while kw == "RUN" and body.startswith("--"):
                body = body.split(None, 1)[1] if " " in body else ""
            cs = CommandScope(em, env, framework)
            argv = _exec_form(body)
            if argv is not None:
                lines = [_line_in(inst, a, line) for a in argv]
                if kw == "CMD" and entrypoint:
                    analyse_argv(
                        [*entrypoint, *argv],
                        cs,
                        lines=[line] * len(entrypoint) + lines,
                        min_index=len(entrypoint),
                    )
                else:
                    analyse_argv(argv, cs, lines=lines)
                if kw == "ENTRYPOINT":
                    entrypoint = argv
            else:
                if kw == "ENTRYPOINT":
                    entrypoint = None
                scan_shell_text(_shell_lines(inst, body), cs, first_line=line)
            for first, heredoc in inst.heredocs:
                scan_shell_text(heredoc, CommandScope(em, env, framework), first_line=first)
    return dedupe(em.findings)


def _shell_lines(inst: _Instruction, body: str) -> str:
    """The instruction's shell text with its physical lines kept (for line numbers).

    The keyword and ``RUN`` flags are removed from the first line, comment lines inside
    the continuation dropped (the continuation goes on) and a custom escape character
    turned into a backslash.
    """
    if len(inst.physical) == 1:
        return body
    out: list[str] = []
    first = inst.physical[0]
    pos = first.find(body.split()[0]) if body.split() else -1
    out.append(first[pos:] if pos >= 0 else first)
    out.extend("\\" if raw.strip().startswith("#") else raw for raw in inst.physical[1:])
    if inst.escape != "\\":
        out = [
            ln.rstrip()[: -len(inst.escape)] + "\\" if ln.rstrip().endswith(inst.escape) else ln
            for ln in out
        ]
    return "\n".join(out)


def _line_in(inst: _Instruction, needle: str, default: int) -> int:
    for j, raw in enumerate(inst.physical):
        if needle and needle in raw:
            return inst.line + j
    return default


def _safe_split(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


# ---------------------------------------------------------------------------
# docker-compose


def scan_compose_text(
    text: str, rel: str, *, dotenv: dict[str, str] | None = None
) -> list[Finding]:
    """Findings for a docker-compose file: each service's image, environment, command and entrypoint.

    ``dotenv`` holds the variables of the ``.env`` file next to the compose file, which
    Compose uses for ``${VAR}`` interpolation (inline ``${VAR:-default}`` defaults too).
    """
    variables = dict(dotenv or {})
    try:
        docs = yaml_documents(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [
            Diagnostic(
                rel,
                f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                line=mark.line + 1 if mark else None,
                code="yaml",
            )
        ]
    em = Emitter(rel, "compose")
    for doc in docs:
        if doc.kind != "map":
            continue
        services = doc.get("services")
        if services is not None and services.kind == "map":
            for _, _, svc in services.items:
                if svc.kind == "map":
                    _compose_service(svc, em, variables)
        models = doc.get("models")  # Docker Model Runner models
        if models is not None and models.kind == "map":
            for _, line, m in models.items:
                value = m.get_str("model") if m.kind == "map" else m.value
                vline = (
                    next((ln for k, ln, _ in m.items if k == "model"), line)
                    if m.kind == "map"
                    else m.line
                )
                if value and not value.startswith(
                    "ai/"
                ):  # ai/... lives on Docker Hub, not the HF hub
                    emit_model_value(em, value, vline, ValueContext())
    return dedupe(em.findings)


def _compose_unescape(value: str, variables: dict[str, str]) -> str:
    """Compose interpolation (``${VAR:-default}``, ``.env`` values); ``$$`` is a literal ``$``."""
    expanded = expand_vars(value.replace("$$", "\x00"), variables)
    return (expanded if expanded is not None else value.replace("$$", "\x00")).replace("\x00", "$")


def _mount_targets(svc: Node, variables: dict[str, str]) -> list[str]:
    """Container paths the service's volumes mount (``./models:/models``, ``${X}:/m:ro``,
    long syntax ``{target: /m}``), without a trailing ``/``."""
    volumes = svc.get("volumes")
    targets: list[str] = []
    for el in volumes.elements if volumes is not None and volumes.kind == "seq" else []:
        target: str | None = None
        if el.kind == "scalar" and el.value:
            parts = _compose_unescape(el.value, variables).split(":")
            if parts[-1] and set(parts[-1].split(",")) <= _MOUNT_MODES:
                parts.pop()  # ":ro", ":rw,z"
            if len(parts) >= 2:
                target = parts[-1]
        elif el.kind == "map":
            target = el.get_str("target")
        if target and target.startswith("/") and target.rstrip("/"):
            targets.append(target.rstrip("/"))
    return targets


_MOUNT_MODES = frozenset({"ro", "rw", "z", "Z", "cached", "delegated", "consistent"})
_NAMED = re.compile(r"[\d.-]")  # a model's name has a version, a size or a dash
_PLURAL_OR_NOT_MODEL = frozenset({"models", "tokenizer", "cache", "output", "data", "log", "logs"})


def _mounted_model_paths(
    svc: Node,
    pairs: list[tuple[str, int | None, str]],
    em: Emitter,
    framework: str | None,
    variables: dict[str, str],
) -> None:
    """A model setting pointing below a path the service mounts (``MODEL_PATH=/models/chatglm3-6b``
    with ``${LOCAL_MODEL_PATH}:/models/chatglm3-6b``, ``MODEL=/models/llama-2-7b.gguf`` with
    ``./models:/models``): the host's model the program loads, a local model of that path.
    Not the mount point itself (a directory of models), nor a plural or non-model setting
    (``MODELS_PATH``, ``TOKENIZER_PATH``)."""
    targets = _mount_targets(svc, variables)
    if not targets:
        return
    for key, line, raw in pairs:
        value = raw.strip().rstrip("/")
        if not value.startswith("/") or has_var_ref(value) or any(c.isspace() for c in value):
            continue
        if _PLURAL_OR_NOT_MODEL & set(key_words(key)):
            continue
        if not (is_model_key(key) or is_model_location_key(key)):
            continue
        below = any(value.startswith(t + "/") for t in targets)
        # the mount point itself only when it is named as one model (/models/chatglm3-6b),
        # not a directory such as /models or /weights
        named = value in targets and bool(_NAMED.search(value.rsplit("/", 1)[-1]))
        if below or named:
            em.model(value, ModelKind.LOCAL, line, framework=framework)


def _compose_service(svc: Node, em: Emitter, variables: dict[str, str]) -> None:
    image = svc.get_str("image")
    framework = image_framework(_compose_unescape(image, variables)) if image else None
    env: dict[str, str] = {}
    environment = svc.get("environment")
    pairs: list[tuple[str, int | None, str]] = []
    if environment is not None and environment.kind == "map":
        for k, line, v in environment.items:
            if v.kind == "scalar" and v.value is not None:
                pairs.append((k, line, _compose_unescape(v.value, variables)))
    elif environment is not None and environment.kind == "seq":
        for el in environment.elements:
            if el.kind == "scalar" and el.value and "=" in el.value:
                ek, _, ev = el.value.partition("=")
                pairs.append((ek.strip(), el.line, _compose_unescape(ev, variables)))
    analyse_pairs(em, pairs, ValueContext(framework=framework), env=env)
    _mounted_model_paths(svc, pairs, em, framework, variables)
    cs = CommandScope(em, env, framework)
    entry = svc.get("entrypoint")
    command = svc.get("command")
    entry_argv: list[str] | None = None
    for node, is_entry in ((entry, True), (command, False)):
        if node is None:
            continue
        if node.kind == "scalar" and node.value:
            scan_shell_text(_compose_unescape(node.value, variables), cs, first_line=node.line or 1)
        elif node.kind == "seq":
            argv = [_compose_unescape(e.value or "", variables) for e in node.elements]
            lines = [e.line for e in node.elements]
            if is_entry:
                entry_argv = argv
                analyse_argv(argv, cs, lines=lines)
            elif entry_argv:
                analyse_argv(
                    [*entry_argv, *argv],
                    cs,
                    lines=[None] * len(entry_argv) + lines,
                    min_index=len(entry_argv),
                )
            else:
                analyse_argv(argv, cs, lines=lines)
    # model keys elsewhere in the service (labels, x- extensions) are not read: too noisy.


# ---------------------------------------------------------------------------
# The file scanner


_DOCKERFILE = re.compile(
    r"^(?:(?:Docker|Container)file(?:[.-][\w.-]+)?|[\w.-]+\.(?:docker|container)file)$",
    re.IGNORECASE,
)
_SHELL_SUFFIXES = (".sh", ".bash", ".zsh", ".slurm", ".sbatch", ".pbs", ".lsf")
_MAKEFILE = re.compile(r"^(?:GNU)?[Mm]akefile(?:\.[\w-]+)?$|\.mk$")
_SHEBANG = re.compile(r"^#!\s*\S*/(?:env\s+)?(?:ba|z|k|da)?sh\b")
_MAKE_ASSIGN = re.compile(
    r"^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?|:|::|\+)?=\s*(.*)$"
)
_MAKE_TARGET = re.compile(r"^[^\s=#][^=]*:(?!=)")
_MAKE_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
MAX_SCRIPT_BYTES = 1 << 20  # an extension-less file larger than this is no launcher script
_DOC_SUFFIXES = (".md", ".rst", ".txt", ".adoc", ".html", ".orig", ".bak", ".swp")


def container_kind(name: str) -> str | None:
    """``dockerfile``, ``compose`` or ``shell`` for a file name, else None."""
    if _DOCKERFILE.match(name) and not name.lower().endswith(_DOC_SUFFIXES):
        return "dockerfile"
    if is_compose_name(name):
        return "compose"
    if name.lower().endswith(_SHELL_SUFFIXES):
        return "shell"
    if _MAKEFILE.search(name):
        return "make"
    if name.lower().endswith((".tf", ".tf.tpl", ".hcl")):
        return "terraform"
    if "." not in name:
        return "script?"  # a shell script when its first line is a shell shebang
    return None


_HCL_LIST = re.compile(
    r"\[\s*(\"(?:[^\"\\\\]|\\\\.)*\"(?:\s*,\s*\"(?:[^\"\\\\]|\\\\.)*\")*)\s*,?\s*\]"
)
_HCL_PAIR = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\"([^\"$]*)\"\s*$")
_HCL_HEREDOC = re.compile(r"<<-?\s*([A-Z_]+)\s*$")


def terraform_as_shell(text: str) -> str:
    """Terraform/HCL as shell lines, line for line.

    A one-line list of strings (``args = ["vllm", "serve", "org/name"]``) becomes the
    command it spells, ``key = "value"`` an assignment, heredoc bodies stay as written
    (they are usually scripts or YAML with commands); everything else is blank.
    """
    out: list[str] = []
    heredoc: str | None = None
    for line in text.splitlines():
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
                out.append("")
            else:
                out.append(line.strip().removeprefix("- "))
            continue
        m = _HCL_HEREDOC.search(line)
        if m:
            heredoc = m.group(1)
            out.append("")
            continue
        lst = _HCL_LIST.search(line)
        if lst:
            items = re.findall(r'"((?:[^"\\]|\\.)*)"', lst.group(1))
            out.append(" ".join(shlex.quote(i) for i in items))
            continue
        pair = _HCL_PAIR.match(line)
        out.append(f"{pair.group(1)}={shlex.quote(pair.group(2))}" if pair else "")
    return "\n".join(out)


def makefile_as_shell(text: str) -> str:
    """A Makefile as shell lines, line for line: variables become assignments, recipes commands.

    ``MODEL ?= org/name`` -> ``MODEL="org/name"``; a tab-indented recipe line loses its
    tab and ``@``/``-`` prefixes; ``$(VAR)`` becomes ``${VAR}``; rule headers and
    directives become blank lines (so line numbers stay those of the Makefile).
    """
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            out.append(_MAKE_REF.sub(r"${\1}", line[1:].lstrip("@-+ ")))
            continue
        m = _MAKE_ASSIGN.match(line.strip())
        if m and not line.startswith((" ", "\t")):
            value = _MAKE_REF.sub(r"${\1}", m.group(2).strip())
            out.append(f"{m.group(1)}={shlex.quote(value)}" if value else "")
        elif _MAKE_TARGET.match(line) or line.lstrip().startswith(
            ("ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "define", "endef", ".")
        ):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _sibling_dotenv(f: SourceFile, ctx: ScanContext) -> dict[str, str]:
    """The ``.env`` next to a compose file (read through the context, never followed if a link)."""
    path = f.path.parent / ".env"
    rel = f"{f.directory}/.env" if f.directory else ".env"
    ctx.note_dependency(rel)
    try:
        st = path.lstat()
    except OSError:
        return {}
    if not stat.S_ISREG(st.st_mode):
        return {}
    text = ctx.read_text(SourceFile(rel, path, st.st_size))
    return {k: v for k, _, v in parse_dotenv(text)} if text else {}


class ContainerScanner(FileScanner):
    """Dockerfiles, docker-compose files and shell scripts."""

    name = "containers"
    globs = (
        "Dockerfile",
        "Dockerfile.*",
        "*.dockerfile",
        "compose.yaml",
        "docker-compose.yml",
        "*.sh",
        "*.bash",
        "*.slurm",
        "*.sbatch",
        "Makefile",
        "*.mk",
        "*.tf",
        "(extension-less files with a shell shebang)",
    )

    def wants(self, f: SourceFile) -> bool:
        return container_kind(f.name) is not None

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        kind = container_kind(f.name)
        if kind == "script?" and f.size > MAX_SCRIPT_BYTES:
            return []
        text = ctx.read_text(f)
        if text is None or kind is None:
            return []
        if kind == "script?":
            if not _SHEBANG.match(text[:200]):
                return []
            kind = "shell"
        if kind == "make":
            return scan_shell_script(makefile_as_shell(text), f.rel, source="makefile")
        if kind == "terraform":
            return scan_shell_script(terraform_as_shell(text), f.rel, source="terraform")
        try:
            if kind == "dockerfile":
                return scan_dockerfile_text(text, f.rel)
            if kind == "compose":
                return scan_compose_text(text, f.rel, dotenv=_sibling_dotenv(f, ctx))
            return scan_shell_script(text, f.rel)
        except RecursionError:
            return [Diagnostic(f.rel, "file nested too deeply; skipped", code=kind)]
