//! Isenthalpic expansion valve: ideal (free outlet pressure) or with an orifice flow equation.
use crate::guess::{pass_enthalpy, pass_mass, pass_pressure};
use crate::{
    ComponentError, ComponentModel, FlowPath, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec, PortState,
};
use entropyk_thermo::{Fluid, Scalar};

/// An adiabatic throttling device: `h_out = h_in`, `m_out = m_in`.
///
/// Throttling is isenthalpic because no work and no heat cross the valve and the
/// kinetic-energy change is negligible (e.g. ASHRAE Handbook Refrigeration,
/// ch. 11).
///
/// Two forms:
/// * [`ExpansionValve::new`], ideal valve: the outlet pressure is left free and the
///   valve behaves as an ideal thermostatic or electronic valve whose opening settles
///   where a superheat specification of the system is met. Ports `"inlet"`,
///   `"outlet"`; two equations (mass balance, `h_out = h_in`); no parameter.
/// * [`ExpansionValve::orifice`] / [`ExpansionValve::with_kv`], valve with a flow
///   equation (sharp-edged orifice, incompressible flow of the inlet density; ASHRAE
///   Handbook Fundamentals, ch. 3 "Flow measurement"; IEC 60534-2-1 for `Kv`):
///
///   `m = a C sqrt(2 rho_in (p_in - p_out))`
///
///   with `a` the opening (parameter `"opening"`, 0..1, the solver can control
///   `"valve.opening"`), `C = C_d A` the discharge coefficient times the orifice
///   area at full opening (m2) and `rho_in` the inlet density (homogeneous if
///   two-phase). A valve flow coefficient `Kv` (m3/h of water at 1 bar pressure
///   difference, `rho_0 = 1000 kg/m3`, IEC 60534) gives
///   `C = Kv / 3600 * sqrt(rho_0 / (2 * 1e5 Pa))`. The square root is evaluated as
///   Modelica's `regRoot(dp) = dp / (dp^2 + delta^2)^(1/4)` with `delta = 10 Pa`
///   (Modelica.Fluid.Utilities), smooth and of finite slope at zero pressure
///   difference, odd for reverse flow, equal to `sqrt(dp)` within 2.5e-5 relative
///   above 1 kPa. Three equations: mass balance, flow equation, `h_out = h_in`.
///
/// Operational states ([`OperationalState`]):
/// * Orifice valve: Off = closed valve, the flow equation becomes `m_in = 0`
///   (equivalent to opening 0); Bypass = `p_out = p_in` in place of the flow
///   equation (a fully open bypass line). Enthalpy passes through in every state.
/// * Ideal valve: Off keeps the two equations (an ideal valve has no flow equation
///   to replace; the flow of its circuit is zero when the compressor or source
///   driving it is Off, and no equation divides by it). Bypass is not available
///   (`p_out = p_in` would be a third equation): use the orifice form.
#[derive(Debug, Clone)]
pub struct ExpansionValve {
    pub(crate) name: String,
    pub(crate) fluid: Fluid,
    /// `C_d A` at full opening, m2; `None` for the ideal valve.
    pub(crate) flow_coefficient: Option<f64>,
    pub(crate) opening: f64,
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 2],
}

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// Parameters of the orifice valve.
const ORIFICE_PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "opening",
    unit: "-",
    min: 0.0,
    max: 1.0,
}];

/// Smoothing pressure difference of the regularised square root, Pa.
const REG_ROOT_DELTA: f64 = 10.0;

/// Reference pressure difference of the `Kv` definition (1 bar), Pa.
const KV_DP0: f64 = 1.0e5;
/// Reference density of the `Kv` definition (water), kg/m3.
const KV_RHO0: f64 = 1000.0;

/// `dp / (dp^2 + delta^2)^(1/4)`: Modelica's `regRoot`, a smooth odd square root.
fn reg_root<D: Scalar>(dp: D) -> D {
    dp / (dp * dp + REG_ROOT_DELTA * REG_ROOT_DELTA).powf(0.25)
}

