//! JSON round trips of systems and solutions (issue 6d: systems travel to the
//! workers of a distributed sweep and back as results).
//!
//! A reloaded system must write the same JSON and solve to the same solution (to
//! 1e-12 relative; in practice bit for bit, the solve being deterministic); a
//! solution must round-trip exactly; bad documents must give typed errors.
use entropyk::components::{ComponentError, ComponentModel, Medium, PortGuess, PortSpec};
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use entropyk::thermo::Scalar;

/// Largest relative difference between two state vectors.
fn max_rel_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / x.abs().max(1e-300))
        .fold(0.0, f64::max)
}

/// Writes `system`, reads it back, checks the JSON is a fixed point, solves both
/// and checks the solutions agree; returns the original's solution.
fn assert_round_trip(system: System) -> Solution {
    let json = system.to_json().unwrap();
    let copy = System::from_json(&json).unwrap();
    assert_eq!(copy.to_json().unwrap(), json, "JSON of the reloaded system differs");
    // Compared whether or not the solutions pass the validity check (the single-zone
    // parallel evaporators do not): a reloaded system must give the same answer.
    let (a, _) = crate::common::converged(system.solve(&NewtonConfig::default())).unwrap();
    let (b, _) = crate::common::converged(copy.solve(&NewtonConfig::default())).unwrap();
    assert!(a.converged() && b.converged());
    let diff = max_rel_diff(a.state_vector(), b.state_vector());
    assert!(diff <= 1e-12, "reloaded system solves differently: {diff:e}");
    assert_eq!(a.connection_labels(), b.connection_labels());
    assert!((a.cooling_cop().unwrap() - b.cooling_cop().unwrap()).abs() <= 1e-12 * a.cooling_cop().unwrap());
    // Solving does not change the definition (the layout is recomputed on load).
    assert_eq!(
        System::from_json(&system.to_json().unwrap())
            .unwrap()
            .to_json()
            .unwrap(),
        system.to_json().unwrap()
    );
    a
}

#[test]
fn reference_chiller_round_trips_and_solves_identically() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system.set_parameter("comp.speed", 0.9).unwrap();
    system
        .set_parameter("evap_secondary_source.temperature", 286.15)
        .unwrap();
    let s = assert_round_trip(system.clone());
    // The parameter values, not the construction values, travel.
    let copy = System::from_json(&system.to_json().unwrap()).unwrap();
    assert_eq!(copy.parameter("comp.speed").unwrap(), 0.9);
    assert_eq!(copy.parameter("evap_secondary_source.temperature").unwrap(), 286.15);
    assert_eq!(s.parameter("comp.speed"), Some(0.9));
}

/// Orifice valve whose opening is an inverse control on superheat, a user initial
/// guess, a finalized system.
#[test]
fn controlled_orifice_chiller_with_guess_round_trips() {
    let r134a = Fluid::new("R134a").unwrap();
    let water = IncompressibleLiquid::WATER;
    let mut system = System::new();
    system
        .add(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A).unwrap())
        .unwrap();
    system
        .add(Condenser::new("cond", r134a.clone(), water, 50e3).unwrap())
        .unwrap();
    system
        .add(Evaporator::new("evap", r134a.clone(), water, 60e3).unwrap())
        .unwrap();
    system
        .add(ExpansionValve::orifice("valve", r134a, 1.0e-4, 0.5).unwrap())
        .unwrap();
    system.add_liquid_stream("cond", water, 2e5, 303.15, 17.7).unwrap();
    system.add_liquid_stream("evap", water, 2e5, 285.15, 14.3).unwrap();
    system.connect_loop(&["comp", "cond", "valve", "evap"]).unwrap();
    system
        .add_specification(Specification::subcooling("cond.refrigerant_out", 3.0))
        .unwrap();
    system
        .add_control(Control::new(
            "valve.opening",
            Specification::superheat("evap.refrigerant_out", 5.0),
            0.05,
            1.0,
        ))
        .unwrap();
    system
        .set_guess(
            "comp.outlet",
            PortGuess {
                p: Some(8.5e5),
                h: None,
                m: None,
            },
        )
        .unwrap();
    system.finalize().unwrap();
    let json = system.to_json().unwrap();
    assert!(json.contains("\"finalized\":true") && json.contains("valve.opening"));
    let s = assert_round_trip(system);
    let opening = s.parameter("valve.opening").unwrap();
    assert!(opening > 0.05 && opening < 1.0, "opening {opening}");
}

/// Two evaporators in parallel (splitter, merger, efficiency compressor, three
/// water streams) and a component switched to another operating mode.
#[test]
fn parallel_evaporators_round_trip() {
    let (system, _) = crate::parallel_evaporators::parallel_evaporators();
    assert_round_trip(system.clone());
    // The operating mode travels with the component (the splitter's Bypass has the
    // same equations as On, so the system stays solvable).
    let mut bypassed = system;
    bypassed
        .set_operational_state("split", OperationalState::Bypass)
        .unwrap();
    let json = bypassed.to_json().unwrap();
    assert!(json.contains("\"state\":\"bypass\""));
    let copy = System::from_json(&json).unwrap();
    let split = copy.components().find(|c| c.name() == "split").unwrap();
    assert_eq!(split.operational_state(), OperationalState::Bypass);
}

