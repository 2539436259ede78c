//! `entropyk.System` and `entropyk.Solution`.
use crate::errors::{solver_error, ValidationError};
use entropyk::components::IncompressibleLiquid;
use entropyk::solver::{NewtonConfig, Solution, Specification, System};
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::time::Duration;

/// A steady-state system of components, connections and specifications.
#[pyclass(name = "System", module = "entropyk")]
pub struct PySystem {
    inner: System,
}

/// Converts a temperature given with exactly one unit keyword to K.
fn temperature_kw(celsius: Option<f64>, kelvin: Option<f64>, what: &str) -> PyResult<f64> {
    match (celsius, kelvin) {
        (Some(c), None) => Ok(c + 273.15),
        (None, Some(k)) => Ok(k),
        _ => Err(ValidationError::new_err(format!(
            "{what}: give exactly one of celsius= or kelvin="
        ))),
    }
}

/// Converts a pressure given with exactly one unit keyword to Pa.
fn pressure_kw(bar: Option<f64>, pa: Option<f64>, what: &str) -> PyResult<f64> {
    match (bar, pa) {
        (Some(b), None) => Ok(b * 1e5),
        (None, Some(p)) => Ok(p),
        _ => Err(ValidationError::new_err(format!(
            "{what}: give exactly one of bar= or pa="
        ))),
    }
}

#[pymethods]
impl PySystem {
    #[new]
    fn new() -> Self {
        PySystem { inner: System::new() }
    }

    /// Adds a component (names must be unique).
    fn add(&mut self, component: &Bound<'_, PyAny>) -> PyResult<()> {
        crate::components::add_component(&mut self.inner, component)
    }

    /// Connects outlet port `source` ("comp.outlet") to inlet port `target` ("cond.refrigerant_in").
    fn connect(&mut self, source: &str, target: &str) -> PyResult<()> {
        self.inner.connect(source, target).map_err(solver_error)
    }

    /// Connects components in a closed loop along their refrigerant path:
    /// `connect_loop(["comp", "cond", "valve", "evap"])`.
    fn connect_loop(&mut self, components: Vec<String>) -> PyResult<()> {
        let names: Vec<&str> = components.iter().map(String::as_str).collect();
        self.inner.connect_loop(&names).map_err(solver_error)
    }

    /// Adds a water stream through heat exchanger `component` entering at the given
    /// temperature (`celsius=` or `kelvin=`), pressure (`bar=` or `pa=`, default 2 bar) and
    /// `mass_flow` (kg/s).
    #[pyo3(signature = (component, *, mass_flow, celsius=None, kelvin=None, bar=None, pa=None))]
    fn add_water_stream(
        &mut self,
        component: &str,
        mass_flow: f64,
        celsius: Option<f64>,
        kelvin: Option<f64>,
        bar: Option<f64>,
        pa: Option<f64>,
    ) -> PyResult<()> {
        let what = format!("water stream of '{component}'");
        let t = temperature_kw(celsius, kelvin, &what)?;
        let p = if bar.is_none() && pa.is_none() {
            2e5
        } else {
            pressure_kw(bar, pa, &what)?
        };
        self.inner
            .add_liquid_stream(component, IncompressibleLiquid::WATER, p, t, mass_flow)
            .map_err(solver_error)
    }

    /// Sets a component parameter `"component.parameter"` in SI units, e.g.
    /// `set_parameter("comp.speed", 0.8)` or `set_parameter("evap_secondary_source.temperature", 285.15)`.
    fn set_parameter(&mut self, reference: &str, value: f64) -> PyResult<()> {
        self.inner.set_parameter(reference, value).map_err(solver_error)
    }

    /// Current value of a component parameter `"component.parameter"`.
    fn parameter(&self, reference: &str) -> PyResult<f64> {
        self.inner.parameter(reference).map_err(solver_error)
    }

    /// Superheat set point (K) at a refrigerant port.
    fn superheat(&mut self, port: &str, kelvin: f64) -> PyResult<()> {
        self.inner
            .add_specification(Specification::superheat(port, kelvin))
            .map_err(solver_error)
    }

    /// Subcooling set point (K) at a refrigerant port.
    fn subcooling(&mut self, port: &str, kelvin: f64) -> PyResult<()> {
        self.inner
            .add_specification(Specification::subcooling(port, kelvin))
            .map_err(solver_error)
    }

