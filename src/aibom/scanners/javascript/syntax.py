"""JS/TS syntax: tree-sitter parsers, <script> blocks of markup files, node helpers."""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

from aibom.inventory import Diagnostic, Finding
from aibom.scanners.base import too_large
from aibom.scanners.kernel import finding_model_name

MAX_JS_BYTES = 4 * 1024 * 1024
# a module read for an importer's lookup: generated catalogs are larger and slow to re-read
MAX_JS_IMPORT_BYTES = 2 * 1024 * 1024
MAX_LINE_CHARS = 10_000
_MAX_DEPTH = 48  # evaluator recursion budget per value
_MAX_STRING = 1000

_SUFFIXES = {
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
}
_MARKUP_SUFFIXES = frozenset({".vue", ".svelte", ".html", ".htm"})  # scanned for <script> blocks
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_SCRIPT_TYPE = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SCRIPT_LANG = re.compile(r"\blang\s*=\s*[\"']?(ts|typescript|tsx)\b", re.IGNORECASE)
_JS_SCRIPT_TYPES = frozenset(
    {"module", "text/javascript", "application/javascript", "text/typescript"}
)
_SKIP_SUFFIXES = (
    ".min.js",
    ".min.mjs",
    ".min.cjs",
    ".bundle.js",
    ".chunk.js",
    ".d.ts",
    ".d.mts",
    ".d.cts",
)
_BUILD_DIRS = frozenset(
    {"dist", "build", ".next", ".nuxt", ".output", ".svelte-kit", "coverage", "storybook-static"}
)
# Cheap pre-filter: a file with none of these words cannot hold anything we report.
_RELEVANT = re.compile(
    r"model|llm|openai|anthropic|ollama|huggingface|transformers|langchain|ai-sdk|inference|"
    r"genai|generative|mistral|groq|cohere|bedrock|deepseek|together|"
    # hosted model families (a catalog of names may mention nothing else)
    r"gpt-|claude|gemini|qwen|glm-|grok|llama|gemma|doubao|hunyuan|ernie|moonshot|kimi|minimax|embed|"
    # speech APIs (Azure AI Speech, ElevenLabs text-to-speech...)
    r"speech|"
    # a provider adapter's base-URL getter (``getBaseURL: () => "https://api.x.ai/v1"``)
    r"getbaseurl",
    re.IGNORECASE,
)
_RELEVANT_WORDS = tuple(_RELEVANT.pattern.split("|"))  # the same words, as plain substrings
# Non-ASCII characters the case-insensitive regex matches but ``str.lower`` does not turn
# into the same ASCII letter (dotted and dotless I, long s): texts with them take the regex.
_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")
_LONG_LINE = re.compile(r"[^\n]{" + str(MAX_LINE_CHARS + 1) + "}")


def _relevant(text: str) -> bool:
    """True when ``text`` has a word of :data:`_RELEVANT`, exactly as its regex would say.

    Lower-casing once and testing plain substrings is ~10x faster than the case-insensitive
    alternation, which dominated the scan of projects with many irrelevant files.
    """
    low = text.lower()
    if any(word in low for word in _RELEVANT_WORDS):
        return True
    if text.isascii() or not any(ch in text for ch in _FOLD_EXCEPTIONS):
        return False
    return _RELEVANT.search(text) is not None


def _text(node: Any) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def _line(node: Any) -> int:
    return int(node.start_point[0]) + 1


def _named(node: Any) -> list[Any]:
    return [c for c in node.named_children if c.type != "comment"]


def _unwrap(node: Any) -> Any:
    while node is not None and node.type in (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
    ):
        kids = _named(node)
        if not kids:
            return node
        node = kids[0]
    return node


# ---------------------------------------------------------------------------
# Parsers


_local = threading.local()


def _parser(lang: str) -> Any:
    """A tree-sitter parser for ``javascript``, ``typescript`` or ``tsx`` (one per thread)."""
    cache = getattr(_local, "parsers", None)
    if cache is None:
        cache = _local.parsers = {}
    if lang not in cache:
        from tree_sitter import Language, Parser

        if lang == "javascript":
            import tree_sitter_javascript as tsjs

            language = Language(tsjs.language())
        else:
            import tree_sitter_typescript as tsts

            language = Language(
                tsts.language_tsx() if lang == "tsx" else tsts.language_typescript()
            )
        cache[lang] = Parser(language)
    return cache[lang]


