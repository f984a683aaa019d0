"""Pickle safety: walk the opcodes of a pickle stream without unpickling it.

The walker uses the opcode table of the standard :mod:`pickletools` module (the
same table :func:`pickletools.genops` uses) but reads arguments itself, so that
a hostile length field never allocates more than the bytes actually present and
large byte payloads are skipped rather than read into memory. Alongside the
opcodes it keeps a light model of the unpickler's stack and memo, which is what
resolving ``STACK_GLOBAL`` needs (module and name are usually strings pushed
earlier or fetched from the memo).

Every imported global ("module.name", from ``GLOBAL``, ``STACK_GLOBAL`` and
``INST``) is recorded and classified by :func:`classify_global` as ``safe``
(tensor/array rebuild helpers, plain containers), ``dangerous`` (can run code,
touch files or the network) or ``unknown``.

PyTorch storages (``BINPERSID`` with a ``('storage', torch.XStorage, key,
location, numel)`` id) are collected as well, which yields dtypes and a
parameter count for checkpoints without reading any tensor data.
"""

from __future__ import annotations

import io
import pickletools
import struct
import warnings
from dataclasses import dataclass, field
from typing import IO, Any

from aibom.inventory import Diagnostic, WeightFile
from aibom.knowledge.tables import pickle_globals
from aibom.weights.common import CORRUPT, INCOMPLETE, TRUNCATED, UNSAFE, WeightsError

MAX_OPCODES = 5_000_000
MAX_PICKLE_BYTES = 1024 * 1024 * 1024  # bytes of one stream walked (payloads are skipped, not kept)
MAX_STACK = 1_000_000
MAX_MEMO = 1_000_000
MAX_KEEP = 64 * 1024  # strings longer than this are skipped, not decoded
MAX_LINE = 64 * 1024  # protocol-0 newline-terminated arguments
MAX_PICKLES = 16  # consecutive pickles in one stream (legacy torch files hold five)
MAX_TUPLE = 16  # tuples longer than this are not modelled

# --------------------------------------------------------------------------------------
# Classification

UNRESOLVED = "?"  # module or name of a STACK_GLOBAL the walker could not resolve


def classify_global(name: str) -> str:
    """Classify an imported pickle global ``module.name`` as "safe", "dangerous" or "unknown"."""
    known = pickle_globals()
    if name in known.safe_globals:
        return "safe"
    if name in known.dangerous_globals:
        return "dangerous"
    module, _, attr = name.rpartition(".")
    if UNRESOLVED in (module, attr) or name.startswith(UNRESOLVED + "."):
        return "dangerous"  # cannot be proved harmless
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        if ".".join(parts[:i]) in known.dangerous_modules:
            return "dangerous"
    if module == "torch._utils" and attr.startswith("_rebuild_"):
        return "safe"
    if module in ("torch", "torch.cuda") and attr.endswith("Storage") and attr.isidentifier():
        return "safe"
    return "unknown"


def data_pickle_modules(wf: WeightFile) -> list[str]:
    """The data modules (``pickle_globals.yaml`` ``data_modules``) of a pickle that holds only data.

    Empty unless ``wf`` is a plain pickle, safe, complete, and every global it imports is
    either a safe builtin/container or a class of a data module (an NLTK punkt tokenizer's
    parameters, a LangChain document store): such a file is data, not a model.
    """
    if wf.format != "pickle" or wf.unsafe or not wf.metadata.get("pickle_complete", True):
        return []
    prefixes = pickle_globals().data_modules
    found: set[str] = set()
    for name in wf.imports:
        module = name.rpartition(".")[0]
        parts = module.split(".")
        hit = next(
            (
                ".".join(parts[:i])
                for i in range(1, len(parts) + 1)
                if ".".join(parts[:i]) in prefixes
            ),
            None,
        )
        if hit is not None:
            found.add(hit)
        elif classify_global(name) != "safe":
            return []
    return sorted(found)


