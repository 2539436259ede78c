//! Fan moving air (or another low-pressure-rise gas treated as incompressible).
use crate::turbomachine::{delegate_turbomachine, TurboMachine};
use crate::{ComponentError, IncompressibleLiquid};

/// A fan moving air modelled as an incompressible medium (normally
/// [`IncompressibleLiquid::AIR`]; valid for pressure rises of a few kPa, where the
/// density change is below about 3 %), from its rated-speed pressure-rise curve
/// `dp_0(Q) = c0 + c1 Q + c2 Q^2` (Pa, `Q` in m3/s) and efficiency curve
/// `eta_0(Q) = e0 + e1 Q + e2 Q^2`, scaled to the relative speed `s = n / n_rated`
/// by the fan laws (ASHRAE Handbook HVAC Systems and Equipment, ch. 21 "Fans"):
///
/// * `p_out - p_in = dp(Q, s) = c0 s^2 + c1 s Q + c2 Q^2`, `Q = m / rho`;
/// * `h_out - h_in = dp / (rho eta(Q, s))`, `eta(Q, s) = max(eta_0(Q / s), 0.05)`:
///   the shaft power `W = Q dp / eta` heats the air (motor losses excluded);
/// * mass balance.
///
/// Ports `"inlet"`, `"outlet"`; three equations; parameter `speed` (relative,
/// 0.05..=3). Outputs `power` (W), `pressure_rise` (Pa), `efficiency`,
/// `volume_flow` (m3/s).
///
/// Operational states: as [`crate::Pump`] (Off: `m_in = 0`, `h_out = h_in`; Bypass:
/// `p_out = p_in`, `h_out = h_in`).
#[derive(Debug, Clone)]
pub struct Fan(pub(crate) TurboMachine);

impl Fan {
    /// A fan for `air` with pressure-rise coefficients `pressure` (`c0 > 0` Pa, `c1`
    /// Pa s/m3, `c2` Pa s2/m6) and efficiency coefficients `efficiency`.
    ///
    /// ```
    /// use entropyk_components::{Fan, IncompressibleLiquid};
    /// // 400 Pa shut-off, 300 Pa at 2 m3/s, best efficiency 0.6 at 2 m3/s.
    /// let fan = Fan::new("fan", IncompressibleLiquid::AIR, [400.0, 0.0, -25.0], [0.0, 0.6, -0.15]).unwrap();
    /// ```
    pub fn new(
        name: &str,
        air: IncompressibleLiquid,
        pressure: [f64; 3],
        efficiency: [f64; 3],
    ) -> Result<Self, ComponentError> {
        TurboMachine::new(name, "Fan", air, pressure, efficiency).map(Fan)
    }

    /// Sets the relative speed `n / n_rated` (0.05..=3).
    pub fn with_speed(self, speed: f64) -> Result<Self, ComponentError> {
        self.0.with_speed(speed).map(Fan)
    }

    /// Pressure rise (Pa) and efficiency at mass flow `m` (kg/s) and relative speed `speed`.
    pub fn pressure_rise(&self, m: f64, speed: f64) -> (f64, f64) {
        let point = self.0.point(m, speed);
        (point.dp, point.eta)
    }
}

delegate_turbomachine!(Fan);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ComponentModel, PortState};

    #[test]
    fn fan_laws_and_air_heating() {
        let air = IncompressibleLiquid::AIR;
        let fan = Fan::new("f", air, [400.0, 0.0, -25.0], [0.0, 0.6, -0.15]).unwrap();
        let m = 2.0 * air.rho;
        let (dp, eta) = fan.pressure_rise(m, 1.0);
        assert!((dp - 300.0).abs() < 1e-9 && (eta - 0.6).abs() < 1e-12);
        let (dp2, eta2) = fan.pressure_rise(1.5 * m, 1.5);
        assert!((dp2 - 675.0).abs() < 1e-9 && (eta2 - 0.6).abs() < 1e-12);
        // Temperature rise of the air: W / (m cp) = dp / (rho eta cp) = 0.41 K.
        let inlet = PortState {
            p: 101_325.0,
            h: air.enthalpy(293.15, 101_325.0),
            m,
        };
        let outlet = PortState {
            p: 101_625.0,
            h: inlet.h + 300.0 / (air.rho * 0.6),
            m,
        };
        let mut r = [1.0; 3];
        fan.residuals(&[inlet, outlet], &[1.0], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-9), "{r:?}");
        let dt = air.temperature(outlet.h, outlet.p) - air.temperature(inlet.h, inlet.p);
        // The enthalpy's pressure term takes dp / rho of the work: dT = dp (1/eta - 1) / (rho cp).
        assert!(
            (dt - 300.0 * (1.0 / 0.6 - 1.0) / (air.rho * air.cp)).abs() < 1e-9,
            "{dt}"
        );
    }
}
