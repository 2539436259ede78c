"""Type stubs of the native module ``entropyk._core`` (hand-written).

Checked against the built extension by ``python -m mypy.stubtest entropyk``
(scripts/test.sh). Names starting with an underscore that are not at runtime
(``_Component``, the ``TypedDict`` result shapes) exist for type checkers only.
Every class of the extension is final (PyO3 classes cannot be subclassed) and is
built by ``__new__``. Every error raised is an ``EntropykError`` subclass:
``ValidationError`` for invalid arguments (wrong types and unknown keywords
included), ``ConcurrentUseError`` for a ``System`` used by two threads at once, ``FluidError`` for unknown fluids or
failed property evaluations, ``TopologyError`` for connection and degree-of-freedom
problems, ``SolverError`` and its subclasses for failed solves.
"""
from typing import Any, Literal, Optional, Sequence, SupportsFloat, TypedDict, final

from ._declared import _DeclaredBase

import numpy as np
import numpy.typing as npt

__version__: str
__all__ = [
    "_DeclaredComponent",
    "_declarations",
    "EntropykError",
    "SolverError",
    "TimeoutError",
    "ControlSaturationError",
    "PhysicsError",
    "PhysicsWarning",
    "Violation",
    "FluidError",
    "ComponentError",
    "TopologyError",
    "ValidationError",
    "ConcurrentUseError",
    "Fluid",
    "Compressor",
    "Condenser",
    "Evaporator",
    "ExpansionValve",
    "EfficiencyCompressor",
    "OrificeValve",
    "HeatExchanger",
    "SingleZoneCondenser",
    "SingleZoneEvaporator",
    "FlowSplitter",
    "FlowMerger",
    "Pump",
    "Fan",
    "Pipe",
    "FlowSource",
    "FlowSink",
    "NewtonConfig",
    "PicardConfig",
    "FallbackConfig",
    "System",
    "Solution",
    "__version__",
]

def _construct(cls: type, args: tuple[Any, ...], kwargs: Optional[dict[str, Any]] = None) -> Any:
    """The native constructor of ``cls`` (used by ``entropyk._boundary``, which
    gives every class a ``__new__`` raising ``ValidationError`` for bad arguments)."""

class EntropykError(Exception):
    """Base class of every Entropyk error. Its structured attributes say what the
    error concerns, None where it does not: ``component`` (name), ``port`` (name or
    reference), ``parameter`` (or solver setting), ``value`` (the offending value,
    SI), ``valid_range`` ((min, max), SI), ``best`` (the best iterate of a solve that
    stopped, a ``Solution``), ``unconverged`` (the equations that did not close
    there), ``solution`` (the converged solution carried by a
    ``ControlSaturationError`` or ``PhysicsError``)."""

    component: Optional[str]
    port: Optional[str]
    parameter: Optional[str]
    value: Optional[float]
    valid_range: Optional[tuple[float, float]]
    best: Optional[Solution]
    unconverged: tuple[str, ...]
    solution: Optional[Solution]

class SolverError(EntropykError):
    """The solver did not converge. ``best`` is the best iterate (a ``Solution`` with
    ``converged == False``, its ``unconverged`` equations named) when the solve
    stopped (iterations, time, a singular Jacobian), else None."""

class TimeoutError(SolverError):
    """The time budget of a solve ran out (``best`` is set)."""

class ControlSaturationError(SolverError):
    """A control variable hit its bound. ``solution`` is the solution converged with
    the saturated controls at their bounds (None when raised outside a solve)."""

class PhysicsError(SolverError):
    """The solve converged, but the solution breaks a physical law (a temperature
    cross in an exchanger, a compressor absorbing no work, frozen water, a state
    outside the equation of state) or, with ``solve(strict=True)``, a model limit.
    ``violations`` lists them; ``solution`` is the converged solution."""

    violations: Sequence[Violation]

class PhysicsWarning(UserWarning):
    """A solution goes beyond a model's validated range (a compressor map
    extrapolated, a pinched exchanger, a pump against a negative head); listed in
    ``Solution.warnings`` too."""

