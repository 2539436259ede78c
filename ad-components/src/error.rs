//! The error type of the component crate.
use crate::OperationalState;
use entropyk_thermo::{Compact, FluidError};
use thiserror::Error;

/// Errors raised while evaluating a component.
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum ComponentError {
    /// A fluid property evaluation failed at one of the component's ports.
    #[error("component '{component}', port '{port}': {source}")]
    Fluid {
        /// Component name.
        component: String,
        /// Port whose state could not be evaluated.
        port: &'static str,
        /// Underlying fluid error.
        #[source]
        source: FluidError,
    },
    /// A parameter given to a component constructor is invalid.
    #[error(
        "component '{component}': parameter '{parameter}' = {} is invalid, valid range [{}, {}]",
        Compact(*value),
        Compact(*min),
        Compact(*max)
    )]
    InvalidParameter {
        /// Component name.
        component: String,
        /// Parameter name.
        parameter: &'static str,
        /// Value given.
        value: f64,
        /// Smallest valid value.
        min: f64,
        /// Largest valid value.
        max: f64,
    },
    /// A port state is outside the range the model accepts (e.g. a negative mass flow
    /// through a compressor map).
    #[error(
        "component '{component}', port '{port}': {quantity} = {} is outside the valid range [{}, {}]",
        Compact(*value),
        Compact(*min),
        Compact(*max)
    )]
    StateOutOfRange {
        /// Component name.
        component: String,
        /// Port name.
        port: &'static str,
        /// Quantity name with its unit, e.g. `"mass flow [kg/s]"`.
        quantity: &'static str,
        /// Value found.
        value: f64,
        /// Smallest valid value.
        min: f64,
        /// Largest valid value.
        max: f64,
    },
    /// A component does not support the requested [`OperationalState`].
    #[error("component '{component}' ({kind}) does not support operational state '{state}': {reason}")]
    UnsupportedOperationalState {
        /// Component name.
        component: String,
        /// Component kind.
        kind: &'static str,
        /// State requested.
        state: OperationalState,
        /// Why the state is not available.
        reason: &'static str,
    },
    /// A constructor argument of a declared component is unknown, missing or of the
    /// wrong kind ([`crate::declaration`]).
    #[error("component '{component}' ({kind}): argument '{argument}': {expected}")]
    InvalidArgument {
        /// Component name.
        component: String,
        /// Model kind.
        kind: &'static str,
        /// The argument.
        argument: String,
        /// What is wrong, or what it takes.
        expected: String,
    },
    /// A component definition ([`crate::ComponentSpec`], e.g. read from a file) is
    /// inconsistent in a way no single parameter range expresses.
    #[error("component '{component}': invalid definition: {reason}")]
    InvalidDefinition {
        /// Component name.
        component: String,
        /// What is wrong.
        reason: &'static str,
    },
}

/// The structured facts of a [`ComponentError`]: the component always; the port,
/// parameter, offending value and its valid range where the error concerns them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentErrorDetails<'a> {
    /// The component's name.
    pub component: &'a str,
    /// The port's name.
    pub port: Option<&'a str>,
    /// The parameter's name, or the port quantity out of range (`"pressure"`...).
    pub parameter: Option<&'a str>,
    /// The offending value (SI).
    pub value: Option<f64>,
    /// Its valid range `[min, max]` (SI).
    pub valid_range: Option<(f64, f64)>,
}

impl ComponentError {
    /// The error's structured facts.
    pub fn details(&self) -> ComponentErrorDetails<'_> {
        let (component, port, parameter, value, valid_range) = match self {
            ComponentError::Fluid { component, port, .. } => (component, Some(*port), None, None, None),
            ComponentError::InvalidParameter {
                component,
                parameter,
                value,
                min,
                max,
            } => (component, None, Some(*parameter), Some(*value), Some((*min, *max))),
            ComponentError::StateOutOfRange {
                component,
                port,
                quantity,
                value,
                min,
                max,
            } => (
                component,
                Some(*port),
                Some(*quantity),
                Some(*value),
                Some((*min, *max)),
            ),
            ComponentError::InvalidArgument {
                component, argument, ..
            } => (component, None, Some(argument.as_str()), None, None),
            ComponentError::UnsupportedOperationalState { component, .. }
            | ComponentError::InvalidDefinition { component, .. } => (component, None, None, None, None),
        };
        ComponentErrorDetails {
            component,
            port,
            parameter,
            value,
            valid_range,
        }
    }

    /// Wraps a [`FluidError`] with the component and port where it happened.
    pub fn fluid(component: &str, port: &'static str, source: FluidError) -> Self {
        ComponentError::Fluid {
            component: component.to_owned(),
            port,
            source,
        }
    }

    /// Checks a constructor parameter lies in `min ..= max` (and is not NaN).
    pub fn check_parameter(
        component: &str,
        parameter: &'static str,
        value: f64,
        min: f64,
        max: f64,
    ) -> Result<f64, Self> {
        if value.is_nan() || value < min || value > max {
            Err(ComponentError::InvalidParameter {
                component: component.to_owned(),
                parameter,
                value,
                min,
                max,
            })
        } else {
            Ok(value)
        }
    }
}
