//! Flow splitter: one inlet divided into several outlets of the same state.
use crate::guess::{pass_enthalpy, pass_pressure};
use crate::{ComponentError, ComponentModel, FlowPath, Medium, OperationalState, PortGuess, PortSpec, PortState};
use entropyk_thermo::Scalar;

/// Largest number of branches of a [`FlowSplitter`] or [`crate::FlowMerger`]
/// (bounded by [`crate::jacobian::MAX_PORTS`]).
pub const MAX_BRANCHES: usize = 7;

/// Port names of the outlets of a splitter.
const OUTLET_NAMES: [&str; MAX_BRANCHES] = [
    "outlet_1", "outlet_2", "outlet_3", "outlet_4", "outlet_5", "outlet_6", "outlet_7",
];

/// An adiabatic tee dividing one stream into `N` (2..=7) streams of the inlet's state
/// (TESPy's `Splitter`; refrigerant or secondary medium):
///
/// * mass balance `sum_k m_out,k - m_in = 0` (one equation);
/// * `p_out,k = p_in` and `h_out,k = h_in` for every outlet (`2 N` equations):
///   no pressure loss, no heat, no phase separation (homogeneous split).
///
/// The split fractions are unknowns set by the rest of the system (`N - 1` degrees of
/// freedom). Ports: `"inlet"`, `"outlet_1"` .. `"outlet_N"`. Every flow path
/// `inlet -> outlet_k` names the single mass-balance row 0, so the solver's
/// closed-circuit detection drops at most that one row per closed circuit.
///
/// Operational states: Off and Bypass give the same equations as On (a tee has no
/// heat, work or flow equation to switch off; its flows are zero when the component
/// driving the circuit is Off, and every equation is regular at zero flow).
#[derive(Debug, Clone)]
pub struct FlowSplitter {
    pub(crate) name: String,
    pub(crate) state: OperationalState,
    pub(crate) ports: Vec<PortSpec>,
    pub(crate) paths: Vec<FlowPath>,
}

impl FlowSplitter {
    /// A splitter of `medium` into `n_outlets` (2..=7) branches.
    ///
    /// ```
    /// use entropyk_components::{FlowSplitter, IncompressibleLiquid, Medium};
    /// let tee = FlowSplitter::new("tee", Medium::Secondary(IncompressibleLiquid::WATER), 2).unwrap();
    /// ```
    pub fn new(name: &str, medium: Medium, n_outlets: usize) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "n_outlets", n_outlets as f64, 2.0, MAX_BRANCHES as f64)?;
        let mut ports = vec![PortSpec::inlet("inlet", medium.clone())];
        ports.extend(
            OUTLET_NAMES[..n_outlets]
                .iter()
                .map(|n| PortSpec::outlet(n, medium.clone())),
        );
        let paths = (1..=n_outlets)
            .map(|k| FlowPath {
                inlet: 0,
                outlet: k,
                mass_balance: 0,
            })
            .collect();
        Ok(FlowSplitter {
            name: name.to_owned(),
            state: OperationalState::On,
            ports,
            paths,
        })
    }

    /// Number of outlets.
    pub fn n_outlets(&self) -> usize {
        self.ports.len() - 1
    }
}

impl ComponentModel for FlowSplitter {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "FlowSplitter"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        2 * self.n_outlets() + 1
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
        let n = self.n_outlets();
        let inlet = ports[0];
        r[0] = ports[1..].iter().fold(-inlet.m, |acc, o| acc + o.m);
        for (k, outlet) in ports[1..].iter().enumerate() {
            r[1 + k] = outlet.p - inlet.p;
            r[1 + n + k] = outlet.h - inlet.h;
        }
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
        let n = self.n_outlets();
        for k in 1..=n {
            pass_pressure(0, k, ports);
            pass_enthalpy(0, k, ports);
        }
        let known: Vec<f64> = ports[1..].iter().filter_map(|g| g.m).collect();
        if known.len() == n {
            ports[0].offer_m(known.iter().sum());
        } else if let Some(m) = ports[0].m {
            let rest = (m - known.iter().sum::<f64>()) / (n - known.len()) as f64;
            ports[1..].iter_mut().for_each(|g| g.offer_m(rest));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IncompressibleLiquid;

    #[test]
    fn splitter_conserves_mass_and_copies_the_state() {
        let tee = FlowSplitter::new("tee", Medium::Secondary(IncompressibleLiquid::WATER), 3).unwrap();
        assert_eq!((tee.n_equations(), tee.flow_paths().len()), (7, 3));
        assert!(tee.flow_paths().iter().all(|p| p.mass_balance == 0));
        let s = |m| PortState { p: 2e5, h: 5e4, m };
        let mut r = [1.0; 7];
        tee.residuals(&[s(1.0), s(0.2), s(0.3), s(0.5)], &[], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-12));
        tee.residuals(&[s(1.0), s(0.2), s(0.3), s(0.4)], &[], &mut r).unwrap();
        assert!((r[0] + 0.1).abs() < 1e-12);
        let mut g = [
            PortGuess {
                m: Some(0.9),
                p: Some(1e5),
                h: Some(1.0),
            },
            PortGuess::default(),
            PortGuess::default(),
            PortGuess::default(),
        ];
        tee.guess(&mut g, &[]);
        assert!((g[3].m.unwrap() - 0.3).abs() < 1e-12 && g[2].p == Some(1e5));
        match FlowSplitter::new("tee", Medium::Secondary(IncompressibleLiquid::WATER), 8) {
            Err(ComponentError::InvalidParameter {
                parameter: "n_outlets",
                value,
                ..
            }) => assert_eq!(value, 8.0),
            other => panic!("{other:?}"),
        }
    }
}
