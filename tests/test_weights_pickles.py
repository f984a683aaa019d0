"""Pickle opcode scanner: malicious pickles from raw opcodes are flagged, benign checkpoints are not."""

from __future__ import annotations

import collections
import io
import os
import pickle
import time

import pytest
from builders.weights import asm, joblib_like, torch_state_dict_pickle

from aibom.weights import classify_global, scan_pickle
from aibom.weights import pickle_opcodes as pk
from aibom.weights.pickle_opcodes import scan_pickle_bytes


class _SystemCall:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("echo pwned",))


class _Eval:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (eval, ("1+1",))


def test_global_os_system_reduce() -> None:
    data = asm(
        ("PROTO", 2), ("GLOBAL", ("os", "system")), ("BINUNICODE", "id"), "TUPLE1", "REDUCE", "STOP"
    )
    scan = scan_pickle_bytes(data)
    assert (
        scan.complete and sorted(scan.imports) == ["os.system"] and scan.dangerous == ["os.system"]
    )


@pytest.mark.parametrize("protocol", range(0, pickle.HIGHEST_PROTOCOL + 1))
def test_real_pickler_output_every_protocol(protocol: int) -> None:
    data = pickle.dumps(
        {"a": [1, _SystemCall()], "b": collections.OrderedDict(x=1)}, protocol=protocol
    )
    scan = scan_pickle_bytes(data)
    expected = f"{os.system.__module__}.system"  # posix.system / nt.system
    assert scan.complete
    assert sorted(scan.imports) == sorted(["collections.OrderedDict", expected])
    assert scan.dangerous == [expected]


def test_builtins_eval_protocol_4_stack_global() -> None:
    data = pickle.dumps(_Eval(), protocol=4)
    ops = [op.name for op, _, _ in __import__("pickletools").genops(data)]
    assert "STACK_GLOBAL" in ops and "MEMOIZE" in ops
    scan = scan_pickle_bytes(data)
    assert scan.dangerous == ["builtins.eval"]


def test_stack_global_via_memo_get() -> None:
    # Strings memoised early, fetched back with BINGET right before STACK_GLOBAL.
    data = asm(
        ("PROTO", 4),
        ("SHORT_BINUNICODE", "subprocess"),
        ("BINPUT", 7),
        "POP",
        ("SHORT_BINUNICODE", "Popen"),
        "MEMOIZE",
        "POP",
        ("BINUNICODE", "decoy.module"),
        "POP",
        ("BINGET", 7),
        ("BINGET", 1),  # MEMOIZE stored at len(memo) == 1, as the unpickler does
        "STACK_GLOBAL",
        ("SHORT_BINUNICODE", "sh"),
        "TUPLE1",
        "REDUCE",
        "STOP",
    )
    scan = scan_pickle_bytes(data)
    assert scan.complete and scan.dangerous == ["subprocess.Popen"]
    assert sorted(scan.imports) == ["subprocess.Popen"]


def test_stack_global_via_long_binget_and_dup() -> None:
    data = asm(
        ("PROTO", 4),
        ("SHORT_BINUNICODE", "runpy"),
        ("LONG_BINPUT", 1000),
        ("SHORT_BINUNICODE", "_run_code"),
        "STACK_GLOBAL",
        "POP",
        ("LONG_BINGET", 1000),
        ("SHORT_BINUNICODE", "run_path"),
        "STACK_GLOBAL",
        "STOP",
    )
    scan = scan_pickle_bytes(data)
    assert scan.dangerous == ["runpy._run_code", "runpy.run_path"]


def test_inst_opcode_protocol_0() -> None:
    data = b"(S'id'\nisubprocess\ncheck_output\np0\n."
    scan = scan_pickle_bytes(data)
    assert scan.complete and scan.dangerous == ["subprocess.check_output"]


def test_obj_opcode_after_global() -> None:
    data = asm(
        ("PROTO", 1),
        "MARK",
        ("GLOBAL", ("webbrowser", "open")),
        ("BINUNICODE", "http://x"),
        "OBJ",
        "STOP",
    )
    assert scan_pickle_bytes(data).dangerous == ["webbrowser.open"]


def test_unresolvable_stack_global_is_dangerous() -> None:
    # module name produced by a call: the scanner cannot know it, so it cannot be called safe
    data = asm(
        ("PROTO", 4),
        ("GLOBAL", ("builtins", "str")),
        ("SHORT_BINUNICODE", "os"),
        "TUPLE1",
        "REDUCE",
        ("SHORT_BINUNICODE", "system"),
        "STACK_GLOBAL",
        "STOP",
    )
    scan = scan_pickle_bytes(data)
    assert "?.system" in scan.imports and scan.dangerous == ["?.system"]


