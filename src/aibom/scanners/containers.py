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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import yaml

from aibom.inventory import Diagnostic, Finding, ModelKind
from aibom.limits import load_json
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.config_files import (
    Emitter,
    Node,
    Scope,
    analyse_pairs,
    dedupe,
    emit_model_value,
    endpoint_of,
    expand_vars,
    has_var_ref,
    image_framework,
    is_compose_name,
    yaml_documents,
)
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
class CommandScope:
    """Where commands are analysed: the emitter, known variables, and a framework hint (from the image)."""

    em: Emitter
    env: dict[str, str] = field(default_factory=dict)
    framework: str | None = None


# ---------------------------------------------------------------------------
# Images


# ---------------------------------------------------------------------------
# Command analysis


_OPERATORS = frozenset({"&&", "||", ";", "|", "&", "(", ")", ";;", "|&"})
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ash"})
# Flags whose value names a model (normalised: lower case, no dashes/underscores).
_MODEL_FLAGS = frozenset(
    {
        "model", "modelid", "modelpath", "modelnameorpath", "basemodel", "pretrainedmodelnameorpath",
        "hfrepo", "hf", "repoid", "speculativemodel", "draftmodel", "embeddingmodel", "modelrepo",
        "rerankermodel", "llmmodel", "chatmodel", "teachermodel", "studentmodel", "modelname",
    }
)  # fmt: skip
_TOKENIZER_FLAGS = frozenset({"tokenizer", "tokenizername", "tokenizernameorpath"})
_REVISION_FLAGS = frozenset({"revision", "modelrevision"})
_ENDPOINT_FLAGS = frozenset(
    {"apibase", "baseurl", "openaiapibase", "openaibaseurl", "endpoint", "apiurl"}
)
_MODULE_FRAMEWORKS = {
    "vllm.entrypoints.openai.api_server": "vllm",
    "vllm.entrypoints.api_server": "vllm",
    "sglang.launch_server": "sglang",
    "llama_cpp.server": "llama.cpp",
    "mlx_lm.server": "mlx",
    "mlx_lm.generate": "mlx",
    "fastchat.serve.model_worker": "fastchat",
    "fastchat.serve.vllm_worker": "fastchat",
    "lmdeploy": "lmdeploy",
    "text_generation_server": "text-generation-inference",
    "huggingfaceserver": "kserve",
}
_PROGRAM_FRAMEWORKS = {
    "text-generation-launcher": "text-generation-inference",
    "text-embeddings-router": "text-embeddings-inference",
    "llama-server": "llama.cpp",
    "llama-cli": "llama.cpp",
    "mlx_lm.generate": "mlx",
    "mlx_lm.server": "mlx",
    "infinity_emb": "infinity",
    "litellm": "litellm",
}


def _flag(token: str) -> tuple[str, str | None] | None:
    """(normalised name, inline value) for ``--flag`` / ``--flag=value`` / ``-hf``; None otherwise."""
    if not token.startswith("-") or token in ("-", "--"):
        return None
    name, sep, value = token.lstrip("-").partition("=")
    norm = re.sub(r"[-_]", "", name.lower())
    return norm, (value if sep else None)


def analyse_argv(
    argv: Sequence[str],
    cs: CommandScope,
    *,
    lines: Sequence[int | None] | None = None,
    line: int | None = None,
    kube: bool = False,
    min_index: int = 0,
) -> None:
    """Report the models an argument vector runs, pulls or downloads.

    ``lines`` gives each token's line (lists in YAML); otherwise every token is on
    ``line``. Only values at index ``min_index`` or later are reported (a CMD after
    its image's ENTRYPOINT). Operators (``&&``, ``;``, ``|``) split simple commands.
    """
    start = 0
    for i in range(len(argv) + 1):
        if i == len(argv) or argv[i] in _OPERATORS:
            if i > start:
                _simple(list(argv[start:i]), start, cs, lines, line, kube, min_index)
            start = i + 1


