//! A cycle drawn as a TESPy user draws it (issue 13's benchmark case): an R134a cycle
//! of an isentropic-efficiency compressor, one-stream condenser and evaporator and an
//! ideal valve, stated by saturation temperatures, superheat, subcooling and the
//! evaporator duty; swept over its evaporating dew temperature through the set point.
use entropyk::components::{ExpansionValve, IsentropicCompressor, SimpleHeatExchanger};
use entropyk::solver::{sweep, NewtonConfig, Quantity, Solution, Specification, System};
use entropyk::thermo::Fluid;

const T_EVAP: f64 = 268.15;
const T_COND: f64 = 313.15;

/// The cycle at evaporating dew temperature `t_evap` (K): 40 degC condensing dew
/// temperature, 5 K superheat, 3 K subcooling, eta_s 0.75, 10 kW evaporator duty.
pub fn tespy_cycle(t_evap: f64) -> System {
    let r134a = Fluid::new("R134a").unwrap();
    let mut s = System::new();
    s.add(IsentropicCompressor::new("comp", r134a.clone(), 0.75).unwrap())
        .unwrap();
    s.add(SimpleHeatExchanger::new("cond", r134a.clone(), 1.0).unwrap())
        .unwrap();
    s.add(ExpansionValve::new("valve", r134a.clone())).unwrap();
    s.add(SimpleHeatExchanger::new("evap", r134a, 1.0).unwrap()).unwrap();
    s.connect_loop(&["comp", "cond", "valve", "evap"]).unwrap();
    for spec in [
        Specification::dew_temperature("evap.outlet", t_evap),
        Specification::superheat("evap.outlet", 5.0),
        Specification::dew_temperature("cond.outlet", T_COND),
        Specification::subcooling("cond.outlet", 3.0),
        Specification::heat_flow("evap", 10e3),
    ] {
        s.add_specification(spec).unwrap();
    }
    s
}

/// The same cycle computed by hand from the equation of state (state points in
/// sequence, no solver): (COP, mass flow, power).
fn by_hand(t_evap: f64) -> (f64, f64, f64) {
    let f = Fluid::new("R134a").unwrap();
    let p_evap = f.saturation_t(t_evap).unwrap().p_dew;
    let p_cond = f.saturation_t(T_COND).unwrap().p_dew;
    let suction = f.state_pt(p_evap, t_evap + 5.0).unwrap();
    let h2s = f.state_ps(p_cond, suction.s).unwrap().h;
    let h2 = suction.h + (h2s - suction.h) / 0.75;
    let t_bubble = f.saturation_p(p_cond).unwrap().t_bubble;
    let h3 = f.state_pt(p_cond, t_bubble - 3.0).unwrap().h;
    let m = 10e3 / (suction.h - h3);
    let w = m * (h2 - suction.h);
    (10e3 / w, m, w)
}

fn check(s: &Solution, t_evap: f64) {
    let (cop, m, w) = by_hand(t_evap);
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-8 * b.abs();
    assert!(close(s.output("comp", "power").unwrap(), w), "{t_evap}");
    assert!(close(s.port("comp.inlet").unwrap().m, m), "{t_evap}");
    let q_evap = s.output("evap", "heat_flow").unwrap();
    assert!(close(q_evap, 10e3) && close(q_evap / s.output("comp", "power").unwrap(), cop));
}

#[test]
fn the_tespy_style_cycle_matches_the_cycle_computed_by_hand() {
    let system = tespy_cycle(T_EVAP);
    let s = system.solve(&NewtonConfig::default()).unwrap();
    check(&s, T_EVAP);
    // first law over the loop: the condenser rejects the duty plus the work
    let q_cond = s.output("cond", "heat_flow").unwrap();
    assert!((q_cond + 10e3 + s.output("comp", "power").unwrap()).abs() < 1e-6);
}

