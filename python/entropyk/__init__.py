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
(``celsius=``, ``bar=``). Every error raised is an :class:`EntropykError`.
"""
from ._core import (
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
    ZonedCondenser,
    ZonedEvaporator,
    ComponentError,
    Compressor,
    Condenser,
    ControlSaturationError,
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

__all__ = [
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
    "ZonedCondenser",
    "ZonedEvaporator",
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
]