def _simple(
    tokens: list[str],
    offset: int,
    cs: CommandScope,
    lines: Sequence[int | None] | None,
    line: int | None,
    kube: bool,
    min_index: int,
) -> None:
    def line_at(i: int) -> int | None:
        j = i + offset
        if lines is not None and j < len(lines):
            return lines[j]
        return line

    env = dict(cs.env)
    # Leading NAME=value assignments apply to this command only (and may name a model).
    k = 0
    pairs: list[tuple[str, int | None, str]] = []
    while k < len(tokens) and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", tokens[k]):
        name, _, value = tokens[k].partition("=")
        pairs.append((name, line_at(k), value))
        k += 1
    if pairs and k + offset >= min_index:
        analyse_pairs(cs.em, pairs, Scope(framework=cs.framework), env=env)
    words = tokens[k:]
    base = k
    if not words:
        return
    # sh -c 'script'
    for i, tok in enumerate(words[:-1]):
        if (
            tok.rsplit("/", 1)[-1] in _SHELLS
            and re.fullmatch(r"-[a-z]*c[a-z]*", words[i + 1])
            and i + 2 < len(words)
        ):
            if base + i + 2 + offset >= min_index:
                script = _expand_kube(words[i + 2], env) if kube else words[i + 2]
                scan_shell_text(
                    script,
                    CommandScope(cs.em, env, cs.framework),
                    first_line=line_at(base + i + 2) or 1,
                    kube=kube,
                )
            return

    def expanded(i: int) -> str:
        v = words[i]
        if has_var_ref(v):
            return expand_vars(v, env, kube=kube) or v
        return v

    framework = cs.framework
    programs = [expanded(i).rsplit("/", 1)[-1] for i in range(len(words))]
    positional: list[tuple[int, Scope, bool]] = []  # (index, scope, is_dataset)
    # Subcommands with a positional model argument.
    for i, prog in enumerate(programs):
        nxt = programs[i + 1] if i + 1 < len(programs) else ""
        if prog == "vllm" and nxt == "serve":
            framework = "vllm"
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, Scope(framework="vllm"), False))
        elif prog in ("huggingface-cli", "hf", "tune") and nxt == "download":
            p = _first_positional(words, i + 2)
            repo_type = _option(words, i + 2, "repotype") or "model"
            if p is not None:
                positional.append(
                    (
                        p,
                        Scope(framework="torchtune" if prog == "tune" else None),
                        repo_type == "dataset",
                    )
                )
        elif prog == "ollama" and nxt in ("pull", "run"):
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, Scope(framework="ollama", ollama=True), False))
        elif prog == "lmdeploy" and nxt == "serve":
            framework = "lmdeploy"
            sub = _first_positional(words, i + 2)
            if sub is not None and words[sub] == "api_server":
                p = _first_positional(words, sub + 1)
                if p is not None:
                    positional.append((p, Scope(framework="lmdeploy"), False))
        elif prog in _PROGRAM_FRAMEWORKS:
            framework = _PROGRAM_FRAMEWORKS[prog]
        elif prog == "-m" and nxt:
            module = expanded(i + 1)
            for mod, fw in _MODULE_FRAMEWORKS.items():
                if module == mod or module.startswith(mod + "."):
                    framework = fw
    # Flags.
    revision: str | None = None
    endpoint: tuple[str, str] | None = None
    flag_values: list[tuple[int, str]] = []  # (index of the value, normalised flag)
    for i, tok in enumerate(words):
        f = _flag(tok)
        if f is None:
            continue
        name, inline = f
        if inline is None and i + 1 < len(words) and not words[i + 1].startswith("-"):
            vi, value = i + 1, words[i + 1]
        elif inline is not None:
            vi, value = i, inline
        else:
            continue
        if name in _REVISION_FLAGS:
            revision = expand_vars(value, env, kube=kube) if has_var_ref(value) else value
        elif name in _ENDPOINT_FLAGS:
            endpoint = endpoint_of(expand_vars(value, env, kube=kube) or value)
        elif name in _MODEL_FLAGS or name in _TOKENIZER_FLAGS:
            flag_values.append((vi, name))
    has_model_id = any(n in ("modelid", "model") for _, n in flag_values)
    scope = Scope(framework=framework, revision=revision)
    if endpoint is not None:
        scope = Scope(
            framework=framework, revision=revision, provider=endpoint[0], endpoint=endpoint[1]
        )
    emitted: set[int] = set()
    for p, pscope, is_dataset in positional:
        if p + base + offset < min_index:
            continue
        emitted.add(p)
        value = words[p]
        if is_dataset:
            from aibom.scanners.config_files import emit_datasets

            v = expand_vars(value, env, kube=kube) if has_var_ref(value) else value
            if v:
                emit_datasets(cs.em, v, line_at(base + p), Scope())
            continue
        s = Scope(framework=pscope.framework, revision=revision, ollama=pscope.ollama)
        emit_model_value(cs.em, value, line_at(base + p), s, env=env, what="model argument")
    for vi, name in flag_values:
        if vi in emitted or vi + base + offset < min_index:
            continue
        if name == "modelname" and has_model_id:
            continue  # an alias next to the real model id (KServe --model_name)
        raw = _flag_value(words[vi])
        if name in ("hfrepo", "hf"):
            raw = (
                raw.split(":", 1)[0] if raw.count("/") == 1 else raw
            )  # llama.cpp -hf org/repo:Q4_K_M
        emit_model_value(
            cs.em,
            raw,
            line_at(base + vi),
            scope,
            hub_only=name in _TOKENIZER_FLAGS,
            env=env,
            what="model argument",
        )
    # Hub URLs anywhere (git clone, wget/curl of a file): the repo they download.
    for i in range(len(words)):
        if i in emitted or i + base + offset < min_index:
            continue
        hub_url = _hub_url(_flag_value(expanded(i)))
        if hub_url is None:
            continue
        kind, repo, rev = hub_url
        if kind == "dataset":
            cs.em.dataset(repo, line_at(base + i))
        else:
            cs.em.model(
                repo,
                ModelKind.HUB,
                line_at(base + i),
                revision=rev or revision,
                framework=framework,
            )


