"""Bounded memos for the batch: a run of a million cases must hold no more than a run of ten thousand."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class BoundedMemo(OrderedDict):
    """A dict of at most `limit` entries that forgets the least recently used one first.

    Emptying a full memo at once, as the batch first did, makes memory a saw whose teeth the
    allocator keeps (the refilled entries do not fit the holes the old ones left, and the peak crept
    up for tens of thousands of cases), and forgets the common entries with the rare ones. One entry
    out for one in reuses the same room, and what is recalled often stays."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def recall(self, key: Any) -> Any:
        """The value remembered under key (now the most recently used), or None."""
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def put(self, key: Any, value: Any) -> Any:
        """Remember value under key (forgetting the least recently used entry if full); return value."""
        while self and len(self) >= self.limit:
            self.popitem(last=False)
        if self.limit > 0:
            self[key] = value
        return value
