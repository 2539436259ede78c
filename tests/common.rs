//! Shared helpers of the integration tests.
use entropyk::prelude::*;

/// Checks the dual-number Jacobian of `component` at `ports` (and its default
/// parameter values) against central finite differences of its residuals, column
/// by column: port variables first, then parameters.
pub fn assert_jacobian_matches_fd(component: &dyn Component, ports: &[PortState<f64>]) {
    let params = component.parameter_values();
    let n_eq = component.n_equations();
    let n_vars = 3 * ports.len() + params.len();
    let mut r = vec![0.0; n_eq];
    let mut jac = vec![0.0; n_eq * n_vars];
    let all_parameters: Vec<usize> = (0..params.len()).collect();
    component
        .jacobian(ports, &params, &all_parameters, &mut r, &mut jac)
        .expect("jacobian evaluates");
    let mut r0 = vec![0.0; n_eq];
    component
        .residuals(ports, &params, &mut r0)
        .expect("residuals evaluate");
    let mut x: Vec<f64> = ports
        .iter()
        .flat_map(|s| [s.p, s.h, s.m])
        .chain(params.iter().copied())
        .collect();
    for (i, (a, b)) in r.iter().zip(&r0).enumerate() {
        // Residuals are often differences of large terms (`m (h_out - h_in) - Q`), and the
        // dual and f64 paths may round those terms differently (flashes polish dual results
        // with an extra Newton step): the tolerance scales with the size of the row's terms,
        // estimated as max_c |J_ic x_c|.
        let terms = (0..n_vars)
            .map(|c| (jac[i * n_vars + c] * x[c]).abs())
            .fold(0.0, f64::max);
        assert!(
            (a - b).abs() <= 1e-12 * (1.0 + b.abs() + terms),
            "dual real part {a} != f64 residual {b}"
        );
    }
    let floors: Vec<f64> = (0..n_vars)
        .map(|j| {
            if j < 3 * ports.len() {
                [1e3, 1e2, 1e-3][j % 3]
            } else {
                1e-3
            }
        })
        .collect();
    let eval = |x: &[f64]| {
        let q: Vec<PortState<f64>> = (0..ports.len())
            .map(|k| PortState {
                p: x[3 * k],
                h: x[3 * k + 1],
                m: x[3 * k + 2],
            })
            .collect();
        let mut out = vec![0.0; n_eq];
        component
            .residuals(&q, &x[3 * ports.len()..], &mut out)
            .expect("residuals evaluate near the point");
        out
    };
    for j in 0..n_vars {
        let base = x[j];
        let step = 1e-6 * base.abs().max(floors[j]);
        x[j] = base + step;
        let plus = eval(&x);
        x[j] = base - step;
        let minus = eval(&x);
        x[j] = base;
        for i in 0..n_eq {
            let fd = (plus[i] - minus[i]) / (2.0 * step);
            let ad = jac[i * n_vars + j];
            let row_scale = (0..n_vars)
                .map(|c| (jac[i * n_vars + c] * x[c].abs().max(floors[c])).abs())
                .fold(0.0, f64::max);
            let scale = ad.abs().max(fd.abs()).max(1e-8 * row_scale);
            assert!(
                (ad - fd).abs() <= 1e-5 * scale,
                "{}: d r{i} / d x{j}: dual {ad:e} vs finite difference {fd:e}",
                component.name()
            );
        }
    }
}
