"""Type stubs of the native module ``entropyk._core`` (hand-written)."""
from typing import Any, Optional, Sequence

import numpy as np
import numpy.typing as npt

__version__: str

class EntropykError(Exception): ...
class SolverError(EntropykError): ...
class TimeoutError(SolverError): ...
class ControlSaturationError(SolverError): ...
class FluidError(EntropykError): ...
class ComponentError(EntropykError): ...
class TopologyError(EntropykError): ...
class ValidationError(EntropykError): ...

class Fluid:
    def __init__(self, name: str) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def critical_temperature(self) -> float: ...
    @property
    def critical_pressure(self) -> float: ...
    def state_ph(self, p: float, h: float) -> dict[str, Any]: ...
    def state_pt(self, p: float, t: float) -> dict[str, Any]: ...
    def saturation_t(self, t: float) -> dict[str, float]: ...
    def saturation_p(self, p: float) -> dict[str, float]: ...

class Compressor:
    def __init__(
        self,
        name: str,
        fluid: str | Fluid,
        *,
        map: Optional[str] = None,
        mass_flow_coefficients: Optional[Sequence[float]] = None,
        power_coefficients: Optional[Sequence[float]] = None,
        rated_superheat: Optional[float] = None,
        heat_loss_fraction: float = 0.0,
    ) -> None: ...

class Condenser:
    def __init__(self, name: str, fluid: str | Fluid, *, ua: float) -> None: ...
    @property
    def ua(self) -> float: ...

class Evaporator:
    def __init__(self, name: str, fluid: str | Fluid, *, ua: float) -> None: ...
    @property
    def ua(self) -> float: ...

class ExpansionValve:
    def __init__(self, name: str, fluid: str | Fluid) -> None: ...

class EfficiencyCompressor:
    def __init__(
        self,
        name: str,
        fluid: str | Fluid,
        *,
        displacement: float,
        speed: float,
        volumetric_efficiency: float,
        isentropic_efficiency: float,
    ) -> None: ...

class OrificeValve:
    def __init__(
        self,
        name: str,
        fluid: str | Fluid,
        *,
        opening: float = 1.0,
        kv: Optional[float] = None,
        flow_coefficient: Optional[float] = None,
    ) -> None: ...

class HeatExchanger:
    def __init__(self, name: str, *, hot: str | Fluid, cold: str | Fluid, ua: float) -> None: ...
    @staticmethod
    def internal(name: str, fluid: str | Fluid, *, ua: float) -> HeatExchanger: ...

class ZonedCondenser:
    def __init__(self, name: str, fluid: str | Fluid, *, ua: float) -> None: ...

class ZonedEvaporator:
    def __init__(self, name: str, fluid: str | Fluid, *, ua: float) -> None: ...

class FlowSplitter:
    def __init__(self, name: str, medium: str | Fluid, *, outlets: int = 2) -> None: ...

class FlowMerger:
    def __init__(self, name: str, medium: str | Fluid, *, inlets: int = 2) -> None: ...

class Pump:
    def __init__(
        self,
        name: str,
        *,
        head: Sequence[float],
        efficiency: Sequence[float],
        speed: float = 1.0,
        medium: str = "water",
    ) -> None: ...

class Fan:
    def __init__(
        self, name: str, *, pressure: Sequence[float], efficiency: Sequence[float], speed: float = 1.0
    ) -> None: ...

class Pipe:
    def __init__(
        self,
        name: str,
        medium: str | Fluid,
        *,
        length: float,
        diameter: float,
        roughness: float = 4.5e-5,
        viscosity: Optional[float] = None,
    ) -> None: ...

class FlowSource:
    def __init__(
        self,
        name: str,
        medium: str | Fluid,
        *,
        mass_flow: float,
        bar: Optional[float] = None,
        pa: Optional[float] = None,
        celsius: Optional[float] = None,
        kelvin: Optional[float] = None,
        h: Optional[float] = None,
    ) -> None: ...

class FlowSink:
    def __init__(self, name: str, medium: str | Fluid) -> None: ...

