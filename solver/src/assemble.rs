//! Assembly of the global residual vector and Jacobian from component blocks.
use crate::topology::Layout;
use crate::{SolverError, System};
use entropyk_components::{ComponentError, PortState};
use nalgebra::{DMatrix, DVector};
use num_dual::DualSVec64;

/// Port states of component `ci` read from the unknown vector `x`.
fn gather(layout: &Layout, ci: usize, x: &DVector<f64>, out: &mut Vec<PortState<f64>>) {
    out.clear();
    out.extend(layout.port_connections[ci].iter().map(|&k| PortState {
        p: x[3 * k],
        h: x[3 * k + 1],
        m: x[3 * k + 2],
    }));
}

/// Port states of every connection, in connection order.
pub(crate) fn connection_states(x: &DVector<f64>) -> Vec<PortState<f64>> {
    (0..x.len() / 3)
        .map(|k| PortState {
            p: x[3 * k],
            h: x[3 * k + 1],
            m: x[3 * k + 2],
        })
        .collect()
}

/// Residuals at `x`; with `jacobian`, also the exact Jacobian.
pub(crate) fn evaluate(
    system: &System,
    layout: &Layout,
    x: &DVector<f64>,
    residuals: &mut DVector<f64>,
    mut jacobian: Option<&mut DMatrix<f64>>,
) -> Result<(), SolverError> {
    let mut ports = Vec::with_capacity(8);
    let mut local_r = [0.0; entropyk_components::jacobian::MAX_EQUATIONS];
    let mut local_j =
        vec![0.0; entropyk_components::jacobian::MAX_EQUATIONS * 3 * entropyk_components::jacobian::MAX_PORTS];
    if let Some(j) = jacobian.as_deref_mut() {
        j.fill(0.0);
    }
    for (ci, component) in system.components.iter().enumerate() {
        let n_eq = component.n_equations();
        if n_eq == 0 {
            continue;
        }
        gather(layout, ci, x, &mut ports);
        let params = &system.parameters[ci];
        let n_vars = 3 * ports.len() + params.len();
        match jacobian.as_deref_mut() {
            Some(j) => {
                component.jacobian(&ports, params, &mut local_r[..n_eq], &mut local_j[..n_eq * n_vars])?;
                for (eq, row) in layout.rows[ci].iter().enumerate() {
                    let Some(row) = *row else { continue };
                    for (pi, &k) in layout.port_connections[ci].iter().enumerate() {
                        for v in 0..3 {
                            j[(row, 3 * k + v)] += local_j[eq * n_vars + 3 * pi + v];
                        }
                    }
                }
            }
            None => component.residuals(&ports, params, &mut local_r[..n_eq])?,
        }
        for (eq, row) in layout.rows[ci].iter().enumerate() {
            if let Some(row) = *row {
                residuals[row] = local_r[eq];
            }
        }
    }
    for (si, (spec, resolved)) in system.specifications.iter().zip(&layout.specifications).enumerate() {
        let row = layout.specification_row + si;
        let k = resolved.connection;
        let fluid_error = |e| {
            SolverError::Component(ComponentError::fluid(
                &format!("specification {} at {}", spec.describe(), spec.port()),
                "connection",
                e,
            ))
        };
        match jacobian.as_deref_mut() {
            Some(j) => {
                let p = DualSVec64::<2>::from_re(x[3 * k]).derivative(0);
                let h = DualSVec64::<2>::from_re(x[3 * k + 1]).derivative(1);
                let r = spec.residual(&resolved.fluid, p, h).map_err(fluid_error)?;
                let eps = r.eps.unwrap_generic(nalgebra::Const::<2>, nalgebra::U1);
                residuals[row] = r.re;
                j[(row, 3 * k)] = eps[0];
                j[(row, 3 * k + 1)] = eps[1];
            }
            None => {
                residuals[row] = spec
                    .residual(&resolved.fluid, x[3 * k], x[3 * k + 1])
                    .map_err(fluid_error)?
            }
        }
    }
    Ok(())
}
