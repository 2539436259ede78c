//! Components declared once: one [`Declaration`] per model states what every other
//! layer needs to know of it, and those layers derive from it.
//!
//! A declaration lists the model's constructor arguments ([`ArgDecl`]: name, kind,
//! unit, range, default), its ports ([`PortDoc`]), its parameters (the
//! [`ParameterSpec`]s the system's parameter table owns, with their defaults), its
//! outputs ([`OutputDecl`]: name, unit, sign convention), its role in the cycle's COP
//! ([`CopRole`]), the operating modes it supports, and a `build` function from
//! [`Args`]. From it come, without further code:
//! * its serialised form, [`crate::ComponentSpec::Declared`] (kind, name, arguments),
//!   and the rebuild from JSON through the [`crate::registry`];
//! * its Python class (`entropyk.<Kind>`, keyword arguments as declared), whose
//!   docstring sections (Ports / Parameters / Outputs, with units) are
//!   [`Declaration::docstring`], and its stub entry (`scripts/generate_declared_stubs.py`);
//! * its COP role ([`crate::Component::cop_role`]).
//!
//! A new component is then one file (the model and its declaration, implementing
//! [`Declared`]) and one line in the registry ([`crate::registry`]).
use crate::{Component, ComponentError, OperationalState, ParameterSpec};
use entropyk_thermo::{Compact, Fluid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a component contributes to the cycle's coefficients of performance
/// (`Solution::cooling_cop`, `heating_cop`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopRole {
    /// Not counted (internal exchangers, valves, hydraulics, boundaries).
    #[default]
    None,
    /// Its `power` is work input (compressors).
    WorkInput,
    /// Its `heat_flow` is the useful cooling (evaporators: heat into the refrigerant).
    Cooling,
    /// Its `-heat_flow` is the useful heating (condensers, gas coolers: heat out of the
    /// refrigerant).
    Heating,
}

impl CopRole {
    /// The role of a component of `kind` in documents written before roles were
    /// declared (format version 2 solutions without `role`): what the COP then
    /// inferred from kinds.
    pub fn legacy(kind: &str) -> CopRole {
        match kind {
            "Compressor" => CopRole::WorkInput,
            "Evaporator" => CopRole::Cooling,
            "Condenser" => CopRole::Heating,
            _ => CopRole::None,
        }
    }

    /// `"none"`, `"work_input"`, `"cooling"`, `"heating"` (stable: files and Python).
    pub fn name(self) -> &'static str {
        match self {
            CopRole::None => "none",
            CopRole::WorkInput => "work_input",
            CopRole::Cooling => "cooling",
            CopRole::Heating => "heating",
        }
    }
}

/// The kind of a constructor argument.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArgKind {
    /// A refrigerant, by name (`"R134a"`; in Python also an `entropyk.Fluid`).
    Refrigerant,
    /// A real number in `unit` (SI), valid in `[min, max]`.
    Number {
        /// SI unit (`"-"` for dimensionless).
        unit: &'static str,
        /// Smallest valid value.
        min: f64,
        /// Largest valid value.
        max: f64,
    },
}

impl ArgKind {
    /// The number argument giving a parameter's initial value: its unit and valid range
    /// are the parameter's, read from its [`ParameterSpec`] (one source for both).
    pub const fn parameter(spec: ParameterSpec) -> Self {
        ArgKind::Number {
            unit: spec.unit,
            min: spec.min,
            max: spec.max,
        }
    }
}

/// One constructor argument of a declared component.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArgDecl {
    /// Keyword (Python) and key (JSON).
    pub name: &'static str,
    /// What it takes.
    pub kind: ArgKind,
    /// Default value (a number argument); `None`: required.
    pub default: Option<f64>,
    /// Positional in Python (after the name) rather than keyword-only.
    pub positional: bool,
    /// One line of documentation.
    pub doc: &'static str,
}

/// A port, documented.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PortDoc {
    /// Port name.
    pub name: &'static str,
    /// What flows through it.
    pub doc: &'static str,
}

/// An output of [`crate::ComponentModel::outputs`], documented.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutputDecl {
    /// Output name.
    pub name: &'static str,
    /// SI unit.
    pub unit: &'static str,
    /// Meaning and sign convention.
    pub doc: &'static str,
}

/// The constructor of a declared component: its name and validated arguments.
pub type BuildFn = fn(name: &str, args: &Args) -> Result<Box<dyn Component>, ComponentError>;

/// The declaration of a component model (see the module documentation).
#[derive(Debug, Clone, Copy)]
pub struct Declaration {
    /// Model kind, also the Python class name (`"Economizer"`).
    pub kind: &'static str,
    /// What the model is and computes: equations and their source.
    pub summary: &'static str,
    /// Constructor arguments after the name, parameters included (their initial
    /// values); see [`Declaration::parameters`].
    pub args: &'static [ArgDecl],
    /// Ports, in the model's order.
    pub ports: &'static [PortDoc],
    /// Parameters (owned by the system's table once the component is added); each has
    /// the constructor argument of the same name for its initial value.
    pub parameters: &'static [ParameterSpec],
    /// Outputs, with their sign conventions.
    pub outputs: &'static [OutputDecl],
    /// Role in the COP.
    pub cop: CopRole,
    /// Supported operating modes (each keeps the number of equations) and what they do.
    pub states: &'static [(OperationalState, &'static str)],
    /// Builds the component named `name` from validated arguments.
    pub build: BuildFn,
}

/// A model with a [`Declaration`].
pub trait Declared {
    /// The model's declaration.
    const DECLARATION: Declaration;
    /// The constructor arguments that rebuild this component (parameters at their
    /// construction values; the system writes its table's current values instead).
    fn args(&self) -> Args;
}

/// One argument value, as written in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArgValue {
    /// A number (SI).
    Number(f64),
    /// A name (a refrigerant).
    Text(String),
}

/// Constructor arguments by name (a sorted map: stable JSON).
pub type ArgMap = BTreeMap<String, ArgValue>;

/// Constructor arguments checked against a [`Declaration`]: every declared argument
/// present (defaults filled in), none unknown, numbers within their range, names of
/// known refrigerants. Built by [`Declaration::args`].
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    values: ArgMap,
}

impl Args {
    /// The number argument `name` (declared, so present once validated).
    pub fn number(&self, name: &str) -> f64 {
        match self.values.get(name) {
            Some(ArgValue::Number(v)) => *v,
            _ => f64::NAN,
        }
    }

    /// The refrigerant argument `name`, looked up for `component`.
    pub fn refrigerant(&self, component: &str, name: &'static str) -> Result<Fluid, ComponentError> {
        match self.values.get(name) {
            Some(ArgValue::Text(fluid)) => {
                Fluid::new(fluid).map_err(|e| ComponentError::fluid(component, crate::spec::DEFINITION_PORT, e))
            }
            _ => Err(ComponentError::InvalidDefinition {
                component: component.to_owned(),
                reason: "a refrigerant argument must be a fluid name",
            }),
        }
    }

    /// The raw values.
    pub fn values(&self) -> &ArgMap {
        &self.values
    }

    /// Arguments from raw values, unchecked (for [`Declared::args`]).
    pub fn from_values(values: ArgMap) -> Self {
        Args { values }
    }
}