impl ExpansionValve {
    /// An ideal isenthalpic valve for `fluid` (free outlet pressure).
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
                PortSpec::outlet("outlet", Medium::Refrigerant(fluid.clone())),
            ],
            fluid,
            flow_coefficient: None,
            opening: 1.0,
            state: OperationalState::On,
        }
    }

    /// A valve with the orifice flow equation: `flow_coefficient` is `C_d A` at full
    /// opening (m2, > 0), `opening` in 0..1.
    ///
    /// ```
    /// use entropyk_components::ExpansionValve;
    /// use entropyk_thermo::Fluid;
    /// let valve = ExpansionValve::orifice("valve", Fluid::new("R134a").unwrap(), 2.0e-6, 0.5).unwrap();
    /// assert_eq!(valve.opening(), 0.5);
    /// ```
    pub fn orifice(name: &str, fluid: Fluid, flow_coefficient: f64, opening: f64) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "flow_coefficient [m2]", flow_coefficient, f64::MIN_POSITIVE, 1.0)?;
        let spec = &ORIFICE_PARAMETERS[0];
        ComponentError::check_parameter(name, spec.name, opening, spec.min, spec.max)?;
        let mut valve = ExpansionValve::new(name, fluid);
        valve.flow_coefficient = Some(flow_coefficient);
        valve.opening = opening;
        Ok(valve)
    }

    /// A valve with the orifice flow equation from its flow coefficient `kv`
    /// (m3/h of water at 1 bar, IEC 60534; > 0) and `opening` in 0..1.
    pub fn with_kv(name: &str, fluid: Fluid, kv: f64, opening: f64) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "kv [m3/h]", kv, f64::MIN_POSITIVE, 1.0e5)?;
        Self::orifice(name, fluid, Self::kv_to_flow_coefficient(kv), opening)
    }

    /// `C_d A` (m2) equivalent to a flow coefficient `kv` (m3/h at 1 bar, water).
    pub fn kv_to_flow_coefficient(kv: f64) -> f64 {
        kv / 3600.0 * (KV_RHO0 / (2.0 * KV_DP0)).sqrt()
    }

    /// Opening at construction (1 for the ideal valve).
    pub fn opening(&self) -> f64 {
        self.opening
    }

    /// `C_d A` at full opening (m2), `None` for the ideal valve.
    pub fn flow_coefficient(&self) -> Option<f64> {
        self.flow_coefficient
    }

    /// Orifice mass flow at inlet `(p_in, h_in)`, outlet pressure `p_out` and `opening`, kg/s.
    fn orifice_flow<D: Scalar>(&self, c: f64, p_in: D, h_in: D, p_out: D, opening: D) -> Result<D, ComponentError> {
        let rho = self
            .fluid
            .state_ph(p_in, h_in)
            .map_err(|e| ComponentError::fluid(&self.name, "inlet", e))?
            .rho;
        Ok(opening * c * (rho * 2.0).sqrt() * reg_root(p_in - p_out))
    }
}