Component = (
    Compressor
    | Condenser
    | Evaporator
    | ExpansionValve
    | EfficiencyCompressor
    | OrificeValve
    | HeatExchanger
    | ZonedCondenser
    | ZonedEvaporator
    | FlowSplitter
    | FlowMerger
    | Pump
    | Fan
    | Pipe
    | FlowSource
    | FlowSink
)

class NewtonConfig:
    def __init__(
        self,
        *,
        max_iterations: int = 50,
        tolerance: float = 1e-11,
        max_backtracks: int = 30,
        jacobian_reuse: int = 0,
        time_budget: Optional[float] = None,
    ) -> None: ...
    def solve(self, system: System) -> Solution: ...
    @property
    def max_iterations(self) -> int: ...
    @property
    def tolerance(self) -> float: ...

class PicardConfig:
    def __init__(
        self,
        *,
        max_iterations: int = 500,
        tolerance: float = 1e-11,
        relaxation: float = 0.7,
        refresh_every: int = 10,
        time_budget: Optional[float] = None,
    ) -> None: ...
    def solve(self, system: System) -> Solution: ...

class FallbackConfig:
    def __init__(
        self,
        *,
        newton: Optional[NewtonConfig] = None,
        picard: Optional[PicardConfig] = None,
        divergence_patience: int = 3,
        picard_iterations: int = 20,
        max_switches: int = 4,
        time_budget: Optional[float] = None,
    ) -> None: ...
    def solve(self, system: System) -> Solution: ...

class System:
    def __init__(self) -> None: ...
    def add(self, component: Component) -> None: ...
    def connect(self, source: str, target: str) -> None: ...
    def connect_loop(self, components: Sequence[str]) -> None: ...
    def add_water_stream(
        self,
        component: str,
        *,
        mass_flow: float,
        celsius: Optional[float] = None,
        kelvin: Optional[float] = None,
        bar: Optional[float] = None,
        pa: Optional[float] = None,
    ) -> None: ...
    def set_parameter(self, reference: str, value: float) -> None: ...
    def set_operational_state(self, component: str, state: str) -> None: ...
    def parameter(self, reference: str) -> float: ...
    def superheat(self, port: str, kelvin: float) -> None: ...
    def subcooling(self, port: str, kelvin: float) -> None: ...
    def finalize(self) -> dict[str, Any]: ...
    def temperature(self, port: str, *, celsius: Optional[float] = None, kelvin: Optional[float] = None) -> None: ...
    def heat_flow(self, component: str, watts: float) -> None: ...
    def pressure(self, port: str, *, bar: Optional[float] = None, pa: Optional[float] = None) -> None: ...
    def add_control(
        self,
        parameter: str,
        *,
        min: float,
        max: float,
        port: Optional[str] = None,
        component: Optional[str] = None,
        superheat: Optional[float] = None,
        subcooling: Optional[float] = None,
        celsius: Optional[float] = None,
        kelvin: Optional[float] = None,
        heat_flow: Optional[float] = None,
    ) -> None: ...
    def solve(
        self,
        *,
        config: NewtonConfig | PicardConfig | FallbackConfig | None = None,
        method: Optional[str] = None,
        max_iterations: Optional[int] = None,
        tolerance: Optional[float] = None,
        time_budget: Optional[float] = None,
        warm_start: Optional[Solution] = None,
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
        """Reads `to_json` output; ValidationError / FluidError / TopologyError on bad input."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __copy__(self) -> System: ...
    def __deepcopy__(self, memo: Any) -> System: ...

class Solution:
    def parameter(self, reference: str) -> float: ...
    @property
    def converged(self) -> bool: ...
    @property
    def state_vector(self) -> npt.NDArray[np.float64]: ...
    @property
    def connections(self) -> list[str]: ...
    def port(self, port: str) -> dict[str, float]: ...
    def output(self, component: str, name: str) -> float: ...
    def outputs(self) -> dict[str, dict[str, float]]: ...
    @property
    def cop(self) -> float: ...
    @property
    def heating_cop(self) -> float: ...
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
        """Reads `to_json` output; ValidationError / FluidError on bad input."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
