//! The components declared once ([`entropyk::components::declaration`]) in Python.
//!
//! One native class, `_DeclaredComponent`, builds any declared model from its kind and
//! arguments (checked against the declaration); `_declarations()` describes every
//! declaration, from which `entropyk/_declared.py` makes one Python class per model
//! (`entropyk.Economizer`: name, docstring, signature) and
//! `scripts/generate_declared_stubs.py` its stub. A new declared model therefore needs
//! nothing here.
use crate::errors::{component_error, ValidationError};
use crate::fluid::fluid_arg;
use entropyk::components::declaration::{ArgKind, ArgMap, ArgValue, Declaration};
use entropyk::components::registry::{declaration, DECLARATIONS};
use entropyk::components::Component;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// A component declared once: built from its kind and arguments (use the class of the
/// model, e.g. `entropyk.Economizer`, which wraps this one).
#[pyclass(name = "_DeclaredComponent", module = "entropyk._core", frozen)]
pub struct PyDeclaredComponent {
    pub(crate) inner: Box<dyn Component>,
}

/// The declaration of `kind`, or a `ValidationError` listing the declared kinds.
fn find(kind: &str) -> PyResult<&'static Declaration> {
    declaration(kind).ok_or_else(|| {
        let kinds: Vec<_> = DECLARATIONS.iter().map(|d| d.kind).collect();
        ValidationError::new_err(format!(
            "no declared component '{}': the declared kinds are {}",
            kind.chars().take(64).collect::<String>(),
            kinds.join(", ")
        ))
    })
}

/// A Python argument as the declared kind takes it (a refrigerant name or `Fluid`, a
/// real number).
fn arg_value(declaration: &Declaration, component: &str, name: &str, value: &Bound<'_, PyAny>) -> PyResult<ArgValue> {
    let Some(arg) = declaration.args.iter().find(|a| a.name == name) else {
        // unknown keyword: the declaration names the valid ones
        return Ok(ArgValue::Number(f64::NAN));
    };
    match arg.kind {
        ArgKind::Refrigerant => Ok(ArgValue::Text(fluid_arg(value)?.name().to_owned())),
        ArgKind::Number { .. } => value.extract::<f64>().map(ArgValue::Number).map_err(|_| {
            ValidationError::new_err(format!(
                "{}('{component}'): argument '{name}' must be a number, got {}",
                declaration.kind,
                value.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ))
        }),
    }
}

#[pymethods]
impl PyDeclaredComponent {
    #[new]
    #[pyo3(signature = (kind, name, *args, **kwargs))]
    fn new(kind: &str, name: &str, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let declaration = find(kind)?;
        let positional: Vec<_> = declaration.args.iter().filter(|a| a.positional).collect();
        if args.len() > positional.len() {
            return Err(ValidationError::new_err(format!(
                "{kind}() takes {} positional argument(s) after the name ({}), got {}",
                positional.len(),
                positional.iter().map(|a| a.name).collect::<Vec<_>>().join(", "),
                args.len()
            )));
        }
        let mut values = ArgMap::new();
        for (arg, value) in positional.iter().zip(args.iter()) {
            values.insert(arg.name.to_owned(), arg_value(declaration, name, arg.name, &value)?);
        }
        if let Some(kwargs) = kwargs {
            for (key, value) in kwargs.iter() {
                let key: String = key.extract()?;
                if values.contains_key(&key) {
                    return Err(ValidationError::new_err(format!("{kind}() got argument '{key}' twice")));
                }
                // `None` for an argument with a default means "the default"
                if value.is_none() {
                    continue;
                }
                let v = arg_value(declaration, name, &key, &value)?;
                values.insert(key, v);
            }
        }
        let inner = declaration.build_from(name, values).map_err(component_error)?;
        Ok(PyDeclaredComponent { inner })
    }

    /// The component's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The model kind (`"Economizer"`).
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    /// The component's definition as JSON (its kind, name and arguments).
    fn _to_json(&self) -> PyResult<String> {
        let spec = self
            .inner
            .to_spec()
            .ok_or_else(|| ValidationError::new_err("a declared component always has a definition"))?;
        serde_json::to_string(&spec).map_err(|e| ValidationError::new_err(e.to_string()))
    }

    /// Rebuilds a component from [`Self::_to_json`] (pickle).
    #[staticmethod]
    fn _from_json(json: &str) -> PyResult<Self> {
        let spec = crate::pickling::read_spec(json)?;
        let inner = spec.build().map_err(component_error)?;
        Ok(PyDeclaredComponent { inner })
    }

    fn __repr__(&self) -> String {
        format!("{}('{}')", self.inner.kind(), self.inner.name())
    }
}

/// `_declarations()`: every declared model as a dict (kind, doc, args, ports,
/// parameters, outputs, cop), from which `entropyk/_declared.py` makes the Python
/// classes and `scripts/generate_declared_stubs.py` their stubs.
#[pyfunction]
pub(crate) fn _declarations(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for d in DECLARATIONS {
        let item = PyDict::new(py);
        item.set_item("kind", d.kind)?;
        item.set_item("doc", d.docstring())?;
        let args = PyList::empty(py);
        for a in d.args {
            let arg = PyDict::new(py);
            arg.set_item("name", a.name)?;
            arg.set_item("positional", a.positional)?;
            arg.set_item("default", a.default)?;
            arg.set_item("doc", a.doc)?;
            match a.kind {
                ArgKind::Refrigerant => arg.set_item("kind", "refrigerant")?,
                ArgKind::Number { unit, min, max } => {
                    arg.set_item("kind", "number")?;
                    arg.set_item("unit", unit)?;
                    arg.set_item("range", (min, max))?;
                }
            }
            args.append(arg)?;
        }
        item.set_item("args", args)?;
        let ports: Vec<_> = d.ports.iter().map(|p| (p.name, p.doc)).collect();
        item.set_item("ports", ports)?;
        let parameters: Vec<_> = d.parameters.iter().map(|p| (p.name, p.unit, p.min, p.max)).collect();
        item.set_item("parameters", parameters)?;
        let outputs: Vec<_> = d.outputs.iter().map(|o| (o.name, o.unit, o.doc)).collect();
        item.set_item("outputs", outputs)?;
        item.set_item("cop", d.cop.name())?;
        list.append(item)?;
    }
    Ok(list)
}
