"""A service's occurrences stay unique and in first-seen order, however many places it has."""

from __future__ import annotations

from aibom.inventory import Inventory, Location, ServiceFinding


def _finding(path: str, line: int, model: str = "gpt-4o") -> ServiceFinding:
    return ServiceFinding(provider="openai", location=Location(path, line), model=model)


def test_repeated_places_are_kept_once_in_first_seen_order() -> None:
    inv = Inventory()
    for line in (3, 1, 3, 2, 1):
        inv.add(_finding("app.py", line))
    [svc] = inv.services.values()
    assert [loc.line for loc in svc.occurrences] == [3, 1, 2]


def test_thousands_of_places_are_all_kept_once() -> None:
    inv = Inventory()
    for _rep in range(2):
        for i in range(3000):
            inv.add(_finding("catalog.ts", i + 1, model=f"m-{i}"))
    [svc] = inv.services.values()
    assert len(svc.occurrences) == 3000 and len(set(svc.occurrences)) == 3000
    assert len(svc.models) == 3000


def test_occurrences_changed_outside_add_are_respected() -> None:
    inv = Inventory()
    inv.add(_finding("a.py", 1))
    [svc] = inv.services.values()
    svc.occurrences.append(Location("b.py", 2))  # merged in by another step
    inv.add(_finding("b.py", 2))
    inv.add(_finding("c.py", 3))
    assert [(loc.path, loc.line) for loc in svc.occurrences] == [
        ("a.py", 1),
        ("b.py", 2),
        ("c.py", 3),
    ]
