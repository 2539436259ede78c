//! Flow merger: adiabatic mixing of several streams into one.
use crate::guess::pass_pressure;
use crate::splitter::MAX_BRANCHES;
use crate::{ComponentError, ComponentModel, FlowPath, Medium, OperationalState, PortGuess, PortSpec, PortState};
use entropyk_thermo::Scalar;

/// Port names of the inlets of a merger.
const INLET_NAMES: [&str; MAX_BRANCHES] = [
    "inlet_1", "inlet_2", "inlet_3", "inlet_4", "inlet_5", "inlet_6", "inlet_7",
];

/// Adiabatic mixing of `N` (2..=7) streams into one (TESPy's `Merge`; refrigerant or
/// secondary medium); steady-flow energy balance of an adiabatic, work-free control
/// volume with negligible kinetic and potential energy changes (e.g. Cengel & Boles,
/// *Thermodynamics*, 8th ed., §5-4, mixing chambers):
///
/// * mass balance `m_out - sum_k m_in,k = 0` (one equation);
/// * `p_in,k = p_out` for every inlet (`N` equations, no pressure loss);
/// * energy balance `m_out h_out - sum_k m_in,k h_in,k = 0` (one equation).
///
/// Ports: `"inlet_1"` .. `"inlet_N"`, `"outlet"` (last). Every flow path
/// `inlet_k -> outlet` names the single mass-balance row 0 (one redundant mass
/// balance per closed circuit).
///
/// Operational states: On and Bypass use the equations above (a merger has no heat
/// or work to bypass). Off replaces the energy balance, singular at zero flow, by
/// `h_out = (1/N) sum_k h_in,k` (the outlet enthalpy is then well defined without
/// flow); the flows are zero when the component driving the circuit is Off.
#[derive(Debug, Clone)]
pub struct FlowMerger {
    pub(crate) name: String,
    pub(crate) state: OperationalState,
    pub(crate) ports: Vec<PortSpec>,
    pub(crate) paths: Vec<FlowPath>,
}

impl FlowMerger {
    /// A merger of `n_inlets` (2..=7) streams of `medium`.
    ///
    /// ```
    /// use entropyk_components::{FlowMerger, Medium};
    /// use entropyk_thermo::Fluid;
    /// let mix = FlowMerger::new("mix", Medium::Refrigerant(Fluid::new("R134a").unwrap()), 2).unwrap();
    /// ```
    pub fn new(name: &str, medium: Medium, n_inlets: usize) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "n_inlets", n_inlets as f64, 2.0, MAX_BRANCHES as f64)?;
        let mut ports: Vec<PortSpec> = INLET_NAMES[..n_inlets]
            .iter()
            .map(|n| PortSpec::inlet(n, medium.clone()))
            .collect();
        ports.push(PortSpec::outlet("outlet", medium));
        let paths = (0..n_inlets)
            .map(|k| FlowPath {
                inlet: k,
                outlet: n_inlets,
                mass_balance: 0,
            })
            .collect();
        Ok(FlowMerger {
            name: name.to_owned(),
            state: OperationalState::On,
            ports,
            paths,
        })
    }

    /// Number of inlets.
    pub fn n_inlets(&self) -> usize {
        self.ports.len() - 1
    }
}

impl ComponentModel for FlowMerger {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "FlowMerger"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        self.n_inlets() + 2
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &self.paths
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = state;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], _params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let n = self.n_inlets();
        let (inlets, outlet) = (&ports[..n], ports[n]);
        r[0] = inlets.iter().fold(outlet.m, |acc, i| acc - i.m);
        for (k, inlet) in inlets.iter().enumerate() {
            r[1 + k] = inlet.p - outlet.p;
        }
        r[n + 1] = if self.state == OperationalState::Off {
            inlets.iter().fold(outlet.h, |acc, i| acc - i.h / n as f64)
        } else {
            inlets.iter().fold(outlet.m * outlet.h, |acc, i| acc - i.m * i.h)
        };
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
        let n = self.n_inlets();
        for k in 0..n {
            pass_pressure(k, n, ports);
        }
        let m: Option<Vec<f64>> = ports[..n].iter().map(|g| g.m).collect();
        let h: Option<Vec<f64>> = ports[..n].iter().map(|g| g.h).collect();
        if let Some(m) = &m {
            ports[n].offer_m(m.iter().sum());
        }
        if let Some(h) = h {
            // Without the inlet flows (in a closed circuit they may wait for the
            // compressor downstream, which needs this enthalpy): equal weights.
            let total: f64 = m.as_ref().map_or(0.0, |m| m.iter().sum());
            let mixed = match m {
                Some(m) if total > 0.0 => m.iter().zip(&h).map(|(a, b)| a * b).sum::<f64>() / total,
                _ => h.iter().sum::<f64>() / n as f64,
            };
            ports[n].offer_h(mixed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IncompressibleLiquid;

    #[test]
    fn merger_mixes_adiabatically() {
        let mut mix = FlowMerger::new("mix", Medium::Secondary(IncompressibleLiquid::WATER), 2).unwrap();
        assert_eq!((mix.n_equations(), mix.flow_paths().len()), (4, 2));
        let (a, b) = (
            PortState { p: 2e5, h: 4e4, m: 1.0 },
            PortState { p: 2e5, h: 1e5, m: 3.0 },
        );
        let out = PortState {
            p: 2e5,
            h: (4e4 + 3e5) / 4.0,
            m: 4.0,
        };
        let mut r = [1.0; 4];
        mix.residuals(&[a, b, out], &[], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-9), "{r:?}");
        let wrong = PortState { h: 7e4, ..out };
        mix.residuals(&[a, b, wrong], &[], &mut r).unwrap();
        assert!(r[3].abs() > 1e3);
        mix.set_operational_state(OperationalState::Off).unwrap();
        let z = |h| PortState { p: 2e5, h, m: 0.0 };
        mix.residuals(&[z(4e4), z(1e5), z(7e4)], &[], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-9), "{r:?}");
    }

    #[test]
    fn guess_mixes_with_equal_weights_until_the_flows_are_known() {
        let mix = FlowMerger::new("mix", Medium::Secondary(IncompressibleLiquid::WATER), 2).unwrap();
        let g = |h, m| PortGuess {
            p: Some(2e5),
            h: Some(h),
            m,
        };
        let mut ports = [g(4e4, None), g(1e5, None), PortGuess::default()];
        mix.guess(&mut ports, &[]);
        assert_eq!((ports[2].h, ports[2].m, ports[2].p), (Some(7e4), None, Some(2e5)));
        let mut ports = [g(4e4, Some(1.0)), g(1e5, Some(3.0)), PortGuess::default()];
        mix.guess(&mut ports, &[]);
        assert_eq!((ports[2].h, ports[2].m), (Some(8.5e4), Some(4.0)));
    }
}
