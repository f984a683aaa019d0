"""Command-line analyser: shell text, Dockerfile ``RUN``/``CMD`` and Kubernetes ``args`` as argv.

Tokenises shell (``shlex``, line continuations, heredocs, ``export``), recognises
serving programs and ``python -m`` launchers (:func:`aibom.knowledge.tables.frameworks`),
and reads model, tokenizer, revision and endpoint flags into findings through the kernel.

May import: :mod:`aibom.scanners.kernel` and below.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field

from aibom.inventory import (
    Finding,
    ModelKind,
)
from aibom.knowledge.classify import (
    classify_model_value,
    is_model_org_id,
    parse_hub_id,
)
from aibom.knowledge.providers import provider_for_endpoint
from aibom.knowledge.tables import frameworks, model_strings
from aibom.scanners.kernel import (
    Emitter,
    ValueContext,
    analyse_pairs,
    dedupe,
    emit_datasets,
    emit_model_value,
    endpoint_of,
    expand_vars,
    has_var_ref,
    is_model_key,
    is_model_location_key,
    model_org_repo,
)


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
                _analyse_simple_command(
                    list(argv[start:i]), start, cs, lines, line, kube, min_index
                )
            start = i + 1


def _analyse_simple_command(
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
        analyse_pairs(cs.em, pairs, ValueContext(framework=cs.framework), env=env)
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
    if programs[0] == "curl" and base + offset >= min_index:
        _curl_request_body(cs, [expanded(i) for i in range(len(words))], line_at(base))
    positional: list[tuple[int, ValueContext, bool]] = []  # (index, scope, is_dataset)
    # Subcommands with a positional model argument.
    for i, prog in enumerate(programs):
        nxt = programs[i + 1] if i + 1 < len(programs) else ""
        if prog == "vllm" and nxt == "serve":
            framework = "vllm"
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, ValueContext(framework="vllm"), False))
        elif prog in ("huggingface-cli", "hf", "tune") and nxt == "download":
            p = _first_positional(words, i + 2)
            repo_type = _option(words, i + 2, "repotype") or "model"
            if p is not None:
                positional.append(
                    (
                        p,
                        ValueContext(framework="torchtune" if prog == "tune" else None),
                        repo_type == "dataset",
                    )
                )
        elif prog == "cg" and nxt == "down":  # AutoDL's codewithgpu hub: cg down org/name
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, ValueContext(), False))
        elif prog == "spacy" and nxt == "download":  # python -m spacy download en_core_web_sm
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, ValueContext(framework="spacy"), False))
        elif prog == "ollama" and nxt in ("pull", "run"):
            p = _first_positional(words, i + 2)
            if p is not None:
                positional.append((p, ValueContext(framework="ollama", ollama=True), False))
        elif prog == "lmdeploy" and nxt == "serve":
            framework = "lmdeploy"
            sub = _first_positional(words, i + 2)
            if sub is not None and words[sub] == "api_server":
                p = _first_positional(words, sub + 1)
                if p is not None:
                    positional.append((p, ValueContext(framework="lmdeploy"), False))
        elif prog in frameworks().serving_programs:
            framework = frameworks().serving_programs[prog]
        elif prog == "-m" and nxt:
            module = expanded(i + 1)
            for mod, fw in frameworks().serving_launch_modules.items():
                if module == mod or module.startswith(mod + "."):
                    framework = fw
    # Flags.
    revision: str | None = None
    endpoint: tuple[str, str] | None = None
    flag_values: list[tuple[int, str]] = []  # (index of the value, normalised flag)
    dir_values: list[int] = []  # values of model location flags (--model-dir, --vad-dir)
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
        if name in frameworks().cli_flags.revision:
            revision = expand_vars(value, env, kube=kube) if has_var_ref(value) else value
        elif name in frameworks().cli_flags.endpoint:
            endpoint = endpoint_of(expand_vars(value, env, kube=kube) or value)
        elif name in frameworks().cli_flags.model or name in frameworks().cli_flags.tokenizer:
            flag_values.append((vi, name))
        elif is_model_location_key(tok.lstrip("-").partition("=")[0]):
            dir_values.append(vi)  # --vad-dir iic/speech_fsmn_vad_...
    has_model_id = any(n in ("modelid", "model") for _, n in flag_values)
    scope = ValueContext(framework=framework, revision=revision)
    if endpoint is not None:
        scope = ValueContext(
            framework=framework, revision=revision, provider=endpoint[0], endpoint=endpoint[1]
        )
    emitted: set[int] = set()
    for p, pscope, is_dataset in positional:
        if p + base + offset < min_index:
            continue
        emitted.add(p)
        value = words[p]
        if is_dataset:
            v = expand_vars(value, env, kube=kube) if has_var_ref(value) else value
            if v:
                emit_datasets(cs.em, v, line_at(base + p), ValueContext())
            continue
        s = ValueContext(framework=pscope.framework, revision=revision, ollama=pscope.ollama)
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
            hub_only=name in frameworks().cli_flags.tokenizer,
            env=env,
            what="model argument",
        )
    for vi in dir_values:
        if vi in emitted or vi + base + offset < min_index:
            continue
        raw = _flag_value(words[vi])
        if model_org_repo(raw, env):
            emit_model_value(cs.em, raw, line_at(base + vi), scope, hub_only=True, env=env)
            continue
        local = _model_dir_path(expand_vars(raw, env, kube=kube) if has_var_ref(raw) else raw)
        if local is not None:
            cs.em.model(local, ModelKind.LOCAL, line_at(base + vi), framework=framework)
    if any(p in _CONTAINER_RUNTIMES for p in programs[:3]) and base + offset >= min_index:
        for vi, target in _model_mounts(words):
            cs.em.model(target, ModelKind.LOCAL, line_at(base + vi), framework=framework)
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


_CONTAINER_RUNTIMES = frozenset({"docker", "podman", "nerdctl"})
_VAR_REF = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def _model_mounts(words: list[str]) -> list[tuple[int, str]]:
    """``docker run --mount type=bind,source=${CHECKPOINT_PATH},target=/data/model`` or
    ``-v $MODEL_DIR:/models``: (index of the value, target) of each bind mount whose source is
    a variable named as a model location (``is_model_location_key``): the container loads the
    model from the target directory. Other mounts (``/var/run/docker.sock``, ``$DATA_DIR``)
    are not models."""
    out: list[tuple[int, str]] = []
    for i, tok in enumerate(words):
        f = _flag(tok)
        if f is None or f[0] not in ("v", "volume", "mount"):
            continue
        if f[1] is not None:
            vi, value = i, f[1]
        elif i + 1 < len(words):
            vi, value = i + 1, words[i + 1]
        else:
            continue
        if f[0] == "mount":
            fields = dict(part.partition("=")[::2] for part in value.split(","))
            source = fields.get("source") or fields.get("src") or ""
            target = fields.get("target") or fields.get("destination") or fields.get("dst") or ""
        else:
            source, _, rest = value.partition(":")
            target = rest.partition(":")[0]
        ref = _VAR_REF.match(source.strip())
        target = target.strip().rstrip("/")
        if ref and is_model_location_key(ref.group(1)) and target.startswith("/"):
            out.append((vi, target))
    return out


def _model_dir_path(value: str | None) -> str | None:
    """``models/damo/speech_fsmn_vad_zh-cn-16k`` -> itself: a relative directory named after a
    known model organisation's repo (the way download tools lay models out); None otherwise."""
    if not value:
        return None
    v = value.strip().rstrip("/")
    while v.startswith("./"):
        v = v[2:]
    parts = v.split("/")
    if v.startswith(("/", "~", "$", "..")) or len(parts) < 3 or any(not p for p in parts):
        return None
    return v if is_model_org_id("/".join(parts[-2:])) else None