def test_benign_torch_state_dict() -> None:
    data = torch_state_dict_pickle(
        {"a.weight": ("FloatStorage", (3, 4)), "a.bias": ("BFloat16Storage", (3,))}
    )
    scan = scan_pickle_bytes(data)
    assert scan.complete and scan.dangerous == [] and scan.unknown == []
    assert sorted(scan.imports) == [
        "collections.OrderedDict",
        "torch.BFloat16Storage",
        "torch.FloatStorage",
        "torch._utils._rebuild_tensor_v2",
    ]
    assert scan.storages == {"0": ("float32", 12), "1": ("bfloat16", 3)}


def test_decoy_strings_are_not_imports() -> None:
    data = pickle.dumps(
        ["os.system", "os system", "builtins\neval", {"subprocess": "Popen"}], protocol=2
    )
    scan = scan_pickle_bytes(data)
    assert scan.complete and scan.imports == set()


def test_numpy_array_pickle_is_safe() -> None:
    np = pytest.importorskip("numpy")
    for protocol in (2, 5):
        scan = scan_pickle_bytes(
            pickle.dumps(np.arange(6, dtype=np.float32).reshape(2, 3), protocol=protocol)
        )
        assert scan.complete and scan.dangerous == [] and scan.unknown == [], protocol


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("os.system", "dangerous"),
        ("posix.system", "dangerous"),
        ("nt.system", "dangerous"),
        ("subprocess.Popen", "dangerous"),
        ("builtins.eval", "dangerous"),
        ("builtins.exec", "dangerous"),
        ("builtins.getattr", "dangerous"),
        ("builtins.__import__", "dangerous"),
        ("__builtin__.open", "dangerous"),
        ("runpy._run_code", "dangerous"),
        ("webbrowser.open", "dangerous"),
        ("socket.create_connection", "dangerous"),
        ("shutil.rmtree", "dangerous"),
        ("pty.spawn", "dangerous"),
        ("importlib.import_module", "dangerous"),
        ("sys.modules", "dangerous"),
        ("pickle.loads", "dangerous"),
        ("_pickle.loads", "dangerous"),
        ("marshal.loads", "dangerous"),
        ("types.CodeType", "dangerous"),
        ("types.FunctionType", "dangerous"),
        ("operator.attrgetter", "dangerous"),
        ("torch.load", "dangerous"),
        ("numpy.testing._private.utils.runstring", "dangerous"),
        ("torch._utils._rebuild_tensor_v2", "safe"),
        ("torch._utils._rebuild_parameter", "safe"),
        ("torch.FloatStorage", "safe"),
        ("torch.bfloat16", "safe"),
        ("collections.OrderedDict", "safe"),
        ("numpy.core.multiarray._reconstruct", "safe"),
        ("numpy._core.multiarray._reconstruct", "safe"),
        ("numpy.dtype", "safe"),
        ("builtins.set", "safe"),
        ("_codecs.encode", "safe"),
        ("sklearn.linear_model._base.LinearRegression", "unknown"),
        ("osmium.geom.Point", "unknown"),  # decoy: not the os module
        ("systemd.journal.send", "unknown"),  # decoy: not sys
        ("torch.nn.modules.linear.Linear", "unknown"),
    ],
)
def test_classify_global(name: str, verdict: str) -> None:
    assert classify_global(name) == verdict


def test_truncated_pickle_keeps_globals_found() -> None:
    data = asm(
        ("PROTO", 2), ("GLOBAL", ("os", "system")), ("BINUNICODE", "id"), "TUPLE1", "REDUCE", "STOP"
    )
    scan = scan_pickle_bytes(data[:-8])
    assert (
        not scan.complete and scan.problem is not None and scan.problem.code == "weights-truncated"
    )
    assert scan.dangerous == ["os.system"]


def test_huge_length_fields_do_not_allocate() -> None:
    for op in ("BINBYTES8", "BINUNICODE8", "BYTEARRAY8"):
        head = asm(("PROTO", 5))
        code = {"BINBYTES8": b"\x8e", "BINUNICODE8": b"\x8d", "BYTEARRAY8": b"\x96"}[op]
        data = head + code + (1 << 62).to_bytes(8, "little") + b"xx"
        scan = scan_pickle_bytes(data)
        assert (
            not scan.complete
            and scan.problem is not None
            and scan.problem.code == "weights-truncated"
        ), op


def test_large_payload_skipped_then_global_found() -> None:
    data = asm(
        ("PROTO", 4), ("BINBYTES", b"\0" * 200_000), "POP", ("GLOBAL", ("os", "system")), "STOP"
    )
    scan = scan_pickle_bytes(data)
    assert scan.complete and scan.dangerous == ["os.system"]


