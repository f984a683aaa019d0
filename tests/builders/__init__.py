"""Test builders shared across test modules (import as ``builders.<module>``).

``tests/`` is on ``sys.path`` under pytest's default import mode, so test modules
import these directly; nothing imports one test module from another.
"""