# Storage class name -> dtype name, for torch checkpoints.
STORAGE_DTYPES = {
    "FloatStorage": "float32",
    "DoubleStorage": "float64",
    "HalfStorage": "float16",
    "BFloat16Storage": "bfloat16",
    "LongStorage": "int64",
    "IntStorage": "int32",
    "ShortStorage": "int16",
    "CharStorage": "int8",
    "ByteStorage": "uint8",
    "BoolStorage": "bool",
    "ComplexFloatStorage": "complex64",
    "ComplexDoubleStorage": "complex128",
    "QInt8Storage": "qint8",
    "QUInt8Storage": "quint8",
    "QInt32Storage": "qint32",
    "QUInt4x2Storage": "quint4x2",
    "QUInt2x4Storage": "quint2x4",
    "Float8_e4m3fnStorage": "float8_e4m3fn",
    "Float8_e5m2Storage": "float8_e5m2",
    "UntypedStorage": "uint8",
}


# --------------------------------------------------------------------------------------
# Result


@dataclass
class PickleScan:
    """What walking one pickle stream found."""

    imports: set[str] = field(default_factory=set)
    storages: dict[str, tuple[str | None, int | None]] = field(
        default_factory=dict
    )  # key -> (dtype, numel)
    protocols: list[int] = field(default_factory=list)
    results: list[Any] = field(
        default_factory=list
    )  # modelled value each pickle returned (ints, strs)
    opcodes: int = 0
    pickles: int = 0
    bytes_read: int = 0
    joblib_arrays: int = 0  # arrays joblib wrote raw inside the stream (skipped)
    complete: bool = True
    problem: WeightsError | None = None  # why the walk stopped early

    @property
    def dangerous(self) -> list[str]:
        """Sorted dangerous globals."""
        return sorted(g for g in self.imports if classify_global(g) == "dangerous")

    @property
    def unknown(self) -> list[str]:
        """Sorted globals that are neither known safe nor known dangerous."""
        return sorted(g for g in self.imports if classify_global(g) == "unknown")

    def merge(self, other: PickleScan) -> None:
        """Fold another stream's result into this one."""
        self.imports |= other.imports
        self.storages.update(other.storages)
        self.protocols.extend(other.protocols)
        self.opcodes += other.opcodes
        self.pickles += other.pickles
        self.bytes_read += other.bytes_read
        self.joblib_arrays += other.joblib_arrays
        if not other.complete:
            self.complete = False
            self.problem = self.problem or other.problem


# --------------------------------------------------------------------------------------
# Reader


class _Source:
    """Chunked, bounded reader over a binary stream (never allocates beyond what exists)."""

    __slots__ = ("buf", "consumed", "eof", "file_end", "limit", "pos", "raw", "skipped")

    CHUNK = 256 * 1024

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw = raw
        self.buf = b""
        self.pos = 0
        self.consumed = 0  # bytes of raw before buf[0]
        self.limit = limit
        self.eof = False
        self.skipped = 0  # bytes passed over with a seek (free, so not counted against limit)
        self.file_end: int | None = None
        if isinstance(
            raw, io.BufferedReader | io.FileIO | io.BytesIO
        ):  # real seeks, no decompression
            try:
                here = raw.tell()
                self.file_end = raw.seek(0, io.SEEK_END)
                raw.seek(here)
            except (OSError, ValueError):
                self.file_end = None

    @property
    def offset(self) -> int:
        return self.consumed + self.pos

    def _fill(self, n: int) -> bool:
        """Make ``n`` bytes available from ``pos``; False at end of data."""
        while len(self.buf) - self.pos < n:
            if self.eof:
                return False
            room = self.limit - (self.consumed - self.skipped + len(self.buf))
            if room <= 0:
                raise WeightsError(
                    INCOMPLETE, f"pickle larger than the {self.limit} byte scan limit; scan stopped"
                )
            chunk = self.raw.read(min(max(self.CHUNK, n - (len(self.buf) - self.pos)), room))
            if not chunk:
                self.eof = True
                return False
            self.consumed += self.pos
            self.buf = self.buf[self.pos :] + chunk
            self.pos = 0
        return True

    def peek1(self) -> int | None:
        if not self._fill(1):
            return None
        return self.buf[self.pos]

    def read(self, n: int) -> bytes:
        if not self._fill(n):
            raise WeightsError(TRUNCATED, "pickle ends inside an argument")
        data = self.buf[self.pos : self.pos + n]
        self.pos += n
        return data

    def skip(self, n: int) -> None:
        avail = len(self.buf) - self.pos
        if n <= avail:
            self.pos += n
            return
        n -= avail
        self.consumed += len(self.buf)
        self.buf = b""
        self.pos = 0
        if self.file_end is not None:
            target = self.raw.tell() + n
            if target > self.file_end:
                self.raw.seek(self.file_end)
                self.eof = True
                raise WeightsError(TRUNCATED, "pickle ends inside a byte payload")
            self.raw.seek(target)
            self.consumed += n
            self.skipped += n
            return
        while n > 0:
            room = self.limit - (self.consumed - self.skipped)
            if room <= 0:
                raise WeightsError(
                    INCOMPLETE, f"pickle larger than the {self.limit} byte scan limit; scan stopped"
                )
            chunk = self.raw.read(min(n, 4 * 1024 * 1024, room))
            if not chunk:
                self.eof = True
                raise WeightsError(TRUNCATED, "pickle ends inside a byte payload")
            self.consumed += len(chunk)
            n -= len(chunk)

    def readline(self) -> bytes:
        while True:
            idx = self.buf.find(b"\n", self.pos)
            if idx >= 0:
                line = self.buf[self.pos : idx + 1]
                self.pos = idx + 1
                return line
            have = len(self.buf) - self.pos
            if have > MAX_LINE:
                raise WeightsError(CORRUPT, "pickle text argument longer than 64 KiB")
            if not self._fill(have + 1):
                raise WeightsError(TRUNCATED, "pickle ends inside a text argument")


