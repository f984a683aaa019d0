"""Go sources (issue 11): a hub model file's download URL in a string literal names that
model wherever the string goes (a table of files, a download call); not a dataset's or a
Space's URL, a repository page, a message, nor tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

FILES_GO = """package importers

import (
	"fmt"

	"github.com/acme/downloader"
)

type weightFile struct {
	name string
	uri  string
}

var weights = []weightFile{
	{"encoder.gguf", "https://huggingface.co/acme-labs/Vision-Encoder-GGUF/resolve/main/encoder.gguf"},
	{"decoder.gguf", "https://huggingface.co/acme-labs/Vision-Decoder-GGUF/resolve/main/decoder.gguf"},
}

const baseURL = "https://huggingface.co/acme-labs/Speech-Small/tree/main/"

func fetch() error {
	if err := downloader.Get("https://hf.co/acme-labs/Tiny-Tagger/resolve/v1.0/model.onnx"); err != nil {
		return fmt.Errorf("see https://huggingface.co/acme-labs/Broken-Model/resolve/main/x.bin: %w", err)
	}
	_ = "https://huggingface.co/datasets/acme-labs/corpus/resolve/main/train.jsonl"
	_ = "https://huggingface.co/spaces/acme-labs/demo/resolve/main/app.py"
	_ = "https://huggingface.co/acme-labs/Repo-Page"
	return nil
}
"""


def test_hub_download_urls(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"core/importers/files.go": FILES_GO}))
    kinds = model_kinds(inv)
    for name in (
        "acme-labs/vision-encoder-gguf",
        "acme-labs/vision-decoder-gguf",
        "acme-labs/speech-small",
        "acme-labs/tiny-tagger",
    ):
        assert kinds[name] == "hub"
    assert models(inv)["acme-labs/vision-encoder-gguf"] == {"core/importers/files.go:15"}
    seen = everything(inv)
    for decoy in (
        "acme-labs/broken-model",  # an error message
        "acme-labs/corpus",  # a dataset
        "acme-labs/demo",  # a Space
        "acme-labs/repo-page",  # a page, no download
    ):
        assert decoy not in seen


def test_test_files_are_not_read(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"core/importers/files_test.go": FILES_GO}))
    assert "acme-labs/vision-encoder-gguf" not in everything(inv)