def _grammar(rel: str) -> str:
    low = rel.lower()
    if low.endswith(".tsx"):
        return "tsx"
    if low.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


def _script_blocks(text: str) -> tuple[str, str]:
    """The ``<script>`` blocks of a markup file (Vue, Svelte, HTML) with everything else blanked.

    Blanked parts keep their newlines, so lines keep their numbers. Returns (text, grammar).
    """
    pieces: list[str] = []
    grammar = "javascript"
    i = 0
    while True:
        m = _SCRIPT_OPEN.search(text, i)
        if m is None:
            pieces.append("\n" * text.count("\n", i))
            break
        attrs = m.group(1)
        end = _SCRIPT_CLOSE.search(text, m.end())
        stop = end.start() if end is not None else len(text)
        pieces.append("\n" * text.count("\n", i, m.end()))
        kind = _SCRIPT_TYPE.search(attrs)
        if kind is None or kind.group(1).lower() in _JS_SCRIPT_TYPES:
            lang = _SCRIPT_LANG.search(attrs)
            if lang is not None:
                grammar = "tsx" if lang.group(1).lower() == "tsx" else "typescript"
            pieces.append(text[m.end() : stop] + "\n")  # blocks never run into each other
        else:  # templates, JSON-LD, import maps: not code
            pieces.append("\n" * text.count("\n", m.end(), stop))
        i = stop
        if end is None:
            break
    return "".join(pieces), grammar


def _parse(text: str, rel: str, *, prefilter: bool = True) -> tuple[Any, str] | Diagnostic | None:
    """(syntax tree, source kind), a diagnostic for a file we will not parse, or None (irrelevant)."""
    low = rel.lower()
    suffix = low[low.rfind(".") :] if "." in low else ""
    if len(text) > MAX_JS_BYTES or (
        len(text) > MAX_JS_BYTES // 4  # UTF-8 takes at most 4 bytes a character
        and len(text.encode("utf-8", "replace")) > MAX_JS_BYTES
    ):
        return too_large(rel, "JavaScript/TypeScript", MAX_JS_BYTES, "js-too-large")
    grammar = _grammar(rel)
    if suffix in _MARKUP_SUFFIXES:
        text, grammar = _script_blocks(text)
    source = "javascript" if grammar == "javascript" else "typescript"
    m = _LONG_LINE.search(text) if len(text) > MAX_LINE_CHARS else None
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        return Diagnostic(
            rel,
            f"line longer than {MAX_LINE_CHARS} characters (minified or generated code); skipped",
            line=line,
            code="js-minified",
            level="info",
        )
    if prefilter and not _relevant(text):
        return None
    try:
        tree = _tree(text, grammar)
    except ImportError:
        return Diagnostic(
            rel,
            "tree-sitter JavaScript/TypeScript grammars are not installed; file skipped",
            code="js-parser-missing",
        )
    except (ValueError, RuntimeError) as exc:  # pragma: no cover - parser refused the input
        return Diagnostic(rel, f"cannot parse: {exc}", code="js-syntax")
    return tree, source


@functools.lru_cache(maxsize=128)
def _tree(code: str, grammar: str) -> Any:
    """The syntax tree of ``code``, remembered: a module parsed for its own scan is not parsed
    again when another file imports it, nor the other way round (trees are never edited)."""
    return _parser(grammar).parse(code.encode("utf-8", "replace"))


@functools.lru_cache(maxsize=128)
def _parse_module(text: str, rel: str) -> tuple[Any, str] | Diagnostic | None:
    """:func:`_parse` of an imported module, remembered: a config module many files import is parsed once."""
    return _parse(text, rel, prefilter=False)


def _line_of(f: Finding) -> int:
    line = f.line if isinstance(f, Diagnostic) else getattr(f.location, "line", None)
    return line or 0


def reported_names(found: list[Finding]) -> set[str]:
    """The model names ``found`` reports (lower case): models' names, services' model names."""
    return {finding_model_name(f) for f in found if not isinstance(f, Diagnostic)}


def _first_error_line(root: Any) -> int | None:
    stack = [root]
    budget = 200_000
    while stack and budget:
        budget -= 1
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return _line(n)
        if n.has_error:
            stack.extend(reversed(n.children))
    return None
