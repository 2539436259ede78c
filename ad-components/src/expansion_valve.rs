//! Isenthalpic expansion valve.
use crate::guess::pass_mass;
use crate::{ComponentError, ComponentModel, FlowPath, Medium, PortGuess, PortSpec, PortState};
use entropyk_thermo::{Fluid, Scalar};

/// An adiabatic throttling device: `h_out = h_in`, `m_out = m_in`.
///
/// Throttling is isenthalpic because no work and no heat cross the valve and the
/// kinetic-energy change is negligible (e.g. ASHRAE Handbook Refrigeration,
/// ch. 11). The outlet pressure is left free: the valve behaves as an ideal
/// thermostatic or electronic valve whose opening settles where a superheat
/// specification of the system is met. A fixed-opening valve with an orifice /
/// Kv flow equation comes with the full component set.
///
/// Ports: `"inlet"`, `"outlet"`; two equations.
#[derive(Debug, Clone)]
pub struct ExpansionValve {
    name: String,
    ports: [PortSpec; 2],
}

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

impl ExpansionValve {
    /// An isenthalpic valve for `fluid`.
    ///
    /// ```
    /// use entropyk_components::ExpansionValve;
    /// use entropyk_thermo::Fluid;
    /// let valve = ExpansionValve::new("valve", Fluid::new("R134a").unwrap());
    /// ```
    pub fn new(name: &str, fluid: Fluid) -> Self {
        ExpansionValve {
            name: name.to_owned(),
            ports: [
                PortSpec::inlet("inlet", Medium::Refrigerant(fluid.clone())),
                PortSpec::outlet("outlet", Medium::Refrigerant(fluid)),
            ],
        }
    }
}

impl ComponentModel for ExpansionValve {
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "ExpansionValve"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        2
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], _params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let (inlet, outlet) = (ports[0], ports[1]);
        r[0] = outlet.m - inlet.m;
        r[1] = outlet.h - inlet.h;
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
        pass_mass(0, 1, ports);
        if let Some(h) = ports[0].h {
            ports[1].offer_h(h);
        }
        if let Some(h) = ports[1].h {
            ports[0].offer_h(h);
        }
    }
}
