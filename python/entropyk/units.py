"""SI quantities with explicit unit keywords.

Each class stores one SI value and is built from exactly one unit keyword::

    >>> from entropyk.units import Pressure, Temperature
    >>> p = Pressure(bar=3.2)
    >>> float(p), p.bar
    (320000.0, 3.2)
    >>> Temperature(celsius=7) + 5.0        # a temperature difference in K
    Temperature(285.15 K)

Arithmetic: quantities of one kind add and subtract; multiplying or dividing by a
plain number scales them; comparisons work between quantities of one kind.
``float(q)`` is the SI value, so every entropyk function accepts them where it
takes SI numbers.
"""
from __future__ import annotations

import math
from typing import Any, ClassVar, TypeVar, overload

from ._core import ValidationError

__all__ = ["Pressure", "Temperature", "Enthalpy", "MassFlow"]


_Q = TypeVar("_Q", bound="_Quantity")


class _Quantity:
    """One SI value; subclasses define the unit keywords in ``_UNITS``.

    The comparisons are written out (not ``functools.total_ordering``) so that
    type checkers and ``mypy.stubtest`` see them.
    """

    _UNITS: ClassVar[dict[str, tuple[float, float]]] = {}  # keyword -> (scale, offset): si = value * scale + offset
    _SI_UNIT: ClassVar[str] = ""
    __slots__ = ("_si",)
    _si: float

    def __init__(self, **unit: float) -> None:
        """Raises ``ValidationError`` (also a ``TypeError`` and a ``ValueError``) for a
        missing, extra or unknown unit keyword, or a value that is not a number."""
        if len(unit) != 1:
            raise ValidationError(
                f"{type(self).__name__} takes exactly one unit keyword out of {sorted(self._UNITS)}, got {sorted(unit)}"
            )
        (name, value), = unit.items()
        if name not in self._UNITS:
            raise ValidationError(
                f"{type(self).__name__}: unknown unit keyword '{name}', use one of {sorted(self._UNITS)}"
            )
        try:
            value = float(value)
        except (TypeError, ValueError, OverflowError) as e:
            raise ValidationError(f"{type(self).__name__}({name}=...): {e}") from None
        if math.isnan(value):
            raise ValidationError(f"{type(self).__name__}({name}=nan): the value is not a number")
        scale, offset = self._UNITS[name]
        self._si = value * scale + offset

    @classmethod
    def _from_si(cls: type[_Q], si: float) -> _Q:
        obj = cls.__new__(cls)
        obj._si = float(si)
        return obj

    def _in(self, name: str) -> float:
        scale, offset = self._UNITS[name]
        return (self._si - offset) / scale

    def __float__(self) -> float:
        return self._si

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._si:.6g} {self._SI_UNIT})"

    def _same(self, other: object) -> bool:
        """Whether `other` is a quantity of this one's kind."""
        return type(other) is type(self)

    def __add__(self: _Q, other: _Q) -> _Q:
        if not self._same(other):
            return NotImplemented
        return self._from_si(self._si + other._si)

    def __sub__(self: _Q, other: _Q) -> _Q:
        if not self._same(other):
            return NotImplemented
        return self._from_si(self._si - other._si)

    def __mul__(self: _Q, factor: float) -> _Q:
        if isinstance(factor, _Quantity):
            return NotImplemented
        return self._from_si(self._si * float(factor))

    __rmul__ = __mul__

    @overload
    def __truediv__(self: _Q, other: _Q) -> float: ...
    @overload
    def __truediv__(self: _Q, other: float) -> _Q: ...
    def __truediv__(self, other: Any) -> Any:
        """Quantity / quantity of one kind is a plain ratio; quantity / number scales."""
        if type(other) is type(self):
            return self._si / other._si
        if isinstance(other, _Quantity):
            return NotImplemented
        return self._from_si(self._si / float(other))

    def __neg__(self: _Q) -> _Q:
        return self._from_si(-self._si)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Quantity) or not self._same(other):
            return NotImplemented
        return self._si == other._si

    def __lt__(self: _Q, other: _Q) -> bool:
        if not self._same(other):
            return NotImplemented
        return self._si < other._si

    def __le__(self: _Q, other: _Q) -> bool:
        if not self._same(other):
            return NotImplemented
        return self._si <= other._si

    def __gt__(self: _Q, other: _Q) -> bool:
        if not self._same(other):
            return NotImplemented
        return self._si > other._si

    def __ge__(self: _Q, other: _Q) -> bool:
        if not self._same(other):
            return NotImplemented
        return self._si >= other._si

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._si))


