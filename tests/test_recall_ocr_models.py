"""Tesseract OCR models shipped in a project are local models (issue 11).

tesseract.js apps ship language models (``eng.traineddata``, or gzipped as
``eng-fast.traineddata.gz`` under ``public/ocr/lang/``) and point the OCR worker at them. A
``.traineddata`` file is a trained recogniser (Tesseract's LSTM), so it is a local model, read
by name and size. Other gzipped files and a language code in code are not.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

from recall_scan import model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_traineddata_files_are_local_ocr_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/public/ocr/lang/eng-fast.traineddata.gz": gzip.compress(b"\x00" * 64),
            "tessdata/deu.traineddata": b"\x17\x00\x00\x00" + b"\x00" * 60,
            "src/public/ocr/worker.min.js.gz": gzip.compress(b"self.onmessage=()=>{}"),
            "src/utils/ocr.ts": (
                'import { createWorker } from "tesseract.js"\n'
                'const worker = await createWorker("eng-fast", undefined, { langPath: "/ocr/lang" })\n'
            ),
        }
    )
    inv = scan(root)
    kinds = model_kinds(inv)
    assert kinds["src/public/ocr/lang/eng-fast.traineddata.gz"] == "local"
    assert kinds["tessdata/deu.traineddata"] == "local"
    assert not any("worker" in name or name == "eng-fast" for name in models(inv))
    fw = {m.name: m.frameworks for m in inv.models.values()}
    assert fw["tessdata/deu.traineddata"] == {"tesseract"}
