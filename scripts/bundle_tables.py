"""Write the parsed JSON copies of aibom's YAML data tables that ship with the package.

    PYTHONPATH=src python scripts/bundle_tables.py

Run after editing any ``data/*.yaml`` of aibom.knowledge, aibom.lineage or aibom.licenses:
:func:`aibom.yamlio.load_data` reads a table from its copy in ``src/aibom/_parsed/`` (named
by a hash of the YAML text, so a stale copy is never read: the YAML is parsed instead), and
``tests/test_yamlio_data.py`` fails until the copies are current. Copies of tables that no
longer exist are deleted.
"""

from __future__ import annotations

import os

from aibom import yamlio


def main() -> None:
    copies = yamlio.bundled_copies()
    os.makedirs(yamlio.BUNDLED_DIR, exist_ok=True)
    for name in os.listdir(yamlio.BUNDLED_DIR):
        if name.endswith(".json") and name not in copies:
            os.remove(os.path.join(yamlio.BUNDLED_DIR, name))
            print("removed", name)
    for name, text in sorted(copies.items()):
        path = os.path.join(yamlio.BUNDLED_DIR, name)
        try:
            with open(path, encoding="utf-8") as fh:
                if fh.read() == text:
                    continue
        except OSError:
            pass
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print("wrote", name)
    print(len(copies), "tables")


if __name__ == "__main__":
    main()
