//! Automatic initial guess.
//!
//! Knowledge of the connection states is propagated through the components
//! until nothing changes: boundary sources give their state, heat exchangers
//! place the refrigerant pressure at the saturation pressure of the secondary
//! inlet temperature minus (evaporator) or plus (condenser) an 8 K approach,
//! specifications give the enthalpy of their connection, compressors give the
//! mass flow of their map, valves and exchangers pass mass flow and pressure on.
use crate::{SolverError, System};
use entropyk_components::PortGuess;
use nalgebra::DVector;

/// Largest number of propagation sweeps over the components.
const MAX_SWEEPS: usize = 64;

/// Builds the initial unknown vector of a finalized system.
pub(crate) fn initial_guess(system: &System) -> Result<DVector<f64>, SolverError> {
    let layout = system.layout.as_ref().expect("finalized");
    let n_conn = system.connections.len();
    let mut known = vec![PortGuess::default(); n_conn];
    for (k, guess) in &system.user_guesses {
        known[*k] = *guess;
    }
    let mut local = Vec::with_capacity(8);
    for _ in 0..MAX_SWEEPS {
        let before = known.clone();
        for (spec, resolved) in system.specifications.iter().zip(&layout.specifications) {
            let g = &mut known[resolved.connection];
            if let (Some(p), None) = (g.p, g.h) {
                if let Ok(h) = spec.enthalpy_at(&resolved.fluid, p) {
                    g.offer_h(h);
                }
            }
        }
        for (ci, component) in system.components.iter().enumerate() {
            local.clear();
            local.extend(layout.port_connections[ci].iter().map(|&k| known[k]));
            component.guess(&mut local, &system.parameters[ci]);
            for (&k, g) in layout.port_connections[ci].iter().zip(&local) {
                known[k] = *g;
            }
        }
        if known == before {
            break;
        }
    }
    let mut x = DVector::zeros(3 * n_conn);
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