_HUB_URL = re.compile(
    r"^(?:https?://)?(?:huggingface\.co|hf\.co)/(?:(?P<kind>datasets|spaces)/)?"
    r"(?P<repo>[A-Za-z0-9][\w.-]*/[\w.-]+?)(?:\.git)?(?:/(?:resolve|blob|tree)/(?P<rev>[^/\s]+)(?:/.*)?)?/?$"
)


# huggingface.co pages that are not repositories
_HF_SITE_SECTIONS = frozenset(
    {
        "docs", "blog", "papers", "settings", "organizations", "learn", "join", "login", "pricing",
        "models", "datasets", "spaces", "collections", "api", "tasks", "posts", "chat", "new",
        "changelog", "enterprise", "inference-endpoints", "inference", "welcome", "terms-of-service",
    }
)  # fmt: skip


def _hub_url(token: str) -> tuple[str, str, str | None] | None:
    """(``model`` | ``dataset``, repo id, revision) for a Hugging Face URL; spaces and non-repos are None."""
    m = _HUB_URL.match(token.strip())
    if not m or m.group("kind") == "spaces":
        return None
    from aibom.scanners.model_names import parse_hub_id

    if m.group("repo").split("/", 1)[0].lower() in _HF_SITE_SECTIONS:
        return None
    hub = parse_hub_id(m.group("repo"))
    if hub is None:
        return None
    rev = m.group("rev")
    return (
        ("dataset" if m.group("kind") == "datasets" else "model"),
        hub[0],
        (None if rev == "main" else rev),
    )