#[test]
fn the_evaporating_temperature_sweeps_through_its_set_point() {
    let system = tespy_cycle(T_EVAP);
    let values: Vec<f64> = (0..200).map(|k| 253.15 + 25.0 * k as f64 / 199.0).collect();
    let results = sweep(&system, "t_dew:evap.outlet", &values, &NewtonConfig::default()).unwrap();
    for (t, r) in values.iter().zip(&results) {
        check(r.as_ref().unwrap(), *t);
    }
    // a 0.1 K change of the set point, re-solved warm in place
    let mut system = system;
    let first = system.solve(&NewtonConfig::default()).unwrap();
    system.set_value("t_dew:evap.outlet", T_EVAP + 0.1).unwrap();
    let warm = system.solve_from(&NewtonConfig::default(), &first).unwrap();
    check(&warm, T_EVAP + 0.1);
    assert!(warm.iterations() <= 3, "{:?}", warm.history());
}

#[test]
fn saturated_outlets_and_quality_and_mass_flow_set_points() {
    // 0 K subcooling (saturated liquid) and 0 K superheat (saturated vapour)
    let mut system = tespy_cycle(T_EVAP);
    system.set_value("subcooling:cond.outlet", 0.0).unwrap();
    system.set_value("superheat:evap.outlet", 0.0).unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    let f = Fluid::new("R134a").unwrap();
    let (p_cond, p_evap) = (s.port("cond.outlet").unwrap().p, s.port("evap.outlet").unwrap().p);
    assert!((s.port("cond.outlet").unwrap().h - f.saturation_p(p_cond).unwrap().h_liquid).abs() < 1e-6);
    assert!((s.port("evap.outlet").unwrap().h - f.saturation_p(p_evap).unwrap().h_vapor).abs() < 1e-6);
    // the same states stated as qualities x = 0 and x = 1, and the duty as a mass flow
    let mut by_quality = tespy_cycle(T_EVAP);
    by_quality.remove_specification("subcooling:cond.outlet").unwrap();
    by_quality.remove_specification("superheat:evap.outlet").unwrap();
    by_quality
        .add_specification(Specification::quality("cond.outlet", 0.0))
        .unwrap();
    by_quality
        .add_specification(Specification::quality("evap.outlet", 1.0))
        .unwrap();
    by_quality.remove_specification("heat_flow:evap").unwrap();
    let m = s.port("evap.inlet").unwrap().m;
    by_quality
        .add_specification(Specification::mass_flow("evap.inlet", m))
        .unwrap();
    let q = by_quality.solve(&NewtonConfig::default()).unwrap();
    for (a, b) in q.state_vector().iter().zip(s.state_vector()) {
        assert!((a - b).abs() <= 1e-7 * b.abs().max(1.0), "{a} {b}");
    }
    // out-of-range set points are typed errors
    assert!(by_quality.set_value("quality:evap.outlet", 1.5).is_err());
    assert!(by_quality.set_value("mass_flow:evap.inlet", f64::NAN).is_err());
}

/// The exact sensitivities (implicit function theorem on the assembled Jacobian, whose
/// rows include the dew-temperature, quality and mass-flow set points) against central
/// differences of converged solves.
#[test]
fn sensitivities_through_the_new_set_points_match_central_differences() {
    let mut by_quality = tespy_cycle(T_EVAP);
    by_quality.remove_specification("subcooling:cond.outlet").unwrap();
    by_quality
        .add_specification(Specification::quality("cond.outlet", 0.0))
        .unwrap();
    by_quality.remove_specification("heat_flow:evap").unwrap();
    by_quality
        .add_specification(Specification::mass_flow("evap.inlet", 0.07))
        .unwrap();
    for system in [tespy_cycle(T_EVAP), by_quality] {
        let config = NewtonConfig::default();
        let s = system.solve(&config).unwrap();
        let q = Quantity::HeatFlow("cond".into());
        let exact = system.sensitivity(&s, &q, "comp.eta_s").unwrap();
        let at = |eta: f64| {
            let mut twin = system.clone();
            twin.set_parameter("comp.eta_s", eta).unwrap();
            twin.solve(&config).unwrap().output("cond", "heat_flow").unwrap()
        };
        let d = 1e-5;
        let fd = (at(0.75 + d) - at(0.75 - d)) / (2.0 * d);
        assert!((exact - fd).abs() <= 1e-5 * fd.abs(), "{exact} {fd}");
    }
}
