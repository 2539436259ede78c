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
