//! `entropyk.Solution`: a converged (or best) state and what derives from it.
use crate::errors::{solver_error, ValidationError};
use entropyk::solver::Solution;
use numpy::ndarray::{Array2, ArrayView1};
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyDict};

/// The result of `System.solve()`.
///
/// Immutable (`frozen`): `state_vector` and `history` are read-only numpy views of the
/// solution's own memory, shared by every access, never copied.
#[pyclass(name = "Solution", module = "entropyk", frozen)]
pub struct PySolution {
    pub(crate) inner: Solution,
    /// Rows (iteration, scaled residual, step length), built once with the solution.
    history: Array2<f64>,
}

impl PySolution {
    pub(crate) fn new(inner: Solution) -> Self {
        let records = inner.history();
        let history = Array2::from_shape_fn((records.len(), 3), |(i, c)| match c {
            0 => records[i].iteration as f64,
            1 => records[i].residual,
            _ => records[i].step_length,
        });
        PySolution { inner, history }
    }
}

/// A read-only numpy array viewing `array`, which `owner` (a frozen Solution) owns.
///
/// Safety: `array` must live in `owner` and never change while `owner` is alive; the
/// view keeps `owner` alive through its base object.
unsafe fn frozen_view<'py, D: numpy::ndarray::Dimension>(
    array: numpy::ndarray::ArrayView<'_, f64, D>,
    owner: &Bound<'py, PySolution>,
) -> PyResult<Bound<'py, numpy::PyArray<f64, D>>> {
    let view = unsafe { numpy::PyArray::borrow_from_array(&array, owner.clone().into_any()) };
    view.call_method("setflags", (), Some(&[("write", false)].into_py_dict(owner.py())?))?;
    Ok(view)
}

#[pymethods]
impl PySolution {
    /// Unknown vector `[p0, h0, m0, p1, ...]` (Pa, J/kg, kg/s): a read-only numpy view of
    /// the solution's memory (no copy; `.copy()` for a writable one).
    #[getter]
    fn state_vector<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let x = slf.get().inner.state_vector();
        // Safety: the frozen Solution owns `x` and never mutates it.
        unsafe { frozen_view(ArrayView1::from(x), slf) }
    }

    /// Value of a component parameter at this solution (e.g. a controlled "comp.speed").
    fn parameter(&self, reference: &str) -> PyResult<f64> {
        self.inner
            .parameter(reference)
            .ok_or_else(|| ValidationError::new_err(format!("no parameter '{reference}' in this solution")))
    }

    /// Soft limits the solution goes beyond (a compressor map extrapolated, a pinched
    /// exchanger...), as `entropyk.Violation` objects; each was also issued as a
    /// `PhysicsWarning` when the solve returned. Hard ones raise `PhysicsError` instead.
    #[getter]
    fn warnings(&self, py: Python<'_>) -> PyResult<Vec<Py<crate::violation::PyViolation>>> {
        crate::violation::violation_list(py, self.inner.warnings())
    }

    /// Whether the tolerance was met.
    #[getter]
    fn converged(&self) -> bool {
        self.inner.converged()
    }

    /// For the best iterate of a solve that stopped (`err.best`): the equations that did
    /// not close there, largest scaled residual first, named by component and equation
    /// (`"cond: equation 2"`) or by set point (`"specification superheat:evap.refrigerant_out"`).
    /// Empty for a converged solution.
    #[getter]
    fn unconverged(&self) -> Vec<String> {
        self.inner.unconverged().to_vec()
    }

    /// Connection labels `"from -> to"` in state-vector order.
    #[getter]
    fn connections(&self) -> Vec<String> {
        self.inner.connection_labels().to_vec()
    }

    /// Medium of each connection, in state-vector order.
    #[getter]
    fn media(&self) -> Vec<&'static str> {
        self.inner.connection_media()
    }

    /// Connection states as a pandas DataFrame (needs pandas): one row per
    /// connection with columns connection, medium, p [Pa], h [J/kg], m [kg/s], t [K].
    fn to_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py
            .import("pandas")
            .map_err(|_| ValidationError::new_err("Solution.to_dataframe needs pandas: pip install pandas"))?;
        let states = self.inner.connection_states();
        let columns = PyDict::new(py);
        columns.set_item("connection", self.inner.connection_labels().to_vec())?;
        columns.set_item("medium", self.inner.connection_media())?;
        columns.set_item("p", states.iter().map(|s| s.p).collect::<Vec<_>>())?;
        columns.set_item("h", states.iter().map(|s| s.h).collect::<Vec<_>>())?;
        columns.set_item("m", states.iter().map(|s| s.m).collect::<Vec<_>>())?;
        let temperatures: Vec<Option<f64>> = self
            .inner
            .connection_labels()
            .iter()
            .map(|label| label.split(" -> ").next().and_then(|port| self.inner.temperature(port)))
            .collect();
        columns.set_item("t", temperatures)?;
        pandas.call_method1("DataFrame", (columns,))
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

    /// Cooling COP: evaporator heat flow / compressor power; None when the system
    /// takes in no work (no compressor, or all of them off).
    #[getter]
    fn cop(&self) -> Option<f64> {
        self.inner.cooling_cop()
    }

    /// Heating COP: condenser heat flow / compressor power; None without work input.
    #[getter]
    fn heating_cop(&self) -> Option<f64> {
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

    /// Convergence history as a read-only (n, 3) numpy view (no copy): iteration,
    /// scaled residual, step length.
    #[getter]
    fn history<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        // Safety: the frozen Solution owns `history` and never mutates it.
        unsafe { frozen_view(slf.get().history.view(), slf) }
    }

    /// The solution as a JSON string (state vector, labels, media, parameters,
    /// outputs, residual, history); `Solution.from_json` reads it back exactly.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().map_err(solver_error)
    }

    /// Reads a solution written by `Solution.to_json`. Raises `ValidationError` for
    /// malformed or inconsistent JSON, a document longer than 64 MiB or nested deeper
    /// than 128 levels, output names longer than 256 bytes or more than 4096
    /// distinct output names per process (they are kept for the process's life),
    /// `FluidError` for an unknown fluid.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, pyo3::types::PyType>, json: &str) -> PyResult<Self> {
        Solution::from_json(json).map(PySolution::new).map_err(solver_error)
    }

    /// Pickle support: a solution pickles as its JSON and is rebuilt by `Solution.from_json`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.get().inner.to_json().map_err(solver_error)?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
    }

    fn __repr__(&self) -> String {
        format!(
            "Solution(iterations={}, residual={:.1e}, cop={})",
            self.inner.iterations(),
            self.inner.residual(),
            self.inner
                .cooling_cop()
                .map_or_else(|| "None".to_owned(), |c| format!("{c:.4}"))
        )
    }
}
