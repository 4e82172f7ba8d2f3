"""Lab 4's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "dup2 over a pipe's last write end closes it",
    "fork copies what it must and shares what it may",
    "exec replaces the image and keeps what it must",
    "a pipe delivers everything, then end of file",
    "wait reaps each child once with its status",
    "copy-on-write copies on the first write, and frees",
]

MISTAKES = []
