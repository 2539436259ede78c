//! Validity envelopes: the physical laws and model limits a converged state must
//! respect ([`Violation`], [`Law`]).
//!
//! Every component states its envelope in [`crate::ComponentModel::check_validity`]:
//! the second law in every exchanger zone (no temperature cross), positive compressor
//! flow and work with the discharge above the suction pressure, no pressure rise
//! through a valve, a compressor map evaluated inside its rated envelope, and so on.
//! The solver adds the checks that concern a connection rather than a component
//! (states inside the equation of state's range, secondary media neither frozen nor
//! boiling) and runs all of them at every converged point. A violated **hard** law
//! ([`Law::is_hard`]) means the converged equations describe something that cannot
//! exist: the solve fails with the solution attached. A **soft** limit (a map
//! extrapolated, a pinch of almost zero) is a warning carried by the solution.
use crate::PortState;
use std::fmt;

/// The law or limit a [`Violation`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Law {
    /// Heat would flow from the colder to the hotter stream somewhere in an
    /// exchanger (a temperature cross): the value is the smallest hot-minus-cold
    /// temperature difference found, K. Hard.
    SecondLaw,
    /// Mass flows backwards through a machine that can only drive it forwards (a
    /// compressor): the value is the mass flow, kg/s. Hard.
    ReverseFlow,
    /// A compressor absorbs no work (or gives work back): the value is its power, W. Hard.
    NegativeWork,
    /// A compressor's discharge pressure is not above its suction pressure: the value
    /// is the pressure ratio. Hard.
    PressureRatio,
    /// A throttling device raises the pressure: the value is the pressure rise, Pa. Hard.
    PressureRise,
    /// A state lies outside the range of its medium's equation of state (temperature
    /// below the triple point or above the EOS limit, pressure above its limit or not
    /// positive): the value is the offending temperature (K) or pressure (Pa). Hard.
    EosRange,
    /// A secondary liquid is below its freezing point: the value is its temperature, K. Hard.
    Freezing,
    /// A secondary liquid is above its boiling point at its pressure: the value is its
    /// temperature, K. Hard.
    Boiling,
    /// A compressor map is evaluated outside its rated suction / discharge
    /// dew-temperature envelope by more than the stated tolerance: the value is the
    /// dew temperature, K. Soft (a warning).
    MapExtrapolation,
    /// The smallest temperature difference of an exchanger is below the pinch
    /// threshold: the value is that difference, K. Soft (a warning).
    Pinch,
    /// A pump or fan works against a negative head at positive flow (it acts as a
    /// turbine): the value is the pressure rise, Pa. Soft (a warning).
    NegativeHead,
}

impl Law {
    /// Whether a violation makes the solution physically impossible (an error),
    /// rather than outside a model's validated range (a warning).
    pub fn is_hard(self) -> bool {
        !matches!(self, Law::MapExtrapolation | Law::Pinch | Law::NegativeHead)
    }

    /// A short snake-case name, e.g. `"second_law"` (stable: used by the Python
    /// warnings and errors).
    pub fn name(self) -> &'static str {
        match self {
            Law::SecondLaw => "second_law",
            Law::ReverseFlow => "reverse_flow",
            Law::NegativeWork => "negative_work",
            Law::PressureRatio => "pressure_ratio",
            Law::PressureRise => "pressure_rise",
            Law::EosRange => "eos_range",
            Law::Freezing => "freezing",
            Law::Boiling => "boiling",
            Law::MapExtrapolation => "map_extrapolation",
            Law::Pinch => "pinch",
            Law::NegativeHead => "negative_head",
        }
    }
}

impl Law {
    /// Every law, in declaration order.
    pub const ALL: [Law; 11] = [
        Law::SecondLaw,
        Law::ReverseFlow,
        Law::NegativeWork,
        Law::PressureRatio,
        Law::PressureRise,
        Law::EosRange,
        Law::Freezing,
        Law::Boiling,
        Law::MapExtrapolation,
        Law::Pinch,
        Law::NegativeHead,
    ];

    /// The law named `name` ([`Law::name`]), if any.
    pub fn from_name(name: &str) -> Option<Law> {
        Law::ALL.into_iter().find(|law| law.name() == name)
    }
}

impl fmt::Display for Law {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which side of [`Violation::limit`] the value must stay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The value must be at least the limit.
    Lower,
    /// The value must be at most the limit.
    Upper,
}

impl Bound {
    /// `"lower"` or `"upper"` (stable: used in files and by Python).
    pub fn name(self) -> &'static str {
        match self {
            Bound::Lower => "lower",
            Bound::Upper => "upper",
        }
    }

    /// The bound named `name` ([`Bound::name`]), if any.
    pub fn from_name(name: &str) -> Option<Bound> {
        [Bound::Lower, Bound::Upper].into_iter().find(|b| b.name() == name)
    }
}

/// One law or limit broken at a converged state.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Component name (for connection checks, the component the connection leaves).
    pub component: String,
    /// Port concerned, if the violation is located at one.
    pub port: Option<&'static str>,
    /// The law or limit broken.
    pub law: Law,
    /// What was measured, with its unit, e.g. `"temperature difference [K]"`.
    pub quantity: &'static str,
    /// The value found.
    pub value: f64,
    /// The limit it breaks.
    pub limit: f64,
    /// Whether `limit` is a lower or an upper bound.
    pub bound: Bound,
}

impl Violation {
    /// A violation found at `value`; complete it with its limit
    /// ([`Builder::at_least`], [`Builder::at_most`]).
    pub fn found(component: &str, port: Option<&'static str>, law: Law, quantity: &'static str, value: f64) -> Builder {
        Builder(Violation {
            component: component.to_owned(),
            port,
            law,
            quantity,
            value,
            limit: 0.0,
            bound: Bound::Lower,
        })
    }

    /// Whether [`Self::law`] is hard ([`Law::is_hard`]).
    pub fn is_hard(&self) -> bool {
        self.law.is_hard()
    }
}

/// Completes a [`Violation`] with its limit ([`Violation::new`]).
#[derive(Debug)]
pub struct Builder(Violation);

impl Builder {
    /// The value must be at least `limit`.
    pub fn at_least(self, limit: f64) -> Violation {
        self.limit(limit, Bound::Lower)
    }
    /// The value must be at most `limit`.
    pub fn at_most(self, limit: f64) -> Violation {
        self.limit(limit, Bound::Upper)
    }
    /// The value must stay on the `bound` side of `limit`.
    pub fn limit(mut self, limit: f64, bound: Bound) -> Violation {
        self.0.limit = limit;
        self.0.bound = bound;
        self.0
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let relation = match self.bound {
            Bound::Lower => ">=",
            Bound::Upper => "<=",
        };
        write!(f, "'{}'", self.component)?;
        if let Some(port) = self.port {
            write!(f, " at '{port}'")?;
        }
        write!(
            f,
            ": {} ({}): {} = {} must be {relation} {}",
            describe(self.law),
            self.law,
            self.quantity,
            compact(self.value),
            compact(self.limit)
        )
    }
}

/// One sentence on what a law means, for messages.
fn describe(law: Law) -> &'static str {
    match law {
        Law::SecondLaw => "temperature cross, heat would flow from the colder to the hotter stream",
        Law::ReverseFlow => "flow runs backwards through the compressor",
        Law::NegativeWork => "the compressor absorbs no work",
        Law::PressureRatio => "the discharge pressure is not above the suction pressure",
        Law::PressureRise => "the pressure rises through a throttle",
        Law::EosRange => "state outside the range of the equation of state",
        Law::Freezing => "the secondary liquid is frozen",
        Law::Boiling => "the secondary liquid boils",
        Law::MapExtrapolation => "the compressor map is extrapolated beyond its rated envelope",
        Law::Pinch => "the exchanger is pinched",
        Law::NegativeHead => "the machine works against a negative head",
    }
}

