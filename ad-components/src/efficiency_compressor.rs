//! Positive-displacement compressor described by volumetric and isentropic efficiencies.
use crate::guess::pass_mass;
use crate::operational_state::{idle_machine_guess, idle_machine_residuals};
use crate::{
    ComponentError, ComponentModel, FlowPath, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec, PortState,
};
use entropyk_thermo::{Fluid, Scalar};

/// A positive-displacement compressor of swept volume `V_disp` (m3 per revolution)
/// described by constant efficiencies (e.g. ASHRAE Handbook HVAC Systems and
/// Equipment, ch. 38 "Compressors"; Stoecker & Jones, *Refrigeration and Air
/// Conditioning*, 2nd ed., §8):
///
/// * mass flow `m = eta_v rho_suc V_disp n`, with `rho_suc` the suction density and
///   `n` the shaft speed (rev/s);
/// * discharge enthalpy `h_out = h_in + (h_2s - h_in) / eta_is`, with
///   `h_2s = h(p_out, s_in)` the isentropic discharge enthalpy (adiabatic shell: the
///   shaft power `W = m (h_out - h_in)` goes into the refrigerant).
///
/// Ports `"inlet"` (suction), `"outlet"` (discharge); three equations: mass balance,
/// mass flow, discharge enthalpy. Parameters: `speed` (rev/s, > 0 and <= 1000: a stopped
/// compressor is the Off state, not speed 0),
/// `volumetric_efficiency` (0.01..=1), `isentropic_efficiency` (0.05..=1); the
/// solver can control `"comp.speed"`.
///
/// Operational states (three equations in each): Off: `m_in = 0` in place of the
/// mass-flow equation and `h_out = h_in` (no power; the stopped compressor sets the
/// zero flow of its circuit, no division by the flow); Bypass: `p_out = p_in` and
/// `h_out = h_in`, mass conserved, flow set by the rest of the system.
///
/// Its [`ComponentModel::kind`] is `"Compressor"` (the role), so system totals such
/// as the COP include its `power` output.
#[derive(Debug, Clone)]
pub struct EfficiencyCompressor {
    pub(crate) name: String,
    pub(crate) fluid: Fluid,
    pub(crate) displacement: f64,
    pub(crate) values: [f64; 3],
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 2],
}

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// Parameters of [`EfficiencyCompressor`].
const PARAMETERS: [ParameterSpec; 3] = [
    ParameterSpec {
        name: "speed",
        unit: "1/s",
        min: f64::MIN_POSITIVE,
        max: 1000.0,
    },
    ParameterSpec {
        name: "volumetric_efficiency",
        unit: "-",
        min: 0.01,
        max: 1.0,
    },
    ParameterSpec {
        name: "isentropic_efficiency",
        unit: "-",
        min: 0.05,
        max: 1.0,
    },
];

impl EfficiencyCompressor {
    /// A compressor for `fluid` of `displacement` (m3/rev, > 0) at `speed` (rev/s)
    /// with volumetric efficiency `eta_v` and isentropic efficiency `eta_is`.
    ///
    /// ```
    /// use entropyk_components::EfficiencyCompressor;
    /// use entropyk_thermo::Fluid;
    /// // 100 cm3/rev at 50 rev/s.
    /// let comp = EfficiencyCompressor::new("comp", Fluid::new("R134a").unwrap(), 1.0e-4, 50.0, 0.9, 0.7).unwrap();
    /// ```
    pub fn new(
        name: &str,
        fluid: Fluid,
        displacement: f64,
        speed: f64,
        eta_v: f64,
        eta_is: f64,
    ) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "displacement [m3/rev]", displacement, f64::MIN_POSITIVE, 10.0)?;
        for (spec, value) in PARAMETERS.iter().zip([speed, eta_v, eta_is]) {
            ComponentError::check_parameter(name, spec.name, value, spec.min, spec.max)?;
        }
        Ok(EfficiencyCompressor {
            name: name.to_owned(),
            ports: [
                PortSpec::inlet("inlet", Medium::Refrigerant(fluid.clone())),
                PortSpec::outlet("outlet", Medium::Refrigerant(fluid.clone())),
            ],
            fluid,
            displacement,
            values: [speed, eta_v, eta_is],
            state: OperationalState::On,
        })
    }

    /// Swept volume, m3/rev.
    pub fn displacement(&self) -> f64 {
        self.displacement
    }

    /// Mass flow (kg/s) and discharge enthalpy (J/kg) at suction `(p_in, h_in)` and
    /// discharge pressure `p_out`.
    fn evaluate<D: Scalar>(&self, p_in: D, h_in: D, p_out: D, params: &[D]) -> Result<(D, D), ComponentError> {
        let suction = self
            .fluid
            .state_ph(p_in, h_in)
            .map_err(|e| ComponentError::fluid(&self.name, "inlet", e))?;
        let h2s = self
            .fluid
            .state_ps(p_out, suction.s)
            .map_err(|e| ComponentError::fluid(&self.name, "outlet", e))?
            .h;
        let m = params[1] * suction.rho * self.displacement * params[0];
        Ok((m, h_in + (h2s - h_in) / params[2]))
    }
}

