//! `entropyk.Fluid`: property evaluation from Python.
use crate::errors::{fluid_error, ValidationError};
use entropyk::thermo::{Fluid, Phase, Saturation, State};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A refrigerant described by its Helmholtz-energy equation of state.
///
/// >>> r134a = Fluid("R134a")
/// >>> r134a.state_ph(p=3e5, h=4.1e5)["t"]
#[pyclass(name = "Fluid", module = "entropyk", frozen)]
pub struct PyFluid {
    pub(crate) inner: Fluid,
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Liquid => "liquid",
        Phase::Vapor => "vapor",
        Phase::Supercritical => "supercritical",
        Phase::TwoPhase => "two-phase",
        #[allow(unreachable_patterns)]
        _ => "unknown",
    }
}

fn state_dict<'py>(py: Python<'py>, s: &State<f64>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("t", s.t)?;
    d.set_item("p", s.p)?;
    d.set_item("rho", s.rho)?;
    d.set_item("h", s.h)?;
    d.set_item("s", s.s)?;
    d.set_item("u", s.u)?;
    d.set_item("phase", phase_name(s.phase))?;
    d.set_item("quality", s.quality)?;
    d.set_item("cp", s.cp())?;
    d.set_item("w", s.speed_of_sound())?;
    Ok(d)
}

#[pymethods]
impl PyFluid {
    /// A fluid by name or alias (e.g. "R134a").
    #[new]
    fn new(name: &str) -> PyResult<Self> {
        Fluid::new(name).map(|inner| PyFluid { inner }).map_err(fluid_error)
    }

    /// Canonical name.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    /// Critical temperature, K.
    #[getter]
    fn critical_temperature(&self) -> f64 {
        self.inner.critical_temperature()
    }

    /// Critical pressure, Pa.
    #[getter]
    fn critical_pressure(&self) -> f64 {
        self.inner.critical_pressure()
    }

    /// State at pressure `p` (Pa) and specific enthalpy `h` (J/kg) as a dict.
    fn state_ph<'py>(&self, py: Python<'py>, p: f64, h: f64) -> PyResult<Bound<'py, PyDict>> {
        state_dict(py, &self.inner.state_ph(p, h).map_err(fluid_error)?)
    }

    /// State at pressure `p` (Pa) and temperature `t` (K) as a dict.
    fn state_pt<'py>(&self, py: Python<'py>, p: f64, t: f64) -> PyResult<Bound<'py, PyDict>> {
        state_dict(py, &self.inner.state_pt(p, t).map_err(fluid_error)?)
    }

    /// Saturation at temperature `t` (K): dict with t, p, rho_liquid, rho_vapor, h_liquid, h_vapor, s_liquid, s_vapor.
    fn saturation_t<'py>(&self, py: Python<'py>, t: f64) -> PyResult<Bound<'py, PyDict>> {
        saturation_dict(py, &self.inner.saturation_t(t).map_err(fluid_error)?)
    }

    /// Saturation at pressure `p` (Pa), same keys as `saturation_t`.
    fn saturation_p<'py>(&self, py: Python<'py>, p: f64) -> PyResult<Bound<'py, PyDict>> {
        saturation_dict(py, &self.inner.saturation_p(p).map_err(fluid_error)?)
    }

    fn __repr__(&self) -> String {
        format!("Fluid('{}')", self.inner.name())
    }
}

fn saturation_dict<'py>(py: Python<'py>, s: &Saturation<f64>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("t", s.t)?;
    d.set_item("p", s.p)?;
    d.set_item("rho_liquid", s.rho_liquid)?;
    d.set_item("rho_vapor", s.rho_vapor)?;
    d.set_item("h_liquid", s.h_liquid)?;
    d.set_item("h_vapor", s.h_vapor)?;
    d.set_item("s_liquid", s.s_liquid)?;
    d.set_item("s_vapor", s.s_vapor)?;
    Ok(d)
}

/// Accepts a fluid given as a name or as an `entropyk.Fluid`.
pub(crate) fn fluid_arg(fluid: &Bound<'_, PyAny>) -> PyResult<Fluid> {
    if let Ok(f) = fluid.cast::<PyFluid>() {
        return Ok(f.get().inner.clone());
    }
    let name: String = fluid
        .extract()
        .map_err(|_| ValidationError::new_err("fluid must be a name such as 'R134a' or an entropyk.Fluid"))?;
    Fluid::new(&name).map_err(fluid_error)
}