# --------------------------------------------------------------------------------------
# Walker


class _Mark:
    __slots__ = ()


class _Opaque:
    __slots__ = ()


class _Global(str):
    """A resolved global on the model stack."""

    __slots__ = ()


class _Dict(dict):
    """A dict on the model stack (string keys, at most MAX_DICT entries kept)."""

    __slots__ = ()


class _DType:
    """A ``numpy.dtype(code, ...)`` on the model stack (joblib array headers need its size)."""

    __slots__ = ("code", "elsize", "flags")

    def __init__(self, code: str) -> None:
        self.code = code
        self.elsize = -1
        self.flags = 0

    def hasobject(self) -> bool:
        return self.code.startswith("O") or bool(self.flags & 1)

    def itemsize(self) -> int | None:
        if self.elsize > 0:
            return self.elsize
        digits = self.code.lstrip("<>|=").lstrip(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ?"
        )
        return int(digits) if digits.isdigit() and int(digits) > 0 else None


class _Wrapper:
    """A joblib ``NumpyArrayWrapper`` on the model stack: raw array bytes follow its BUILD."""

    __slots__ = ()


MARK = _Mark()
OPAQUE = _Opaque()
MAX_DICT = 64
JOBLIB_WRAPPERS = frozenset(
    {
        "joblib.numpy_pickle.NumpyArrayWrapper",
        "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
    }
)

_OPS = {op.code.encode("latin-1")[0]: op for op in pickletools.opcodes}
# code -> (items popped below the mark or plain, uses mark, items pushed)
_EFFECT: dict[int, tuple[int, bool, int]] = {}
for _code, _op in _OPS.items():
    _before = list(_op.stack_before)
    if pickletools.markobject in _before:
        _EFFECT[_code] = (_before.index(pickletools.markobject), True, len(_op.stack_after))
    else:
        _EFFECT[_code] = (len(_before), False, len(_op.stack_after))

# argument name -> (length prefix kind, value kind)
_PREFIXED = {
    "long1": ("<B", 1, "long"),
    "long4": ("<i", 4, "long"),
    "string1": ("<B", 1, "latin"),
    "string4": ("<i", 4, "latin"),
    "bytes1": ("<B", 1, "bytes"),
    "bytes4": ("<I", 4, "bytes"),
    "bytes8": ("<Q", 8, "bytes"),
    "bytearray8": ("<Q", 8, "bytes"),
    "unicodestring1": ("<B", 1, "utf8"),
    "unicodestring4": ("<I", 4, "utf8"),
    "unicodestring8": ("<Q", 8, "utf8"),
}
_FIXED = {
    "uint1": ("<B", 1),
    "uint2": ("<H", 2),
    "int4": ("<i", 4),
    "uint4": ("<I", 4),
    "uint8": ("<Q", 8),
    "float8": (">d", 8),
}

