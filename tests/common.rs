//! Shared helpers of the integration tests.
use entropyk::prelude::*;

/// Checks the dual-number Jacobian of `component` at `ports` (and its default
/// parameter values) against central finite differences of its residuals, column
/// by column: port variables first, then parameters. Each entry must agree to 1e-5
/// relative (entries below 1e-8 of the row's scale `max_c |J_ic x_c|` count as that
/// size), plus the round-off of the difference quotient itself: a residual whose terms
/// are of size `row_scale` is rounded by about 1e-16 of that, which a step of
/// `1e-6 scale_j` turns into `1e-10 row_scale / scale_j` (allowed four times). That
/// term matters only for small steps in large rows, such as the mass flow of a pipe
/// at zero flow (step 1e-9 kg/s) in a pressure row of 1e6 Pa. The dual residuals'
/// real parts must equal the f64 residuals.
pub fn assert_jacobian_matches_fd(component: &dyn Component, ports: &[PortState<f64>]) {
    let (x, r, jac) = dual_jacobian(component, ports);
    let params = component.parameter_values();
    let mut r0 = vec![0.0; r.len()];
    component
        .residuals(ports, &params, &mut r0)
        .expect("residuals evaluate");
    let n_vars = x.len();
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
    assert_columns_match_fd(component, ports, x, &jac, |ad, fd, row_scale, scale_j| {
        1e-5 * ad.abs().max(fd.abs()).max(1e-8 * row_scale) + 4e-10 * row_scale / scale_j
    });
}

/// The unknowns `x` (port variables, then parameters), the dual residuals and the
/// row-major Jacobian of `component` at `ports` and its default parameter values.
pub fn dual_jacobian(component: &dyn Component, ports: &[PortState<f64>]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let params = component.parameter_values();
    let n_eq = component.n_equations();
    let n_vars = 3 * ports.len() + params.len();
    let mut r = vec![0.0; n_eq];
    let mut jac = vec![0.0; n_eq * n_vars];
    let all_parameters: Vec<usize> = (0..params.len()).collect();
    component
        .jacobian(ports, &params, &all_parameters, &mut r, &mut jac)
        .expect("jacobian evaluates");
    let x = ports
        .iter()
        .flat_map(|s| [s.p, s.h, s.m])
        .chain(params.iter().copied())
        .collect();
    (x, r, jac)
}

/// Compares each Jacobian entry `ad = jac[i][j]` with the central difference `fd` of
/// residual i over a step `1e-6 max(|x_j|, floor_j)` (floors 1e3 Pa, 1e2 J/kg, 1e-3 kg/s,
/// 1e-3 for parameters): `|ad - fd| <= allowed(ad, fd, row_scale, scale_j)`, where
/// `row_scale = max_c |J_ic| max(|x_c|, floor_c)` and `scale_j = max(|x_j|, floor_j)`.
pub fn assert_columns_match_fd(
    component: &dyn Component,
    ports: &[PortState<f64>],
    mut x: Vec<f64>,
    jac: &[f64],
    allowed: impl Fn(f64, f64, f64, f64) -> f64,
) {
    let n_eq = component.n_equations();
    let n_vars = x.len();
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
        let scale_j = base.abs().max(floors[j]);
        let step = 1e-6 * scale_j;
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
            assert!(
                (ad - fd).abs() <= allowed(ad, fd, row_scale, scale_j),
                "{}: d r{i} / d x{j}: dual {ad:e} vs finite difference {fd:e}",
                component.name()
            );
        }
    }
}

/// Checks a solved water/water cycle (components `comp`, `cond`, `valve`, `evap`)
/// against the columns `reference(name)` of an independent CoolProp calculation:
/// pressures, enthalpies, mass flow and duties to 1e-8 relative, power and COP to 1e-7
/// (they involve the small difference h2s - h1), water outlet temperatures to 1e-10.
pub fn assert_cycle_matches_reference(s: &Solution, case: &str, reference: impl Fn(&str) -> f64) {
    let checks = [
        ("p1_pa", s.port("comp.inlet").unwrap().p, 1e-8),
        ("p2_pa", s.port("comp.outlet").unwrap().p, 1e-8),
        ("h1", s.port("comp.inlet").unwrap().h, 1e-8),
        ("h2", s.port("comp.outlet").unwrap().h, 1e-8),
        ("h3", s.port("cond.refrigerant_out").unwrap().h, 1e-8),
        ("h4", s.port("valve.outlet").unwrap().h, 1e-8),
        ("m_kg_s", s.port("comp.inlet").unwrap().m, 1e-8),
        ("q_evap_w", s.output("evap", "heat_flow").unwrap(), 1e-8),
        ("q_cond_w", -s.output("cond", "heat_flow").unwrap(), 1e-8),
        ("power_w", s.output("comp", "power").unwrap(), 1e-7),
        ("cop_cooling", s.cooling_cop().unwrap(), 1e-7),
        (
            "t_evap_water_out_k",
            s.temperature("evap.secondary_out").unwrap(),
            1e-10,
        ),
        (
            "t_cond_water_out_k",
            s.temperature("cond.secondary_out").unwrap(),
            1e-10,
        ),
    ];
    for (name, ours, tol) in checks {
        let reference = reference(name);
        let rel = (ours - reference).abs() / reference.abs();
        assert!(
            rel < tol,
            "{case}: {name} = {ours} vs CoolProp {reference} (rel {rel:e})"
        );
    }
}

/// The converged solution of `result`, whether it passed the validity check or not
/// (a [`SolverError::Physics`] carries it), and the laws it breaks. For the reference
/// comparisons of the single-zone exchangers and the epsilon-NTU gas cooler, whose
/// equations a CoolProp script reproduces at points where these simplified models
/// cross their temperature profiles: the equations are still compared, and each test
/// states which laws its points break.
pub fn converged(
    result: Result<Solution, SolverError>,
) -> Result<(Solution, Vec<entropyk::components::Violation>), SolverError> {
    match result {
        Ok(s) => Ok((s, Vec::new())),
        Err(SolverError::Physics { violations, solution }) => Ok((*solution, violations)),
        Err(e) => Err(e),
    }
}

/// `(component, law)` of each violation, for assertions.
pub fn broken(violations: &[entropyk::components::Violation]) -> Vec<(String, entropyk::components::Law)> {
    violations.iter().map(|v| (v.component.clone(), v.law)).collect()
}
