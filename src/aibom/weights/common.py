"""Shared pieces of the weight readers: the error type, diagnostic codes, bounded reads."""

from __future__ import annotations

import os
from typing import BinaryIO

from aibom.inventory import Diagnostic
from aibom.limits import MAX_SAFETENSORS_HEADER

# Diagnostic codes (documented in aibom.weights).
UNREADABLE = "weights-unreadable"
TRUNCATED = "weights-truncated"
BAD_MAGIC = "weights-bad-magic"
HEADER_TOO_LARGE = "weights-header-too-large"
CORRUPT = "weights-corrupt"
ZIP_BOMB = "weights-zip-bomb"
INCOMPLETE = "weights-incomplete"
UNSAFE = "weights-unsafe"
DATA_PICKLE = "weights-data-pickle"  # a pickle of data classes only (model-directory scanner)
DATA_ARRAY = "weights-data-array"  # one plain NumPy array (model-directory scanner)

DIAGNOSTIC_CODES = frozenset(
    {
        UNREADABLE,
        TRUNCATED,
        BAD_MAGIC,
        HEADER_TOO_LARGE,
        CORRUPT,
        ZIP_BOMB,
        INCOMPLETE,
        UNSAFE,
        DATA_PICKLE,
        DATA_ARRAY,
    }
)

# Upper bounds that keep hostile files from costing memory or time.
MAX_JSON_HEADER = MAX_SAFETENSORS_HEADER  # safetensors header, config.json inside .keras
MAX_DETECT_HEADER = 100 * 1024 * 1024  # a length prefix up to this still says "safetensors"
MAX_INDEX_JSON = 64 * 1024 * 1024  # *.safetensors.index.json
MAX_STRING = 64 * 1024  # longest string kept in metadata (chat templates)
MAX_ZIP_MEMBERS = 200_000
MAX_ZIP_CENTRAL_DIR = 64 * 1024 * 1024
MAX_ZIP_RATIO = 200  # uncompressed/compressed beyond this for a large member is a bomb


class WeightsError(Exception):
    """A problem with one weight file, carrying its diagnostic code and level."""

    def __init__(self, code: str, message: str, level: str = "warning") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.level = level

    def diagnostic(self, rel: str) -> Diagnostic:
        """The diagnostic for this error on file ``rel``."""
        return Diagnostic(path=rel, message=self.message, code=self.code, level=self.level)


def read_exact(fh: BinaryIO, n: int, what: str) -> bytes:
    """Read exactly ``n`` bytes or raise a ``weights-truncated`` error naming ``what``."""
    if n < 0:
        raise WeightsError(CORRUPT, f"negative length for {what}")
    data = fh.read(n)
    if len(data) != n:
        raise WeightsError(
            TRUNCATED, f"file ends inside {what} (wanted {n} bytes, got {len(data)})"
        )
    return data


def file_size(fh: BinaryIO) -> int:
    """Size of an open file."""
    return os.fstat(fh.fileno()).st_size


def cap_string(value: str, limit: int = MAX_STRING) -> str:
    """``value`` cut to ``limit`` characters."""
    return value if len(value) <= limit else value[:limit]


def human(n: int) -> str:
    """Bytes as a short human string."""
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover
