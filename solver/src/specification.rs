//! Specifications: extra equations on connection states that close a system's
//! degrees of freedom (the set points a user draws on a cycle), and controls that
//! free a component parameter to meet one.
use entropyk_components::{Medium, PortState};
use entropyk_thermo::{Compact, FluidError, Phase, Scalar};

/// A set point on the state of the connection(s) at a port or component.
///
/// Serialised (serde) as `{"kind": "superheat", "port": "evap.refrigerant_out", "kelvin": 5.0}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Specification {
    /// Superheat `T(p, h) - T_dew(p) = kelvin` at a refrigerant port (K); for
    /// blends the dew temperature.
    Superheat {
        /// Port reference `"component.port"`.
        port: String,
        /// Superheat, K (> 0).
        kelvin: f64,
    },
    /// Subcooling `T_bubble(p) - T(p, h) = kelvin` at a refrigerant port (K); for
    /// blends the bubble temperature.
    Subcooling {
        /// Port reference `"component.port"`.
        port: String,
        /// Subcooling, K (> 0).
        kelvin: f64,
    },
    /// Temperature `T(p, h) = kelvin` at any port (K), e.g. a chilled-water supply
    /// temperature.
    Temperature {
        /// Port reference `"component.port"`.
        port: String,
        /// Temperature, K.
        kelvin: f64,
    },
    /// Pressure `p = pascals` at any port (Pa), e.g. the gas-cooler pressure of a
    /// transcritical cycle (the set point of its high-pressure control valve, a free
    /// design variable once the refrigerant is supercritical) or a fixed condensing
    /// pressure. The automatic initial guess takes the pressure from it.
    Pressure {
        /// Port reference `"component.port"`.
        port: String,
        /// Pressure, Pa.
        pascals: f64,
    },
    /// Heat flow `m (h_out - h_in)` along a component's first flow path (W):
    /// positive when the stream gains heat, e.g. an evaporator's capacity.
    HeatFlow {
        /// Component name.
        component: String,
        /// Heat flow, W.
        watts: f64,
    },
    /// Dew-point temperature at the port's pressure, K (TESPy's `T_dew`): fixes the
    /// pressure, e.g. the evaporating temperature read as a dew point.
    DewTemperature {
        /// `"component.port"`.
        port: String,
        /// Dew temperature, K.
        kelvin: f64,
    },
    /// Bubble-point temperature at the port's pressure, K (TESPy's `T_bubble`); equal
    /// to the dew temperature for a pure fluid, below it by the glide for a blend.
    BubbleTemperature {
        /// `"component.port"`.
        port: String,
        /// Bubble temperature, K.
        kelvin: f64,
    },
    /// Vapour quality (mass fraction of vapour) at the port, TESPy's `x`: 0 saturated
    /// liquid, 1 saturated vapour.
    Quality {
        /// `"component.port"`.
        port: String,
        /// Quality, 0..=1.
        fraction: f64,
    },
    /// Mass flow at the port, kg/s (TESPy's `m`).
    MassFlow {
        /// `"component.port"`.
        port: String,
        /// Mass flow, kg/s.
        kg_per_s: f64,
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

    /// Temperature set point at `port`, K.
    pub fn temperature(port: &str, kelvin: f64) -> Self {
        Specification::Temperature {
            port: port.to_owned(),
            kelvin,
        }
    }

    /// Pressure set point at `port`, Pa.
    ///
    /// ```
    /// use entropyk_solver::Specification;
    /// let gas_cooler = Specification::pressure("gc.hot_in", 9.5e6);
    /// assert_eq!(gas_cooler.describe(), "pressure = 9500000 Pa");
    /// ```
    pub fn pressure(port: &str, pascals: f64) -> Self {
        Specification::Pressure {
            port: port.to_owned(),
            pascals,
        }
    }

    /// Heat-flow set point of `component`'s first flow path, W (e.g. evaporator capacity).
    pub fn heat_flow(component: &str, watts: f64) -> Self {
        Specification::HeatFlow {
            component: component.to_owned(),
            watts,
        }
    }

    /// Dew-point temperature set point at `port`, K (the pressure there is the dew
    /// pressure at `kelvin`).
    ///
    /// ```
    /// use entropyk_solver::Specification;
    /// assert_eq!(Specification::dew_temperature("evap.outlet", 268.15).reference(), "t_dew:evap.outlet");
    /// ```
    pub fn dew_temperature(port: &str, kelvin: f64) -> Self {
        Specification::DewTemperature {
            port: port.to_owned(),
            kelvin,
        }
    }

    /// Bubble-point temperature set point at `port`, K.
    pub fn bubble_temperature(port: &str, kelvin: f64) -> Self {
        Specification::BubbleTemperature {
            port: port.to_owned(),
            kelvin,
        }
    }

    /// Vapour-quality set point at `port` (0 saturated liquid, 1 saturated vapour).
    pub fn quality(port: &str, fraction: f64) -> Self {
        Specification::Quality {
            port: port.to_owned(),
            fraction,
        }
    }

    /// Mass-flow set point at `port`, kg/s.
    pub fn mass_flow(port: &str, kg_per_s: f64) -> Self {
        Specification::MassFlow {
            port: port.to_owned(),
            kg_per_s,
        }
    }

    /// What the specification refers to: a port reference, or a component name for
    /// [`Specification::HeatFlow`].
    pub fn target(&self) -> &str {
        match self {
            Specification::Superheat { port, .. }
            | Specification::Subcooling { port, .. }
            | Specification::Temperature { port, .. }
            | Specification::Pressure { port, .. }
            | Specification::DewTemperature { port, .. }
            | Specification::BubbleTemperature { port, .. }
            | Specification::Quality { port, .. }
            | Specification::MassFlow { port, .. } => port,
            Specification::HeatFlow { component, .. } => component,
        }
    }

    /// The name of the specification's kind, e.g. `"superheat"` (as serialised).
    pub fn kind(&self) -> &'static str {
        match self {
            Specification::Superheat { .. } => "superheat",
            Specification::Subcooling { .. } => "subcooling",
            Specification::Temperature { .. } => "temperature",
            Specification::Pressure { .. } => "pressure",
            Specification::HeatFlow { .. } => "heat_flow",
            Specification::DewTemperature { .. } => "t_dew",
            Specification::BubbleTemperature { .. } => "t_bubble",
            Specification::Quality { .. } => "quality",
            Specification::MassFlow { .. } => "mass_flow",
        }
    }

    /// The reference naming this specification in a system: `"kind:target"`, e.g.
    /// `"superheat:evap.refrigerant_out"` or `"heat_flow:evap"`. A system holds at most
    /// one specification per reference; [`crate::System::set_value`],
    /// [`crate::System::remove_specification`] and [`crate::sweep`] take it.
    ///
    /// ```
    /// use entropyk_solver::Specification;
    /// assert_eq!(Specification::superheat("evap.refrigerant_out", 5.0).reference(), "superheat:evap.refrigerant_out");
    /// ```
    pub fn reference(&self) -> String {
        format!("{}:{}", self.kind(), self.target())
    }

    /// Whether `reference` (`"kind:target"`) names this specification
    /// ([`Specification::reference`], compared without building it).
    pub fn is_named(&self, reference: &str) -> bool {
        reference.split_once(':') == Some((self.kind(), self.target()))
    }

    /// The same specification with the set point `value` (K, Pa or W), not yet validated.
    pub fn with_value(&self, value: f64) -> Self {
        let mut spec = self.clone();
        match &mut spec {
            Specification::Superheat { kelvin, .. }
            | Specification::Subcooling { kelvin, .. }
            | Specification::Temperature { kelvin, .. }
            | Specification::DewTemperature { kelvin, .. }
            | Specification::BubbleTemperature { kelvin, .. } => *kelvin = value,
            Specification::Pressure { pascals, .. } => *pascals = value,
            Specification::HeatFlow { watts, .. } => *watts = value,
            Specification::Quality { fraction, .. } => *fraction = value,
            Specification::MassFlow { kg_per_s, .. } => *kg_per_s = value,
        }
        spec
    }

    /// The set-point value (K, Pa or W).
    pub fn value(&self) -> f64 {
        match self {
            Specification::Superheat { kelvin, .. }
            | Specification::Subcooling { kelvin, .. }
            | Specification::Temperature { kelvin, .. }
            | Specification::DewTemperature { kelvin, .. }
            | Specification::BubbleTemperature { kelvin, .. } => *kelvin,
            Specification::Pressure { pascals, .. } => *pascals,
            Specification::HeatFlow { watts, .. } => *watts,
            Specification::Quality { fraction, .. } => *fraction,
            Specification::MassFlow { kg_per_s, .. } => *kg_per_s,
        }
    }

    /// Human-readable description, e.g. `"superheat = 5 K"`.
    pub fn describe(&self) -> String {
        match self {
            Specification::Superheat { kelvin, .. } => format!("superheat = {} K", Compact(*kelvin)),
            Specification::Subcooling { kelvin, .. } => format!("subcooling = {} K", Compact(*kelvin)),
            Specification::Temperature { kelvin, .. } => format!("temperature = {} K", Compact(*kelvin)),
            Specification::Pressure { pascals, .. } => format!("pressure = {} Pa", Compact(*pascals)),
            Specification::HeatFlow { watts, .. } => format!("heat flow = {} W", Compact(*watts)),
            Specification::DewTemperature { kelvin, .. } => format!("dew temperature = {} K", Compact(*kelvin)),
            Specification::BubbleTemperature { kelvin, .. } => format!("bubble temperature = {} K", Compact(*kelvin)),
            Specification::Quality { fraction, .. } => format!("quality = {}", Compact(*fraction)),
            Specification::MassFlow { kg_per_s, .. } => format!("mass flow = {} kg/s", Compact(*kg_per_s)),
        }
    }

    /// Checks the value. Superheat and subcooling may be zero (saturated vapour,
    /// saturated liquid: the residuals are enthalpy distances there, smooth through it).
    pub(crate) fn validate(&self) -> Result<(), &'static str> {
        let v = self.value();
        match self {
            Specification::Superheat { .. } | Specification::Subcooling { .. } => {
                if !(0.0..=100.0).contains(&v) {
                    return Err("the temperature difference must lie in 0 <= dT <= 100 K (0: saturated)");
                }
            }
            Specification::Quality { .. } => {
                if !v.is_finite() || !(0.0..=1.0).contains(&v) {
                    return Err("the quality must lie in 0 <= x <= 1");
                }
            }
            Specification::MassFlow { .. } => {
                if !v.is_finite() || v.abs() > 1.0e6 {
                    return Err("the mass flow must be a finite number of kg/s, |m| <= 1e6");
                }
            }
            Specification::Temperature { .. }
            | Specification::DewTemperature { .. }
            | Specification::BubbleTemperature { .. } => {
                if !v.is_finite() || v <= 0.0 || v > 2000.0 {
                    return Err("the temperature must lie in 0 < T <= 2000 K");
                }
            }
            Specification::Pressure { .. } => {
                if !v.is_finite() || v <= 0.0 || v > 1.0e9 {
                    return Err("the pressure must lie in 0 < p <= 1e9 Pa");
                }
            }
            Specification::HeatFlow { .. } => {
                if !v.is_finite() {
                    return Err("the heat flow must be a finite number of W");
                }
            }
        }
        Ok(())
    }

    /// Whether the specification needs a refrigerant (saturation) at its port.
    pub(crate) fn needs_refrigerant(&self) -> bool {
        matches!(
            self,
            Specification::Superheat { .. }
                | Specification::Subcooling { .. }
                | Specification::DewTemperature { .. }
                | Specification::BubbleTemperature { .. }
                | Specification::Quality { .. }
        )
    }

    /// Residual, zero when the set point is met. `states` holds the connection
    /// states the specification refers to: one connection for port set points,
    /// the (inlet, outlet) of the flow path for [`Specification::HeatFlow`].
    pub(crate) fn residual<D: Scalar>(&self, medium: &Medium, states: &[PortState<D>]) -> Result<D, FluidError> {
        let s = states[0];
        Ok(match (self, medium) {
            // Superheat: `T(p, h) - T_dew(p) - dT` on the vapour side of the dew line
            // (the (p, h) state is the one the evaporator and compressor flash too).
            // Inside the dome and below it T(p, h) is flat in h and would give the
            // Jacobian a zero row; there the residual is the enthalpy distance from the
            // dew point in kelvin, `(h - h''(p)) / cp''(p) - dT`. Both sides and their
            // first derivatives agree on the dew line (d/dh: 1/cp''; d/dp:
            // -(dh''/dp)/cp'', since T(p, h''(p)) = T_dew(p)), so the residual is
            // continuously differentiable, and its zero is the superheated state.
            (Specification::Superheat { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                let state = fluid.state_ph(s.p, s.h)?;
                if matches!(state.phase, Phase::Vapor | Phase::Supercritical) {
                    state.t - fluid.saturation_temperatures(s.p)?.1 - *kelvin
                } else {
                    let sat = fluid.saturation_p(s.p)?;
                    (s.h - sat.h_vapor) / sat.cp_vapor - *kelvin
                }
            }
            // Subcooling: in enthalpy, divided by cp at the set point (so about kelvin),
            // which is monotonic in h everywhere (a temperature difference would be flat
            // inside the dome). Unlike the superheat, no component flashes this (p, h)
            // state, and a liquid (p, T) flash costs less than a liquid (p, h) one.
            // At zero subcooling the target is the bubble point itself, `(h' - h) / cp'`,
            // the limit of the subcooled form (a (p, T) flash at exactly T_bubble would
            // sit on the phase boundary).
            (Specification::Subcooling { kelvin, .. }, Medium::Refrigerant(fluid)) if *kelvin == 0.0 => {
                let sat = fluid.saturation_p(s.p)?;
                (sat.h_liquid - s.h) / sat.cp_liquid
            }
            (Specification::Subcooling { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                let t_set = fluid.saturation_temperatures(s.p)?.0 - *kelvin;
                let target = fluid.state_pt(s.p, t_set)?;
                (target.h - s.h) / cp_of(&target)?
            }
            (Specification::DewTemperature { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_temperatures(s.p)?.1 - *kelvin
            }
            (Specification::BubbleTemperature { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_temperatures(s.p)?.0 - *kelvin
            }
            // Quality from the enthalpy, `(h - h') / (h'' - h') - x`: linear in h, so
            // it extends smoothly beyond the dome (x < 0 subcooled, x > 1 superheated)
            // and the Newton iterate may cross the saturation lines.
            (Specification::Quality { fraction, .. }, Medium::Refrigerant(fluid)) => {
                let sat = fluid.saturation_p(s.p)?;
                (s.h - sat.h_liquid) / (sat.h_vapor - sat.h_liquid) - *fraction
            }
            (Specification::MassFlow { kg_per_s, .. }, _) => s.m - *kg_per_s,
            (Specification::Temperature { kelvin, .. }, _) => temperature(medium, s.p, s.h)? - *kelvin,
            (Specification::Pressure { pascals, .. }, _) => s.p - *pascals,
            (Specification::HeatFlow { watts, .. }, _) => states[0].m * (states[1].h - states[0].h) - *watts,
            _ => unreachable!("checked at finalize: superheat and subcooling need a refrigerant"),
        })
    }

    /// Pressure a port set point fixes (for initial guesses): a pressure, or the
    /// saturation pressure of a dew or bubble temperature.
    pub(crate) fn pressure_at(&self, medium: &Medium) -> Option<f64> {
        match (self, medium) {
            (Specification::Pressure { pascals, .. }, _) => Some(*pascals),
            (Specification::DewTemperature { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_t(*kelvin).ok().map(|s| s.p_dew)
            }
            (Specification::BubbleTemperature { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_t(*kelvin).ok().map(|s| s.p_bubble)
            }
            _ => None,
        }
    }

    /// Enthalpy meeting a port set point at pressure `p` (for initial guesses).
    pub(crate) fn enthalpy_at(&self, medium: &Medium, p: f64) -> Option<f64> {
        let t = match (self, medium) {
            // (saturated states from the saturation line itself: a (p, T) flash there
            // could land on either side)
            (Specification::Superheat { kelvin, .. }, Medium::Refrigerant(fluid)) if *kelvin == 0.0 => {
                return fluid.saturation_p(p).ok().map(|s| s.h_vapor);
            }
            (Specification::Subcooling { kelvin, .. }, Medium::Refrigerant(fluid)) if *kelvin == 0.0 => {
                return fluid.saturation_p(p).ok().map(|s| s.h_liquid);
            }
            (Specification::Superheat { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_p(p).ok()?.t_dew + kelvin
            }
            (Specification::Subcooling { kelvin, .. }, Medium::Refrigerant(fluid)) => {
                fluid.saturation_p(p).ok()?.t_bubble - kelvin
            }
            (Specification::Temperature { kelvin, .. }, _) => *kelvin,
            (Specification::Quality { fraction, .. }, Medium::Refrigerant(fluid)) => {
                let sat = fluid.saturation_p(p).ok()?;
                return Some(sat.h_liquid + fraction * (sat.h_vapor - sat.h_liquid));
            }
            _ => return None,
        };
        match medium {
            Medium::Refrigerant(fluid) => fluid.state_pt(p, t).ok().map(|s| s.h),
            Medium::Secondary(liquid) => Some(liquid.enthalpy(t, p)),
        }
    }
}

/// Isobaric heat capacity of a single-phase superheat or subcooling set point.
fn cp_of<D: Scalar>(state: &entropyk_thermo::State<D>) -> Result<D, FluidError> {
    state.cp().ok_or(FluidError::InvalidInput {
        quantity: "temperature",
        value: state.t.re(),
        reason: "no isobaric heat capacity at a two-phase set point",
    })
}

/// Temperature of `medium` at `(p, h)`, generic over the scalar.
pub(crate) fn temperature<D: Scalar>(medium: &Medium, p: D, h: D) -> Result<D, FluidError> {
    match medium {
        Medium::Refrigerant(fluid) => Ok(fluid.state_ph(p, h)?.t),
        Medium::Secondary(liquid) => Ok(liquid.temperature(h, p)),
    }
}

/// A component parameter freed to meet a specification (inverse control): the
/// parameter becomes an unknown and the specification its equation. When the value
/// needed lies outside `min ..= max`, the solver holds the parameter at the bound,
/// drops the specification and reports [`crate::SolverError::ControlSaturation`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Parameter reference `"component.parameter"`, e.g. `"valve.opening"`.
    pub parameter: String,
    /// The set point the parameter is adjusted to meet.
    pub specification: Specification,
    /// Smallest value the controller may use.
    pub min: f64,
    /// Largest value the controller may use.
    pub max: f64,
}

impl Control {
    /// Adjust `parameter` within `min ..= max` so that `specification` holds.
    ///
    /// ```
    /// use entropyk_solver::{Control, Specification};
    /// let capacity = Control::new("comp.speed", Specification::heat_flow("evap", 250e3), 0.3, 1.2);
    /// ```
    pub fn new(parameter: &str, specification: Specification, min: f64, max: f64) -> Self {
        Control {
            parameter: parameter.to_owned(),
            specification,
            min,
            max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entropyk_components::IncompressibleLiquid;
    use num_dual::Dual64;

    #[test]
    fn pressure_specification_residual_validation_and_guess() {
        let spec = Specification::pressure("gc.hot_in", 9.5e6);
        assert_eq!((spec.target(), spec.value()), ("gc.hot_in", 9.5e6));
        assert_eq!(spec.validate(), Ok(()));
        assert!(!spec.needs_refrigerant());
        let water = Medium::Secondary(entropyk_components::IncompressibleLiquid::WATER);
        assert_eq!(spec.pressure_at(&water), Some(9.5e6));
        assert_eq!(Specification::temperature("a.b", 300.0).pressure_at(&water), None);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 2.0e9] {
            assert!(Specification::pressure("a.b", bad).validate().is_err(), "{bad}");
        }
        // Residual p - p_set, generic over the scalar: d r / d p = 1, d r / d h = 0.
        let medium = Medium::Secondary(IncompressibleLiquid::WATER);
        let state = |p, h| PortState {
            p,
            h,
            m: Dual64::from(0.3),
        };
        let r = spec
            .residual(&medium, &[state(Dual64::from(9.6e6).derivative(), Dual64::from(4.0e5))])
            .unwrap();
        assert_eq!((r.re, r.eps), (1.0e5, 1.0));
        let r = spec
            .residual(&medium, &[state(Dual64::from(9.6e6), Dual64::from(4.0e5).derivative())])
            .unwrap();
        assert_eq!(r.eps, 0.0);
        assert_eq!(spec.enthalpy_at(&medium, 9.5e6), None);
    }
}