_KUBE_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def _expand_kube(text: str, env: dict[str, str]) -> str:
    """Substitute Kubernetes ``$(VAR)`` references (done by the kubelet before any shell runs)."""
    return _KUBE_REF.sub(lambda m: env.get(m.group(1), m.group(0)), text)


def _flag_value(token: str) -> str:
    if token.startswith("-") and "=" in token:
        return token.split("=", 1)[1]
    return token


def _first_positional(words: list[str], start: int) -> int | None:
    """Index of the first argument from ``start`` that is not an option (or an option's value)."""
    i = start
    while i < len(words):
        w = words[i]
        if w.startswith("-"):
            # --flag value: skip the value unless it looks like another flag or the flag has '='
            if (
                "=" not in w
                and i + 1 < len(words)
                and not words[i + 1].startswith("-")
                and w.lstrip("-") in _VALUE_OPTIONS
            ):
                i += 2
                continue
            i += 1
            continue
        return i
    return None


# Options of download/serve subcommands that take a value (so their value is not the positional).
_VALUE_OPTIONS = frozenset(
    {
        "revision", "repo-type", "repo_type", "local-dir", "local_dir", "cache-dir", "cache_dir", "token",
        "include", "exclude", "port", "host", "config", "output-dir", "output_dir", "hf-token",
        "max-workers", "tensor-parallel-size", "dtype",
    }
)  # fmt: skip


def _option(words: list[str], start: int, norm: str) -> str | None:
    for i in range(start, len(words)):
        f = _flag(words[i])
        if f and f[0] == norm:
            if f[1] is not None:
                return f[1]
            if i + 1 < len(words):
                return words[i + 1]
    return None


# ---------------------------------------------------------------------------
# Shell text


def _tokenise(text: str) -> list[str]:
    lex = shlex.shlex(text, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    lex.commenters = ""
    tokens: list[str] = []
    for tok in lex:
        if tok.startswith("#"):
            break
        tokens.append(tok)
    return tokens


_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_ASSIGN_WORDS = frozenset({"export", "local", "readonly", "declare", "typeset"})


def scan_shell_text(
    text: str, cs: CommandScope, *, first_line: int = 1, kube: bool = False
) -> None:
    """Analyse shell text line by line (continuations joined, heredoc bodies skipped).

    Assignments (``MODEL=...``, ``export MODEL=...``) update ``cs.env`` in order and
    are reported when the name is a model key.
    """
    physical = text.splitlines()
    i = 0
    while i < len(physical):
        start = i
        buf = physical[i]
        while _continues(buf) and i + 1 < len(physical):
            i += 1
            buf = buf[:-1] + " " + physical[i]
        tokens: list[str] | None = None
        for _ in range(200):
            try:
                tokens = _tokenise(buf)
                break
            except ValueError:  # an open quote: the command goes on
                if i + 1 >= len(physical):
                    break
                i += 1
                buf += "\n" + physical[i]
        i += 1
        heredoc = _HEREDOC.search(buf)
        if heredoc and "'" not in buf.split("<<", 1)[0][-1:]:
            delim = heredoc.group(2)
            while i < len(physical) and physical[i].strip() != delim:
                i += 1
            i += 1
        if tokens is None:
            cs.em.diag(
                "unbalanced quotes in a shell command; line skipped",
                first_line + start,
                code="shell-syntax",
                level="info",
            )
            continue
        if not tokens:
            continue
        lines = _token_lines(tokens, physical[start:i], first_line + start)
        words = tokens[1:] if tokens[0] in _ASSIGN_WORDS else tokens
        if words and all(re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w) for w in words):
            off = len(tokens) - len(words)
            pairs = [
                (w.split("=", 1)[0], lines[off + n], w.split("=", 1)[1])
                for n, w in enumerate(words)
            ]
            analyse_pairs(cs.em, pairs, Scope(framework=cs.framework), env=cs.env)
            continue
        analyse_argv(tokens, cs, lines=lines, kube=kube)


