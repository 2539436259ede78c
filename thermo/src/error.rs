//! The crate's error type.

use crate::Compact;
use thiserror::Error;

/// Errors from fluid construction and property evaluation.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum FluidError {
    /// The fluid name (or alias) is not known.
    #[error("unknown fluid '{name}'; known fluids: {known:?}")]
    UnknownFluid {
        /// Name as given.
        name: String,
        /// Canonical names of the available fluids.
        known: Vec<&'static str>,
    },
    /// The name is a series designation that names several blends (e.g. "R407").
    #[error("ambiguous fluid name '{name}'; say which one: {candidates:?}")]
    AmbiguousFluid {
        /// Name as given.
        name: String,
        /// The blends of that series this crate knows.
        candidates: Vec<&'static str>,
    },
    /// A mixture given in CoolProp's syntax (`R32[0.5]&R1234yf[0.5]`) cannot be read.
    #[error("malformed mixture '{name}': {reason}")]
    MalformedMixture {
        /// The text as given.
        name: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// An input is NaN, infinite, non-positive or otherwise invalid regardless of range.
    #[error("invalid {quantity} = {}: {reason}", Compact(*value))]
    InvalidInput {
        /// Which input (e.g. "pressure").
        quantity: &'static str,
        /// The value given (SI units).
        value: f64,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// An input lies outside the validity range of the equation of state / flash.
    #[error(
        "{quantity} = {} is out of range; valid range is [{}, {}] (SI units)",
        Compact(*value),
        Compact(*min),
        Compact(*max)
    )]
    OutOfRange {
        /// Which input (e.g. "temperature").
        quantity: &'static str,
        /// The value given (SI units).
        value: f64,
        /// Lower bound (SI units).
        min: f64,
        /// Upper bound (SI units).
        max: f64,
    },
    /// A mixture's mole fraction is negative, above 1 or not finite.
    #[error("mole fraction x[{index}] = {} is out of range; valid range is [0, 1]", Compact(*value))]
    MoleFractionOutOfRange {
        /// Position of the component in the mixture (0-based).
        index: usize,
        /// The value given.
        value: f64,
    },
    /// A mixture's mole fractions do not sum to 1.
    #[error("mole fractions sum to {}; they must sum to 1 (within {})", Compact(*sum), Compact(*tolerance))]
    MoleFractionSum {
        /// The sum of the values given.
        sum: f64,
        /// Accepted deviation from 1.
        tolerance: f64,
    },
    /// A composition has a different number of entries than the mixture has components.
    #[error("composition has {given} entries; the mixture has {components} components")]
    CompositionLength {
        /// Number of mole fractions given.
        given: usize,
        /// Number of components of the mixture.
        components: usize,
    },
    /// No interaction parameters are known for a pair of mixture components.
    #[error("no binary interaction parameters for the pair {first} / {second}")]
    UnknownBinaryPair {
        /// Canonical name of the first component.
        first: &'static str,
        /// Canonical name of the second component.
        second: &'static str,
    },
    /// An iterative flash failed to converge.
    #[error(
        "{flash} flash did not converge for inputs ({}, {}) after {iterations} iterations",
        Compact(inputs[0]),
        Compact(inputs[1])
    )]
    NotConverged {
        /// Which flash (e.g. "ph").
        flash: &'static str,
        /// The two inputs (SI units).
        inputs: [f64; 2],
        /// Iterations performed.
        iterations: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_value_and_range() {
        let e = FluidError::OutOfRange {
            quantity: "temperature",
            value: 100.0,
            min: 169.85,
            max: 455.0,
        };
        let m = e.to_string();
        assert!(m.contains("100") && m.contains("169.85") && m.contains("455"), "{m}");
        let e = FluidError::InvalidInput {
            quantity: "pressure",
            value: -1.0,
            reason: "must be > 0",
        };
        assert!(e.to_string().contains("-1"));
    }
}