impl Declaration {
    /// Checks `values` for the component named `component`: unknown keys, missing
    /// required arguments, wrong kinds and out-of-range numbers are typed errors
    /// naming the argument and its valid range; defaults fill what is missing.
    pub fn args(&self, component: &str, mut values: ArgMap) -> Result<Args, ComponentError> {
        if let Some(unknown) = values.keys().find(|k| !self.args.iter().any(|a| a.name == *k)) {
            let shown: String = unknown.chars().take(64).collect();
            return Err(self.invalid(
                component,
                &shown,
                format!(
                    "unknown argument; the arguments are {}",
                    self.args.iter().map(|a| a.name).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        for arg in self.args {
            match (values.get(arg.name), arg.kind) {
                (None, ArgKind::Number { .. }) if arg.default.is_some() => {
                    values.insert(arg.name.to_owned(), ArgValue::Number(arg.default.unwrap_or_default()));
                }
                (None, _) => return Err(self.invalid(component, arg.name, format!("required ({})", arg.doc))),
                (Some(ArgValue::Number(v)), ArgKind::Number { min, max, .. }) => {
                    ComponentError::check_parameter(component, arg.name, *v, min, max)?;
                }
                (Some(ArgValue::Text(_)), ArgKind::Refrigerant) => {}
                (Some(_), kind) => {
                    let expected = match kind {
                        ArgKind::Refrigerant => "a refrigerant name",
                        ArgKind::Number { .. } => "a number",
                    };
                    return Err(self.invalid(component, arg.name, format!("must be {expected}")));
                }
            }
        }
        Ok(Args { values })
    }

    /// [`ComponentError::InvalidArgument`] for `argument` of `component`.
    fn invalid(&self, component: &str, argument: &str, expected: String) -> ComponentError {
        ComponentError::InvalidArgument {
            component: component.to_owned(),
            kind: self.kind,
            argument: argument.to_owned(),
            expected,
        }
    }

    /// Builds the component `name` from unchecked `values` ([`Declaration::args`], then
    /// [`Declaration::build`]).
    pub fn build_from(&self, name: &str, values: ArgMap) -> Result<Box<dyn Component>, ComponentError> {
        let args = self.args(name, values)?;
        (self.build)(name, &args)
    }

    /// The Python docstring: the summary, then the sections Arguments, Ports,
    /// Parameters, Outputs and Operational states, every quantity with its SI unit.
    pub fn docstring(&self) -> String {
        let mut doc = String::from(self.summary.trim());
        doc.push_str("\n\nArguments:\n    name: the component's name, unique in its system.\n");
        for a in self.args {
            let _ = match a.kind {
                ArgKind::Refrigerant => writeln!(doc, "    {}: refrigerant name or Fluid; {}.", a.name, a.doc),
                ArgKind::Number { unit, min, max } => writeln!(
                    doc,
                    "    {} ({unit}, {}{}): {}.",
                    a.name,
                    range_text(min, max),
                    a.default.map_or(String::new(), |d| format!(", default {}", Compact(d))),
                    a.doc
                ),
            };
        }
        doc.push_str("\nPorts:\n");
        for p in self.ports {
            let _ = writeln!(doc, "    {}: {}.", p.name, p.doc);
        }
        if !self.parameters.is_empty() {
            doc.push_str("\nParameters (System.set_parameter(\"<name>.<parameter>\"), controls, sweeps):\n");
            for p in self.parameters {
                let _ = writeln!(doc, "    {} ({}, {})", p.name, p.unit, range_text(p.min, p.max));
            }
        }
        doc.push_str("\nOutputs (Solution.output(\"<name>\", output)):\n");
        for o in self.outputs {
            let _ = writeln!(doc, "    {} ({}): {}.", o.name, o.unit, o.doc);
        }
        doc.push_str("\nOperational states:\n");
        for (state, what) in self.states {
            let _ = writeln!(doc, "    {state}: {what}.");
        }
        let _ = write!(doc, "\nCOP role: {}.", self.cop.name());
        doc
    }
}

/// A valid range for documentation: `> 0, <= max` when the lower bound is the smallest
/// positive number (a strictly positive quantity), else `min .. max`.
fn range_text(min: f64, max: f64) -> String {
    if min == f64::MIN_POSITIVE {
        format!("> 0, <= {}", Compact(max))
    } else {
        format!("{} .. {}", Compact(min), Compact(max))
    }
}

/// The position of a parameter in its component's parameter slice, as a typed id:
/// residuals read `params[ETA_S]` with `const ETA_S: ParamId = ParamId(0)` declared
/// beside the [`ParameterSpec`] list, not a bare `params[0]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamId(pub usize);

impl<D> std::ops::Index<ParamId> for [D] {
    type Output = D;
    fn index(&self, id: ParamId) -> &D {
        &self[id.0]
    }
}
