"""npm manifests and lockfiles: exact library findings, decoys, malformed input."""

from __future__ import annotations

import json
from pathlib import Path

from aibom.inventory import Diagnostic, Finding, Inventory, LibraryFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.npm import NpmScanner, scan_npm_text
from aibom.walk import SourceFile


def libs(findings: list[Finding]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for f in findings:
        if isinstance(f, LibraryFinding):
            assert f.ecosystem == "npm"
            out.append(
                (f.name, f.version, f.specifier, f.category, f.location.line, f.location.source)
            )
        elif isinstance(f, Diagnostic):
            out.append(("diag", f.code, f.path))
    return out


# ---------------------------------------------------------------------------
# package.json


PACKAGE_JSON = """\
{
  "name": "web",
  "version": "1.0.0",
  "scripts": { "openai": "node x.js" },
  "dependencies": {
    "openai": "4.56.0",
    "@anthropic-ai/sdk": "^0.27.3",
    "react": "18.3.1",
    "legacy-openai": "npm:openai@3.3.0",
    "@langchain/openai": "workspace:*"
  },
  "devDependencies": {
    "typescript": "~5.4.0",
    "@xenova/transformers": "=2.17.2"
  },
  "peerDependencies": { "ollama": ">=0.5" },
  "optionalDependencies": { "onnxruntime-node": "v1.19.2" },
  "overrides": { "openai": "4.56.1" },
  "engines": { "node": ">=18" }
}
"""


def test_package_json_sections_specifiers_and_lines() -> None:
    assert libs(scan_npm_text(PACKAGE_JSON, "web/package.json")) == [
        ("openai", "4.56.0", "4.56.0", "ai-provider-sdk", 6, "package-json"),
        ("@anthropic-ai/sdk", None, "^0.27.3", "ai-provider-sdk", 7, "package-json"),
        ("react", "18.3.1", "18.3.1", None, 8, "package-json"),
        ("openai", "3.3.0", "npm:openai@3.3.0", "ai-provider-sdk", 9, "package-json"),
        ("@langchain/openai", None, "workspace:*", "ai-framework", 10, "package-json"),
        ("typescript", None, "~5.4.0", None, 13, "package-json"),
        ("@xenova/transformers", "2.17.2", "=2.17.2", "ai-framework", 14, "package-json"),
        ("ollama", None, ">=0.5", "ai-framework", 16, "package-json"),
        ("onnxruntime-node", "1.19.2", "v1.19.2", "ai-framework", 17, "package-json"),
    ]


def test_package_json_decoys_scripts_engines_overrides_and_bad_names() -> None:
    text = json.dumps(
        {
            "name": "openai",
            "scripts": {"@anthropic-ai/sdk": "x"},
            "engines": {"node": ">=18"},
            "overrides": {"openai": "4.0.0"},
            "dependencies": {"../evil": "1.0.0", "": "1.0.0", "ok": {"version": "1"}},
        }
    )
    assert libs(scan_npm_text(text, "package.json")) == [
        ("ok", None, None, None, 1, "package-json")
    ]


def test_package_json_malformed() -> None:
    assert libs(scan_npm_text('{"dependencies": {"openai": "4"', "package.json")) == [
        ("diag", "json", "package.json")
    ]
    assert libs(scan_npm_text("[1, 2]", "package.json")) == [("diag", "json", "package.json")]
    assert libs(scan_npm_text('{"dependencies": ["openai"]}', "package.json")) == [
        ("diag", "package-json", "package.json")
    ]


# ---------------------------------------------------------------------------
# package-lock.json / npm-shrinkwrap.json


LOCK_V3 = """\
{
  "name": "web",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "web",
      "version": "1.0.0",
      "dependencies": { "openai": "^4.56.0" }
    },
    "node_modules/openai": {
      "version": "4.56.0",
      "resolved": "https://registry.npmjs.org/openai/-/openai-4.56.0.tgz"
    },
    "node_modules/@anthropic-ai/sdk": {
      "version": "0.27.3"
    },
    "node_modules/openai/node_modules/@types/node": {
      "version": "18.19.50",
      "dev": true
    },
    "node_modules/string-width-cjs": {
      "name": "string-width",
      "version": "4.2.3"
    },
    "node_modules/my-lib": {
      "resolved": "packages/my-lib",
      "link": true
    },
    "packages/my-lib": {
      "name": "my-lib",
      "version": "0.0.1"
    },
    "node_modules/gitdep": {
      "version": "git+ssh://git@github.com/x/gitdep.git#abc"
    }
  }
}
"""


def test_package_lock_v3() -> None:
    assert libs(scan_npm_text(LOCK_V3, "package-lock.json")) == [
        ("openai", "4.56.0", None, "ai-provider-sdk", 12, "npm-lock"),
        ("@anthropic-ai/sdk", "0.27.3", None, "ai-provider-sdk", 16, "npm-lock"),
        ("@types/node", "18.19.50", None, None, 19, "npm-lock"),
        ("string-width", "4.2.3", None, None, 23, "npm-lock"),
        ("gitdep", None, None, None, 35, "npm-lock"),
    ]


def test_package_lock_v1_nested_and_shrinkwrap() -> None:
    text = """\
{
  "name": "old",
  "lockfileVersion": 1,
  "dependencies": {
    "openai": {
      "version": "3.3.0",
      "dependencies": {
        "axios": { "version": "0.26.1" }
      }
    },
    "wrap-ansi-cjs": { "version": "npm:wrap-ansi@7.0.0" },
    "axios": { "version": "0.26.1" }
  }
}
"""
    expected = [
        ("openai", "3.3.0", None, "ai-provider-sdk", 5, "npm-lock"),
        ("wrap-ansi", "7.0.0", None, None, 11, "npm-lock"),
        ("axios", "0.26.1", None, None, 8, "npm-lock"),
    ]
    assert libs(scan_npm_text(text, "package-lock.json")) == expected
    assert libs(scan_npm_text(text, "app/npm-shrinkwrap.json")) == expected


def test_package_lock_malformed() -> None:
    assert libs(scan_npm_text('{"packages": {', "package-lock.json")) == [
        ("diag", "json", "package-lock.json")
    ]
    assert libs(scan_npm_text('"just a string"', "package-lock.json")) == [
        ("diag", "json", "package-lock.json")
    ]


# ---------------------------------------------------------------------------
# yarn.lock


YARN_V1 = """\
# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1
# openai@9.9.9 in a comment is not a package


"@anthropic-ai/sdk@^0.27.0", "@anthropic-ai/sdk@^0.27.3":
  version "0.27.3"
  resolved "https://registry.yarnpkg.com/@anthropic-ai/sdk/-/sdk-0.27.3.tgz#abc"
  dependencies:
    "@types/node" "^18.11.18"

openai@^4.56.0:
  version "4.56.0"
  resolved "https://registry.yarnpkg.com/openai/-/openai-4.56.0.tgz"

"string-width-cjs@npm:string-width@^4.2.0":
  version "4.2.3"

"mylib@file:../mylib":
  version "0.0.0"
"""


def test_yarn_classic() -> None:
    assert libs(scan_npm_text(YARN_V1, "yarn.lock")) == [
        ("@anthropic-ai/sdk", "0.27.3", None, "ai-provider-sdk", 6, "yarn-lock"),
        ("openai", "4.56.0", None, "ai-provider-sdk", 12, "yarn-lock"),
        ("string-width", "4.2.3", None, None, 16, "yarn-lock"),
    ]


YARN_BERRY = """\
# This file is generated by running "yarn install" inside your project.

__metadata:
  version: 8
  cachekey: 10c0

"@anthropic-ai/sdk@npm:^0.27.0":
  version: 0.27.3
  resolution: "@anthropic-ai/sdk@npm:0.27.3"
  languageName: node
  linkType: hard

"openai@npm:^4.56.0, openai@npm:^4.50.0":
  version: 4.56.0
  resolution: "openai@npm:4.56.0"
  dependencies:
    "@types/node": "npm:^18.11.18"
  languageName: node
  linkType: hard

"web@workspace:.":
  version: 0.0.0-use.local
  resolution: "web@workspace:."
  languageName: unknown
  linkType: soft

"resolve@patch:resolve@npm%3A^1.22.1#optional!builtin<compat/resolve>":
  version: 1.22.8
  resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
  languageName: node
  linkType: hard

"string-width-cjs@npm:string-width@^4.2.0":
  version: 4.2.3
  resolution: "string-width@npm:4.2.3"
  languageName: node
  linkType: hard
"""


def test_yarn_berry() -> None:
    assert libs(scan_npm_text(YARN_BERRY, "yarn.lock")) == [
        ("@anthropic-ai/sdk", "0.27.3", None, "ai-provider-sdk", 7, "yarn-lock"),
        ("openai", "4.56.0", None, "ai-provider-sdk", 13, "yarn-lock"),
        ("string-width", "4.2.3", None, None, 33, "yarn-lock"),
    ]


def test_yarn_malformed() -> None:
    assert libs(scan_npm_text('__metadata:\n  version: 8\n"a@npm:1": [\n', "yarn.lock")) == [
        ("diag", "yaml", "yarn.lock")
    ]
    assert libs(
        scan_npm_text('openai@^4:\n  version "4.0.0"\nthis is not yarn\n', "yarn.lock")
    ) == [
        ("openai", "4.0.0", None, "ai-provider-sdk", 1, "yarn-lock"),
        ("diag", "yarn-lock", "yarn.lock"),
    ]


# ---------------------------------------------------------------------------
# pnpm-lock.yaml


PNPM_V9 = """\
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:
  .:
    dependencies:
      openai:
        specifier: ^4.56.0
        version: 4.56.0

packages:

  '@anthropic-ai/sdk@0.27.3':
    resolution: {integrity: sha512-abc}

  openai@4.56.0:
    resolution: {integrity: sha512-def}
    hasBin: true

  my-git-dep@https://codeload.github.com/x/y/tar.gz/abc:
    resolution: {tarball: https://codeload.github.com/x/y/tar.gz/abc}
    name: my-git-dep
    version: 1.2.3

snapshots:

  openai@4.56.0(zod@3.23.8):
    dependencies:
      zod: 3.23.8
"""

PNPM_V6 = """\
lockfileVersion: '6.0'

packages:

  /@langchain/core@0.2.31(openai@4.56.0):
    resolution: {integrity: sha512-x}
    dev: false

  /openai@4.56.0:
    resolution: {integrity: sha512-y}
"""

PNPM_V5 = """\
lockfileVersion: 5.4

packages:

  /@xenova/transformers/2.17.2:
    resolution: {integrity: sha512-z}

  /react-dom/18.3.1_react@18.3.1:
    resolution: {integrity: sha512-w}
"""


def test_pnpm_lock_versions() -> None:
    assert libs(scan_npm_text(PNPM_V9, "pnpm-lock.yaml")) == [
        ("@anthropic-ai/sdk", "0.27.3", None, "ai-provider-sdk", 15, "pnpm-lock"),
        ("openai", "4.56.0", None, "ai-provider-sdk", 18, "pnpm-lock"),
        ("my-git-dep", "1.2.3", None, None, 22, "pnpm-lock"),
    ]
    assert libs(scan_npm_text(PNPM_V6, "pnpm-lock.yaml")) == [
        ("@langchain/core", "0.2.31", None, "ai-framework", 5, "pnpm-lock"),
        ("openai", "4.56.0", None, "ai-provider-sdk", 9, "pnpm-lock"),
    ]
    assert libs(scan_npm_text(PNPM_V5, "pnpm-lock.yaml")) == [
        ("@xenova/transformers", "2.17.2", None, "ai-framework", 5, "pnpm-lock"),
        ("react-dom", "18.3.1", None, None, 8, "pnpm-lock"),
    ]


def test_pnpm_decoys_and_malformed() -> None:
    decoy = """\
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      openai: {specifier: ^4, version: 4.56.0}
packages:
  'file:../local-pkg':
    resolution: {directory: ../local-pkg, type: directory}
"""
    assert libs(scan_npm_text(decoy, "pnpm-lock.yaml")) == []
    assert libs(scan_npm_text("packages: [\n", "pnpm-lock.yaml")) == [
        ("diag", "yaml", "pnpm-lock.yaml")
    ]
    assert libs(scan_npm_text("- a\n- b\n", "pnpm-lock.yaml")) == [
        ("diag", "pnpm-lock", "pnpm-lock.yaml")
    ]


# ---------------------------------------------------------------------------
# Scanner interface and inventory


def test_scanner_wants_and_inventory_purl_keys(tmp_path: Path) -> None:
    scanner = NpmScanner()
    names = [
        "package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
    ]
    decoys = ["packages.json", "package.json5", "tsconfig.json", "bun.lockb", "composer.lock"]

    def sf(rel: str) -> SourceFile:
        return SourceFile(rel=rel, path=tmp_path / rel, size=1)

    assert [n for n in names if scanner.wants(sf("app/" + n))] == names
    assert [n for n in decoys if scanner.wants(sf(n))] == []

    (tmp_path / "package.json").write_text(PACKAGE_JSON, encoding="utf-8")
    (tmp_path / "package-lock.json").write_text(LOCK_V3, encoding="utf-8")
    inv = Inventory()
    ctx = ScanContext(root=tmp_path)
    for rel in ("package.json", "package-lock.json"):
        f = SourceFile(rel=rel, path=tmp_path / rel, size=(tmp_path / rel).stat().st_size)
        inv.extend(scanner.scan(f, ctx))
    openai = inv.libraries["npm:openai@4.56.0"]
    assert [str(loc) for loc in openai.occurrences] == ["package.json:6", "package-lock.json:12"]
    assert openai.category == "ai-provider-sdk"
    assert "npm:@anthropic-ai/sdk@" in inv.libraries
    assert "npm:@anthropic-ai/sdk@0.27.3" in inv.libraries


def test_unknown_file_names_give_nothing() -> None:
    assert scan_npm_text('{"dependencies": {"openai": "4.0.0"}}', "composer.json") == []
