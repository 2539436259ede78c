//! `entropyk.System`: the user's model (components, connections, set points).
use crate::config::{config_arg, solve_config};
use crate::errors::{solver_error, ConcurrentUseError, ValidationError};
use crate::signals::SignalWatch;
use crate::solution::PySolution;
use crate::solve::run_solve;
use entropyk::components::{IncompressibleLiquid, OperationalState};
use entropyk::solver::{Config, Control, Quantity, SolverError as RustSolverError, Specification, System};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The message of a [`ConcurrentUseError`]: a `System` already in use by another thread.
const IN_USE: &str = "this System is in use by another thread (a solve or an edit running there); \
give each thread its own System (copy.copy(system))";

/// Borrows a system for reading or solving (solves write nothing into it, so any
/// number of threads can solve one system at once); [`ConcurrentUseError`] (not a
/// panic) while another thread is editing it.
pub(crate) fn borrow_system<'py>(system: &Bound<'py, PySystem>) -> PyResult<PyRef<'py, PySystem>> {
    system.try_borrow().map_err(|_| ConcurrentUseError::new_err(IN_USE))
}

/// A steady-state system of components, connections and specifications.
#[pyclass(name = "System", module = "entropyk")]
pub struct PySystem {
    pub(crate) inner: System,
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

    /// Switches a component "on", "off" or to "bypass" (its equations change, their
    /// number does not; see the component's documentation).
    fn set_operational_state(&mut self, component: &str, state: &str) -> PyResult<()> {
        let state = match state.to_ascii_lowercase().as_str() {
            "on" => OperationalState::On,
            "off" => OperationalState::Off,
            "bypass" => OperationalState::Bypass,
            other => {
                return Err(ValidationError::new_err(format!(
                    "unknown operational state '{other}': use 'on', 'off' or 'bypass'"
                )))
            }
        };
        self.inner.set_operational_state(component, state).map_err(solver_error)
    }

    /// Current value of a component parameter `"component.parameter"`.
    fn parameter(&self, reference: &str) -> PyResult<f64> {
        self.inner.parameter(reference).map_err(solver_error)
    }

    /// Sets, in place, a component parameter (`"comp.speed"`) or a specification's set
    /// point by the reference its method returned (`"superheat:evap.refrigerant_out"`),
    /// in SI units (K, Pa, W). The equations keep their layout, so a solve with
    /// `warm_start=` the previous solution starts from its factorized Jacobian.
    fn set(&mut self, reference: &str, value: f64) -> PyResult<()> {
        self.inner.set_value(reference, value).map_err(solver_error)
    }

    /// Current value of a parameter or a specification's set point (SI), see `set`.
    fn value(&self, reference: &str) -> PyResult<f64> {
        self.inner.value(reference).map_err(solver_error)
    }

    /// Removes the control of `parameter` (`"evap.ua"`): the parameter is fixed again at
    /// its current value (`set` it to a design solve's `solution.parameter(...)` for
    /// off-design runs).
    fn remove_control(&mut self, parameter: &str) -> PyResult<()> {
        self.inner.remove_control(parameter).map(drop).map_err(solver_error)
    }

    /// Removes the specification `reference` (`"superheat:evap.refrigerant_out"`).
    fn remove(&mut self, reference: &str) -> PyResult<()> {
        self.inner
            .remove_specification(reference)
            .map(drop)
            .map_err(solver_error)
    }

    /// The references of the specifications, in the order of their equations.
    #[getter]
    fn specifications(&self) -> Vec<String> {
        self.inner.specifications().iter().map(|s| s.reference()).collect()
    }

    /// Superheat set point (K) at a refrigerant port. Every set-point method returns the
    /// specification's reference, `"superheat:evap.refrigerant_out"`, for `set`,
    /// `value`, `remove` and `sweep`.
    fn superheat(&mut self, port: &str, kelvin: f64) -> PyResult<String> {
        self.inner
            .add_specification(Specification::superheat(port, kelvin))
            .map_err(solver_error)
    }

    /// Subcooling set point (K) at a refrigerant port.
    fn subcooling(&mut self, port: &str, kelvin: f64) -> PyResult<String> {
        self.inner
            .add_specification(Specification::subcooling(port, kelvin))
            .map_err(solver_error)
    }

