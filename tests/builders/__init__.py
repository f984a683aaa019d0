"""Builders shared by test modules (imported as ``builders.<module>``; tests/ is on sys.path)."""
