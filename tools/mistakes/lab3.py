"""Lab 3's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "vruntime advances by exactly runtime x 1024 / weight, remainder kept",
    "min_vruntime never decreases",
    "a waking task gains no more than its share and never moves back",
    "slices have a lower and an upper bound",
]

MISTAKES = []
