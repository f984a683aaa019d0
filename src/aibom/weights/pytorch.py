"""PyTorch checkpoints (``.bin``, ``.pt``, ``.pth``, ``.ckpt``): zip archives and the legacy stream.

Since PyTorch 1.6 ``torch.save`` writes a zip archive: ``<name>/data.pkl`` (the
object tree, tensors as persistent ids), ``<name>/data/<key>`` (raw storages),
``<name>/version``, ``<name>/byteorder``. TorchScript archives add
``constants.pkl`` and ``code/``. Every ``*.pkl`` member is walked with the
pickle scanner. The legacy format is a stream of five pickles (magic number,
protocol, sys info, object tree, storage keys) followed by raw storage data.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import INCOMPLETE, WeightsError, file_size
from aibom.weights.pickle_opcodes import PickleScan, apply_scan, scan_pickle
from aibom.weights.zips import open_member, open_zip, read_member

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PICKLES = 5  # magic, protocol, sys_info, object, storage keys
MAX_PKL_MEMBER = 1024 * 1024 * 1024
MAX_PKL_MEMBERS = 16
MAX_LISTED = 200


def _storages(wf: WeightFile, scan: PickleScan) -> None:
    """Fill dtypes/parameters from the storages the pickle referenced."""
    if not scan.storages:
        return
    dtypes = {d for d, _ in scan.storages.values() if d}
    wf.dtypes = sorted(set(wf.dtypes) | dtypes)
    numels = [n for _, n in scan.storages.values() if n is not None]
    if len(numels) == len(scan.storages):
        wf.parameters = sum(numels)
    wf.metadata["storage_count"] = len(scan.storages)


def read_pytorch_zip(
    fh: BinaryIO, rel: str, opened: zipfile.ZipFile | None = None
) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a zip-format torch checkpoint: list members, walk every ``*.pkl``."""
    size = file_size(fh)
    diags: list[Diagnostic] = []
    with opened or open_zip(fh) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        pkls = sorted((i for i in infos if i.filename.endswith(".pkl")), key=lambda i: i.filename)
        archive = names[0].split("/", 1)[0] if names and "/" in names[0] else ""
        wf = WeightFile(path=rel, format="pytorch", size=size)
        meta = wf.metadata
        meta["archive"] = archive
        meta["member_count"] = len(names)
        data_members = [n for n in names if n.split("/", 1)[-1].startswith("data/")]
        meta["data_member_count"] = len(data_members)
        meta["members"] = sorted(set(names) - set(data_members))[:MAX_LISTED]  # without data/<key>
        meta["torchscript"] = any(n.split("/", 1)[-1].startswith("code/") for n in names)
        for info in infos:
            tail = info.filename.split("/", 1)[-1]
            if tail in ("version", ".data/version", "byteorder") and info.file_size <= 64:
                text = read_member(zf, info, 64).decode("ascii", "replace").strip()
                meta["byteorder" if tail == "byteorder" else "version"] = text
        if not pkls:
            diags.append(
                Diagnostic(
                    path=rel,
                    message="zip checkpoint has no *.pkl member",
                    code=INCOMPLETE,
                    level="info",
                )
            )
        total = PickleScan()
        for info in pkls[:MAX_PKL_MEMBERS]:
            try:
                with open_member(zf, info, MAX_PKL_MEMBER) as member:
                    scan = scan_pickle(member, max_bytes=MAX_PKL_MEMBER)
            except WeightsError as exc:
                diags.append(exc.diagnostic(rel))
                continue
            if scan.problem is not None:
                scan.problem.message = f"{info.filename[:200]}: {scan.problem.message}"
            diags += apply_scan(wf, scan, rel, "checkpoint pickle")
            total.merge(scan)
        if len(pkls) > MAX_PKL_MEMBERS:
            diags.append(
                Diagnostic(
                    path=rel,
                    message=f"only the first {MAX_PKL_MEMBERS} *.pkl members were scanned",
                    code=INCOMPLETE,
                )
            )
        meta["pickle_members"] = [i.filename for i in pkls[:MAX_PKL_MEMBERS]]
        if total.protocols:
            meta["pickle_protocol"] = max(total.protocols)
        _storages(wf, total)
    return wf, diags


def read_pytorch_legacy(
    fh: BinaryIO, rel: str, scan: PickleScan | None = None
) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a legacy (pre-1.6, non-zip) torch checkpoint: five pickles then raw data."""
    size = file_size(fh)
    if scan is None:
        fh.seek(0)
        scan = scan_pickle(fh, max_pickles=LEGACY_PICKLES)
    wf = WeightFile(path=rel, format="pytorch", size=size)
    wf.metadata["legacy"] = True
    if len(scan.results) > 1 and isinstance(scan.results[1], int):
        wf.metadata["protocol_version"] = scan.results[1]
    if scan.protocols:
        wf.metadata["pickle_protocol"] = max(scan.protocols)
    diags = apply_scan(wf, scan, rel, "checkpoint pickle")
    _storages(wf, scan)
    return wf, diags


def is_legacy(scan: PickleScan) -> bool:
    """True when the first pickle of a stream is torch's legacy magic number."""
    return bool(scan.results) and scan.results[0] == LEGACY_MAGIC
