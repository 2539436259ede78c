//! Python classes of the components beyond the basic cycle: efficiency compressor,
//! orifice valve, counter-flow and zoned exchangers, splitter, merger, pump, fan,
//! pipe and boundaries.
use crate::errors::{component_error, ValidationError};
use crate::fluid::fluid_arg;
use crate::fluid::PyFluid;
use entropyk::components::{
    Component, EfficiencyCompressor, ExpansionValve, Fan, FlowMerger, FlowSink, FlowSource, FlowSplitter,
    HeatExchanger, IncompressibleLiquid, Medium, Pipe, Pump, SingleZoneCondenser, SingleZoneEvaporator,
};
use pyo3::prelude::*;

/// A medium given as a refrigerant name / `Fluid`, or "water" / "air" for the
/// incompressible secondary media.
pub(crate) fn medium_arg(medium: &Bound<'_, PyAny>) -> PyResult<Medium> {
    if medium.cast::<PyFluid>().is_err() {
        if let Ok(name) = medium.extract::<String>() {
            match name.to_ascii_lowercase().as_str() {
                "water" => return Ok(Medium::Secondary(IncompressibleLiquid::WATER)),
                "air" => return Ok(Medium::Secondary(IncompressibleLiquid::AIR)),
                _ => {}
            }
        }
    }
    Ok(Medium::Refrigerant(fluid_arg(medium)?))
}

fn liquid_arg(medium: &str) -> PyResult<IncompressibleLiquid> {
    match medium.to_ascii_lowercase().as_str() {
        "water" => Ok(IncompressibleLiquid::WATER),
        "air" => Ok(IncompressibleLiquid::AIR),
        other => Err(ValidationError::new_err(format!(
            "unknown secondary medium '{other}': use 'water' or 'air'"
        ))),
    }
}