impl ComponentModel for ExpansionValve {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
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
        if self.flow_coefficient.is_some() {
            3
        } else {
            2
        }
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn parameters(&self) -> &[ParameterSpec] {
        if self.flow_coefficient.is_some() {
            &ORIFICE_PARAMETERS
        } else {
            &[]
        }
    }
    fn parameter_values(&self) -> Vec<f64> {
        if self.flow_coefficient.is_some() {
            vec![self.opening]
        } else {
            Vec::new()
        }
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        if state == OperationalState::Bypass && self.flow_coefficient.is_none() {
            return Err(ComponentError::UnsupportedOperationalState {
                component: self.name.clone(),
                kind: "ExpansionValve",
                state,
                reason: "an ideal valve has no flow equation to replace by p_out = p_in; use an orifice valve (a flow coefficient or kv)",
            });
        }
        self.state = state;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let (inlet, outlet) = (ports[0], ports[1]);
        r[0] = outlet.m - inlet.m;
        r[1] = outlet.h - inlet.h;
        if let Some(c) = self.flow_coefficient {
            r[2] = match self.state {
                OperationalState::On => inlet.m - self.orifice_flow(c, inlet.p, inlet.h, outlet.p, params[0])?,
                OperationalState::Off => inlet.m,
                OperationalState::Bypass => outlet.p - inlet.p,
            };
        }
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(0, 1, ports);
        pass_enthalpy(0, 1, ports);
        let Some(c) = self.flow_coefficient else {
            return;
        };
        match self.state {
            OperationalState::Off => {
                ports[0].offer_m(0.0);
                ports[1].offer_m(0.0);
            }
            OperationalState::Bypass => pass_pressure(0, 1, ports),
            OperationalState::On => {
                if let (Some(p_in), Some(h_in), Some(p_out)) = (ports[0].p, ports[0].h, ports[1].p) {
                    if let Ok(m) = self.orifice_flow(c, p_in, h_in, p_out, params[0]) {
                        ports[0].offer_m(m);
                        ports[1].offer_m(m);
                    }
                }
                // Outlet pressure from the flow: dp = (m / (a C))^2 / (2 rho_in).
                if let (Some(p_in), Some(h_in), Some(m), None) = (ports[0].p, ports[0].h, ports[0].m, ports[1].p) {
                    if let Ok(state) = self.fluid.state_ph(p_in, h_in) {
                        let dp = (m / (params[0] * c)).powi(2) / (2.0 * state.rho);
                        if dp < p_in {
                            ports[1].offer_p(p_in - dp);
                        }
                    }
                }
            }
        }
    }
    /// Validity envelope: a throttle never raises the pressure (hard; a rise within
    /// 1e-9 relative, the solver's round-off, counts as none).
    fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<crate::Violation>) {
        let rise = ports[1].p - ports[0].p;
        if rise > 1e-9 * ports[0].p.abs() {
            out.push(
                crate::Violation::found(
                    &self.name,
                    Some("outlet"),
                    crate::Law::PressureRise,
                    "pressure rise [Pa]",
                    rise,
                )
                .at_most(0.0),
            );
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], _params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        Ok(vec![
            ("pressure_drop", ports[0].p - ports[1].p),
            ("mass_flow", ports[0].m),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r134a() -> Fluid {
        Fluid::new("R134a").unwrap()
    }

    #[test]
    fn kv_valve_passes_the_iec_60534_flow() {
        // Kv = 0.2 m3/h, 3 bar across, subcooled liquid inlet: Q = Kv sqrt(dp/1bar * 1000/rho).
        let fluid = r134a();
        let valve = ExpansionValve::with_kv("v", fluid.clone(), 0.2, 0.5).unwrap();
        let (p_in, p_out): (f64, f64) = (10.0e5, 7.0e5);
        let liquid = fluid.state_pt(p_in, 300.0_f64).unwrap();
        let m: f64 = 0.01;
        let ports = [
            PortState {
                p: p_in,
                h: liquid.h,
                m,
            },
            PortState {
                p: p_out,
                h: liquid.h,
                m,
            },
        ];
        let mut r = [0.0; 3];
        valve.residuals(&ports, &[0.5], &mut r).unwrap();
        let q_m3_h = 0.5 * 0.2 * ((p_in - p_out) / 1.0e5 * 1000.0 / liquid.rho).sqrt();
        let expected = q_m3_h * liquid.rho / 3600.0;
        assert!(((m - r[2]) / expected - 1.0).abs() < 1e-6, "{} vs {expected}", m - r[2]);
    }

    #[test]
    fn states_and_invalid_input() {
        let mut valve = ExpansionValve::orifice("v", r134a(), 1e-6, 1.0).unwrap();
        valve.set_operational_state(OperationalState::Off).unwrap();
        let ports = [
            PortState {
                p: 1e6,
                h: 2.5e5,
                m: 0.0,
            },
            PortState {
                p: 3e5,
                h: 2.5e5,
                m: 0.0,
            },
        ];
        let mut r = [1.0; 3];
        valve.residuals(&ports, &[1.0], &mut r).unwrap();
        assert_eq!(r, [0.0; 3]);
        let mut ideal = ExpansionValve::new("v", r134a());
        assert!(ideal.set_operational_state(OperationalState::Bypass).is_err());
        match ExpansionValve::orifice("v", r134a(), 1e-6, 1.5) {
            Err(ComponentError::InvalidParameter { parameter, value, .. }) => {
                assert_eq!((parameter, value), ("opening", 1.5));
            }
            other => panic!("{other:?}"),
        }
    }
}