_CURL_DATA_FLAGS = frozenset({"-d", "--data", "--data-raw", "--data-binary", "--json"})
_MAX_BODY = 64 * 1024


def _curl_request_body(cs: CommandScope, words: list[str], line: int | None) -> None:
    """``curl URL -d '{"model": "...", ...}'``: the JSON request body names the model called.

    The body's string leaves are read as settings (model keys); a string that is itself a
    JSON object (a model spec sent as text) is read the same way. The URL, cut to its API
    base (``.../v1``), is the endpoint serving those models.
    """
    url = next((w for w in words[1:] if re.match(r"^https?://", w, re.IGNORECASE)), None)
    pairs: list[tuple[str, int | None, str]] = []
    for i, w in enumerate(words[:-1]):
        if w in _CURL_DATA_FLAGS:
            _json_leaves(words[i + 1], line, pairs, 0)
    if not pairs:
        return
    endpoint = None
    if url is not None:
        head, v1, _ = url.partition("/v1/")
        endpoint = head + "/v1" if v1 else url.split("?", 1)[0]
        pairs.insert(0, ("base_url", line, endpoint))
    analyse_pairs(cs.em, pairs, ValueContext(framework=cs.framework), env=dict(cs.env))
    if endpoint is not None and provider_for_endpoint(endpoint) == "self-hosted":
        _local_server_body(cs, pairs[1:], endpoint)