    /// Temperature set point at a port (`celsius=` or `kelvin=`).
    #[pyo3(signature = (port, *, celsius=None, kelvin=None))]
    fn temperature(&mut self, port: &str, celsius: Option<f64>, kelvin: Option<f64>) -> PyResult<String> {
        let t = temperature_kw(celsius, kelvin, &format!("temperature at '{port}'"))?;
        self.inner
            .add_specification(Specification::temperature(port, t))
            .map_err(solver_error)
    }

    /// Pressure set point at a port (`bar=` or `pa=`), e.g. a gas-cooler pressure.
    #[pyo3(signature = (port, *, bar=None, pa=None))]
    fn pressure(&mut self, port: &str, bar: Option<f64>, pa: Option<f64>) -> PyResult<String> {
        let p = pressure_kw(bar, pa, &format!("pressure at '{port}'"))?;
        self.inner
            .add_specification(Specification::pressure(port, p))
            .map_err(solver_error)
    }

    /// Heat-flow set point (W) of a component's first flow path, e.g. an evaporator's capacity.
    fn heat_flow(&mut self, component: &str, watts: f64) -> PyResult<String> {
        self.inner
            .add_specification(Specification::heat_flow(component, watts))
            .map_err(solver_error)
    }

    /// Dew-point temperature set point at a port (`celsius=` or `kelvin=`), TESPy's
    /// `T_dew`: fixes the pressure there, e.g. an evaporating temperature.
    #[pyo3(signature = (port, *, celsius=None, kelvin=None))]
    fn dew_temperature(&mut self, port: &str, celsius: Option<f64>, kelvin: Option<f64>) -> PyResult<String> {
        let t = temperature_kw(celsius, kelvin, &format!("dew temperature at '{port}'"))?;
        self.inner
            .add_specification(Specification::dew_temperature(port, t))
            .map_err(solver_error)
    }

    /// Bubble-point temperature set point at a port (`celsius=` or `kelvin=`), TESPy's
    /// `T_bubble` (below the dew temperature by the glide for a blend).
    #[pyo3(signature = (port, *, celsius=None, kelvin=None))]
    fn bubble_temperature(&mut self, port: &str, celsius: Option<f64>, kelvin: Option<f64>) -> PyResult<String> {
        let t = temperature_kw(celsius, kelvin, &format!("bubble temperature at '{port}'"))?;
        self.inner
            .add_specification(Specification::bubble_temperature(port, t))
            .map_err(solver_error)
    }

    /// Vapour-quality set point at a port, TESPy's `x` (0 saturated liquid, 1 saturated
    /// vapour).
    fn quality(&mut self, port: &str, x: f64) -> PyResult<String> {
        self.inner
            .add_specification(Specification::quality(port, x))
            .map_err(solver_error)
    }

    /// Mass-flow set point at a port (kg/s), TESPy's `m`.
    fn mass_flow(&mut self, port: &str, kg_per_s: f64) -> PyResult<String> {
        self.inner
            .add_specification(Specification::mass_flow(port, kg_per_s))
            .map_err(solver_error)
    }

