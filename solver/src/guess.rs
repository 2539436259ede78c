//! Automatic initial guess.
//!
//! Knowledge of the connection states is propagated through the components
//! until nothing changes: boundary sources give their state, heat exchangers
//! place the refrigerant pressure at the saturation pressure of the secondary
//! inlet temperature minus (evaporator) or plus (condenser) an 8 K approach,
//! pressure, dew- and bubble-temperature specifications give the pressure, mass-flow
//! specifications the mass flow, the other port specifications the enthalpy of their
//! connection, heat-flow specifications the mass flow once their flow path's
//! enthalpies are known, compressors give the
//! mass flow of their map, valves and exchangers pass mass flow and pressure on.
//! Controlled parameters start from their current value, clamped to the control
//! bounds.
use crate::topology::Layout;
use crate::{SolverError, Specification, System};
use entropyk_components::PortGuess;
use nalgebra::DVector;

/// Largest number of propagation sweeps over the components.
const MAX_SWEEPS: usize = 64;

/// Builds the initial unknown vector of a finalized system.
pub(crate) fn initial_guess(system: &System, layout: &Layout) -> Result<DVector<f64>, SolverError> {
    let n_conn = system.connections.len();
    let mut seed = vec![PortGuess::default(); n_conn];
    for (k, guess) in &system.user_guesses {
        seed[*k] = *guess;
    }
    let params = crate::assemble::effective_parameters(system, layout, &start_controls(system, layout, n_conn));
    let port_specs = port_specifications(system, layout);
    // A specification can give its connection's enthalpy only once the pressure
    // there is known, and by then the neighbouring heat exchanger has already
    // offered its generic outlet state (5 K superheat, 3 K subcooling), which
    // the compressor and valve have propagated. So propagate once to learn the
    // pressures at the specified connections, then again from those pressures,
    // so that the specifications set their enthalpies first: the guess then meets
    // superheat, subcooling and temperature set points exactly.
    let first = propagate(system, layout, &params, &port_specs, seed.clone());
    for (_, k, _) in &port_specs {
        if let Some(p) = first[*k].p {
            seed[*k].offer_p(p);
        }
    }
    let known = propagate(system, layout, &params, &port_specs, seed);
    let mut x = start_controls(system, layout, n_conn);
    for (k, g) in known.iter().enumerate() {
        let missing = |quantity| SolverError::GuessIncomplete {
            connection: system.connection_label(k),
            quantity,
        };
        x[3 * k] = g.p.ok_or_else(|| missing("pressure"))?;
        x[3 * k + 1] = g.h.ok_or_else(|| missing("enthalpy"))?;
        x[3 * k + 2] = g.m.ok_or_else(|| missing("mass flow"))?;
    }
    Ok(x)
}

/// The port set points (not heat flows) of the specifications and active
/// controls, with their connection and medium.
fn port_specifications<'s>(
    system: &'s System,
    layout: &'s Layout,
) -> Vec<(&'s Specification, usize, &'s entropyk_components::Medium)> {
    system
        .specifications
        .iter()
        .zip(&layout.specifications)
        .chain(
            layout
                .controls
                .iter()
                .map(|c| (&system.controls[c.control].specification, &c.specification)),
        )
        .filter(|(s, _)| !matches!(s, Specification::HeatFlow { .. }))
        .map(|(s, r)| (s, r.connections[0], &r.medium))
        .collect()
}

/// Propagates the partial knowledge `known` through the specifications and the
/// components until nothing changes (at most [`MAX_SWEEPS`] sweeps).
fn propagate(
    system: &System,
    layout: &Layout,
    params: &[Vec<f64>],
    port_specs: &[(&Specification, usize, &entropyk_components::Medium)],
    mut known: Vec<PortGuess>,
) -> Vec<PortGuess> {
    let heat_flows: Vec<_> = system
        .specifications
        .iter()
        .zip(&layout.specifications)
        .filter(|(s, _)| matches!(s, Specification::HeatFlow { .. }))
        .collect();
    let mut local = Vec::with_capacity(8);
    for _ in 0..MAX_SWEEPS {
        let before = known.clone();
        for (spec, k, medium) in port_specs {
            let g = &mut known[*k];
            if let Some(p) = spec.pressure_at(medium) {
                g.offer_p(p);
            }
            if let Specification::MassFlow { kg_per_s, .. } = spec {
                g.offer_m(*kg_per_s);
            }
            if let (Some(p), None) = (g.p, g.h) {
                if let Some(h) = spec.enthalpy_at(medium, p) {
                    g.offer_h(h);
                }
            }
        }
        // A heat-flow set point with both enthalpies of its flow path known gives the
        // mass flow, `m = Q / (h_out - h_in)` (a TESPy-style cycle whose flow is set by
        // the evaporator duty), when the sign agrees.
        for (spec, resolved) in &heat_flows {
            let (a, b) = (resolved.connections[0], resolved.connections[1]);
            if let (Some(h_in), Some(h_out), None) = (known[a].h, known[b].h, known[a].m) {
                let m = spec.value() / (h_out - h_in);
                if m.is_finite() && m > 0.0 {
                    known[a].offer_m(m);
                }
            }
        }
        for (ci, component) in system.components.iter().enumerate() {
            let ports = &layout.port_connections[ci];
            // A component whose ports are all known has nothing to add.
            if ports
                .iter()
                .all(|&k| known[k].p.is_some() && known[k].h.is_some() && known[k].m.is_some())
            {
                continue;
            }
            local.clear();
            local.extend(ports.iter().map(|&k| known[k]));
            component.guess(&mut local, &params[ci]);
            for (&k, g) in layout.port_connections[ci].iter().zip(&local) {
                known[k] = *g;
            }
        }
        if known == before {
            break;
        }
    }
    known
}

/// An unknown vector with zero connection states and the controls at their
/// current parameter values, clamped to the control bounds.
fn start_controls(system: &System, layout: &Layout, n_conn: usize) -> DVector<f64> {
    let mut x = DVector::zeros(3 * n_conn + layout.controls.len());
    for c in &layout.controls {
        let control = &system.controls[c.control];
        x[c.column] = system.parameters[c.component][c.parameter].clamp(control.min, control.max);
    }
    x
}
