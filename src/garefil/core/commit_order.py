"""Where each commit comes among the commits of its second, the same on every clone.

Git keeps seconds, and a script or two quick commands write several commits in one: each is
placed after the commits of that second that lead to it (its parents, theirs…), by the length
of that chain. Two coaches' commits of one second, neither leading to the other, have no order
of their own: they share a place, and the notes' paths order them, alike on every clone.
Counting them in the order a clone met them (its own commit first, the other's at the next
sync) gave each clone its own order, and two coaches saw their notes listed differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .freshness import Commit

Placed = tuple[int, int]  # (second, place among the commits of that second)


def places(commits: Iterable[Commit], known: Mapping[str, Placed]) -> dict[str, Placed]:
    """The second and place of each of `commits` (any order), by id; `known`: those of earlier
    commits, their parents."""
    own = {commit.id: commit for commit in commits}
    done: dict[str, Placed] = {}

    def placed(commit_id: str) -> Placed | None:
        return done.get(commit_id) or known.get(commit_id)

    for start in own.values():
        stack = [start]  # a parent is placed before its child, however git listed them
        while stack:
            commit = stack[-1]
            waiting = [own[p] for p in commit.parents if p in own and p not in done]
            if waiting:
                stack += waiting
                continue
            stack.pop()
            after = [p[1] + 1 for p in map(placed, commit.parents) if p and p[0] == commit.second]
            done[commit.id] = (commit.second, max(after, default=0))
    return done