_STR_OPS = frozenset(b"SUXTV\x8c\x8d")  # pushes a str (STRING, SHORT_BINSTRING, BINUNICODE, ...)
_GET_OPS = frozenset(b"gjh")
_PUT_OPS = frozenset(b"pqr")
_INT_OPS = frozenset((0x4A, 0x4B, 0x4D, 0x8A, 0x8B, 0x49, 0x4C))  # BININT*, LONG*, INT, LONG
_TUPLE_N = {0x85: 1, 0x86: 2, 0x87: 3}


# code -> (argument kind, struct, width, value kind); kinds: 0 none, 1 fixed, 2 length-prefixed, 3 newline
_ARGS: dict[int, tuple[int, struct.Struct | None, int, str]] = {}
for _code, _op in _OPS.items():
    _desc = _op.arg
    if _desc is None:
        _ARGS[_code] = (0, None, 0, "")
    elif _desc.name in _FIXED:
        _ARGS[_code] = (1, struct.Struct(_FIXED[_desc.name][0]), _FIXED[_desc.name][1], "")
    elif _desc.name in _PREFIXED:
        _fmt, _width, _kind = _PREFIXED[_desc.name]
        _ARGS[_code] = (2, struct.Struct(_fmt), _width, _kind)
    else:
        _ARGS[_code] = (3, None, 0, _desc.name)


def _line_arg(op: pickletools.OpcodeInfo, src: _Source, name: str) -> Any:
    """Decode a newline-terminated (protocol 0) argument."""
    line = src.readline()
    try:
        if name == "stringnl_noescape_pair":  # GLOBAL / INST: "module\nname\n"
            return (line[:-1].decode("utf-8"), src.readline()[:-1].decode("utf-8"))
        if name == "stringnl_noescape":
            return line[:-1].decode("utf-8")
        if name in ("decimalnl_short", "decimalnl_long"):
            return int(line[:-1].rstrip(b"L") or b"x")
        if name == "floatnl":
            return OPAQUE
        if name == "unicodestringnl":
            return line[:-1].decode("raw-unicode-escape")
        with warnings.catch_warnings():  # escape_decode warns about odd escapes in garbage
            warnings.simplefilter("ignore")
            return op.arg.reader(io.BytesIO(line))  # type: ignore[union-attr]
    except (ValueError, UnicodeDecodeError) as exc:
        raise WeightsError(
            CORRUPT, f"bad argument to pickle opcode {op.name}: {str(exc)[:120]}"
        ) from None


def _arg(
    op: pickletools.OpcodeInfo, src: _Source, spec: tuple[int, struct.Struct | None, int, str]
) -> Any:
    """Read and decode the argument of ``op``; large payloads are skipped (value OPAQUE)."""
    kind, st, width, vkind = spec
    if kind == 3:
        return _line_arg(op, src, vkind)
    assert st is not None
    buf, pos = src.buf, src.pos
    if pos + width <= len(buf):
        value = st.unpack_from(buf, pos)[0]
        src.pos = pos + width
    else:
        value = st.unpack(src.read(width))[0]
    if kind == 1:
        return value
    n = value
    if n < 0:
        raise WeightsError(CORRUPT, f"negative length in pickle opcode {op.name}")
    if n > MAX_KEEP:
        src.skip(n)
        return OPAQUE
    if vkind == "bytes":
        src.skip(n)
        return OPAQUE
    data = src.read(n)
    if vkind == "utf8":
        return data.decode("utf-8", "surrogatepass")
    if vkind == "latin":
        return data.decode("latin-1")
    return int.from_bytes(data, "little", signed=True)


