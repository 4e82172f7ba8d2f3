"""Lab 2's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "a permission change takes effect at once, even when cached",
    "a 4 KiB mapping inside a 2 MiB mapping is refused",
]

MISTAKES = []