    /// Inverse control: adjust `parameter` ("comp.speed") within `[min, max]` so that the
    /// set point holds. Give exactly one set point: `superheat=` (K, with `port=`),
    /// `subcooling=` (K, with `port=`), `celsius=`/`kelvin=` (with `port=`) or
    /// `heat_flow=` (W, with `component=`). Returns the set point's reference
    /// (`"heat_flow:evap"`), whose target `set` changes in place.
    #[pyo3(signature = (parameter, *, min, max, port=None, component=None, superheat=None, subcooling=None, celsius=None, kelvin=None, heat_flow=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_control(
        &mut self,
        parameter: &str,
        min: f64,
        max: f64,
        port: Option<&str>,
        component: Option<&str>,
        superheat: Option<f64>,
        subcooling: Option<f64>,
        celsius: Option<f64>,
        kelvin: Option<f64>,
        heat_flow: Option<f64>,
    ) -> PyResult<String> {
        let spec = match (port, component, superheat, subcooling, celsius, kelvin, heat_flow) {
            (Some(p), None, Some(v), None, None, None, None) => Specification::superheat(p, v),
            (Some(p), None, None, Some(v), None, None, None) => Specification::subcooling(p, v),
            (Some(p), None, None, None, Some(c), None, None) => Specification::temperature(p, c + 273.15),
            (Some(p), None, None, None, None, Some(k), None) => Specification::temperature(p, k),
            (None, Some(c), None, None, None, None, Some(w)) => Specification::heat_flow(c, w),
            _ => {
                return Err(ValidationError::new_err(format!(
                    "control of '{parameter}': give port= with one of superheat=, subcooling=, celsius=, kelvin=, or component= with heat_flow="
                )))
            }
        };
        self.inner
            .add_control(Control::new(parameter, spec, min, max))
            .map_err(solver_error)
    }

    /// Checks topology and degrees of freedom; returns the number of unknowns and
    /// the redundant mass balances of closed circuits.
    fn finalize<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let report = self.inner.finalize().map_err(solver_error)?;
        let d = PyDict::new(py);
        d.set_item("unknowns", report.unknowns)?;
        d.set_item("redundant_mass_balances", report.redundant_mass_balances)?;
        Ok(d)
    }

    /// Solves from the automatic initial guess, with `config` (a NewtonConfig,
    /// PicardConfig or FallbackConfig) or with `method` ("newton", "picard",
    /// "fallback") and its main settings. The GIL is released during the solve.
    ///
    /// Raises `SolverError` (with `.best`, the best iterate as a `Solution`) when it
    /// does not converge, `TimeoutError` (with `.best`) when `time_budget` (s) runs
    /// out (None, inf or more than ~1.8e19 s: unlimited), and `ControlSaturationError`
    /// (with `.solution`, converged with the controls at their bounds) when a control
    /// cannot meet its set point.
    ///
    /// Every converged solution is checked against the components' validity
    /// envelopes: a physically impossible one (a temperature cross, a compressor
    /// absorbing no work, frozen water...) raises `PhysicsError` (with `.violations`
    /// and `.solution`); softer limits (a compressor map extrapolated) are
    /// `PhysicsWarning`s listed in `Solution.warnings`, errors too with `strict=True`.
    #[pyo3(signature = (*, config=None, method=None, max_iterations=None, tolerance=None, time_budget=None, warm_start=None, strict=false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        config: Option<&Bound<'_, PyAny>>,
        method: Option<&str>,
        max_iterations: Option<usize>,
        tolerance: Option<f64>,
        time_budget: Option<f64>,
        warm_start: Option<PyRef<'_, PySolution>>,
        strict: bool,
    ) -> PyResult<PySolution> {
        let mut config = solve_config(config, method, max_iterations, tolerance, time_budget)?;
        config.set_strict(strict);
        let start = warm_start.map(|s| s.inner.clone());
        run_solve(py, &self.inner, config, start.as_ref())
    }

    /// Solves the system at every value of `parameter` (a component parameter
    /// "component.parameter" or a set point "superheat:evap.refrigerant_out", SI) in
    /// parallel (threads, GIL released), each point warm-started from its neighbour.
    /// Returns a dict of numpy arrays: `values`, `converged` (bool), `iterations`,
    /// `cop` and `states` (one row per value) as masked arrays (failed points masked,
    /// never NaN), and `errors`, a list of (index, message) of the failed points.
    #[pyo3(signature = (parameter, values, *, config=None))]
    fn sweep<'py>(
        &self,
        py: Python<'py>,
        parameter: &str,
        values: Vec<f64>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut config = match config {
            Some(c) => config_arg(c)?,
            None => Config::default(),
        };
        // Ctrl-C: this thread polls for signals while a helper thread runs the sweep.
        let watch = SignalWatch::new();
        config.set_interrupt(Some(watch.interrupt()));
        let system = &self.inner;
        let results = py.detach(|| watch.run_polling(|| entropyk::solver::sweep(system, parameter, &values, &config)));
        if let Some(e) = watch.take_error() {
            return Err(e);
        }
        let results = results.map_err(solver_error)?;
        let width = results
            .iter()
            .flatten()
            .map(|s| s.state_vector().len())
            .max()
            .unwrap_or(0);
        let n = values.len();
        let mut states = vec![0.0; n * width];
        let mut cop = vec![0.0; n];
        // masked where a point failed or its COP is undefined (no compressor work)
        let mut cop_mask = vec![true; n];
        let mut iterations = vec![0usize; n];
        let mut converged = vec![false; n];
        let mut errors = Vec::new();
        for (i, result) in results.iter().enumerate() {
            match result {
                Ok(s) if s.state_vector().len() == width => {
                    states[i * width..(i + 1) * width].copy_from_slice(s.state_vector());
                    if let Some(c) = s.cooling_cop() {
                        (cop[i], cop_mask[i]) = (c, false);
                    }
                    iterations[i] = s.iterations();
                    converged[i] = true;
                }
                Ok(_) => errors.push((i, "the solution has a different number of unknowns".to_owned())),
                Err(e) => errors.push((i, crate::errors::message(e))),
            }
        }
        let np = py.import("numpy")?;
        let ma = np.getattr("ma")?;
        let mask = PyArray1::from_vec(py, converged.iter().map(|c| !c).collect::<Vec<bool>>());
        let states = PyArray1::from_vec(py, states).reshape([n, width])?;
        let row_mask = mask
            .call_method1("reshape", ((n, 1),))?
            .call_method1("repeat", (width, 1))?;
        let d = PyDict::new(py);
        d.set_item("values", PyArray1::from_vec(py, values))?;
        d.set_item("converged", PyArray1::from_vec(py, converged))?;
        d.set_item("iterations", PyArray1::from_vec(py, iterations))?;
        d.set_item(
            "cop",
            ma.call_method1(
                "masked_array",
                (PyArray1::from_vec(py, cop), PyArray1::from_vec(py, cop_mask)),
            )?,
        )?;
        d.set_item("states", ma.call_method1("masked_array", (states, row_mask))?)?;
        d.set_item("errors", errors)?;
        Ok(d)
    }

    /// d(result)/d(parameter) at a converged `solution` of this system, exact, by the
    /// implicit function theorem. Name the result with exactly one keyword:
    /// `pressure=port`, `enthalpy=port`, `mass_flow=port`, `temperature=port`,
    /// `heat_flow=component` or `control="component.parameter"`. SI units.
    #[pyo3(signature = (solution, parameter, *, pressure=None, enthalpy=None, mass_flow=None, temperature=None, heat_flow=None, control=None))]
    #[allow(clippy::too_many_arguments)]
    fn sensitivity(
        &self,
        solution: PyRef<'_, PySolution>,
        parameter: &str,
        pressure: Option<String>,
        enthalpy: Option<String>,
        mass_flow: Option<String>,
        temperature: Option<String>,
        heat_flow: Option<String>,
        control: Option<String>,
    ) -> PyResult<f64> {
        let given = [
            pressure.map(Quantity::Pressure),
            enthalpy.map(Quantity::Enthalpy),
            mass_flow.map(Quantity::MassFlow),
            temperature.map(Quantity::Temperature),
            heat_flow.map(Quantity::HeatFlow),
            control.map(Quantity::Control),
        ];
        let mut quantities = given.into_iter().flatten();
        let (Some(quantity), None) = (quantities.next(), quantities.next()) else {
            return Err(ValidationError::new_err(
                "sensitivity: give exactly one of pressure=, enthalpy=, mass_flow=, temperature=, heat_flow=, control=",
            ));
        };
        self.inner
            .sensitivity(&solution.inner, &quantity, parameter)
            .map_err(solver_error)
    }

    /// Number of unknowns (3 per connection).
    #[getter]
    fn n_unknowns(&self) -> usize {
        self.inner.n_unknowns()
    }

    /// Overrides the automatic initial guess at `port` ("comp.inlet"): pressure
    /// (`pa=` or `bar=`), specific enthalpy `h=` (J/kg), `mass_flow=` (kg/s); any
    /// subset. Needed where the guess cannot infer a value (a cascade, a stopped pump).
    #[pyo3(signature = (port, *, pa=None, bar=None, h=None, mass_flow=None))]
    fn set_guess(
        &mut self,
        port: &str,
        pa: Option<f64>,
        bar: Option<f64>,
        h: Option<f64>,
        mass_flow: Option<f64>,
    ) -> PyResult<()> {
        let p = match (pa, bar) {
            (None, None) => None,
            (pa, bar) => Some(pressure_kw(bar, pa, &format!("guess at '{port}'"))?),
        };
        for (what, value) in [("pressure", p), ("enthalpy", h), ("mass flow", mass_flow)] {
            if value.is_some_and(|v| !v.is_finite()) {
                return Err(ValidationError::new_err(format!(
                    "guess at '{port}': the {what} must be a finite number"
                )));
            }
        }
        let guess = entropyk::components::PortGuess { p, h, m: mass_flow };
        self.inner.set_guess(port, guess).map_err(solver_error)
    }

    /// What the system holds, as a dict: `components` (name, kind), `connections`
    /// ("a.outlet -> b.inlet"), `specifications` (reference, value), `controls`
    /// (parameter, set point, bounds) and the degrees of freedom: `unknowns`,
    /// `equations` and, when they differ, `detail` (what to add or remove).
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let components: Vec<(String, &str)> = self
            .inner
            .components()
            .map(|c| (c.name().to_owned(), c.kind()))
            .collect();
        d.set_item("components", components)?;
        d.set_item("connections", self.inner.connection_labels())?;
        let specs: Vec<(String, f64)> = self
            .inner
            .specifications()
            .iter()
            .map(|s| (s.reference(), s.value()))
            .collect();
        d.set_item("specifications", specs)?;
        let controls: Vec<(String, String, f64, f64)> = self
            .inner
            .controls()
            .iter()
            .map(|c| (c.parameter.clone(), c.specification.reference(), c.min, c.max))
            .collect();
        d.set_item("controls", controls)?;
        match self.inner.finalize() {
            Ok(report) => {
                d.set_item("unknowns", report.unknowns)?;
                d.set_item("equations", report.unknowns)?;
            }
            Err(RustSolverError::DegreesOfFreedom {
                equations,
                unknowns,
                detail,
                ..
            }) => {
                d.set_item("unknowns", unknowns)?;
                d.set_item("equations", equations)?;
                d.set_item("detail", detail)?;
            }
            Err(e) => {
                d.set_item("unknowns", self.inner.n_unknowns())?;
                d.set_item("detail", crate::errors::message(&e))?;
            }
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "System({} components, {} connections, {} specifications, {} controls, {} unknowns)",
            self.inner.components().count(),
            self.inner.connection_labels().len(),
            self.inner.specifications().len(),
            self.inner.controls().len(),
            self.inner.n_unknowns()
        )
    }

    /// The system's definition as a JSON string: components (with their operating
    /// modes), current parameter values, connections, specifications, controls and
    /// initial guesses. `System.from_json` reads it back.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().map_err(solver_error)
    }

    /// Reads a system written by `System.to_json` (validated like one built by hand),
    /// in time linear in the document's size. Raises `ValidationError` for malformed
    /// JSON, an unknown component type, a document longer than 64 MiB or nested
    /// deeper than 128 levels, `FluidError` for an unknown fluid, `TopologyError` for
    /// inconsistent connections. Messages quote at most a few hundred bytes of it.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, pyo3::types::PyType>, json: &str) -> PyResult<Self> {
        System::from_json(json)
            .map(|inner| PySystem { inner })
            .map_err(solver_error)
    }

    /// Pickle support: a system pickles as its JSON definition and is rebuilt by
    /// `System.from_json` (so it can be sent to other processes, e.g. Dask workers).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = borrow_system(slf)?.inner.to_json().map_err(solver_error)?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
    }

    /// A deep copy (`copy.deepcopy`): the Rust system is cloned, no JSON round trip.
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> PySystem {
        PySystem {
            inner: self.inner.clone(),
        }
    }

    /// A copy (systems own their components, so a copy is a deep copy).
    fn __copy__(&self) -> PySystem {
        PySystem {
            inner: self.inner.clone(),
        }
    }
}
