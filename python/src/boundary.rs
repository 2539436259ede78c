//! The native half of the argument boundary (`entropyk/_boundary.py`).
//!
//! PyO3 converts a constructor's arguments before its body runs, so a wrong argument
//! type, an unknown keyword or an out-of-range count raises a bare `TypeError` /
//! `OverflowError` that no Rust code sees. `entropyk/_boundary.py` therefore gives
//! every class a Python `__new__` that converts those into `ValidationError`. Once a
//! class's `__new__` is replaced, CPython no longer reaches the native constructor
//! through the class (its slot now points at the Python `__new__`), so this module
//! records each class's native constructor slot at module initialisation and
//! [`_construct`] calls it.
use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};
use std::sync::OnceLock;

/// (type object address, native `tp_new`) of every class of the module.
static NATIVE_NEW: OnceLock<Vec<(usize, ffi::newfunc)>> = OnceLock::new();

/// Records the native constructor of every class of `m` (call after adding them).
pub(crate) fn record_constructors(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let mut table = Vec::new();
    for (_, value) in m.dict().iter() {
        if let Ok(ty) = value.cast::<PyType>() {
            // Safety: `ty` is a live type object (a PyO3 class, so a heap type, for
            // which PyType_GetSlot is defined); reading a slot has no side effect.
            let slot = unsafe { ffi::PyType_GetSlot(ty.as_type_ptr(), ffi::Py_tp_new) };
            if !slot.is_null() {
                // Safety: the Py_tp_new slot holds a `newfunc` (CPython's contract).
                let new = unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::newfunc>(slot) };
                table.push((ty.as_type_ptr() as usize, new));
            }
        }
    }
    // A second initialisation of the module (a second interpreter) keeps the first
    // table: PyO3 modules can be initialised only once per process.
    let _ = NATIVE_NEW.set(table);
    Ok(())
}

/// `_construct(cls, args, kwargs)`: calls the native constructor of `cls` (a class of
/// this module) with `args` and `kwargs`, as `cls(*args, **kwargs)` did before
/// `entropyk/_boundary.py` wrapped it.
#[pyfunction]
#[pyo3(signature = (cls, args, kwargs=None))]
pub(crate) fn _construct<'py>(
    cls: &Bound<'py, PyType>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let address = cls.as_type_ptr() as usize;
    let new = NATIVE_NEW
        .get()
        .and_then(|table| table.iter().find(|(ty, _)| *ty == address))
        .map(|&(_, new)| new)
        .ok_or_else(|| PyTypeError::new_err("not a class of entropyk._core"))?;
    // Safety: `new` was read from this very type's Py_tp_new slot at module
    // initialisation, so it is a `newfunc` expecting this type (the classes are
    // final: `cls` is exactly the type recorded); the type objects live as long as
    // the process. `args` is a tuple and `kwargs` a dict or NULL, as `newfunc`
    // requires; the result is a new reference or NULL with an exception set.
    unsafe {
        let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
        Bound::from_owned_ptr_or_err(cls.py(), new(cls.as_type_ptr(), args.as_ptr(), kwargs))
    }
}
