//! `entropyk.Violation`: one law or limit broken at a converged solution, as carried
//! by `PhysicsError.violations` and `Solution.warnings`.
use crate::errors::PhysicsWarning;
use entropyk::components::validity::compact;
use entropyk::components::Violation;
use pyo3::prelude::*;

/// One law or limit broken at a converged state: `component` (and `port`, if the
/// violation sits at one), `kind` (e.g. `"second_law"`, `"freezing"`,
/// `"map_extrapolation"`), `quantity` (with its unit), the `value` found and the
/// `limit` it breaks (`bound`: `"lower"` or `"upper"`), and whether it is `hard` (a
/// physical impossibility, raised as `PhysicsError`) or soft (a `PhysicsWarning`).
#[pyclass(name = "Violation", module = "entropyk", frozen)]
pub struct PyViolation {
    inner: Violation,
}

#[pymethods]
impl PyViolation {
    /// Component name.
    #[getter]
    fn component(&self) -> &str {
        &self.inner.component
    }
    /// Port name, or None.
    #[getter]
    fn port(&self) -> Option<&'static str> {
        self.inner.port
    }
    /// The law or limit, e.g. `"second_law"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.law.name()
    }
    /// What was measured, with its unit.
    #[getter]
    fn quantity(&self) -> &'static str {
        self.inner.quantity
    }
    /// The value found (SI unless the quantity names another unit).
    #[getter]
    fn value(&self) -> f64 {
        self.inner.value
    }
    /// The limit broken.
    #[getter]
    fn limit(&self) -> f64 {
        self.inner.limit
    }
    /// `"lower"` (the value must be at least the limit) or `"upper"`.
    #[getter]
    fn bound(&self) -> &'static str {
        self.inner.bound.name()
    }
    /// Whether the violation makes the answer physically impossible.
    #[getter]
    fn hard(&self) -> bool {
        self.inner.is_hard()
    }
    fn __repr__(&self) -> String {
        format!(
            "Violation(component='{}', kind='{}', value={}, limit={})",
            self.inner.component,
            self.inner.law.name(),
            compact(self.inner.value),
            compact(self.inner.limit)
        )
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

/// The violations as a Python list of `Violation`.
pub(crate) fn violation_list(py: Python<'_>, violations: &[Violation]) -> PyResult<Vec<Py<PyViolation>>> {
    violations
        .iter()
        .map(|v| Py::new(py, PyViolation { inner: v.clone() }))
        .collect()
}

/// Issues one `PhysicsWarning` per soft violation of a returned solution.
pub(crate) fn warn(py: Python<'_>, warnings: &[Violation]) -> PyResult<()> {
    let category = py.get_type::<PhysicsWarning>();
    for w in warnings {
        let message = std::ffi::CString::new(w.to_string()).unwrap_or_default();
        // stacklevel 2: level 1 is the `entropyk._boundary` wrapper around every native
        // method, so the warning points at the user's line that called the solve
        PyErr::warn(py, &category, &message, 2)?;
    }
    Ok(())
}
