"""Entropyk: steady-state vapour-compression cycles with real refrigerant physics.

A water chiller in about ten lines::

    import entropyk as ek

    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(ek.Condenser("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(ek.Evaporator("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=30, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=12, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 5.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    print(cycle.solve().cop)

Units are SI (Pa, K, J/kg, kg/s, W) unless a keyword names another unit
(``celsius=``, ``bar=``). Every error raised is an :class:`EntropykError`, bad
arguments included: a wrong type, an out-of-range count, an unknown keyword or a
name that is not valid text raise :class:`ValidationError` (also a ``ValueError``
and a ``TypeError``), a ``System`` used from two threads at once raises
:class:`ConcurrentUseError` (also a ``RuntimeError``); see ``entropyk._boundary``.
"""
from . import _boundary, _core

_boundary.install(_core)

from ._core import (  # noqa: E402 - after the boundary is installed
    ConcurrentUseError,
    FallbackConfig,
    NewtonConfig,
    PicardConfig,
    EfficiencyCompressor,
    Fan,
    FlowMerger,
    FlowSink,
    FlowSource,
    FlowSplitter,
    HeatExchanger,
    OrificeValve,
    Pipe,
    Pump,
    SingleZoneCondenser,
    SingleZoneEvaporator,
    ComponentError,
    Compressor,
    Condenser,
    ControlSaturationError,
    PhysicsError,
    PhysicsWarning,
    Violation,
    EntropykError,
    Evaporator,
    ExpansionValve,
    Fluid,
    FluidError,
    Solution,
    SolverError,
    System,
    TimeoutError,
    TopologyError,
    ValidationError,
    __version__,
)
from .units import Enthalpy, MassFlow, Pressure, Temperature
from . import _declared
from ._declared import *  # noqa: E402,F403 - the components declared once (Economizer...)

#: Former names of the zoned (moving-boundary) exchangers, now the default
#: ``Condenser`` and ``Evaporator``.
ZonedCondenser = Condenser
ZonedEvaporator = Evaporator

__all__ = [
    "ConcurrentUseError",
    "FallbackConfig",
    "NewtonConfig",
    "PicardConfig",
    "EfficiencyCompressor",
    "Fan",
    "FlowMerger",
    "FlowSink",
    "FlowSource",
    "FlowSplitter",
    "HeatExchanger",
    "OrificeValve",
    "Pipe",
    "Pump",
    "SingleZoneCondenser",
    "SingleZoneEvaporator",
    "ZonedCondenser",
    "ZonedEvaporator",
    "PhysicsError",
    "PhysicsWarning",
    "Violation",
    "ComponentError",
    "Enthalpy",
    "MassFlow",
    "Pressure",
    "Temperature",
    "Compressor",
    "Condenser",
    "ControlSaturationError",
    "EntropykError",
    "Evaporator",
    "ExpansionValve",
    "Fluid",
    "FluidError",
    "Solution",
    "SolverError",
    "System",
    "TimeoutError",
    "TopologyError",
    "ValidationError",
    "__version__",
    # BEGIN declared components (written by scripts/generate_declared_stubs.py)
    "Economizer",
    "IsentropicCompressor",
    "SimpleHeatExchanger",
    # END declared components
]