/// Declares a frozen pyclass wrapping a Rust component, with a conversion into a
/// boxed component for `System.add` (its methods: [`component_pymethods`]).
macro_rules! component_class {
    ($(#[$doc:meta])* $py:ident, $rust:ty, $pyname:literal) => {
        $(#[$doc])*
        #[pyclass(name = $pyname, module = "entropyk", frozen)]
        pub struct $py {
            pub(crate) inner: $rust,
        }

        impl $py {
            pub(crate) fn boxed(&self) -> Box<dyn Component> {
                Box::new(self.inner.clone())
            }
        }
    };
}

component_class!(
    /// Compressor from volumetric and isentropic efficiencies:
    /// `m = eta_v rho_suction V_disp n`, `h_out = h_in + (h_2s - h_in) / eta_is`.
    PyEfficiencyCompressor, EfficiencyCompressor, "EfficiencyCompressor"
);
component_class!(
    /// Expansion valve with an orifice equation `m = opening C sqrt(2 rho dp)`;
    /// `opening` is a parameter ("valve.opening") that a control can adjust.
    PyOrificeValve, ExpansionValve, "OrificeValve"
);
component_class!(
    /// Counter-flow epsilon-NTU heat exchanger between two streams (hot_in/hot_out,
    /// cold_in/cold_out ports), e.g. water/water or a suction-line IHX.
    PyHeatExchanger, HeatExchanger, "HeatExchanger"
);
component_class!(
    /// Single-zone epsilon-NTU condenser with a water secondary stream (`ua` in W/K):
    /// the textbook simplification that lumps the desuperheating and subcooling zones
    /// into the condensing one. The default `Condenser` is zoned.
    PySingleZoneCondenser, SingleZoneCondenser, "SingleZoneCondenser"
);
component_class!(
    /// Single-zone epsilon-NTU evaporator with a water secondary stream (`ua` in W/K),
    /// superheating zone lumped into the boiling one. The default `Evaporator` is zoned.
    PySingleZoneEvaporator, SingleZoneEvaporator, "SingleZoneEvaporator"
);
component_class!(
    /// Splits one stream into `outlets` streams at the inlet state (ports inlet, outlet_1..N).
    PyFlowSplitter, FlowSplitter, "FlowSplitter"
);
component_class!(
    /// Mixes `inlets` streams adiabatically (ports inlet_1..N, outlet).
    PyFlowMerger, FlowMerger, "FlowMerger"
);
component_class!(
    /// Pump with a quadratic head curve and affinity laws.
    PyPump, Pump, "Pump"
);
component_class!(
    /// Fan with a quadratic pressure-rise curve and affinity laws.
    PyFan, Fan, "Fan"
);
component_class!(
    /// Pipe with Darcy-Weisbach friction (Swamee-Jain).
    PyPipe, Pipe, "Pipe"
);
component_class!(
    /// A stream entering the system at fixed pressure, temperature or enthalpy, and mass flow.
    PyFlowSource, FlowSource, "FlowSource"
);
component_class!(
    /// The end of a stream leaving the system.
    PyFlowSink, FlowSink, "FlowSink"
);

component_pymethods!(PyEfficiencyCompressor {
    #[new]
    #[pyo3(signature = (name, fluid, *, displacement, speed, volumetric_efficiency, isentropic_efficiency))]
    fn new(
        name: &str,
        fluid: &Bound<'_, PyAny>,
        displacement: f64,
        speed: f64,
        volumetric_efficiency: f64,
        isentropic_efficiency: f64,
    ) -> PyResult<Self> {
        EfficiencyCompressor::new(
            name,
            fluid_arg(fluid)?,
            displacement,
            speed,
            volumetric_efficiency,
            isentropic_efficiency,
        )
        .map(|inner| Self { inner })
        .map_err(component_error)
    }
});

component_pymethods!(PyOrificeValve {
    /// Give exactly one of `kv` (m3/h at 1 bar, IEC 60534) or `flow_coefficient` (C in m2).
    #[new]
    #[pyo3(signature = (name, fluid, *, opening=1.0, kv=None, flow_coefficient=None))]
    fn new(
        name: &str,
        fluid: &Bound<'_, PyAny>,
        opening: f64,
        kv: Option<f64>,
        flow_coefficient: Option<f64>,
    ) -> PyResult<Self> {
        let fluid = fluid_arg(fluid)?;
        let inner = match (kv, flow_coefficient) {
            (Some(kv), None) => ExpansionValve::with_kv(name, fluid, kv, opening),
            (None, Some(c)) => ExpansionValve::orifice(name, fluid, c, opening),
            _ => {
                return Err(ValidationError::new_err(format!(
                    "valve '{name}': give exactly one of kv= or flow_coefficient="
                )))
            }
        };
        inner.map(|inner| Self { inner }).map_err(component_error)
    }
});

component_pymethods!(PyHeatExchanger {
    /// `hot` and `cold` are media: a refrigerant name / Fluid, "water" or "air".
    #[new]
    #[pyo3(signature = (name, *, hot, cold, ua))]
    fn new(name: &str, hot: &Bound<'_, PyAny>, cold: &Bound<'_, PyAny>, ua: f64) -> PyResult<Self> {
        HeatExchanger::new(name, medium_arg(hot)?, medium_arg(cold)?, ua)
            .map(|inner| Self { inner })
            .map_err(component_error)
    }

    /// A refrigerant/refrigerant internal heat exchanger (suction-line IHX, economizer).
    #[staticmethod]
    #[pyo3(signature = (name, fluid, *, ua))]
    fn internal(name: &str, fluid: &Bound<'_, PyAny>, ua: f64) -> PyResult<Self> {
        HeatExchanger::internal(name, fluid_arg(fluid)?, ua)
            .map(|inner| Self { inner })
            .map_err(component_error)
    }
});

macro_rules! exchanger_new {
    ($py:ident, $rust:ident) => {
        component_pymethods!($py {
            #[new]
            #[pyo3(signature = (name, fluid, *, ua))]
            fn new(name: &str, fluid: &Bound<'_, PyAny>, ua: f64) -> PyResult<Self> {
                $rust::new(name, fluid_arg(fluid)?, IncompressibleLiquid::WATER, ua)
                    .map(|inner| Self { inner })
                    .map_err(component_error)
            }
        });
    };
}
exchanger_new!(PySingleZoneCondenser, SingleZoneCondenser);
exchanger_new!(PySingleZoneEvaporator, SingleZoneEvaporator);

component_pymethods!(PyFlowSplitter {
    #[new]
    #[pyo3(signature = (name, medium, *, outlets=2))]
    fn new(name: &str, medium: &Bound<'_, PyAny>, outlets: usize) -> PyResult<Self> {
        FlowSplitter::new(name, medium_arg(medium)?, outlets)
            .map(|inner| Self { inner })
            .map_err(component_error)
    }
});

component_pymethods!(PyFlowMerger {
    #[new]
    #[pyo3(signature = (name, medium, *, inlets=2))]
    fn new(name: &str, medium: &Bound<'_, PyAny>, inlets: usize) -> PyResult<Self> {
        FlowMerger::new(name, medium_arg(medium)?, inlets)
            .map(|inner| Self { inner })
            .map_err(component_error)
    }
});

component_pymethods!(PyPump {
    /// `head = [a0, a1, a2]`: H = a0 + a1 Q + a2 Q^2 (m, Q in m3/s) at rated speed;
    /// `efficiency = [b0, b1, b2]` in Q likewise; `speed` relative to rated.
    #[new]
    #[pyo3(signature = (name, *, head, efficiency, speed=1.0, medium="water"))]
    fn new(name: &str, head: [f64; 3], efficiency: [f64; 3], speed: f64, medium: &str) -> PyResult<Self> {
        Pump::new(name, liquid_arg(medium)?, head, efficiency)
            .and_then(|p| p.with_speed(speed))
            .map(|inner| Self { inner })
            .map_err(component_error)
    }
});

component_pymethods!(PyFan {
    /// `pressure = [a0, a1, a2]`: dp = a0 + a1 Q + a2 Q^2 (Pa, Q in m3/s) at rated speed.
    #[new]
    #[pyo3(signature = (name, *, pressure, efficiency, speed=1.0))]
    fn new(name: &str, pressure: [f64; 3], efficiency: [f64; 3], speed: f64) -> PyResult<Self> {
        Fan::new(name, IncompressibleLiquid::AIR, pressure, efficiency)
            .and_then(|f| f.with_speed(speed))
            .map(|inner| Self { inner })
            .map_err(component_error)
    }
});

component_pymethods!(PyPipe {
    /// Lengths in m, `viscosity` in Pa s (needed for refrigerants, whose transport
    /// properties are not modelled yet; water and air carry their own).
    #[new]
    #[pyo3(signature = (name, medium, *, length, diameter, roughness=4.5e-5, viscosity=None))]
    fn new(
        name: &str,
        medium: &Bound<'_, PyAny>,
        length: f64,
        diameter: f64,
        roughness: f64,
        viscosity: Option<f64>,
    ) -> PyResult<Self> {
        let inner = match (medium_arg(medium)?, viscosity) {
            (Medium::Secondary(liquid), None) => Pipe::new(name, liquid, length, diameter, roughness),
            (Medium::Refrigerant(fluid), Some(mu)) => Pipe::refrigerant(name, fluid, length, diameter, roughness, mu),
            (Medium::Refrigerant(_), None) => {
                return Err(ValidationError::new_err(format!(
                    "pipe '{name}': a refrigerant pipe needs viscosity= (Pa s)"
                )))
            }
            (Medium::Secondary(_), Some(_)) => {
                return Err(ValidationError::new_err(format!(
                    "pipe '{name}': viscosity= is only for refrigerant pipes"
                )))
            }
        };
        inner.map(|inner| Self { inner }).map_err(component_error)
    }
});

component_pymethods!(PyFlowSource {
    /// Pressure with `bar=` or `pa=`; state with `celsius=`, `kelvin=` or (refrigerants) `h=` (J/kg).
    #[new]
    #[pyo3(signature = (name, medium, *, mass_flow, bar=None, pa=None, celsius=None, kelvin=None, h=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: &str,
        medium: &Bound<'_, PyAny>,
        mass_flow: f64,
        bar: Option<f64>,
        pa: Option<f64>,
        celsius: Option<f64>,
        kelvin: Option<f64>,
        h: Option<f64>,
    ) -> PyResult<Self> {
        let p = match (bar, pa) {
            (Some(b), None) => b * 1e5,
            (None, Some(p)) => p,
            _ => {
                return Err(ValidationError::new_err(format!(
                    "source '{name}': give exactly one of bar= or pa="
                )))
            }
        };
        let t = match (celsius, kelvin) {
            (Some(c), None) => Some(c + 273.15),
            (None, Some(k)) => Some(k),
            (None, None) => None,
            _ => {
                return Err(ValidationError::new_err(format!(
                    "source '{name}': give at most one of celsius=, kelvin="
                )))
            }
        };
        let inner = match (medium_arg(medium)?, t, h) {
            (Medium::Secondary(liquid), Some(t), None) => FlowSource::new(name, liquid, p, t, mass_flow),
            (Medium::Refrigerant(f), Some(t), None) => FlowSource::refrigerant_pt(name, f, p, t, mass_flow),
            (Medium::Refrigerant(f), None, Some(h)) => FlowSource::refrigerant_ph(name, f, p, h, mass_flow),
            _ => {
                return Err(ValidationError::new_err(format!(
                    "source '{name}': give a temperature (celsius=/kelvin=), or h= for a refrigerant"
                )))
            }
        };
        inner.map(|inner| Self { inner }).map_err(component_error)
    }
});

component_pymethods!(PyFlowSink {
    #[new]
    fn new(name: &str, medium: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: FlowSink::for_medium(name, medium_arg(medium)?),
        })
    }
});

