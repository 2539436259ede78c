//! Shared model of [`crate::Pump`] and [`crate::Fan`]: a rotodynamic machine with a
//! quadratic pressure-rise curve, affinity laws and an efficiency curve.
use crate::guess::pass_mass;
use crate::operational_state::{idle_machine_guess, idle_machine_residuals};
use crate::{
    ComponentError, ComponentModel, FlowPath, IncompressibleLiquid, Medium, OperationalState, ParameterSpec, PortGuess,
    PortSpec, PortState,
};
use entropyk_thermo::Scalar;

/// Efficiency floor applied to the efficiency curve (avoids division by a vanishing
/// efficiency near shut-off or run-out), -.
pub(crate) const ETA_MIN: f64 = 0.05;

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// Parameters of pumps and fans.
const PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "speed",
    unit: "-",
    min: 0.05,
    max: 3.0,
}];

/// A rotodynamic machine moving an incompressible medium.
///
/// At rated speed the pressure rise is `dp_0(Q) = c0 + c1 Q + c2 Q^2` (Pa, `Q` in
/// m3/s) and the efficiency `eta_0(Q) = e0 + e1 Q + e2 Q^2`. At relative speed
/// `s = n / n_rated` the affinity (similarity) laws `Q ~ s`, `dp ~ s^2`, `eta`
/// constant at similar points (Karassik et al., *Pump Handbook*, 4th ed., §2.1;
/// ASHRAE Handbook HVAC Systems and Equipment, ch. 21 (fans) and ch. 44 (pumps))
/// give `dp(Q, s) = c0 s^2 + c1 s Q + c2 Q^2` and `eta(Q, s) = eta_0(Q / s)`,
/// floored at [`ETA_MIN`]. With `Q = m / rho`:
///
/// * `p_out - p_in = dp(Q, s)`;
/// * `h_out - h_in = dp / (rho eta)`: all shaft power `W = m dp / (rho eta)` ends up
///   in the stream (motor losses excluded).
#[derive(Debug, Clone)]
pub(crate) struct TurboMachine {
    pub name: String,
    pub kind: &'static str,
    pub medium: IncompressibleLiquid,
    /// `c0, c1, c2` of the rated-speed pressure rise, Pa.
    pub pressure: [f64; 3],
    /// `e0, e1, e2` of the rated-speed efficiency.
    pub efficiency: [f64; 3],
    pub speed: f64,
    pub state: OperationalState,
    pub ports: [PortSpec; 2],
}

/// Operating point of a [`TurboMachine`].
pub(crate) struct Point<D> {
    /// Pressure rise, Pa.
    pub dp: D,
    /// Efficiency, -.
    pub eta: D,
    /// Specific work `dp / (rho eta)`, J/kg.
    pub work: D,
}

impl TurboMachine {
    pub fn new(
        name: &str,
        kind: &'static str,
        medium: IncompressibleLiquid,
        pressure: [f64; 3],
        efficiency: [f64; 3],
    ) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(
            name,
            "shut-off pressure rise c0 [Pa]",
            pressure[0],
            f64::MIN_POSITIVE,
            1.0e8,
        )?;
        for c in pressure[1..].iter().chain(&efficiency[1..]) {
            ComponentError::check_parameter(name, "curve coefficient", *c, -1.0e12, 1.0e12)?;
        }
        ComponentError::check_parameter(name, "efficiency coefficient e0", efficiency[0], -1.0, 1.0)?;
        Ok(TurboMachine {
            name: name.to_owned(),
            kind,
            medium,
            pressure,
            efficiency,
            speed: 1.0,
            state: OperationalState::On,
            ports: [
                PortSpec::inlet("inlet", Medium::Secondary(medium)),
                PortSpec::outlet("outlet", Medium::Secondary(medium)),
            ],
        })
    }

    pub fn with_speed(mut self, speed: f64) -> Result<Self, ComponentError> {
        let spec = &PARAMETERS[0];
        self.speed = ComponentError::check_parameter(&self.name, spec.name, speed, spec.min, spec.max)?;
        Ok(self)
    }

    /// Pressure rise, efficiency and specific work at mass flow `m` and relative speed `s`.
    pub fn point<D: Scalar>(&self, m: D, s: D) -> Point<D> {
        let [c0, c1, c2] = self.pressure;
        let [e0, e1, e2] = self.efficiency;
        let q = m / self.medium.rho;
        let dp = s * s * c0 + s * q * c1 + q * q * c2;
        let q0 = q / s;
        let eta = q0 * q0 * e2 + q0 * e1 + e0;
        let eta = if eta.re() < ETA_MIN { D::from(ETA_MIN) } else { eta };
        Point {
            dp,
            eta,
            work: dp / (eta * self.medium.rho),
        }
    }
}