impl ComponentModel for EfficiencyCompressor {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn cop_role(&self) -> crate::CopRole {
        crate::CopRole::WorkInput
    }
    fn kind(&self) -> &'static str {
        "Compressor"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        3
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn parameters(&self) -> &[ParameterSpec] {
        &PARAMETERS
    }
    fn parameter_values(&self) -> Vec<f64> {
        self.values.to_vec()
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = state;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let (inlet, outlet) = (ports[0], ports[1]);
        r[0] = outlet.m - inlet.m;
        if !idle_machine_residuals(self.state, &inlet, &outlet, r) {
            let (m, h_out) = self.evaluate(inlet.p, inlet.h, outlet.p, params)?;
            r[1] = inlet.m - m;
            r[2] = outlet.h - h_out;
        }
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(0, 1, ports);
        if idle_machine_guess(self.state, ports) {
            return;
        }
        if let (Some(p_in), Some(h_in), Some(p_out)) = (ports[0].p, ports[0].h, ports[1].p) {
            if let Ok((m, h_out)) = self.evaluate(p_in, h_in, p_out, params) {
                ports[0].offer_m(m);
                ports[1].offer_m(m);
                ports[1].offer_h(h_out);
            }
        }
    }
    /// Validity envelope: flow forwards, positive work and a discharge pressure above
    /// the suction pressure (On state).
    fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<crate::Violation>) {
        if self.state == OperationalState::On {
            let power = ports[0].m * (ports[1].h - ports[0].h);
            crate::validity::check_compression(&self.name, &ports[0], &ports[1], power, out);
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], _params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        let power = match self.state {
            OperationalState::On => ports[0].m * (ports[1].h - ports[0].h),
            _ => 0.0,
        };
        Ok(vec![("power", power), ("mass_flow", ports[0].m)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_from_displacement_and_isentropic_outlet() {
        let fluid = Fluid::new("R134a").unwrap();
        let comp = EfficiencyCompressor::new("c", fluid.clone(), 1.0e-4, 50.0, 0.8, 1.0).unwrap();
        let (p_in, p_out) = (2.9e5_f64, 1.0e6_f64);
        let suction = fluid.state_pt(p_in, 283.15_f64).unwrap();
        let (m, h_out) = comp.evaluate(p_in, suction.h, p_out, &comp.values).unwrap();
        assert!((m - 0.8 * suction.rho * 1.0e-4 * 50.0).abs() < 1e-12);
        // eta_is = 1: isentropic discharge.
        let discharge = fluid.state_ph(p_out, h_out).unwrap();
        assert!((discharge.s - suction.s).abs() < 1e-6 * suction.s.abs());
        assert!(h_out > suction.h + 1.0e4);
        match EfficiencyCompressor::new("c", fluid, 1.0e-4, 50.0, 1.2, 0.7) {
            Err(ComponentError::InvalidParameter {
                parameter, value, max, ..
            }) => {
                assert_eq!((parameter, value, max), ("volumetric_efficiency", 1.2, 1.0))
            }
            other => panic!("{other:?}"),
        }
    }
}