/// Boxes any of this module's component objects, or `None` if `obj` is not one.
pub(crate) fn boxed_component(obj: &Bound<'_, PyAny>) -> Option<Box<dyn Component>> {
    macro_rules! try_cast {
        ($($py:ident),*) => {
            $(if let Ok(c) = obj.cast::<$py>() {
                return Some(c.get().boxed());
            })*
        };
    }
    try_cast!(
        PyEfficiencyCompressor,
        PyOrificeValve,
        PyHeatExchanger,
        PySingleZoneCondenser,
        PySingleZoneEvaporator,
        PyFlowSplitter,
        PyFlowMerger,
        PyPump,
        PyFan,
        PyPipe,
        PyFlowSource,
        PyFlowSink
    );
    None
}

/// Registers this module's classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEfficiencyCompressor>()?;
    m.add_class::<PyOrificeValve>()?;
    m.add_class::<PyHeatExchanger>()?;
    m.add_class::<PySingleZoneCondenser>()?;
    m.add_class::<PySingleZoneEvaporator>()?;
    m.add_class::<PyFlowSplitter>()?;
    m.add_class::<PyFlowMerger>()?;
    m.add_class::<PyPump>()?;
    m.add_class::<PyFan>()?;
    m.add_class::<PyPipe>()?;
    m.add_class::<PyFlowSource>()?;
    m.add_class::<PyFlowSink>()?;
    Ok(())
}