impl ComponentModel for TurboMachine {
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        self.kind
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
        vec![self.speed]
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
            let point = self.point(inlet.m, params[0]);
            r[1] = outlet.p - inlet.p - point.dp;
            r[2] = outlet.h - inlet.h - point.work;
        }
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(0, 1, ports);
        if idle_machine_guess(self.state, ports) {
            return;
        }
        let s = params[0];
        if ports[0].m.is_none() {
            // Half the free-delivery flow (dp(Q, s) = 0).
            let [c0, c1, c2] = self.pressure;
            let (a, b, c) = (c2, c1 * s, c0 * s * s);
            let q = if a.abs() > 0.0 {
                let disc = b * b - 4.0 * a * c;
                (disc >= 0.0).then(|| ((-b - disc.sqrt()) / (2.0 * a)).max((-b + disc.sqrt()) / (2.0 * a)))
            } else if b < 0.0 {
                Some(-c / b)
            } else {
                None
            };
            if let Some(q) = q.filter(|q| *q > 0.0) {
                ports[0].offer_m(0.5 * q * self.medium.rho);
                ports[1].offer_m(0.5 * q * self.medium.rho);
            }
        }
        if let Some(m) = ports[0].m {
            let point = self.point(m, s);
            if let Some(p) = ports[0].p {
                ports[1].offer_p(p + point.dp);
            }
            if let Some(h) = ports[0].h {
                ports[1].offer_h(h + point.work);
            }
        }
    }
    /// Validity envelope (On state): at positive flow the machine raises the pressure;
    /// a negative head (the curve run past its free-delivery flow, the machine acting
    /// as a turbine) is a [`crate::Law::NegativeHead`] warning.
    fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<crate::Violation>) {
        let rise = ports[1].p - ports[0].p;
        if self.state == OperationalState::On && ports[0].m > 0.0 && rise < 0.0 {
            out.push(
                crate::Violation::found(
                    &self.name,
                    Some("outlet"),
                    crate::Law::NegativeHead,
                    "pressure rise [Pa]",
                    rise,
                )
                .at_least(0.0),
            );
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        if self.state != OperationalState::On {
            return Ok(vec![("power", 0.0), ("pressure_rise", ports[1].p - ports[0].p)]);
        }
        let point = self.point(ports[0].m, params[0]);
        Ok(vec![
            ("power", ports[0].m * point.work),
            ("pressure_rise", point.dp),
            ("efficiency", point.eta),
            ("volume_flow", ports[0].m / self.medium.rho),
        ])
    }
}

/// Implements [`ComponentModel`] for a newtype around [`TurboMachine`].
macro_rules! delegate_turbomachine {
    ($name:ident) => {
        impl $crate::ComponentModel for $name {
            fn to_spec(&self) -> Option<$crate::ComponentSpec> {
                Some($crate::spec::ToSpec::spec(self))
            }
            fn name(&self) -> &str {
                $crate::ComponentModel::name(&self.0)
            }
            fn kind(&self) -> &'static str {
                self.0.kind
            }
            fn ports(&self) -> &[$crate::PortSpec] {
                $crate::ComponentModel::ports(&self.0)
            }
            fn n_equations(&self) -> usize {
                3
            }
            fn flow_paths(&self) -> &[$crate::FlowPath] {
                $crate::ComponentModel::flow_paths(&self.0)
            }
            fn parameters(&self) -> &[$crate::ParameterSpec] {
                $crate::ComponentModel::parameters(&self.0)
            }
            fn parameter_values(&self) -> Vec<f64> {
                $crate::ComponentModel::parameter_values(&self.0)
            }
            fn operational_state(&self) -> $crate::OperationalState {
                self.0.state
            }
            fn set_operational_state(&mut self, state: $crate::OperationalState) -> Result<(), $crate::ComponentError> {
                $crate::ComponentModel::set_operational_state(&mut self.0, state)
            }
            fn residuals<D: entropyk_thermo::Scalar>(
                &self,
                ports: &[$crate::PortState<D>],
                params: &[D],
                r: &mut [D],
            ) -> Result<(), $crate::ComponentError> {
                $crate::ComponentModel::residuals(&self.0, ports, params, r)
            }
            fn guess(&self, ports: &mut [$crate::PortGuess], params: &[f64]) {
                $crate::ComponentModel::guess(&self.0, ports, params)
            }
            fn outputs(
                &self,
                ports: &[$crate::PortState<f64>],
                params: &[f64],
            ) -> Result<Vec<(&'static str, f64)>, $crate::ComponentError> {
                $crate::ComponentModel::outputs(&self.0, ports, params)
            }
            fn check_validity(
                &self,
                ports: &[$crate::PortState<f64>],
                params: &[f64],
                out: &mut Vec<$crate::Violation>,
            ) {
                $crate::ComponentModel::check_validity(&self.0, ports, params, out)
            }
        }
    };
}
pub(crate) use delegate_turbomachine;
