//! Python classes of the components. Each wraps the Rust model; `System.add`
//! takes a copy.
use crate::errors::{component_error, ValidationError};
use crate::fluid::fluid_arg;
use entropyk::components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
use entropyk::solver::SolverError;
use pyo3::prelude::*;

/// Compressor following an AHRI 540 ten-coefficient map (degC dew temperatures,
/// kg/s, W), corrected for suction superheat (Dabiri & Rice 1981).
///
/// Either `map="bitzer_hsk_r134a"` (the example R134a screw compressor) or
/// `mass_flow_coefficients`, `power_coefficients` (10 each) and `rated_superheat` (K).
#[pyclass(name = "Compressor", module = "entropyk", frozen)]
pub struct PyCompressor {
    pub(crate) inner: Compressor,
}

component_pymethods!(PyCompressor {
    #[new]
    #[pyo3(signature = (name, fluid, *, map=None, mass_flow_coefficients=None, power_coefficients=None, rated_superheat=None, heat_loss_fraction=0.0))]
    fn new(
        name: &str,
        fluid: &Bound<'_, PyAny>,
        map: Option<&str>,
        mass_flow_coefficients: Option<Vec<f64>>,
        power_coefficients: Option<Vec<f64>>,
        rated_superheat: Option<f64>,
        heat_loss_fraction: f64,
    ) -> PyResult<Self> {
        let fluid = fluid_arg(fluid)?;
        let map = match (map, mass_flow_coefficients, power_coefficients, rated_superheat) {
            (Some("bitzer_hsk_r134a"), None, None, None) => Ahri540Map::BITZER_HSK_R134A,
            (Some(other), None, None, None) => {
                return Err(ValidationError::new_err(format!(
                    "compressor '{name}': unknown map '{other}'; known maps: ['bitzer_hsk_r134a']"
                )))
            }
            (None, Some(m), Some(p), Some(sh)) => {
                let to_array = |v: Vec<f64>, what: &str| -> PyResult<[f64; 10]> {
                    let n = v.len();
                    v.try_into().map_err(|_| {
                        ValidationError::new_err(format!("compressor '{name}': {what} needs 10 coefficients, got {n}"))
                    })
                };
                Ahri540Map {
                    mass_flow: to_array(m, "mass_flow_coefficients")?,
                    power: to_array(p, "power_coefficients")?,
                    rated_superheat: sh,
                    envelope: None,
                }
            }
            _ => {
                return Err(ValidationError::new_err(format!(
                    "compressor '{name}': give either map=... or all of mass_flow_coefficients, power_coefficients and rated_superheat"
                )))
            }
        };
        let inner = Compressor::new(name, fluid, map)
            .and_then(|c| c.with_heat_loss_fraction(heat_loss_fraction))
            .map_err(component_error)?;
        Ok(PyCompressor { inner })
    }
});

macro_rules! exchanger_class {
    ($(#[$doc:meta])* $py:ident, $rust:ident, $pyname:literal) => {
        $(#[$doc])*
        #[pyclass(name = $pyname, module = "entropyk", frozen)]
        pub struct $py {
            pub(crate) inner: $rust,
        }

        component_pymethods!($py, repr = |this| format!(
            "{}('{}', ua={})",
            $pyname,
            entropyk::components::Component::name(&this.inner),
            this.inner.ua()
        ), {
            #[new]
            #[pyo3(signature = (name, fluid, *, ua))]
            fn new(name: &str, fluid: &Bound<'_, PyAny>, ua: f64) -> PyResult<Self> {
                let fluid = fluid_arg(fluid)?;
                $rust::new(name, fluid, IncompressibleLiquid::WATER, ua).map(|inner| $py { inner }).map_err(component_error)
            }

            /// Overall conductance, W/K.
            #[getter]
            fn ua(&self) -> f64 {
                self.inner.ua()
            }
        });
    };
}

exchanger_class!(
    /// Condenser with a water secondary stream (`ua` in W/K): moving-boundary model
    /// (desuperheating, condensing and subcooling zones sharing the area, Bell et al.
    /// 2015), so a subcooling specification moves the condensing temperature as in
    /// hardware. `SingleZoneCondenser` is the epsilon-NTU simplification.
    PyCondenser, Condenser, "Condenser"
);
exchanger_class!(
    /// Evaporator with a water secondary stream (`ua` in W/K): moving-boundary model
    /// (boiling and superheating zones sharing the area), so a superheat specification
    /// lowers the evaporating temperature as in hardware. `SingleZoneEvaporator` is the
    /// epsilon-NTU simplification.
    PyEvaporator, Evaporator, "Evaporator"
);

/// Isenthalpic expansion valve (outlet pressure set by the system's superheat specification).
#[pyclass(name = "ExpansionValve", module = "entropyk", frozen)]
pub struct PyExpansionValve {
    pub(crate) inner: ExpansionValve,
}

component_pymethods!(PyExpansionValve {
    #[new]
    fn new(name: &str, fluid: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyExpansionValve {
            inner: ExpansionValve::new(name, fluid_arg(fluid)?),
        })
    }
});

/// The native `_DeclaredComponent` of a declared component's Python object (its
/// `_native`), or of the native object itself.
fn declared_native<'py>(component: &Bound<'py, PyAny>) -> Option<Bound<'py, crate::declared::PyDeclaredComponent>> {
    let native = component.getattr("_native").unwrap_or_else(|_| component.clone());
    native.cast_into::<crate::declared::PyDeclaredComponent>().ok()
}

/// Adds any Python component object to a Rust system.
pub(crate) fn add_component(system: &mut entropyk::solver::System, component: &Bound<'_, PyAny>) -> PyResult<()> {
    let result: Result<(), SolverError> = if let Ok(c) = component.cast::<PyCompressor>() {
        system.add(c.get().inner.clone())
    } else if let Ok(c) = component.cast::<PyCondenser>() {
        system.add(c.get().inner.clone())
    } else if let Ok(c) = component.cast::<PyEvaporator>() {
        system.add(c.get().inner.clone())
    } else if let Ok(c) = component.cast::<PyExpansionValve>() {
        system.add(c.get().inner.clone())
    } else if let Some(c) = crate::more_components::boxed_component(component) {
        system.add_boxed(c)
    } else if let Some(c) = declared_native(component) {
        system.add_boxed(c.get().inner.clone_box())
    } else {
        return Err(ValidationError::new_err(format!(
            "System.add expects an entropyk component, got {}",
            component.get_type().name()?
        )));
    };
    result.map_err(crate::errors::solver_error)
}
