"""Lab 1's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "a backtrace lists the whole frame chain",
    "a corrupt frame pointer stops the walk with a message",
    "only available memory becomes frames, on UEFI too",
]

MISTAKES = []