def _continues(line: str) -> bool:
    stripped = line.rstrip("\r")
    n = len(stripped) - len(stripped.rstrip("\\"))
    return n % 2 == 1


def _token_lines(tokens: list[str], physical: list[str], first: int) -> list[int | None]:
    """The physical line of each token (searched in order; the first line when not found)."""
    out: list[int | None] = []
    cur = 0
    for tok in tokens:
        found = None
        probe = tok.strip()
        if probe:
            for j in range(cur, len(physical)):
                if probe in physical[j]:
                    found = j
                    break
        if found is not None:
            cur = found
        out.append(first + cur)
    return out


def scan_shell_script(text: str, rel: str, *, source: str = "shell") -> list[Finding]:
    """Findings for a shell script."""
    em = Emitter(rel, source)
    scan_shell_text(text, CommandScope(em))
    return dedupe(em.findings)


# ---------------------------------------------------------------------------
# Dockerfiles


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
        for m in _HEREDOC.finditer(args):
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
            analyse_pairs(em, pairs, Scope(framework=framework), env=target)
        elif kw == "ENV":
            words = _safe_split(args)
            if words and "=" in words[0]:
                pairs = [(w.split("=", 1)[0], line, w.split("=", 1)[1]) for w in words if "=" in w]
            elif words:
                pairs = [(words[0], line, " ".join(words[1:]))]
            else:
                pairs = []
            pairs = [(k, _line_in(inst, k, line), v) for k, _, v in pairs]
            analyse_pairs(em, pairs, Scope(framework=framework), env=env)
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
                    emit_model_value(em, value, vline, Scope())
    return dedupe(em.findings)


def _compose_unescape(value: str, variables: dict[str, str]) -> str:
    """Compose interpolation (``${VAR:-default}``, ``.env`` values); ``$$`` is a literal ``$``."""
    expanded = expand_vars(value.replace("$$", "\x00"), variables)
    return (expanded if expanded is not None else value.replace("$$", "\x00")).replace("\x00", "$")


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
    analyse_pairs(em, pairs, Scope(framework=framework), env=env)
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
_SHELL_SUFFIXES = (".sh", ".bash")
_DOC_SUFFIXES = (".md", ".rst", ".txt", ".adoc", ".html", ".orig", ".bak", ".swp")


def container_kind(name: str) -> str | None:
    """``dockerfile``, ``compose`` or ``shell`` for a file name, else None."""
    if _DOCKERFILE.match(name) and not name.lower().endswith(_DOC_SUFFIXES):
        return "dockerfile"
    if is_compose_name(name):
        return "compose"
    if name.lower().endswith(_SHELL_SUFFIXES):
        return "shell"
    return None


def _sibling_dotenv(f: SourceFile, ctx: ScanContext) -> dict[str, str]:
    """The ``.env`` next to a compose file (read through the context, never followed if a link)."""
    from aibom.scanners.config_files import parse_dotenv

    path = f.path.parent / ".env"
    try:
        st = path.lstat()
    except OSError:
        return {}
    if not stat.S_ISREG(st.st_mode):
        return {}
    rel = f"{f.directory}/.env" if f.directory else ".env"
    text = ctx.read_text(SourceFile(rel, path, st.st_size))
    return {k: v for k, _, v in parse_dotenv(text)} if text else {}


class ContainerScanner(FileScanner):
    """Dockerfiles, docker-compose files and shell scripts."""

    name = "containers"

    def wants(self, f: SourceFile) -> bool:
        return container_kind(f.name) is not None

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        kind = container_kind(f.name)
        text = ctx.read_text(f)
        if text is None or kind is None:
            return []
        try:
            if kind == "dockerfile":
                return scan_dockerfile_text(text, f.rel)
            if kind == "compose":
                return scan_compose_text(text, f.rel, dotenv=_sibling_dotenv(f, ctx))
            return scan_shell_script(text, f.rel)
        except RecursionError:
            return [Diagnostic(f.rel, "file nested too deeply; skipped", code=kind)]