def _walk_one(src: _Source, scan: PickleScan, max_opcodes: int, depth: int = 0) -> None:
    """Walk one pickle (up to STOP), updating ``scan``."""
    stack: list[Any] = []
    memo: dict[int, Any] = {}
    ops = _OPS
    effect = _EFFECT
    args = _ARGS
    count = scan.opcodes
    try:
        while True:
            if src.pos < len(src.buf):
                code = src.buf[src.pos]
            else:
                peeked = src.peek1()
                if peeked is None:
                    raise WeightsError(TRUNCATED, "pickle ends before its STOP opcode")
                code = peeked
            spec = args.get(code)
            if spec is None:
                raise WeightsError(
                    CORRUPT, f"unknown pickle opcode 0x{code:02x} at byte {src.offset}"
                )
            src.pos += 1
            count += 1
            if count > max_opcodes:
                scan.opcodes = count
                raise WeightsError(
                    INCOMPLETE, f"more than {max_opcodes} pickle opcodes; scan stopped"
                )
            kind = spec[0]
            arg: Any = None
            if kind == 1 and src.pos + spec[2] <= len(src.buf):  # fixed-size argument in the buffer
                arg = spec[1].unpack_from(src.buf, src.pos)[0]  # type: ignore[union-attr]
                src.pos += spec[2]
            elif kind:
                arg = _arg(ops[code], src, spec)

            if code in _STR_OPS:
                stack.append(arg if isinstance(arg, str) else OPAQUE)
            elif code in _PUT_OPS:
                if not stack or stack[-1] is MARK:
                    raise WeightsError(CORRUPT, "pickle memo PUT with an empty stack")
                if len(memo) < MAX_MEMO or arg in memo:
                    memo[int(arg)] = stack[-1]
            elif code == 0x28:  # MARK
                stack.append(MARK)
            elif code in _INT_OPS:
                stack.append(arg if isinstance(arg, int) else OPAQUE)
            elif code == 0x2E:  # STOP
                if not stack:
                    raise WeightsError(CORRUPT, "pickle STOP with an empty stack")
                result = stack.pop()
                scan.results.append(result if isinstance(result, int | str | tuple) else None)
                return
            elif code == 0x80:  # PROTO
                scan.protocols.append(int(arg))
            elif code == 0x95:  # FRAME
                pass
            elif code == 0x4E:  # NONE
                stack.append(None)
            elif code == 0x88:
                stack.append(True)
            elif code == 0x89:
                stack.append(False)
            elif code == 0x29:  # EMPTY_TUPLE
                stack.append(())
            elif code in _TUPLE_N:
                n = _TUPLE_N[code]
                if len(stack) < n or any(x is MARK for x in stack[-n:]):
                    raise WeightsError(CORRUPT, f"pickle stack underflow at {ops[code].name}")
                items = tuple(stack[-n:])
                del stack[-n:]
                stack.append(items)
            elif code == 0x74:  # TUPLE
                items_list = _pop_mark(stack, ops[code].name)
                stack.append(tuple(items_list) if len(items_list) <= MAX_TUPLE else OPAQUE)
            elif code == 0x63:  # GLOBAL "module\nname\n"
                full = _Global(f"{arg[0]}.{arg[1]}")
                scan.imports.add(full)
                stack.append(full)
            elif code == 0x93:  # STACK_GLOBAL
                if len(stack) < 2 or stack[-1] is MARK or stack[-2] is MARK:
                    raise WeightsError(CORRUPT, "pickle stack underflow at STACK_GLOBAL")
                gname_v, module_v = stack.pop(), stack.pop()
                module = (
                    module_v
                    if isinstance(module_v, str) and not isinstance(module_v, _Global)
                    else UNRESOLVED
                )
                gname = (
                    gname_v
                    if isinstance(gname_v, str) and not isinstance(gname_v, _Global)
                    else UNRESOLVED
                )
                full = _Global(f"{module}.{gname}")
                scan.imports.add(full)
                stack.append(full)
            elif code == 0x69:  # INST "module\nname\n"
                scan.imports.add(f"{arg[0]}.{arg[1]}")
                _pop_mark(stack, ops[code].name)
                stack.append(OPAQUE)
            elif code == 0x94:  # MEMOIZE
                if not stack or stack[-1] is MARK:
                    raise WeightsError(CORRUPT, "pickle MEMOIZE with an empty stack")
                if len(memo) < MAX_MEMO:
                    memo[len(memo)] = stack[-1]
            elif code in _GET_OPS:
                stack.append(memo.get(int(arg), OPAQUE))
            elif code == 0x7D:  # EMPTY_DICT
                stack.append(_Dict())
            elif code in (0x73, 0x75):  # SETITEM, SETITEMS
                if code == 0x73:
                    if len(stack) < 3 or MARK in (stack[-1], stack[-2]):
                        raise WeightsError(CORRUPT, "pickle stack underflow at SETITEM")
                    pairs = stack[-2:]
                    del stack[-2:]
                else:
                    pairs = _pop_mark(stack, ops[code].name)
                if not stack or stack[-1] is MARK:
                    raise WeightsError(CORRUPT, f"pickle stack underflow at {ops[code].name}")
                target = stack[-1]
                if isinstance(target, _Dict):
                    for i in range(0, len(pairs) - 1, 2):
                        if isinstance(pairs[i], str) and (
                            len(target) < MAX_DICT or pairs[i] in target
                        ):
                            target[pairs[i]] = pairs[i + 1]
            elif code in (0x52, 0x81):  # REDUCE callable(args), NEWOBJ cls.__new__(cls, *args)
                if len(stack) < 2 or MARK in (stack[-1], stack[-2]):
                    raise WeightsError(CORRUPT, f"pickle stack underflow at {ops[code].name}")
                call_args, func = stack.pop(), stack.pop()
                if func in JOBLIB_WRAPPERS:
                    stack.append(_Wrapper())
                elif (
                    func == "numpy.dtype"
                    and isinstance(call_args, tuple)
                    and call_args
                    and isinstance(call_args[0], str)
                ):
                    stack.append(_DType(call_args[0]))
                else:
                    stack.append(OPAQUE)
            elif code == 0x62:  # BUILD
                if len(stack) < 2 or MARK in (stack[-1], stack[-2]):
                    raise WeightsError(CORRUPT, "pickle stack underflow at BUILD")
                state = stack.pop()
                target = stack[-1]
                if (
                    isinstance(target, _DType)
                    and isinstance(target_state := state, tuple)
                    and len(target_state) >= 8
                ):
                    if isinstance(target_state[5], int):
                        target.elsize = target_state[5]
                    if isinstance(target_state[7], int):
                        target.flags = target_state[7]
                elif isinstance(target, _Wrapper):
                    scan.opcodes = count
                    _joblib_array(src, state, scan, max_opcodes, depth)
                    count = scan.opcodes
                    stack[-1] = OPAQUE
            elif code == 0x32:  # DUP
                if not stack:
                    raise WeightsError(CORRUPT, "pickle stack underflow at DUP")
                stack.append(stack[-1])
            elif code == 0x51:  # BINPERSID
                if not stack or stack[-1] is MARK:
                    raise WeightsError(CORRUPT, "pickle stack underflow at BINPERSID")
                _storage(stack.pop(), scan)
                stack.append(OPAQUE)
            elif code in (0x82, 0x83, 0x84):  # EXT1/2/4: copyreg extension registry
                scan.imports.add(f"copyreg.extension_{arg}")
                stack.append(OPAQUE)
            else:
                below, uses_mark, push = effect[code]
                if uses_mark:
                    _pop_mark(stack, ops[code].name)
                if below:
                    if len(stack) < below or any(x is MARK for x in stack[-below:]):
                        raise WeightsError(CORRUPT, f"pickle stack underflow at {ops[code].name}")
                    del stack[-below:]
                for _ in range(push):
                    stack.append(OPAQUE)
            if not count & 1023 and len(stack) > MAX_STACK:  # checked every 1024 opcodes
                raise WeightsError(
                    INCOMPLETE, f"pickle stack deeper than {MAX_STACK}; scan stopped"
                )
    finally:
        scan.opcodes = count