def test_opcode_cap() -> None:
    data = asm(("PROTO", 2), *(["NONE", "POP"] * 1000), "NONE", "STOP")
    scan = scan_pickle_bytes(data, max_opcodes=100)
    assert (
        not scan.complete and scan.problem is not None and scan.problem.code == "weights-incomplete"
    )
    assert scan_pickle_bytes(data).complete


def test_byte_cap() -> None:
    data = asm(("PROTO", 2), *(["NONE", "POP"] * 1000), "NONE", "STOP")
    scan = scan_pickle_bytes(data, max_bytes=500)
    assert (
        not scan.complete and scan.problem is not None and scan.problem.code == "weights-incomplete"
    )


def test_deep_nesting_and_stack_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    deep = asm(("PROTO", 2), *(["MARK"] * 50_000), *(["EMPTY_LIST"] * 10), "STOP")
    start = time.perf_counter()
    scan = scan_pickle_bytes(deep)
    assert time.perf_counter() - start < 2
    assert scan.complete  # deep but valid for the walker; nothing imported
    monkeypatch.setattr(pk, "MAX_STACK", 1000)
    scan = scan_pickle_bytes(deep)
    assert (
        not scan.complete and scan.problem is not None and scan.problem.code == "weights-incomplete"
    )


def test_garbage_and_underflow() -> None:
    for data in (
        b"",
        b"\xff\xff",
        asm(("PROTO", 2), "REDUCE", "STOP"),
        asm(("PROTO", 2), "APPENDS", "STOP"),
        b"\x80\x02.",
    ):
        scan = scan_pickle_bytes(data)
        assert not scan.complete and scan.problem is not None
        assert scan.problem.code in ("weights-corrupt", "weights-truncated")


def test_consecutive_pickles() -> None:
    first = pickle.dumps(1, protocol=2)
    second = asm(("PROTO", 2), ("GLOBAL", ("os", "system")), "STOP")
    assert scan_pickle_bytes(first + second).dangerous == []
    scan = scan_pickle(io.BytesIO(first + second), max_pickles=5)
    assert scan.pickles == 2 and scan.dangerous == ["os.system"]


@pytest.mark.parametrize("aligned", [True, False])
def test_joblib_raw_array_data_is_skipped(aligned: bool) -> None:
    decoy = b"cwebbrowser\nopen\n".ljust(24, b"\0")  # 2x3 float32 = 24 bytes of "array data"
    scan = scan_pickle_bytes(joblib_like(decoy, aligned))
    assert scan.complete, scan.problem
    assert scan.joblib_arrays == 1
    assert sorted(scan.imports) == [
        "joblib.numpy_pickle.NumpyArrayWrapper",
        "numpy.dtype",
        "numpy.ndarray",
        "os.system",
    ]
    assert scan.dangerous == ["os.system"]


def test_joblib_array_of_wrong_length_is_not_silently_accepted() -> None:
    scan = scan_pickle_bytes(joblib_like(b"\0" * 20))
    assert not scan.complete


def test_real_joblib_dump(tmp_path: pytest.TempPathFactory) -> None:
    joblib = pytest.importorskip("joblib")
    np = pytest.importorskip("numpy")
    from pathlib import Path

    from aibom.weights import read_weight_file

    obj = {
        "coef": np.arange(12, dtype=np.float32).reshape(3, 4),
        "names": np.array(["a", None], dtype=object),
        "fortran": np.asfortranarray(np.ones((2, 5))),
        "empty": np.zeros((0, 3), dtype=np.int8),
        "evil": _SystemCall(),
    }
    for compress in (0, 3):
        path = Path(str(tmp_path)) / f"model{compress}.joblib"
        joblib.dump(obj, path, compress=compress)
        wf, diags = read_weight_file(path, path.name)
        assert wf is not None and wf.metadata["pickle_complete"] is True, diags
        assert wf.metadata["joblib_arrays"] == 4
        assert wf.dangerous_imports == [f"{os.system.__module__}.system"]
        assert [d.code for d in diags] == ["weights-unsafe"]


def test_large_payload_in_a_file_is_seeked_over(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "big.pkl"
    payload = b"\0" * (3 * 1024 * 1024)
    path.write_bytes(
        asm(("PROTO", 4), ("BINBYTES8", payload), "POP", ("GLOBAL", ("os", "system")), "STOP")
    )
    with path.open("rb") as fh:
        scan = scan_pickle(
            fh, max_bytes=1024 * 1024
        )  # the limit counts bytes read, not bytes seeked over
    assert scan.complete and scan.dangerous == ["os.system"]
    scan = scan_pickle(io.BytesIO(path.read_bytes()[:-20]))
    assert (
        not scan.complete and scan.problem is not None and scan.problem.code == "weights-truncated"
    )
