//! Centrifugal pump for secondary liquids.
use crate::turbomachine::{delegate_turbomachine, TurboMachine};
use crate::{ComponentError, IncompressibleLiquid};

/// Standard gravity, m/s2 (CGPM 1901).
pub const STANDARD_GRAVITY: f64 = 9.806_65;

/// A centrifugal pump moving a secondary liquid, from its rated-speed head curve
/// `H_0(Q) = a0 + a1 Q + a2 Q^2` (m of liquid, `Q` in m3/s) and efficiency curve
/// `eta_0(Q) = e0 + e1 Q + e2 Q^2`, scaled to the relative speed `s = n / n_rated`
/// by the affinity laws (Karassik et al., *Pump Handbook*, 4th ed., §2.1; ASHRAE
/// Handbook HVAC Systems and Equipment, ch. 44):
///
/// * `p_out - p_in = rho g H(Q, s)`, `H(Q, s) = a0 s^2 + a1 s Q + a2 Q^2`, `Q = m / rho`;
/// * `h_out - h_in = g H / eta(Q, s)`, `eta(Q, s) = max(eta_0(Q / s), 0.05)`: the
///   shaft power `W = m g H / eta` heats the liquid (motor losses excluded);
/// * mass balance.
///
/// Ports `"inlet"`, `"outlet"`; three equations; parameter `speed` (relative,
/// 0.05..=3; the solver can control `"pump.speed"`). Outputs `power` (W),
/// `pressure_rise` (Pa), `efficiency`, `volume_flow` (m3/s).
///
/// Operational states (three equations in each): Off: `m_in = 0` in place of the
/// head equation, `h_out = h_in` (the stopped pump sets the zero flow of its
/// circuit; nothing divides by the flow); Bypass: `p_out = p_in`, `h_out = h_in`,
/// mass conserved (flow set by the rest of the system).
#[derive(Debug, Clone)]
pub struct Pump(pub(crate) TurboMachine);

impl Pump {
    /// A pump for `liquid` with head coefficients `head` (`a0 > 0` m, `a1` s/m2,
    /// `a2` s2/m5) and efficiency coefficients `efficiency` (`e0` -, `e1` s/m3, `e2`
    /// s2/m6), at rated speed.
    ///
    /// ```
    /// use entropyk_components::{IncompressibleLiquid, Pump};
    /// // 20 m shut-off head, 10 m at 10 l/s; best efficiency 0.7 at 10 l/s.
    /// let pump = Pump::new("pump", IncompressibleLiquid::WATER, [20.0, 0.0, -1.0e5], [0.0, 140.0, -7.0e3]).unwrap();
    /// ```
    pub fn new(
        name: &str,
        liquid: IncompressibleLiquid,
        head: [f64; 3],
        efficiency: [f64; 3],
    ) -> Result<Self, ComponentError> {
        for (k, a) in head.iter().enumerate() {
            let (min, max) = if k == 0 {
                (f64::MIN_POSITIVE, 1.0e4)
            } else {
                (-1.0e12, 1.0e12)
            };
            ComponentError::check_parameter(name, ["head a0 [m]", "head a1", "head a2"][k], *a, min, max)?;
        }
        let g_rho = STANDARD_GRAVITY * liquid.rho;
        TurboMachine::new(name, "Pump", liquid, head.map(|a| a * g_rho), efficiency).map(Pump)
    }

    /// Sets the relative speed `n / n_rated` (0.05..=3).
    pub fn with_speed(self, speed: f64) -> Result<Self, ComponentError> {
        self.0.with_speed(speed).map(Pump)
    }

    /// Head (m) and efficiency at mass flow `m` (kg/s) and relative speed `speed`.
    pub fn head(&self, m: f64, speed: f64) -> (f64, f64) {
        let point = self.0.point(m, speed);
        (point.dp / (self.0.medium.rho * STANDARD_GRAVITY), point.eta)
    }
}

delegate_turbomachine!(Pump);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ComponentModel, OperationalState, PortState};

    fn pump() -> Pump {
        Pump::new(
            "p",
            IncompressibleLiquid::WATER,
            [20.0, 0.0, -1.0e5],
            [0.0, 140.0, -7.0e3],
        )
        .unwrap()
    }

    #[test]
    fn affinity_laws_and_energy_balance() {
        let pump = pump();
        let rho = IncompressibleLiquid::WATER.rho;
        // Rated: Q = 10 l/s -> H = 10 m, eta = 0.7.
        let (h, eta) = pump.head(0.01 * rho, 1.0);
        assert!((h - 10.0).abs() < 1e-9 && (eta - 0.7).abs() < 1e-9);
        // Similar point at 80 % speed: Q ~ s, H ~ s^2, same efficiency.
        let (h2, eta2) = pump.head(0.008 * rho, 0.8);
        assert!((h2 - 6.4).abs() < 1e-9 && (eta2 - 0.7).abs() < 1e-9);
        // Residuals vanish at the consistent outlet state; shaft power m g H / eta.
        let m = 0.01 * rho;
        let inlet = PortState { p: 2.0e5, h: 5.0e4, m };
        let outlet = PortState {
            p: 2.0e5 + rho * STANDARD_GRAVITY * 10.0,
            h: 5.0e4 + STANDARD_GRAVITY * 10.0 / 0.7,
            m,
        };
        let mut r = [1.0; 3];
        pump.residuals(&[inlet, outlet], &[1.0], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-8), "{r:?}");
        let power = pump.outputs(&[inlet, outlet], &[1.0]).unwrap()[0].1;
        assert!((power - m * STANDARD_GRAVITY * 10.0 / 0.7).abs() < 1e-6);
    }

    #[test]
    fn off_is_regular_and_invalid_curves_rejected() {
        let mut pump = pump();
        pump.set_operational_state(OperationalState::Off).unwrap();
        let s = PortState { p: 2e5, h: 5e4, m: 0.0 };
        let mut r = [1.0; 3];
        pump.residuals(&[s, s], &[1.0], &mut r).unwrap();
        assert_eq!(r, [0.0; 3]);
        assert!(matches!(
            Pump::new("p", IncompressibleLiquid::WATER, [-1.0, 0.0, 0.0], [0.7, 0.0, 0.0]),
            Err(ComponentError::InvalidParameter {
                parameter: "head a0 [m]",
                ..
            })
        ));
        assert!(pump.clone().with_speed(5.0).is_err());
    }
}
