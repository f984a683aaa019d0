"""The weight-file builders themselves produce valid streams."""

from __future__ import annotations

import pickletools

from builders.weights import asm, torch_state_dict_pickle


def test_asm_round_trips_through_pickletools() -> None:
    data = asm(
        ("PROTO", 2), ("GLOBAL", ("os", "system")), ("BINUNICODE", "id"), "TUPLE1", "REDUCE", "STOP"
    )
    names = [op.name for op, _, _ in pickletools.genops(data)]
    assert names == ["PROTO", "GLOBAL", "BINUNICODE", "TUPLE1", "REDUCE", "STOP"]


def test_torch_pickle_is_valid_pickle_stream() -> None:
    data = torch_state_dict_pickle({"w": ("FloatStorage", (2, 3))})
    ops = [op.name for op, _, _ in pickletools.genops(data)]
    assert ops[-1] == "STOP" and ops.count("BINPERSID") == 1