@final
class Violation:
    """One law or limit broken at a converged state."""

    @property
    def component(self) -> str: ...
    @property
    def port(self) -> Optional[str]: ...
    @property
    def kind(self) -> str: ...
    @property
    def quantity(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def limit(self) -> float: ...
    @property
    def bound(self) -> Literal["lower", "upper"]: ...
    @property
    def hard(self) -> bool: ...

class _FluidState(TypedDict):
    t: float
    p: float
    rho: float
    h: float
    s: float
    u: float
    phase: Literal["liquid", "vapor", "supercritical", "two-phase", "unknown"]
    quality: Optional[float]
    cp: float
    w: float

class _Saturation(TypedDict):
    t: float
    p: float
    rho_liquid: float
    rho_vapor: float
    h_liquid: float
    h_vapor: float
    s_liquid: float
    s_vapor: float

class _PortState(TypedDict):
    p: float
    h: float
    m: float
    t: Optional[float]

class _FinalizeReport(TypedDict):
    unknowns: int
    redundant_mass_balances: list[tuple[list[str], str]]
class FluidError(EntropykError): ...
class ComponentError(EntropykError): ...
class TopologyError(EntropykError): ...
class ValidationError(EntropykError, ValueError, TypeError):
    """An argument is invalid: a wrong type, a value out of range, an unknown keyword,
    a malformed or oversized document. Also a ``ValueError`` and a ``TypeError``, so
    handlers written for Python's conventions still catch it; every native method
    raises it (not a bare ``TypeError``/``OverflowError``/``UnicodeEncodeError``)
    for arguments it cannot convert."""

class ConcurrentUseError(EntropykError, RuntimeError):
    """A ``System`` was used from a second thread while another thread was solving
    or editing it. Also a ``RuntimeError``. Give each thread its own copy."""

@final
class Fluid:
    def __new__(cls, name: str) -> Fluid: ...
    @property
    def name(self) -> str: ...
    @property
    def critical_temperature(self) -> float: ...
    @property
    def critical_pressure(self) -> float: ...
    def state_ph(self, p: SupportsFloat, h: SupportsFloat) -> _FluidState: ...
    def state_pt(self, p: SupportsFloat, t: SupportsFloat) -> _FluidState: ...
    def saturation_t(self, t: SupportsFloat) -> _Saturation: ...
    def saturation_p(self, p: SupportsFloat) -> _Saturation: ...

@final
class Compressor:
    def __new__(
        cls,
        name: str,
        fluid: str | Fluid,
        *,
        map: Optional[str] = None,
        mass_flow_coefficients: Optional[Sequence[float]] = None,
        power_coefficients: Optional[Sequence[float]] = None,
        rated_superheat: Optional[SupportsFloat] = None,
        heat_loss_fraction: SupportsFloat = 0.0,
    ) -> Compressor: ...

@final
class Condenser:
    def __new__(cls, name: str, fluid: str | Fluid, *, ua: SupportsFloat) -> Condenser: ...
    @property
    def ua(self) -> float: ...

@final
class Evaporator:
    def __new__(cls, name: str, fluid: str | Fluid, *, ua: SupportsFloat) -> Evaporator: ...
    @property
    def ua(self) -> float: ...

@final
class ExpansionValve:
    def __new__(cls, name: str, fluid: str | Fluid) -> ExpansionValve: ...

@final
class EfficiencyCompressor:
    def __new__(
        cls,
        name: str,
        fluid: str | Fluid,
        *,
        displacement: SupportsFloat,
        speed: SupportsFloat,
        volumetric_efficiency: SupportsFloat,
        isentropic_efficiency: SupportsFloat,
    ) -> EfficiencyCompressor: ...

@final
class OrificeValve:
    def __new__(
        cls,
        name: str,
        fluid: str | Fluid,
        *,
        opening: SupportsFloat = 1.0,
        kv: Optional[SupportsFloat] = None,
        flow_coefficient: Optional[SupportsFloat] = None,
    ) -> OrificeValve: ...

@final
class HeatExchanger:
    def __new__(cls, name: str, *, hot: str | Fluid, cold: str | Fluid, ua: SupportsFloat) -> HeatExchanger: ...
    @staticmethod
    def internal(name: str, fluid: str | Fluid, *, ua: SupportsFloat) -> HeatExchanger: ...

@final
class SingleZoneCondenser:
    def __new__(cls, name: str, fluid: str | Fluid, *, ua: SupportsFloat) -> SingleZoneCondenser: ...

@final
class SingleZoneEvaporator:
    def __new__(cls, name: str, fluid: str | Fluid, *, ua: SupportsFloat) -> SingleZoneEvaporator: ...

@final
class FlowSplitter:
    def __new__(cls, name: str, medium: str | Fluid, *, outlets: int = 2) -> FlowSplitter: ...

@final
class FlowMerger:
    def __new__(cls, name: str, medium: str | Fluid, *, inlets: int = 2) -> FlowMerger: ...

@final
class Pump:
    def __new__(
        cls,
        name: str,
        *,
        head: Sequence[float],
        efficiency: Sequence[float],
        speed: SupportsFloat = 1.0,
        medium: str = "water",
    ) -> Pump: ...

@final
class Fan:
    def __new__(
        cls, name: str, *, pressure: Sequence[float], efficiency: Sequence[float], speed: SupportsFloat = 1.0
    ) -> Fan: ...

@final
class Pipe:
    def __new__(
        cls,
        name: str,
        medium: str | Fluid,
        *,
        length: SupportsFloat,
        diameter: SupportsFloat,
        roughness: SupportsFloat = 4.5e-5,
        viscosity: Optional[SupportsFloat] = None,
    ) -> Pipe: ...

@final
class FlowSource:
    def __new__(
        cls,
        name: str,
        medium: str | Fluid,
        *,
        mass_flow: SupportsFloat,
        bar: Optional[SupportsFloat] = None,
        pa: Optional[SupportsFloat] = None,
        celsius: Optional[SupportsFloat] = None,
        kelvin: Optional[SupportsFloat] = None,
        h: Optional[SupportsFloat] = None,
    ) -> FlowSource: ...

@final
class FlowSink:
    def __new__(cls, name: str, medium: str | Fluid) -> FlowSink: ...

_Component = (
    Compressor
    | Condenser
    | Evaporator
    | ExpansionValve
    | EfficiencyCompressor
    | OrificeValve
    | HeatExchanger
    | SingleZoneCondenser
    | SingleZoneEvaporator
    | FlowSplitter
    | FlowMerger
    | Pump
    | Fan
    | Pipe
    | FlowSource
    | FlowSink
    | _DeclaredComponent
    | _DeclaredBase
)

@final
class NewtonConfig:
    def __new__(
        cls,
        *,
        max_iterations: Optional[int] = None,
        tolerance: Optional[SupportsFloat] = None,
        max_backtracks: Optional[int] = None,
        jacobian_reuse: Optional[int] = None,
        time_budget: Optional[SupportsFloat] = None,
    ) -> NewtonConfig: ...
    def solve(self, system: System) -> Solution: ...
    @property
    def max_iterations(self) -> int: ...
    @property
    def tolerance(self) -> float: ...

@final
class PicardConfig:
    def __new__(
        cls,
        *,
        max_iterations: Optional[int] = None,
        tolerance: Optional[SupportsFloat] = None,
        relaxation: Optional[SupportsFloat] = None,
        refresh_every: Optional[int] = None,
        time_budget: Optional[SupportsFloat] = None,
    ) -> PicardConfig: ...
    def solve(self, system: System) -> Solution: ...

@final
class FallbackConfig:
    def __new__(
        cls,
        *,
        newton: Optional[NewtonConfig] = None,
        picard: Optional[PicardConfig] = None,
        divergence_patience: Optional[int] = None,
        picard_iterations: Optional[int] = None,
        max_switches: Optional[int] = None,
        time_budget: Optional[SupportsFloat] = None,
    ) -> FallbackConfig: ...
    def solve(self, system: System) -> Solution: ...

@final
class _DeclaredComponent:
    """A component declared once, built from its kind and arguments (use the model's
    class, e.g. ``entropyk.Economizer``, which wraps this one)."""

    def __new__(cls, kind: str, name: str, *args: Any, **kwargs: Any) -> _DeclaredComponent: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    def _to_json(self) -> str: ...
    @staticmethod
    def _from_json(json: str) -> _DeclaredComponent: ...

def _declarations() -> list[dict[str, Any]]: ...

@final
class System:
    def __new__(cls) -> System: ...
    def add(self, component: _Component) -> None: ...
    def connect(self, source: str, target: str) -> None: ...
    def connect_loop(self, components: Sequence[str]) -> None: ...
    def add_water_stream(
        self,
        component: str,
        *,
        mass_flow: SupportsFloat,
        celsius: Optional[SupportsFloat] = None,
        kelvin: Optional[SupportsFloat] = None,
        bar: Optional[SupportsFloat] = None,
        pa: Optional[SupportsFloat] = None,
    ) -> None: ...
    def set_parameter(self, reference: str, value: SupportsFloat) -> None: ...
    def set_operational_state(self, component: str, state: str) -> None: ...
    def parameter(self, reference: str) -> float: ...
    def set(self, reference: str, value: SupportsFloat) -> None:
        """Sets a parameter (``"comp.speed"``) or a set point
        (``"superheat:evap.refrigerant_out"``, as returned by ``superheat``...) in place, SI."""
    def value(self, reference: str) -> float: ...
    def remove(self, reference: str) -> None: ...
    def remove_control(self, parameter: str) -> None: ...
    def set_guess(
        self,
        port: str,
        *,
        pa: Optional[SupportsFloat] = None,
        bar: Optional[SupportsFloat] = None,
        h: Optional[SupportsFloat] = None,
        mass_flow: Optional[SupportsFloat] = None,
    ) -> None: ...
    def describe(self) -> dict[str, Any]: ...
    @property
    def specifications(self) -> list[str]: ...
    def superheat(self, port: str, kelvin: SupportsFloat) -> str: ...
    def subcooling(self, port: str, kelvin: SupportsFloat) -> str: ...
    def finalize(self) -> _FinalizeReport: ...
    def temperature(self, port: str, *, celsius: Optional[SupportsFloat] = None, kelvin: Optional[SupportsFloat] = None) -> str: ...
    def heat_flow(self, component: str, watts: SupportsFloat) -> str: ...
    def dew_temperature(
        self, port: str, *, celsius: Optional[SupportsFloat] = None, kelvin: Optional[SupportsFloat] = None
    ) -> str: ...
    def bubble_temperature(
        self, port: str, *, celsius: Optional[SupportsFloat] = None, kelvin: Optional[SupportsFloat] = None
    ) -> str: ...
    def quality(self, port: str, x: SupportsFloat) -> str: ...
    def mass_flow(self, port: str, kg_per_s: SupportsFloat) -> str: ...
    def pressure(self, port: str, *, bar: Optional[SupportsFloat] = None, pa: Optional[SupportsFloat] = None) -> str: ...
    def add_control(
        self,
        parameter: str,
        *,
        min: SupportsFloat,
        max: SupportsFloat,
        port: Optional[str] = None,
        component: Optional[str] = None,
        superheat: Optional[SupportsFloat] = None,
        subcooling: Optional[SupportsFloat] = None,
        celsius: Optional[SupportsFloat] = None,
        kelvin: Optional[SupportsFloat] = None,
        heat_flow: Optional[SupportsFloat] = None,
    ) -> str: ...
    def solve(
        self,
        *,
        config: NewtonConfig | PicardConfig | FallbackConfig | None = None,
        method: Optional[Literal["newton", "picard", "fallback"]] = None,
        max_iterations: Optional[int] = None,
        tolerance: Optional[SupportsFloat] = None,
        time_budget: Optional[SupportsFloat] = None,
        warm_start: Optional[Solution] = None,
        strict: bool = False,
    ) -> Solution: ...
    def sweep(
        self,
        parameter: str,
        values: Sequence[float] | npt.NDArray[np.float64],
        *,
        config: NewtonConfig | PicardConfig | FallbackConfig | None = None,
    ) -> dict[str, Any]: ...
    def sensitivity(
        self,
        solution: Solution,
        parameter: str,
        *,
        pressure: Optional[str] = None,
        enthalpy: Optional[str] = None,
        mass_flow: Optional[str] = None,
        temperature: Optional[str] = None,
        heat_flow: Optional[str] = None,
        control: Optional[str] = None,
    ) -> float: ...
    @property
    def n_unknowns(self) -> int: ...
    def to_json(self) -> str:
        """The system's definition (components, parameters, connections, specifications,
        controls, guesses) as JSON."""
    @classmethod
    def from_json(cls, json: str) -> System:
        """Reads `to_json` output in linear time; ValidationError / FluidError /
        TopologyError on bad input (ValidationError for documents over 64 MiB or
        nested deeper than 128 levels)."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __copy__(self) -> System: ...
    def __deepcopy__(self, memo: Any) -> System: ...

@final
class Solution:
    def parameter(self, reference: str) -> float: ...
    @property
    def converged(self) -> bool: ...
    @property
    def unconverged(self) -> list[str]: ...
    @property
    def warnings(self) -> list[Violation]: ...
    @property
    def state_vector(self) -> npt.NDArray[np.float64]: ...
    @property
    def connections(self) -> list[str]: ...
    @property
    def media(self) -> list[str]: ...
    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame`` (typed Any: pandas is an optional dependency);
        ValidationError when pandas is missing."""
    def port(self, port: str) -> _PortState: ...
    def output(self, component: str, name: str) -> float: ...
    def outputs(self) -> dict[str, dict[str, float]]: ...
    @property
    def cop(self) -> Optional[float]: ...
    @property
    def heating_cop(self) -> Optional[float]: ...
    @property
    def iterations(self) -> int: ...
    @property
    def residual(self) -> float: ...
    @property
    def history(self) -> npt.NDArray[np.float64]: ...
    def to_json(self) -> str:
        """The solution as JSON (exact round trip)."""
    @classmethod
    def from_json(cls, json: str) -> Solution:
        """Reads `to_json` output; ValidationError / FluidError on bad input
        (ValidationError for documents over 64 MiB, nested deeper than 128 levels,
        or naming outputs longer than 256 bytes or more than 4096 distinct ones)."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
