//! Specifications: extra equations on the state of one connection that close a
//! system's degrees of freedom (the set points a user draws on a cycle).
use entropyk_thermo::{Fluid, FluidError, Scalar};

/// A set point on the state of the connection at a port.
#[derive(Debug, Clone, PartialEq)]
pub enum Specification {
    /// Superheat `T(p, h) - T_dew(p) = kelvin` at a port (K).
    Superheat {
        /// Port reference `"component.port"`.
        port: String,
        /// Superheat, K (> 0).
        kelvin: f64,
    },
    /// Subcooling `T_bubble(p) - T(p, h) = kelvin` at a port (K).
    Subcooling {
        /// Port reference `"component.port"`.
        port: String,
        /// Subcooling, K (> 0).
        kelvin: f64,
    },
}

impl Specification {
    /// Superheat set point at `port`, K.
    pub fn superheat(port: &str, kelvin: f64) -> Self {
        Specification::Superheat {
            port: port.to_owned(),
            kelvin,
        }
    }

    /// Subcooling set point at `port`, K.
    pub fn subcooling(port: &str, kelvin: f64) -> Self {
        Specification::Subcooling {
            port: port.to_owned(),
            kelvin,
        }
    }

    /// Port reference the specification applies to.
    pub fn port(&self) -> &str {
        match self {
            Specification::Superheat { port, .. } | Specification::Subcooling { port, .. } => port,
        }
    }

    /// The set-point value, K.
    pub fn value(&self) -> f64 {
        match self {
            Specification::Superheat { kelvin, .. } | Specification::Subcooling { kelvin, .. } => *kelvin,
        }
    }

    /// Human-readable description, e.g. `"superheat = 5 K"`.
    pub fn describe(&self) -> String {
        match self {
            Specification::Superheat { kelvin, .. } => format!("superheat = {kelvin} K"),
            Specification::Subcooling { kelvin, .. } => format!("subcooling = {kelvin} K"),
        }
    }

    /// Checks the value: finite and strictly positive (zero superheat or
    /// subcooling sits on the saturation line, where `T(p, h)` has a kink).
    pub(crate) fn validate(&self) -> Result<(), &'static str> {
        let v = self.value();
        if !v.is_finite() || v <= 0.0 || v > 100.0 {
            return Err("the temperature difference must lie in 0 < dT <= 100 K");
        }
        Ok(())
    }

    /// Residual in K: zero when the set point is met.
    pub(crate) fn residual<D: Scalar>(&self, fluid: &Fluid, p: D, h: D) -> Result<D, FluidError> {
        let t_sat = fluid.saturation_p(p)?.t;
        let t = fluid.state_ph(p, h)?.t;
        Ok(match self {
            Specification::Superheat { kelvin, .. } => t - t_sat - *kelvin,
            Specification::Subcooling { kelvin, .. } => t_sat - t - *kelvin,
        })
    }

    /// Enthalpy meeting the set point at pressure `p` (for initial guesses).
    pub(crate) fn enthalpy_at(&self, fluid: &Fluid, p: f64) -> Result<f64, FluidError> {
        let t_sat = fluid.saturation_p(p)?.t;
        let t = match self {
            Specification::Superheat { kelvin, .. } => t_sat + kelvin,
            Specification::Subcooling { kelvin, .. } => t_sat - kelvin,
        };
        Ok(fluid.state_pt(p, t)?.h)
    }
}