class Pressure(_Quantity):
    """Pressure; SI unit Pa. Keywords: ``pa``, ``kpa``, ``bar``, ``mpa``, ``psi``."""

    _UNITS = {"pa": (1.0, 0.0), "kpa": (1e3, 0.0), "bar": (1e5, 0.0), "mpa": (1e6, 0.0), "psi": (6894.757293168361, 0.0)}
    _SI_UNIT = "Pa"
    __slots__ = ()

    @property
    def pa(self) -> float:
        return self._si

    @property
    def bar(self) -> float:
        return self._in("bar")

    @property
    def kpa(self) -> float:
        return self._in("kpa")

    @property
    def psi(self) -> float:
        return self._in("psi")


class Temperature(_Quantity):
    """Temperature; SI unit K. Keywords: ``kelvin``, ``celsius``, ``fahrenheit``.

    Adding a plain number adds a temperature difference in K.
    """

    _UNITS = {"kelvin": (1.0, 0.0), "celsius": (1.0, 273.15), "fahrenheit": (5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0)}
    _SI_UNIT = "K"
    __slots__ = ()

    def __add__(self, other: Temperature | float) -> Temperature:
        """Temperature + number adds a difference in K."""
        if isinstance(other, (int, float)):
            return self._from_si(self._si + float(other))
        return super().__add__(other)

    __radd__ = __add__

    @overload  # type: ignore[override]  # Temperature - Temperature is a difference in K (a float)
    def __sub__(self, other: Temperature) -> float: ...
    @overload
    def __sub__(self, other: float) -> Temperature: ...
    def __sub__(self, other: Temperature | float) -> Temperature | float:
        """Temperature - number (K) is a Temperature; Temperature - Temperature a float in K."""
        if isinstance(other, (int, float)):
            return self._from_si(self._si - float(other))
        if type(other) is Temperature:
            return self._si - other._si  # a difference, in K
        return NotImplemented

    @property
    def kelvin(self) -> float:
        return self._si

    @property
    def celsius(self) -> float:
        return self._in("celsius")

    @property
    def fahrenheit(self) -> float:
        return self._in("fahrenheit")


class Enthalpy(_Quantity):
    """Specific enthalpy; SI unit J/kg. Keywords: ``j_per_kg``, ``kj_per_kg``."""

    _UNITS = {"j_per_kg": (1.0, 0.0), "kj_per_kg": (1e3, 0.0)}
    _SI_UNIT = "J/kg"
    __slots__ = ()

    @property
    def j_per_kg(self) -> float:
        return self._si

    @property
    def kj_per_kg(self) -> float:
        return self._in("kj_per_kg")


class MassFlow(_Quantity):
    """Mass flow; SI unit kg/s. Keywords: ``kg_per_s``, ``kg_per_h``, ``g_per_s``."""

    _UNITS = {"kg_per_s": (1.0, 0.0), "kg_per_h": (1.0 / 3600.0, 0.0), "g_per_s": (1e-3, 0.0)}
    _SI_UNIT = "kg/s"
    __slots__ = ()

    @property
    def kg_per_s(self) -> float:
        return self._si

    @property
    def kg_per_h(self) -> float:
        return self._in("kg_per_h")
