//! Topology and degrees-of-freedom errors name the offending part.
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

#[test]
fn unconnected_port_is_named() {
    let r134a = Fluid::new("R134a").unwrap();
    let mut system = System::new();
    system.add(ExpansionValve::new("valve", r134a)).unwrap();
    match system.finalize() {
        Err(SolverError::PortUnconnected { component, port }) => {
            assert_eq!(component, "valve");
            assert_eq!(port, "inlet");
        }
        other => panic!("expected PortUnconnected, got {other:?}"),
    }
}

#[test]
fn unknown_port_lists_available_ports() {
    let mut system = System::new();
    system
        .add(ExpansionValve::new("valve", Fluid::new("R134a").unwrap()))
        .unwrap();
    let err = system.connect("valve.out", "valve.inlet").unwrap_err();
    match err {
        SolverError::UnknownPort {
            component,
            port,
            available,
        } => {
            assert_eq!((component.as_str(), port.as_str()), ("valve", "out"));
            assert_eq!(available, vec!["inlet", "outlet"]);
        }
        other => panic!("expected UnknownPort, got {other:?}"),
    }
}

#[test]
fn connection_must_go_outlet_to_inlet() {
    let r134a = Fluid::new("R134a").unwrap();
    let mut system = System::new();
    system.add(ExpansionValve::new("a", r134a.clone())).unwrap();
    system.add(ExpansionValve::new("b", r134a)).unwrap();
    system.connect("a.inlet", "b.outlet").unwrap();
    system.connect("a.outlet", "b.inlet").unwrap();
    assert!(matches!(system.finalize(), Err(SolverError::DirectionMismatch { .. })));
}

#[test]
fn port_connected_twice_is_rejected() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let err = system.connect("comp.outlet", "valve.inlet").unwrap_err();
    assert!(
        matches!(err, SolverError::PortConnectedTwice { ref component, port } if component == "comp" && port == "outlet")
    );
}

#[test]
fn missing_specification_is_reported_with_the_closed_circuit() {
    let r134a = Fluid::new("R134a").unwrap();
    let water = IncompressibleLiquid::WATER;
    let mut system = System::new();
    system
        .add(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A).unwrap())
        .unwrap();
    system
        .add(Condenser::new("cond", r134a.clone(), water, 50e3).unwrap())
        .unwrap();
    system.add(ExpansionValve::new("valve", r134a.clone())).unwrap();
    system
        .add(Evaporator::new("evap", r134a, water, 60e3).unwrap())
        .unwrap();
    system.add_liquid_stream("cond", water, 2e5, 303.15, 17.7).unwrap();
    system.add_liquid_stream("evap", water, 2e5, 285.15, 14.3).unwrap();
    system.connect_loop(&["comp", "cond", "valve", "evap"]).unwrap();
    system
        .add_specification(Specification::superheat("evap.refrigerant_out", 5.0))
        .unwrap();
    match system.finalize() {
        Err(SolverError::DegreesOfFreedom {
            kind,
            equations,
            unknowns,
            detail,
        }) => {
            assert_eq!(kind, "under-specified");
            assert_eq!(unknowns, 24);
            assert_eq!(equations, 23);
            assert!(detail.contains("[comp, cond, valve, evap]"), "{detail}");
            assert!(
                detail.contains("carries superheat = 5 K at 'evap.refrigerant_out'"),
                "{detail}"
            );
        }
        other => panic!("expected DegreesOfFreedom, got {other:?}"),
    }
}

#[test]
fn over_specification_is_reported() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_specification(Specification::subcooling("valve.outlet", 1.0))
        .unwrap();
    match system.finalize() {
        Err(SolverError::DegreesOfFreedom {
            kind: "over-specified",
            detail,
            ..
        }) => {
            assert!(detail.starts_with("Remove 1 specification(s)"), "{detail}");
            assert!(detail.contains("subcooling = 1 K at 'valve.outlet'"), "{detail}");
        }
        other => panic!("expected over-specified, got {other:?}"),
    }
}

#[test]
fn finalize_reports_the_redundant_mass_balance() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let report = system.finalize().unwrap();
    assert_eq!(report.unknowns, 24);
    assert_eq!(report.redundant_mass_balances.len(), 1);
    assert_eq!(
        report.redundant_mass_balances[0].0,
        vec!["comp", "cond", "valve", "evap"]
    );
}

#[test]
fn specification_on_water_is_rejected() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_specification(Specification::superheat("evap.secondary_out", 2.0))
        .unwrap();
    assert!(matches!(
        system.finalize(),
        Err(SolverError::InvalidSpecification { .. })
    ));
}

#[test]
fn invalid_specification_value_is_rejected() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    for bad in [-1.0, 100.5, f64::NAN] {
        let err = system
            .add_specification(Specification::superheat("comp.inlet", bad))
            .unwrap_err();
        assert!(
            matches!(err, SolverError::InvalidSpecification { .. }),
            "{bad}: {err:?}"
        );
    }
}

#[test]
fn operational_state_is_set_by_name() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    assert!(matches!(
        system.set_operational_state("nope", OperationalState::Off),
        Err(SolverError::UnknownComponent { .. })
    ));
    // The ideal valve has no third equation for a bypass.
    assert!(matches!(
        system.set_operational_state("valve", OperationalState::Bypass),
        Err(SolverError::Component(_))
    ));
    system.set_operational_state("cond", OperationalState::Off).unwrap();
    assert_eq!(
        system
            .components()
            .find(|c| c.name() == "cond")
            .unwrap()
            .operational_state(),
        OperationalState::Off
    );
    system.set_operational_state("cond", OperationalState::On).unwrap();
    assert!(system.solve(&NewtonConfig::default()).unwrap().converged());
}
