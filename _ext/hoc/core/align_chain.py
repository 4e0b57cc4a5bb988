"""The heaviest order-preserving set of pairs among weighted candidates.

Given candidate pairs ``(i, j, weight)`` of English block ``i`` and translated block
``j``, choose pairs with strictly increasing ``i`` and ``j`` whose total weight is
largest: a weighted alignment that visits only the candidates, not every cell of an
``n x m`` table. With a Fenwick tree of prefix maxima over ``j`` it costs
``O(k log m)`` for ``k`` candidates, so a page of hundreds of blocks aligns in
milliseconds.
"""

from __future__ import annotations

from itertools import groupby


def heaviest_chain(candidates: list[tuple[int, int, float]], width: int) -> list[int]:
    """Indexes into ``candidates`` of the heaviest chain, in increasing ``i`` order.

    ``width`` bounds every ``j`` (``0 <= j < width``). Ties keep the earlier candidate.
    """
    order = sorted(range(len(candidates)), key=lambda c: (candidates[c][0], candidates[c][1]))
    best_value = [0.0] * (width + 1)
    best_index = [-1] * (width + 1)
    total = [0.0] * len(candidates)
    previous = [-1] * len(candidates)
    for _, row in groupby(order, key=lambda c: candidates[c][0]):
        row_candidates = list(row)
        # All candidates of one English block read the tree before any of them
        # writes to it: one block pairs at most once.
        for index in row_candidates:
            _, j, score = candidates[index]
            value, before = _prefix_max(best_value, best_index, j)
            total[index] = value + score
            previous[index] = before
        for index in row_candidates:
            _update(best_value, best_index, candidates[index][1] + 1, total[index], index)
    _, last = _prefix_max(best_value, best_index, width)
    chain: list[int] = []
    while last >= 0:
        chain.append(last)
        last = previous[last]
    return chain[::-1]


def _prefix_max(values: list[float], indexes: list[int], end: int) -> tuple[float, int]:
    """The best chain ending at a ``j`` below ``end`` (Fenwick positions 1..end)."""
    value, index = 0.0, -1
    position = end
    while position > 0:
        if values[position] > value:
            value, index = values[position], indexes[position]
        position -= position & -position
    return value, index


def _update(values: list[float], indexes: list[int], position: int, value: float,
            index: int) -> None:
    while position < len(values):
        if value > values[position]:
            values[position], indexes[position] = value, index
        position += position & -position
