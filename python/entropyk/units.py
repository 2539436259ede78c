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
from functools import total_ordering

__all__ = ["Pressure", "Temperature", "Enthalpy", "MassFlow"]


@total_ordering
class _Quantity:
    """One SI value; subclasses define the unit keywords in ``_UNITS``."""

    _UNITS: dict[str, tuple[float, float]] = {}  # keyword -> (scale, offset): si = value * scale + offset
    _SI_UNIT = ""
    __slots__ = ("_si",)

    def __init__(self, **unit):
        if len(unit) != 1:
            raise TypeError(
                f"{type(self).__name__} takes exactly one unit keyword out of {sorted(self._UNITS)}, got {sorted(unit)}"
            )
        (name, value), = unit.items()
        if name not in self._UNITS:
            raise TypeError(f"{type(self).__name__}: unknown unit keyword '{name}', use one of {sorted(self._UNITS)}")
        value = float(value)
        if math.isnan(value):
            from . import ValidationError

            raise ValidationError(f"{type(self).__name__}({name}=nan): the value is not a number")
        scale, offset = self._UNITS[name]
        self._si = value * scale + offset

    @classmethod
    def _from_si(cls, si: float):
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

    def _same(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return other._si

    def __add__(self, other):
        o = self._same(other)
        return NotImplemented if o is NotImplemented else self._from_si(self._si + o)

    def __sub__(self, other):
        o = self._same(other)
        return NotImplemented if o is NotImplemented else self._from_si(self._si - o)

    def __mul__(self, factor):
        if isinstance(factor, _Quantity):
            return NotImplemented
        return self._from_si(self._si * float(factor))

    __rmul__ = __mul__

    def __truediv__(self, other):
        if type(other) is type(self):
            return self._si / other._si
        if isinstance(other, _Quantity):
            return NotImplemented
        return self._from_si(self._si / float(other))

    def __neg__(self):
        return self._from_si(-self._si)

    def __eq__(self, other):
        o = self._same(other)
        return NotImplemented if o is NotImplemented else self._si == o

    def __lt__(self, other):
        o = self._same(other)
        return NotImplemented if o is NotImplemented else self._si < o

    def __hash__(self):
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

    def __add__(self, other):
        if isinstance(other, (int, float)):
            return self._from_si(self._si + float(other))
        return super().__add__(other)

    __radd__ = __add__

    def __sub__(self, other):
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
