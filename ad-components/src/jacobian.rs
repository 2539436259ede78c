//! Exact component Jacobians from forward-mode dual numbers.
//!
//! The unknowns of a component (`3 * n_ports` port variables, followed by the
//! parameters asked for) are seeded as the derivative directions of a static dual
//! vector `DualSVec64<N>`; one generic residual evaluation then yields a block of
//! `N` Jacobian columns. Up to 6 variables take one pass with `N = 6`, more take
//! passes of 12 columns.
use crate::{ComponentError, ComponentModel, PortState};
use nalgebra::{Const, U1};
use num_dual::DualSVec64;

/// Largest number of equations a component may have.
pub const MAX_EQUATIONS: usize = 24;
/// Largest number of ports a component may have.
pub const MAX_PORTS: usize = 8;
/// Largest number of parameters a component may have.
pub const MAX_PARAMETERS: usize = 8;

/// Fills `residuals` and the row-major `jacobian`
/// (`n_equations x (3 n_ports + parameter_columns.len())`) of `model`.
pub fn dual_jacobian<M: ComponentModel>(
    model: &M,
    ports: &[PortState<f64>],
    parameters: &[f64],
    parameter_columns: &[usize],
    residuals: &mut [f64],
    jacobian: &mut [f64],
) -> Result<(), ComponentError> {
    let n_vars = 3 * ports.len() + parameter_columns.len();
    if n_vars <= 6 {
        columns::<M, 6>(model, ports, parameters, parameter_columns, residuals, jacobian, 0)
    } else {
        let mut start = 0;
        while start < n_vars {
            columns::<M, 12>(model, ports, parameters, parameter_columns, residuals, jacobian, start)?;
            start += 12;
        }
        Ok(())
    }
}

/// Evaluates the Jacobian columns `start .. start + N` (clipped to the number of variables).
fn columns<M: ComponentModel, const N: usize>(
    model: &M,
    ports: &[PortState<f64>],
    parameters: &[f64],
    parameter_columns: &[usize],
    residuals: &mut [f64],
    jacobian: &mut [f64],
    start: usize,
) -> Result<(), ComponentError> {
    let n_ports = ports.len();
    let n_vars = 3 * n_ports + parameter_columns.len();
    let n_eq = model.n_equations();
    assert!(
        n_ports <= MAX_PORTS && n_eq <= MAX_EQUATIONS && parameters.len() <= MAX_PARAMETERS,
        "component too large for the dual Jacobian buffers"
    );
    let seed = |value: f64, index: usize| -> DualSVec64<N> {
        let x = DualSVec64::<N>::from_re(value);
        if index >= start && index < start + N {
            x.derivative(index - start)
        } else {
            x
        }
    };
    let zero = DualSVec64::<N>::from_re(0.0);
    let mut dual_ports = [PortState {
        p: zero,
        h: zero,
        m: zero,
    }; MAX_PORTS];
    for (k, port) in ports.iter().enumerate() {
        dual_ports[k] = PortState {
            p: seed(port.p, 3 * k),
            h: seed(port.h, 3 * k + 1),
            m: seed(port.m, 3 * k + 2),
        };
    }
    let mut dual_parameters = [zero; MAX_PARAMETERS];
    for (k, value) in parameters.iter().enumerate() {
        dual_parameters[k] = match parameter_columns.iter().position(|&c| c == k) {
            Some(column) => seed(*value, 3 * n_ports + column),
            None => DualSVec64::from_re(*value),
        };
    }
    let mut r = [zero; MAX_EQUATIONS];
    model.residuals(
        &dual_ports[..n_ports],
        &dual_parameters[..parameters.len()],
        &mut r[..n_eq],
    )?;
    for (i, ri) in r[..n_eq].iter().enumerate() {
        residuals[i] = ri.re;
        let eps = ri.eps.unwrap_generic(Const::<N>, U1);
        for j in 0..N.min(n_vars.saturating_sub(start)) {
            jacobian[i * n_vars + start + j] = eps[j];
        }
    }
    Ok(())
}
