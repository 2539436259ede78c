//! Assembly of the global residual vector and Jacobian from component blocks.
use crate::jacobian::Jacobian;
use crate::topology::{Layout, ResolvedSpecification};
use crate::{SolverError, Specification, System};
use entropyk_components::jacobian::{MAX_EQUATIONS, MAX_PARAMETERS, MAX_PORTS};
use entropyk_components::{ComponentError, PortState};
use nalgebra::{Const, DVector, U1};
use num_dual::DualSVec64;
use std::borrow::Cow;
use std::cell::Cell;

/// Port states of every connection, in connection order (the first `3 n_conn` unknowns).
pub(crate) fn connection_states(x: &DVector<f64>, n_connections: usize) -> Vec<PortState<f64>> {
    (0..n_connections).map(|k| port_state(x.as_slice(), k)).collect()
}

/// The state of connection `k`: its `p`, `h`, `m` at `3k..3k + 3` of the unknowns `x`
/// (a slice: indexing a `DVector` goes through its strides).
#[inline]
fn port_state(x: &[f64], k: usize) -> PortState<f64> {
    let s = &x[3 * k..3 * k + 3];
    PortState {
        p: s[0],
        h: s[1],
        m: s[2],
    }
}

/// Parameter values of every component with the controlled ones read from `x` (the
/// system's own values, borrowed, when no control is active or held at a bound).
pub(crate) fn effective_parameters<'a>(system: &'a System, layout: &Layout, x: &DVector<f64>) -> Cow<'a, [Vec<f64>]> {
    if layout.controls.is_empty() && layout.held.iter().all(Option::is_none) {
        return Cow::Borrowed(&system.parameters);
    }
    let mut params = system.parameters.clone();
    for (control, held) in system.controls.iter().zip(&layout.held) {
        if let Some(bound) = *held {
            if let Ok((ci, pi)) = system.resolve_parameter(&control.parameter) {
                params[ci][pi] = bound;
            }
        }
    }
    for c in &layout.controls {
        params[c.component][c.parameter] = x[c.column];
    }
    Cow::Owned(params)
}

/// Residuals at `x`; with `jacobian`, also the exact Jacobian.
pub(crate) fn evaluate(
    system: &System,
    layout: &Layout,
    x: &DVector<f64>,
    residuals: &mut DVector<f64>,
    mut jacobian: Option<&mut Jacobian>,
) -> Result<(), SolverError> {
    let params = effective_parameters(system, layout, x);
    let mut ports = Vec::with_capacity(MAX_PORTS);
    let mut local_r = [0.0; MAX_EQUATIONS];
    // one component's Jacobian block (row-major, every entry written by the component),
    // kept per thread between evaluations
    thread_local! {
        static LOCAL_J: Cell<Vec<f64>> = const { Cell::new(Vec::new()) };
    }
    let mut local_j = Vec::new();
    if let Some(j) = jacobian.as_deref_mut() {
        j.clear();
        local_j = LOCAL_J.take();
        local_j.resize(MAX_EQUATIONS * (3 * MAX_PORTS + MAX_PARAMETERS), 0.0);
    }
    for (ci, component) in system.components.iter().enumerate() {
        let n_eq = component.n_equations();
        if n_eq == 0 {
            continue;
        }
        ports.clear();
        ports.extend(layout.port_connections[ci].iter().map(|&k| port_state(x.as_slice(), k)));
        let n_ports = ports.len();
        match jacobian.as_deref_mut() {
            Some(j) => {
                // Differentiate only the parameters that are unknowns (controls).
                let mut controlled = [0usize; MAX_PARAMETERS];
                let mut columns = [0usize; MAX_PARAMETERS];
                let mut n_controlled = 0;
                for c in layout.controls.iter().filter(|c| c.component == ci) {
                    controlled[n_controlled] = c.parameter;
                    columns[n_controlled] = c.column;
                    n_controlled += 1;
                }
                let n_vars = 3 * n_ports + n_controlled;
                component.jacobian(
                    &ports,
                    &params[ci],
                    &controlled[..n_controlled],
                    &mut local_r[..n_eq],
                    &mut local_j[..n_eq * n_vars],
                )?;
                for (eq, row) in layout.rows[ci].iter().enumerate() {
                    let Some(row) = *row else { continue };
                    let local = &local_j[eq * n_vars..(eq + 1) * n_vars];
                    for (pi, &k) in layout.port_connections[ci].iter().enumerate() {
                        for v in 0..3 {
                            j.add(row, 3 * k + v, local[3 * pi + v]);
                        }
                    }
                    for (c, &column) in columns[..n_controlled].iter().enumerate() {
                        j.add(row, column, local[3 * n_ports + c]);
                    }
                }
            }
            None => component.residuals(&ports, &params[ci], &mut local_r[..n_eq])?,
        }
        for (eq, row) in layout.rows[ci].iter().enumerate() {
            if let Some(row) = *row {
                residuals[row] = local_r[eq];
            }
        }
    }
    if !local_j.is_empty() {
        LOCAL_J.set(local_j);
    }
    let specs = system.specifications.iter().zip(&layout.specifications);
    let controls = layout
        .controls
        .iter()
        .map(|c| (&system.controls[c.control].specification, &c.specification));
    for (i, (spec, resolved)) in specs.chain(controls).enumerate() {
        let row = layout.specification_row + i;
        evaluate_specification(spec, resolved, x, row, residuals, jacobian.as_deref_mut())?;
    }
    Ok(())
}

/// One specification row: residual and, with a Jacobian, its exact derivatives with
/// respect to the (at most two) connections it reads.
pub(crate) fn evaluate_specification(
    spec: &Specification,
    resolved: &ResolvedSpecification,
    x: &DVector<f64>,
    row: usize,
    residuals: &mut DVector<f64>,
    jacobian: Option<&mut Jacobian>,
) -> Result<(), SolverError> {
    let fluid_error = |e| {
        SolverError::Component(ComponentError::fluid(
            &format!("specification {} at '{}'", spec.describe(), spec.target()),
            "connection",
            e,
        ))
    };
    let conns = &resolved.connections;
    match jacobian {
        Some(j) => {
            let mut states = [PortState {
                p: DualSVec64::<6>::from_re(0.0),
                h: DualSVec64::from_re(0.0),
                m: DualSVec64::from_re(0.0),
            }; 2];
            for (slot, &k) in conns.iter().enumerate() {
                let seed = |v: usize| DualSVec64::<6>::from_re(x[3 * k + v]).derivative(3 * slot + v);
                states[slot] = PortState {
                    p: seed(0),
                    h: seed(1),
                    m: seed(2),
                };
            }
            let r = spec
                .residual(&resolved.medium, &states[..conns.len()])
                .map_err(fluid_error)?;
            let eps = r.eps.unwrap_generic(Const::<6>, U1);
            residuals[row] = r.re;
            for (slot, &k) in conns.iter().enumerate() {
                for v in 0..3 {
                    j.add(row, 3 * k + v, eps[3 * slot + v]);
                }
            }
        }
        None => {
            let mut states = [PortState { p: 0.0, h: 0.0, m: 0.0 }; 2];
            for (slot, &k) in conns.iter().enumerate() {
                states[slot] = port_state(x.as_slice(), k);
            }
            residuals[row] = spec
                .residual(&resolved.medium, &states[..conns.len()])
                .map_err(fluid_error)?;
        }
    }
    Ok(())
}