#[test]
fn solution_round_trips_exactly() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    let json = s.to_json().unwrap();
    let t = Solution::from_json(&json).unwrap();
    assert_eq!(t.to_json().unwrap(), json);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(t.state_vector()), bits(s.state_vector()));
    assert_eq!(t.connection_labels(), s.connection_labels());
    assert_eq!(t.connection_media(), s.connection_media());
    assert_eq!(t.outputs(), s.outputs());
    assert_eq!(t.parameters(), s.parameters());
    assert_eq!(t.history(), s.history());
    assert_eq!((t.converged(), t.iterations()), (s.converged(), s.iterations()));
    assert_eq!(t.residual().to_bits(), s.residual().to_bits());
    assert_eq!(t.cooling_cop().unwrap().to_bits(), s.cooling_cop().unwrap().to_bits());
    for port in ["comp.inlet", "evap.secondary_out", "cond.refrigerant_out"] {
        assert_eq!(t.port(port), s.port(port));
        assert_eq!(t.temperature(port), s.temperature(port));
    }
    // A reloaded solution warm-starts the system it came from.
    let warm = system.solve_from(&NewtonConfig::default(), &t).unwrap();
    assert!(warm.iterations() <= 1);
}

/// A solution's warnings (here the map extrapolated: condenser water at 46 degC puts
/// the discharge dew point above the map's 50 degC) survive the JSON round trip.
#[test]
fn solution_warnings_round_trip() {
    let s = r134a_chiller(&ChillerSpec {
        condenser_water_in: 319.15,
        ..ChillerSpec::default()
    })
    .unwrap()
    .solve(&NewtonConfig::default())
    .unwrap();
    assert_eq!(
        s.warnings().iter().map(|w| w.law).collect::<Vec<_>>(),
        [entropyk::components::Law::MapExtrapolation]
    );
    let json = s.to_json().unwrap();
    let t = Solution::from_json(&json).unwrap();
    assert_eq!(t.warnings(), s.warnings());
    assert_eq!(t.to_json().unwrap(), json);
    let unknown = json.replace("map_extrapolation", "perpetual_motion");
    assert!(matches!(
        Solution::from_json(&unknown),
        Err(SolverError::Serialization { .. })
    ));
}

#[test]
fn bad_documents_give_typed_errors() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let json = system.to_json().unwrap();
    let serialization = |r: Result<System, SolverError>| matches!(r, Err(SolverError::Serialization { .. }));
    assert!(serialization(System::from_json("not json")));
    assert!(serialization(System::from_json(&json[..json.len() / 2])));
    assert!(serialization(System::from_json(&json.replacen(
        "\"Compressor\"",
        "\"WarpDrive\"",
        1
    ))));
    assert!(serialization(System::from_json(&json.replacen("\"ua\"", "\"uaa\"", 1))));
    let unknown_fluid = System::from_json(&json.replacen("\"R134a\"", "\"R999\"", 1));
    assert!(
        matches!(
            &unknown_fluid,
            Err(SolverError::Component(ComponentError::Fluid {
                source: FluidError::UnknownFluid { .. },
                ..
            }))
        ),
        "{unknown_fluid:?}"
    );
    // Out-of-range values are caught by the constructors and the building calls.
    let bad_ua = System::from_json(&json.replacen("\"ua\":50000.0", "\"ua\":-1.0", 1));
    assert!(
        matches!(
            bad_ua,
            Err(SolverError::Component(ComponentError::InvalidParameter { .. }))
        ),
        "{bad_ua:?}"
    );
    let bad_port = System::from_json(&json.replacen("comp.outlet", "comp.exhaust", 1));
    assert!(matches!(bad_port, Err(SolverError::UnknownPort { .. })), "{bad_port:?}");
    let not_a_solution = Solution::from_json(&json);
    assert!(matches!(
        not_a_solution,
        Err(SolverError::Serialization { what: "solution", .. })
    ));
    // A solution whose sizes disagree is refused rather than trusted.
    let solved = r134a_chiller(&ChillerSpec::default()).unwrap();
    let s = solved.solve(&NewtonConfig::default()).unwrap().to_json().unwrap();
    let truncated = s.replacen("\"n_connections\":8", "\"n_connections\":9", 1);
    assert!(matches!(
        Solution::from_json(&truncated),
        Err(SolverError::Serialization { .. })
    ));
}

/// A user-defined model (no `to_spec`): an adiabatic pass-through.
#[derive(Debug, Clone)]
struct UserPassThrough {
    ports: [PortSpec; 2],
}

impl ComponentModel for UserPassThrough {
    fn name(&self) -> &str {
        "mine"
    }
    fn kind(&self) -> &'static str {
        "UserPassThrough"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        3
    }
    fn residuals<D: Scalar>(
        &self,
        ports: &[PortState<D>],
        _parameters: &[D],
        r: &mut [D],
    ) -> Result<(), ComponentError> {
        r[0] = ports[1].m - ports[0].m;
        r[1] = ports[1].p - ports[0].p;
        r[2] = ports[1].h - ports[0].h;
        Ok(())
    }
}

#[test]
fn user_component_is_not_serializable() {
    let mut system = System::new();
    let medium = Medium::Secondary(IncompressibleLiquid::WATER);
    system
        .add(UserPassThrough {
            ports: [
                PortSpec::inlet("inlet", medium.clone()),
                PortSpec::outlet("outlet", medium),
            ],
        })
        .unwrap();
    match system.to_json() {
        Err(SolverError::NotSerializable { component, kind }) => {
            assert_eq!((component.as_str(), kind), ("mine", "UserPassThrough"))
        }
        other => panic!("expected NotSerializable, got {other:?}"),
    }
}