    /// Checks topology and degrees of freedom; returns the number of unknowns and
    /// the redundant mass balances of closed circuits.
    fn finalize<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let report = self.inner.finalize().map_err(solver_error)?;
        let d = PyDict::new(py);
        d.set_item("unknowns", report.unknowns)?;
        d.set_item("redundant_mass_balances", report.redundant_mass_balances)?;
        Ok(d)
    }

    /// Solves with Newton's method (exact Jacobian) from the automatic initial guess.
    /// The GIL is released during the solve.
    #[pyo3(signature = (*, max_iterations=50, tolerance=1e-11, time_budget=None))]
    fn solve(
        &mut self,
        py: Python<'_>,
        max_iterations: usize,
        tolerance: f64,
        time_budget: Option<f64>,
    ) -> PyResult<PySolution> {
        if !(tolerance > 0.0) {
            return Err(ValidationError::new_err(format!(
                "tolerance must be > 0, got {tolerance}"
            )));
        }
        let time_budget = match time_budget {
            Some(t) if t.is_finite() && t > 0.0 => Some(Duration::from_secs_f64(t)),
            Some(t) => {
                return Err(ValidationError::new_err(format!(
                    "time_budget must be a positive number of seconds, got {t}"
                )))
            }
            None => None,
        };
        let config = NewtonConfig {
            max_iterations,
            tolerance,
            time_budget,
            ..NewtonConfig::default()
        };
        let system = &mut self.inner;
        let result = py.detach(|| system.solve(&config));
        result.map(|inner| PySolution { inner }).map_err(solver_error)
    }

    /// Number of unknowns (3 per connection).
    #[getter]
    fn n_unknowns(&self) -> usize {
        self.inner.n_unknowns()
    }
}

/// The result of `System.solve()`.
#[pyclass(name = "Solution", module = "entropyk", frozen)]
pub struct PySolution {
    inner: Solution,
}

#[pymethods]
impl PySolution {
    /// Unknown vector `[p0, h0, m0, p1, ...]` (Pa, J/kg, kg/s) as a numpy array.
    #[getter]
    fn state_vector<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, self.inner.state_vector())
    }

    /// Connection labels `"from -> to"` in state-vector order.
    #[getter]
    fn connections(&self) -> Vec<String> {
        self.inner.connection_labels().to_vec()
    }

    /// State at a port as a dict: p (Pa), h (J/kg), m (kg/s), t (K).
    fn port<'py>(&self, py: Python<'py>, port: &str) -> PyResult<Bound<'py, PyDict>> {
        let s = self
            .inner
            .port(port)
            .ok_or_else(|| ValidationError::new_err(format!("no connected port '{port}' in this solution")))?;
        let d = PyDict::new(py);
        d.set_item("p", s.p)?;
        d.set_item("h", s.h)?;
        d.set_item("m", s.m)?;
        d.set_item("t", self.inner.temperature(port))?;
        Ok(d)
    }

    /// A component output, e.g. `output("comp", "power")` (W).
    fn output(&self, component: &str, name: &str) -> PyResult<f64> {
        self.inner
            .output(component, name)
            .ok_or_else(|| ValidationError::new_err(format!("component '{component}' has no output '{name}'")))
    }

    /// All component outputs as `{component: {output: value}}`.
    fn outputs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, _, values) in self.inner.outputs() {
            let inner = PyDict::new(py);
            for (k, v) in values {
                inner.set_item(*k, *v)?;
            }
            d.set_item(name, inner)?;
        }
        Ok(d)
    }

    /// Cooling COP: evaporator heat flow / compressor power.
    #[getter]
    fn cop(&self) -> f64 {
        self.inner.cooling_cop()
    }

    /// Heating COP: condenser heat flow / compressor power.
    #[getter]
    fn heating_cop(&self) -> f64 {
        self.inner.heating_cop()
    }

    /// Newton iterations.
    #[getter]
    fn iterations(&self) -> usize {
        self.inner.iterations()
    }

    /// Final scaled residual.
    #[getter]
    fn residual(&self) -> f64 {
        self.inner.residual()
    }

    /// Convergence history as an (n, 3) array: iteration, scaled residual, step length.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let rows: Vec<Vec<f64>> = self
            .inner
            .history()
            .iter()
            .map(|r| vec![r.iteration as f64, r.residual, r.step_length])
            .collect();
        PyArray2::from_vec2(py, &rows).map_err(|e| ValidationError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "Solution(iterations={}, residual={:.1e}, cop={:.4})",
            self.inner.iterations(),
            self.inner.residual(),
            self.inner.cooling_cop()
        )
    }
}