def _joblib_array(src: _Source, state: Any, scan: PickleScan, max_opcodes: int, depth: int) -> None:
    """Skip (or, for object arrays, walk) the array data joblib writes after a NumpyArrayWrapper."""
    if not isinstance(state, _Dict):
        raise WeightsError(INCOMPLETE, "joblib array of unknown layout; scan stopped")
    dtype, shape = state.get("dtype"), state.get("shape")
    if (
        not isinstance(dtype, _DType)
        or not isinstance(shape, tuple)
        or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)
    ):
        raise WeightsError(INCOMPLETE, "joblib array of unknown dtype/shape; scan stopped")
    scan.joblib_arrays += 1
    if dtype.hasobject():
        if depth >= 8:
            raise WeightsError(INCOMPLETE, "joblib object arrays nested too deeply; scan stopped")
        _walk_one(src, scan, max_opcodes, depth + 1)  # object arrays are a nested pickle
        return
    itemsize = dtype.itemsize()
    if itemsize is None:
        raise WeightsError(
            INCOMPLETE, f"joblib array of unknown item size ({dtype.code[:20]}); scan stopped"
        )
    if state.get("numpy_array_alignment_bytes") is not None:
        src.skip(src.read(1)[0])
    numel = 1
    for d in shape:
        numel *= d
    src.skip(numel * itemsize)