# keys of a request to a local model server that name the model it runs (Xinference's launch
# API: {"model_uid": "<alias served>", "model_name": "<registered name>"})
_SERVED_NAME_KEYS = frozenset({"model_uid", "model_alias", "served_model_name"})
_SERVED_PATH_KEYS = frozenset({"model_uri", "model_path"})
_SERVED_NAME = re.compile(r"[A-Za-z0-9][\w.:-]*(?:/[\w.:-]+)?")


def _local_server_body(
    cs: CommandScope, pairs: list[tuple[str, int | None, str]], endpoint: str
) -> None:
    """A request body posted to a local model server (the project's own server: whatever it
    is asked to run is a model, even a name no table knows, ``autodl-tmp-glm-4-9b-chat``); a
    model's absolute path in it (``model_uri``) is a local model."""
    for key, line, raw in pairs:
        value = raw.strip()
        k = key.lower()
        if k in _SERVED_PATH_KEYS:
            if value.startswith("/") and len(value) > 1 and not has_var_ref(value):
                cs.em.model(value.rstrip("/"), ModelKind.LOCAL, line, framework=cs.framework)
            continue
        if not (is_model_key(key) or k in _SERVED_NAME_KEYS):
            continue
        if (
            not _SERVED_NAME.fullmatch(value)
            or not any(c.isalpha() for c in value)
            or value.lower() in model_strings().generic_names
            or value.lower() in model_strings().serving_software
            or classify_model_value(value) is not None  # analyse_pairs reported it
        ):
            continue
        cs.em.service("self-hosted", line, endpoint=endpoint, model=value)


def _json_leaves(
    text: str, line: int | None, out: list[tuple[str, int | None, str]], depth: int
) -> None:
    body = text.strip()
    if not body.startswith("{") or len(body) > _MAX_BODY or depth > 2:
        return
    try:
        obj = json.loads(body)
    except ValueError:
        return
    stack: list[tuple[str, object]] = [("", obj)]
    while stack and len(out) < 1000:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((str(k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((key, v) for v in reversed(value))
        elif isinstance(value, str) and value.strip().startswith("{"):
            _json_leaves(value, line, out, depth + 1)
        elif isinstance(value, str) and key:
            out.append((key, line, value))


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


HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
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
        heredoc = HEREDOC.search(buf)
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
            analyse_pairs(cs.em, pairs, ValueContext(framework=cs.framework), env=cs.env)
            for _name, line, value in pairs:
                # MODEL_DOWNLOAD_URL="https://huggingface.co/ORG/REPO/resolve/main/x.gguf":
                # the hub repo a later step downloads
                hub_url = _hub_url(value)
                if hub_url is not None and hub_url[0] == "model" and "/resolve/" in value:
                    cs.em.model(
                        hub_url[1], ModelKind.HUB, line, revision=hub_url[2], framework=cs.framework
                    )
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
