//! Shared helpers of the integration tests.
use entropyk::prelude::*;

/// Checks the dual-number Jacobian of `component` at `ports` against central finite
/// differences of its residuals, column by column.
pub fn assert_jacobian_matches_fd(component: &dyn Component, ports: &[PortState<f64>]) {
    let n_eq = component.n_equations();
    let n_vars = 3 * ports.len();
    let mut r = vec![0.0; n_eq];
    let mut jac = vec![0.0; n_eq * n_vars];
    component.jacobian(ports, &mut r, &mut jac).expect("jacobian evaluates");
    let mut r0 = vec![0.0; n_eq];
    component.residuals(ports, &mut r0).expect("residuals evaluate");
    for (a, b) in r.iter().zip(&r0) {
        assert!(
            (a - b).abs() <= 1e-12 * (1.0 + b.abs()),
            "dual real part {a} != f64 residual {b}"
        );
    }
    for j in 0..n_vars {
        let (k, v) = (j / 3, j % 3);
        let base = [ports[k].p, ports[k].h, ports[k].m][v];
        let step = 1e-6 * base.abs().max([1e3, 1e2, 1e-3][v]);
        let shifted = |delta: f64| {
            let mut q = ports.to_vec();
            match v {
                0 => q[k].p += delta,
                1 => q[k].h += delta,
                _ => q[k].m += delta,
            }
            let mut out = vec![0.0; n_eq];
            component
                .residuals(&q, &mut out)
                .expect("residuals evaluate near the point");
            out
        };
        let (plus, minus) = (shifted(step), shifted(-step));
        for i in 0..n_eq {
            let fd = (plus[i] - minus[i]) / (2.0 * step);
            let ad = jac[i * n_vars + j];
            let scale = ad
                .abs()
                .max(fd.abs())
                .max(1e-8 * row_scale(&jac[i * n_vars..(i + 1) * n_vars], ports));
            assert!(
                (ad - fd).abs() <= 1e-5 * scale,
                "{}: d r{i} / d x{j}: dual {ad:e} vs finite difference {fd:e}",
                component.name()
            );
        }
    }
}

/// Largest |J_ij x_j| of a Jacobian row, to judge entries that are zero.
fn row_scale(row: &[f64], ports: &[PortState<f64>]) -> f64 {
    row.iter()
        .enumerate()
        .map(|(j, a)| {
            let s = &ports[j / 3];
            (a * [s.p, s.h, s.m][j % 3]).abs()
        })
        .fold(0.0, f64::max)
}