def _pop_mark(stack: list[Any], opname: str) -> list[Any]:
    """Pop down to and including the topmost MARK; return the items above it."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i] is MARK:
            items = stack[i + 1 :]
            del stack[i:]
            return items
    raise WeightsError(CORRUPT, f"pickle {opname} without a MARK")


def _storage(pid: Any, scan: PickleScan) -> None:
    """Record a torch storage from its persistent id ('storage', type, key, location, numel[, view])."""
    if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"):
        return
    stype, key, numel = pid[1], pid[2], pid[4]
    dtype = None
    if isinstance(stype, _Global):
        dtype = STORAGE_DTYPES.get(stype.rpartition(".")[2])
    if isinstance(key, str | int) and len(scan.storages) < MAX_MEMO:
        scan.storages[str(key)] = (dtype, numel if isinstance(numel, int) and numel >= 0 else None)


def scan_pickle(
    stream: IO[bytes],
    *,
    max_bytes: int = MAX_PICKLE_BYTES,
    max_opcodes: int = MAX_OPCODES,
    max_pickles: int = 1,
) -> PickleScan:
    """Walk the pickle(s) at the start of ``stream`` without unpickling.

    Up to ``max_pickles`` consecutive pickles are walked (the next one must begin
    with a PROTO opcode). Never raises for bad data: a problem ends the walk and
    is stored in ``PickleScan.problem`` with ``complete=False``; globals found
    before the problem are kept.
    """
    scan = PickleScan()
    src = _Source(stream, max_bytes)
    try:
        while scan.pickles < max_pickles:
            if scan.pickles and src.peek1() != 0x80:
                break
            _walk_one(src, scan, max_opcodes)
            scan.pickles += 1
    except WeightsError as exc:
        scan.complete = False
        scan.problem = exc
    except (struct.error, ValueError, OverflowError, UnicodeDecodeError) as exc:
        scan.complete = False
        scan.problem = WeightsError(CORRUPT, f"invalid pickle: {exc}")
    except MemoryError:
        scan.complete = False
        scan.problem = WeightsError(INCOMPLETE, "pickle too large to model in memory; scan stopped")
    except RecursionError:
        scan.complete = False
        scan.problem = WeightsError(CORRUPT, "pickle argument nested too deeply")
    except Exception as exc:  # a stream error (zip CRC, decompression) from the underlying file
        scan.complete = False
        scan.problem = WeightsError(
            CORRUPT, f"cannot read pickle stream: {type(exc).__name__}: {str(exc)[:200]}"
        )
    scan.bytes_read = src.offset
    return scan


def scan_pickle_bytes(data: bytes, **kwargs: Any) -> PickleScan:
    """:func:`scan_pickle` over an in-memory buffer."""
    return scan_pickle(io.BytesIO(data), **kwargs)


def apply_scan(
    wf: WeightFile, scan: PickleScan, rel: str, what: str = "pickle"
) -> list[Diagnostic]:
    """Copy a scan's findings onto ``wf``; return the diagnostics it warrants."""
    diags: list[Diagnostic] = []
    wf.imports = sorted(set(wf.imports) | scan.imports)
    dangerous = sorted(set(wf.dangerous_imports) | set(scan.dangerous))
    wf.dangerous_imports = dangerous
    unknown = scan.unknown
    if unknown:
        wf.metadata["unknown_imports"] = sorted(
            set(wf.metadata.get("unknown_imports", [])) | set(unknown)
        )
    wf.metadata["pickle_complete"] = bool(
        wf.metadata.get("pickle_complete", True) and scan.complete
    )
    if scan.dangerous:
        wf.unsafe = True
        shown = ", ".join(scan.dangerous[:10]) + (" ..." if len(scan.dangerous) > 10 else "")
        diags.append(
            Diagnostic(
                path=rel,
                message=f"{what} imports dangerous globals that run when it is loaded: {shown}",
                code=UNSAFE,
                level="error",
            )
        )
    if scan.problem is not None:
        diags.append(
            Diagnostic(
                path=rel,
                message=f"{what} scan incomplete at byte {scan.bytes_read}: {scan.problem.message}",
                code=scan.problem.code,
            )
        )
    return diags
