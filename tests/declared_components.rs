//! Components declared once (issue 13): the Economizer, added through its single
//! declaration, in a system, through JSON, and with its COP role.
use entropyk::components::declaration::{ArgKind, CopRole, Declared};
use entropyk::components::registry::{declaration, DECLARATIONS};
use entropyk::components::{Economizer, ExpansionValve, FlowSink, FlowSource, OperationalState};
use entropyk::solver::{NewtonConfig, Solution, Specification, System};
use entropyk::thermo::Fluid;

/// Liquid at 10 bar, 32 degC (1 kg/s) subcooled by 0.3 kg/s of the same liquid
/// throttled to `p_mid` through an expansion valve: the economizer of a
/// vapour-injection cycle, fed from boundaries.
fn economized_liquid_line(ua: f64, p_mid: f64) -> System {
    let fluid = Fluid::new("R134a").unwrap();
    let h_liquid = fluid.state_pt(10e5, 305.15).unwrap().h;
    let mut s = System::new();
    s.add(FlowSource::refrigerant_ph("liquid", fluid.clone(), 10e5, h_liquid, 1.0).unwrap())
        .unwrap();
    s.add(FlowSource::refrigerant_ph("tap", fluid.clone(), 10e5, h_liquid, 0.3).unwrap())
        .unwrap();
    s.add(ExpansionValve::new("injection_valve", fluid.clone())).unwrap();
    s.add(Economizer::new("eco", fluid.clone(), ua).unwrap()).unwrap();
    s.add(FlowSink::refrigerant("to_valve", fluid.clone())).unwrap();
    s.add(FlowSink::refrigerant("to_compressor", fluid)).unwrap();
    for (from, to) in [
        ("liquid.outlet", "eco.liquid_in"),
        ("eco.liquid_out", "to_valve.inlet"),
        ("tap.outlet", "injection_valve.inlet"),
        ("injection_valve.outlet", "eco.injection_in"),
        ("eco.injection_out", "to_compressor.inlet"),
    ] {
        s.connect(from, to).unwrap();
    }
    s.add_specification(Specification::pressure("injection_valve.outlet", p_mid))
        .unwrap();
    s
}

fn temperature(s: &Solution, port: &str) -> f64 {
    s.temperature(port).unwrap()
}

#[test]
fn the_economizer_subcools_the_liquid_line_by_its_own_injection() {
    let system = economized_liquid_line(2.0e3, 4e5);
    let s = system.solve(&NewtonConfig::default()).unwrap();
    let q = s.output("eco", "heat_flow").unwrap();
    assert!(q < 0.0, "heat into the liquid line is negative: {q}");
    // energy balance of both lines, and a real subcooling below the inlet
    let h = |port: &str| s.port(port).unwrap().h;
    assert!(((h("eco.liquid_out") - h("eco.liquid_in")) * 1.0 - q).abs() < 1e-6 * q.abs());
    assert!(((h("eco.injection_out") - h("eco.injection_in")) * 0.3 + q).abs() < 1e-6 * q.abs());
    assert!(temperature(&s, "eco.liquid_out") < temperature(&s, "eco.liquid_in") - 1.0);
    // the liquid never goes below the injection's saturation temperature
    assert!(temperature(&s, "eco.liquid_out") > temperature(&s, "eco.injection_in"));
    assert_eq!(s.cop_roles()[3], CopRole::None);
    // bypass: both lines pass unchanged
    let mut bypassed = system.clone();
    bypassed.set_operational_state("eco", OperationalState::Bypass).unwrap();
    let b = bypassed.solve(&NewtonConfig::default()).unwrap();
    assert_eq!(b.output("eco", "heat_flow"), Some(0.0));
    assert!((b.port("eco.liquid_out").unwrap().h - b.port("eco.liquid_in").unwrap().h).abs() < 1e-6);
}

#[test]
fn the_declaration_round_trips_through_json_with_one_owner_per_parameter() {
    let mut system = economized_liquid_line(2.0e3, 4e5);
    system.set_parameter("eco.ua", 3.5e3).unwrap();
    let json = system.to_json().unwrap();
    // ua appears once, as the declared component's argument, at the table's value
    assert_eq!(json.matches("3500").count(), 1, "{json}");
    assert!(json.contains("\"type\":\"Declared\"") && json.contains("\"kind\":\"Economizer\""));
    let copy = System::from_json(&json).unwrap();
    assert_eq!(copy.parameter("eco.ua").unwrap(), 3.5e3);
    assert_eq!(copy.to_json().unwrap(), json);
    let (a, b) = (
        system.solve(&NewtonConfig::default()).unwrap(),
        copy.solve(&NewtonConfig::default()).unwrap(),
    );
    assert_eq!(a.state_vector(), b.state_vector());
    // a bad document is a typed error naming the argument
    let bad = json.replace("\"ua\":3500.0", "\"ua\":-1.0");
    let err = System::from_json(&bad).unwrap_err().to_string();
    assert!(err.contains("eco") && err.contains("ua"), "{err}");
    let unknown = json.replace("\"kind\":\"Economizer\"", "\"kind\":\"Nothing\"");
    let err = System::from_json(&unknown).unwrap_err().to_string();
    assert!(err.contains("Nothing") && err.contains("Economizer"), "{err}");
}

#[test]
fn the_registry_holds_every_declaration_once_with_consistent_parts() {
    let kinds: Vec<_> = DECLARATIONS.iter().map(|d| d.kind).collect();
    let mut unique = kinds.clone();
    unique.dedup();
    assert_eq!(kinds, unique);
    assert!(declaration("Economizer").is_some());
    for d in DECLARATIONS {
        // every parameter has the constructor argument that gives its initial value
        for p in d.parameters {
            let arg = d.args.iter().find(|a| a.name == p.name);
            assert!(arg.is_some(), "{}: {}", d.kind, p.name);
            // the argument takes the parameter's unit and range
            assert_eq!(arg.unwrap().kind, ArgKind::parameter(*p), "{}: {}", d.kind, p.name);
        }
        let doc = d.docstring();
        for section in ["Arguments:", "Ports:", "Outputs", "Operational states:", "COP role:"] {
            assert!(doc.contains(section), "{}: {section}", d.kind);
        }
    }
    assert_eq!(Economizer::DECLARATION.kind, "Economizer");
}

#[test]
fn an_injection_too_small_to_stay_two_phase_is_a_physics_error() {
    // 3500 W/K against 0.12 kg/s of injection: the single-zone model would superheat the
    // injection far above the liquid; the validity check names the economizer.
    let mut system = economized_liquid_line(3.5e3, 4e5);
    system.set_parameter("tap.mass_flow", 0.12).unwrap();
    match system.solve(&NewtonConfig::default()) {
        Err(entropyk::solver::SolverError::Physics { violations, .. }) => {
            assert!(violations.iter().any(|v| v.component == "eco"), "{violations:?}");
        }
        other => panic!("expected a physics error, got {other:?}"),
    }
}
