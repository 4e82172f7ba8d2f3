"""
Planted mistakes: the catalogue `make check-graders` (tools/check-graders.py)
plants one at a time in a copy of the full tree, to prove that each lab's
grader, or the unit tests that lab's handout runs, catches it.

Each tools/mistakes/labN.py holds BEHAVIOURS, the behaviours lab N's grader
promises to check beyond its exercises, and MISTAKES, a list of Mistake.
Every exercise region (a "LAB N SOLUTION BEGIN (exercise: ...)" comment)
and every behaviour needs at least three mistakes aimed at it.

A mistake is one a student would make (an off-by-one, a forgotten flush, a
reference not dropped, a rule bent), never a deletion of the whole answer.
"""
from dataclasses import dataclass, field


@dataclass
class Mistake:
    name: str           # what the student got wrong, in a student's words
    target: str         # "exercise: <words of its BEGIN comment>" or "behaviour: <one of BEHAVIOURS>"
    file: str           # path from the top of the tree
    old: str            # text that occurs exactly once in file ...
    new: str            # ... and what the student wrote instead
    # What should catch it, tried in this order until one fails: "unit" (the
    # host unit tests) or the name of a test in the lab's grader (a pytest
    # -k expression, e.g. "test_backtrace_shows_nested_calls").
    catchers: list = field(default_factory=list)
