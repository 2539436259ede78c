//! The validity check of a converged solution: every component's envelope
//! ([`entropyk_components::ComponentModel::check_validity`]) and the checks that
//! concern a connection's state, whatever the components around it.
//!
//! Connection checks:
//! * every state has a positive absolute pressure ([`Law::EosRange`]);
//! * a refrigerant state lies inside its equation of state's range: pressure at most
//!   the EOS limit, temperature between the triple point and the EOS limit
//!   ([`Law::EosRange`]);
//! * a secondary liquid named `"Water"` is neither frozen (below 273.15 K, the
//!   freezing point at atmospheric pressure; its pressure dependence, -7.4e-8 K/Pa, is
//!   below 0.1 K up to 1 MPa) nor boiling (at or above the saturation temperature of
//!   IAPWS-95 at its pressure) ([`Law::Freezing`], [`Law::Boiling`]). Other
//!   constant-property media (air, user-defined brines) carry no phase limits of
//!   their own and are checked for pressure only.
use crate::assemble::{connection_states, effective_parameters};
use crate::topology::Layout;
use crate::System;
use entropyk_components::{Law, Medium, PortState, Violation};
use entropyk_thermo::Fluid;
use nalgebra::DVector;
use std::sync::OnceLock;

/// Freezing point of water at atmospheric pressure, K.
pub const WATER_FREEZING_POINT: f64 = 273.15;

/// Every law or limit broken at the unknowns `x` (components in system order, then
/// connections).
pub(crate) fn check(system: &System, layout: &Layout, x: &DVector<f64>) -> Vec<Violation> {
    let states = connection_states(x, system.connections.len());
    let params = effective_parameters(system, layout, x);
    let mut out = Vec::new();
    let mut ports = Vec::new();
    for (ci, component) in system.components.iter().enumerate() {
        ports.clear();
        ports.extend(layout.port_connections[ci].iter().map(|&k| states[k]));
        component.check_validity(&ports, &params[ci], &mut out);
    }
    for (connection, state) in system.connections.iter().zip(&states) {
        let component = &system.components[connection.from.component];
        let port = &component.ports()[connection.from.port];
        check_state(component.name(), port.name, &port.medium, state, &mut out);
    }
    out
}

/// The connection checks of one state (see the module documentation).
fn check_state(component: &str, port: &'static str, medium: &Medium, s: &PortState<f64>, out: &mut Vec<Violation>) {
    let violation = |law, quantity, value| Violation::found(component, Some(port), law, quantity, value);
    if !(s.p > 0.0) {
        out.push(violation(Law::EosRange, "pressure [Pa]", s.p).at_least(0.0));
        return;
    }
    match medium {
        Medium::Refrigerant(fluid) => {
            if s.p > fluid.max_pressure() {
                out.push(violation(Law::EosRange, "pressure [Pa]", s.p).at_most(fluid.max_pressure()));
                return;
            }
            match fluid.state_ph(s.p, s.h) {
                Ok(state) if state.t < fluid.triple_temperature() => {
                    out.push(violation(Law::EosRange, "temperature [K]", state.t).at_least(fluid.triple_temperature()))
                }
                Ok(state) if state.t > fluid.max_temperature() => {
                    out.push(violation(Law::EosRange, "temperature [K]", state.t).at_most(fluid.max_temperature()))
                }
                Ok(_) => {}
                Err(_) => out.push(enthalpy_out_of_range(
                    fluid,
                    s,
                    violation(Law::EosRange, "enthalpy [J/kg]", s.h),
                )),
            }
        }
        Medium::Secondary(liquid) if liquid.name == "Water" => {
            let t = liquid.temperature(s.h, s.p);
            if t < WATER_FREEZING_POINT {
                out.push(violation(Law::Freezing, "temperature [K]", t).at_least(WATER_FREEZING_POINT));
            } else if let Some(t_boil) = water_boiling_point(s.p).filter(|t_boil| t >= *t_boil) {
                out.push(violation(Law::Boiling, "temperature [K]", t).at_most(t_boil));
            }
        }
        Medium::Secondary(_) => {}
    }
}

/// The violation of an enthalpy the flash cannot place: above `h(p, T_max)` or
/// below `h(p, T_triple)`.
fn enthalpy_out_of_range(fluid: &Fluid, s: &PortState<f64>, v: entropyk_components::validity::Builder) -> Violation {
    match fluid.state_pt(s.p, fluid.max_temperature()) {
        Ok(top) if s.h > top.h => v.at_most(top.h),
        _ => match fluid.state_pt(s.p, fluid.triple_temperature()) {
            Ok(bottom) => v.at_least(bottom.h),
            Err(_) => v.at_most(f64::NAN),
        },
    }
}

/// Saturation temperature of water (IAPWS-95) at `p`, K; `None` above the critical
/// pressure (no boiling) or below the triple-point pressure.
fn water_boiling_point(p: f64) -> Option<f64> {
    static WATER: OnceLock<Option<Fluid>> = OnceLock::new();
    let water = WATER.get_or_init(|| Fluid::new("Water").ok()).as_ref()?;
    water.saturation_temperatures(p).ok().map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use entropyk_components::IncompressibleLiquid;

    fn laws(medium: &Medium, p: f64, h: f64) -> Vec<Law> {
        let mut out = Vec::new();
        check_state("c", "outlet", medium, &PortState { p, h, m: 1.0 }, &mut out);
        out.iter().map(|v| v.law).collect()
    }

    #[test]
    fn water_is_neither_frozen_nor_boiling() {
        let w = IncompressibleLiquid::WATER;
        let medium = Medium::Secondary(w);
        assert_eq!(laws(&medium, 2e5, w.enthalpy(285.15, 2e5)), []);
        assert_eq!(laws(&medium, 2e5, w.enthalpy(268.15, 2e5)), [Law::Freezing]);
        // 2 bar: water boils at 393.36 K (IAPWS-95).
        assert_eq!(laws(&medium, 2e5, w.enthalpy(390.0, 2e5)), []);
        assert_eq!(laws(&medium, 2e5, w.enthalpy(395.0, 2e5)), [Law::Boiling]);
        assert_eq!(laws(&medium, -1.0, 0.0), [Law::EosRange]);
        // Air has no phase limits here.
        let air = Medium::Secondary(IncompressibleLiquid::AIR);
        assert_eq!(laws(&air, 1e5, IncompressibleLiquid::AIR.enthalpy(240.0, 1e5)), []);
    }

    #[test]
    fn refrigerant_states_stay_inside_the_eos() {
        let fluid = Fluid::new("R134a").unwrap();
        let medium = Medium::Refrigerant(fluid.clone());
        let h = fluid.state_pt(3e5, 280.0).unwrap().h;
        assert_eq!(laws(&medium, 3e5, h), []);
        assert_eq!(laws(&medium, 3e5, 5e9), [Law::EosRange]);
        assert_eq!(laws(&medium, 1e12, h), [Law::EosRange]);
    }
}
