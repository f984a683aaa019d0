"""``python -m aibom``."""

from aibom.cli import main

main()
