"""House rules no linter checks: modules stay under 400 lines, and no import goes in a circle.

`python -m tools.house_rules` prints each breach and exits 1 if there is any. The modules that
were over the limit when the rule came in were split (issue 15); none may pass it again.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

import grimp

LINE_LIMIT: Final = 400
PACKAGES: Final = ("app", "ui", "sync", "local_db", "hub", "tools", "bench")


def long_modules(root: Path) -> list[str]:
    """Breaches of the line limit among the modules of our packages (tests/ aside)."""
    breaches = []
    for path in sorted(path for package in PACKAGES for path in (root / package).rglob("*.py")):
        name = path.relative_to(root).as_posix()
        lines = len((root / name).read_text(encoding="utf-8").splitlines())
        if lines > LINE_LIMIT:
            breaches.append(f"{name}: {lines} lines, more than {LINE_LIMIT}")
    return breaches


def import_circles() -> list[str]:
    """Each set of our modules that import one another in a circle, at any depth."""
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    circles = []
    seen: set[str] = set()
    for module in sorted(graph.modules):
        if module in seen:
            continue
        upstream = graph.find_upstream_modules(module)
        circle = {other for other in graph.find_downstream_modules(module) if other in upstream}
        if circle:
            members = sorted({module, *circle})
            seen.update(members)
            circles.append("import circle: " + " <-> ".join(members))
    return circles


def main() -> int:
    """Print the breaches; 1 if there is any."""
    root = Path(__file__).resolve().parent.parent
    breaches = long_modules(root) + import_circles()
    for breach in breaches:
        print(breach)
    if not breaches:
        print(f"house rules kept: no module over {LINE_LIMIT} lines, no import circle")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