/// A measured value for a message: rounded to 6 significant digits (a violation's
/// value is a physical quantity, not an exact input), then written as every message of
/// the workspace writes numbers ([`entropyk_thermo::Compact`]: `2.2e-308`, `13.4912`).
pub fn compact(value: f64) -> String {
    let rounded: f64 = format!("{value:.5e}").parse().unwrap_or(value);
    entropyk_thermo::Compact(rounded).to_string()
}

/// Counter-flow temperature differences `hot - cold` at the two ends of a
/// single-phase exchanger zone; a negative one is a [`Law::SecondLaw`] violation,
/// one below `pinch` a [`Law::Pinch`] warning.
pub(crate) fn check_differences(
    component: &str,
    differences: impl IntoIterator<Item = f64>,
    pinch: f64,
    out: &mut Vec<Violation>,
) {
    let smallest = differences.into_iter().fold(f64::INFINITY, f64::min);
    const QUANTITY: &str = "smallest hot-minus-cold temperature difference [K]";
    if smallest < -SECOND_LAW_TOLERANCE {
        out.push(Violation::found(component, None, Law::SecondLaw, QUANTITY, smallest).at_least(0.0));
    } else if smallest < pinch {
        out.push(Violation::found(component, None, Law::Pinch, QUANTITY, smallest).at_least(pinch));
    }
}

/// The laws every compressor obeys in operation: flow forwards (`m > 0`,
/// [`Law::ReverseFlow`]), work absorbed (`power > 0`, [`Law::NegativeWork`]) and a
/// discharge pressure above the suction pressure ([`Law::PressureRatio`]).
pub(crate) fn check_compression(
    component: &str,
    inlet: &PortState<f64>,
    outlet: &PortState<f64>,
    power: f64,
    out: &mut Vec<Violation>,
) {
    if !(inlet.m > 0.0) {
        out.push(
            Violation::found(component, Some("inlet"), Law::ReverseFlow, "mass flow [kg/s]", inlet.m).at_least(0.0),
        );
    }
    if !(power > 0.0) {
        out.push(Violation::found(component, None, Law::NegativeWork, "power [W]", power).at_least(0.0));
    }
    let ratio = outlet.p / inlet.p;
    if !(ratio > 1.0) {
        out.push(
            Violation::found(
                component,
                Some("outlet"),
                Law::PressureRatio,
                "pressure ratio [-]",
                ratio,
            )
            .at_least(1.0),
        );
    }
}

/// Temperature differences down to `-SECOND_LAW_TOLERANCE` (K) count as zero: a
/// pinched exchanger converges onto a zero difference within round-off.
pub const SECOND_LAW_TOLERANCE: f64 = 1e-6;

/// Default pinch warning threshold of the exchangers, K.
pub const PINCH_WARNING: f64 = 1e-3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(13.4912345), "13.4912");
        assert_eq!(compact(2.2e-308), "2.2e-308");
        assert_eq!(compact(-1.0e300), "-1e+300");
        assert_eq!(compact(250000.0), "250000");
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(1.5e9), "1500000000");
    }

    #[test]
    fn display_and_severity() {
        let v = Violation::found("evap", Some("refrigerant_out"), Law::SecondLaw, "dT [K]", -1.49).at_least(0.0);
        assert!(v.is_hard());
        let text = v.to_string();
        assert!(
            text.contains("'evap' at 'refrigerant_out'") && text.contains("-1.49 must be >= 0"),
            "{text}"
        );
        assert!(!Law::MapExtrapolation.is_hard() && !Law::Pinch.is_hard());
        let mut out = Vec::new();
        check_differences("hx", [3.0, -0.5, 2.0], 0.1, &mut out);
        check_differences("hx", [3.0, 0.05], 0.1, &mut out);
        check_differences("hx", [3.0, 1.0], 0.1, &mut out);
        assert_eq!(
            out.iter().map(|v| v.law).collect::<Vec<_>>(),
            [Law::SecondLaw, Law::Pinch]
        );
    }
}
