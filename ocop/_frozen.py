"""An immutable, hashable mapping used inside the frozen value types."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A read-only mapping that keeps insertion order and can be hashed.

    The frozen attrs classes need mapping fields that cannot be changed after
    construction and that hash, so that the objects themselves stay hashable.

    >>> m = FrozenMap({"A": 40, "B": 25})
    >>> m["A"], len(m), m == {"A": 40, "B": 25}
    (40, 2, True)
    >>> m["C"] = 35
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMap' object does not support item assignment
    >>> import pickle
    >>> pickle.loads(pickle.dumps(m)) == m
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        # A read-only view: even the private field cannot change a value that is hashed and shared.
        self._data: Mapping[K, V] = MappingProxyType(dict(data) if data is not None else {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self._data)!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        # A read-only view does not pickle; its contents do (grades go to worker processes).
        return (type(self), (dict(self._data),))
