//! JSON (de)serialisation of a [`System`]'s definition and of a [`Solution`].
//!
//! Why: a system must travel to other processes (Python pickling, the workers of a
//! Dask sweep) and to files, and a solution must come back. A `System` holds
//! `Box<dyn Component>`, which serde cannot name, so the system is written as its
//! *definition*: each component's [`ComponentSpec`] (closed enum, one variant per
//! built-in model, with its operating mode), the current parameter values
//! (`"component.parameter"` references), the connections as `"component.port"`
//! references, the specifications, the controls and the user initial guesses. Loading
//! replays the public building calls ([`System::add_boxed`], [`System::set_parameter`],
//! [`System::connect`], ...), so a file is validated exactly like a system built by
//! hand; the equation layout is not stored but recomputed ([`System::finalize`]) when
//! the written system was finalized.
//!
//! Floats are written with the shortest representation that reads back to the same
//! bits (serde_json `float_roundtrip`), so a reloaded system solves to the same
//! solution. Non-finite numbers in a solution (e.g. a diverged best iterate) are
//! written as the strings `"NaN"`, `"inf"`, `"-inf"`. Every failure is a typed
//! [`SolverError`] (never a panic): malformed JSON, an unknown component type or
//! field, a wrong format or version are [`SolverError::Serialization`]; an unknown
//! fluid is a [`SolverError::Component`] wrapping the fluid error; a user-defined
//! component that has no definition is [`SolverError::NotSerializable`].
//!
//! Reading is linear in the document's size and bounded: documents longer than
//! [`MAX_JSON_BYTES`] or nested deeper than 128 levels (serde_json's recursion limit;
//! a valid document nests about 6) are refused with [`SolverError::Serialization`]
//! before anything is built, error messages quote at most [`MAX_MESSAGE_BYTES`] of
//! the input, and the names a solution keeps as `&'static str` (component kinds,
//! output names) are interned within the bounds of [`intern`].
use crate::{Control, IterationRecord, Solution, SolverError, Specification, System};
use entropyk_components::declaration::ArgValue;
use entropyk_components::spec::intern;
use entropyk_components::validity::Bound;
use entropyk_components::CopRole;
use entropyk_components::{ComponentSpec, Law, MediumSpec, PortGuess, Violation};
use nalgebra::DVector;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// `format` field of a serialised system.
const SYSTEM_FORMAT: &str = "entropyk.System";
/// `format` field of a serialised solution.
const SOLUTION_FORMAT: &str = "entropyk.Solution";
/// Longest JSON document [`System::from_json`] and [`Solution::from_json`] read, in
/// bytes (64 MiB: about 90 000 components; a 6.6 MB chiller plant reads in well under
/// a second). Longer documents are refused with [`SolverError::Serialization`].
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

/// Longest message of a [`SolverError::Serialization`], in bytes: serde_json quotes the
/// offending value (an unknown type name, a string where a number belongs), which in
/// a hostile document can be megabytes long.
pub const MAX_MESSAGE_BYTES: usize = 512;

/// Version of both formats; files of a newer version are refused. Version 2: the
/// default exchangers `"Condenser"` / `"Evaporator"` are zoned (see
/// [`ComponentSpec::upgrade`]).
const VERSION: u32 = 2;

/// An `f64` written as a JSON number when finite, else as `"NaN"`, `"inf"` or
/// `"-inf"` (JSON has no non-finite numbers; serde_json would write `null`).
#[derive(Debug, Clone, Copy)]
struct Real(f64);

impl Serialize for Real {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_finite() {
            serializer.serialize_f64(v)
        } else if v.is_nan() {
            serializer.serialize_str("NaN")
        } else if v > 0.0 {
            serializer.serialize_str("inf")
        } else {
            serializer.serialize_str("-inf")
        }
    }
}

impl<'de> Deserialize<'de> for Real {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RealVisitor;
        impl Visitor<'_> for RealVisitor {
            type Value = Real;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or one of \"NaN\", \"inf\", \"-inf\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Real, E> {
                Ok(Real(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Real, E> {
                Ok(Real(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Real, E> {
                Ok(Real(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Real, E> {
                match v {
                    "NaN" => Ok(Real(f64::NAN)),
                    "inf" => Ok(Real(f64::INFINITY)),
                    "-inf" => Ok(Real(f64::NEG_INFINITY)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(RealVisitor)
    }
}

/// A connection, outlet port to inlet port, as `"component.port"` references.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionData {
    from: String,
    to: String,
}

/// A user initial guess of the connection at `port`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuessData {
    port: String,
    #[serde(default)]
    p: Option<Real>,
    #[serde(default)]
    h: Option<Real>,
    #[serde(default)]
    m: Option<Real>,
}

/// The wire form of a [`System`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemData {
    format: String,
    version: u32,
    components: Vec<ComponentSpec>,
    /// `"component.parameter"` -> current value.
    #[serde(default)]
    parameters: BTreeMap<String, f64>,
    #[serde(default)]
    connections: Vec<ConnectionData>,
    #[serde(default)]
    specifications: Vec<Specification>,
    #[serde(default)]
    controls: Vec<Control>,
    #[serde(default)]
    guesses: Vec<GuessData>,
    /// Whether the written system was finalized (then the loaded one is too).
    #[serde(default)]
    finalized: bool,
}

/// A typed serialisation error about `what`, its message cut to [`MAX_MESSAGE_BYTES`].
fn serialization_error(what: &'static str, message: impl std::fmt::Display) -> SolverError {
    let message = crate::cut_message(message.to_string(), MAX_MESSAGE_BYTES);
    SolverError::Serialization { what, message }
}

/// Parses a document of at most [`MAX_JSON_BYTES`] (serde_json bounds the nesting).
fn parse<'a, T: Deserialize<'a>>(what: &'static str, json: &'a str) -> Result<T, SolverError> {
    if json.len() > MAX_JSON_BYTES {
        return Err(serialization_error(
            what,
            format!(
                "the document is {} bytes long; the limit is {MAX_JSON_BYTES} bytes",
                json.len()
            ),
        ));
    }
    serde_json::from_str(json).map_err(|e| serialization_error(what, e))
}

/// Checks the `format` and `version` fields.
fn check_format(what: &'static str, format: &str, expected: &str, version: u32) -> Result<(), SolverError> {
    if format != expected {
        return Err(serialization_error(
            what,
            format!("format is '{format}', expected '{expected}'"),
        ));
    }
    if version == 0 || version > VERSION {
        return Err(serialization_error(
            what,
            format!("format version {version} is not supported (this build reads versions 1 ..= {VERSION})"),
        ));
    }
    Ok(())
}

impl System {
    /// Writes the system's definition as JSON: components (with their operating
    /// modes), current parameter values, connections, specifications, controls and
    /// user initial guesses (one JSON object; connections as `"component.port"` references).
    /// [`System::from_json`] reads it back into an equivalent system.
    ///
    /// Fails with [`SolverError::NotSerializable`] when a component has no
    /// definition (a user-defined model).
    ///
    /// ```
    /// use entropyk_components::{ExpansionValve, FlowSink, FlowSource};
    /// use entropyk_solver::System;
    /// use entropyk_thermo::Fluid;
    /// let r134a = Fluid::new("R134a").unwrap();
    /// let mut system = System::new();
    /// system.add(FlowSource::refrigerant_ph("feed", r134a.clone(), 1.0e6, 2.5e5, 0.1).unwrap()).unwrap();
    /// system.add(ExpansionValve::new("valve", r134a.clone())).unwrap();
    /// system.add(FlowSink::refrigerant("drain", r134a)).unwrap();
    /// system.connect("feed.outlet", "valve.inlet").unwrap();
    /// system.connect("valve.outlet", "drain.inlet").unwrap();
    /// let json = system.to_json().unwrap();
    /// let copy = System::from_json(&json).unwrap();
    /// assert_eq!(copy.to_json().unwrap(), json);
    /// ```
    pub fn to_json(&self) -> Result<String, SolverError> {
        // Parameters have one owner, the system's table: a declared component's
        // definition carries their current values as its arguments (and the table
        // leaves them out); the other components' definitions keep their construction
        // values and the table the current ones.
        let mut components = Vec::with_capacity(self.components.len());
        let mut parameters = BTreeMap::new();
        for (c, values) in self.components.iter().zip(&self.parameters) {
            let mut spec = c.to_spec().ok_or_else(|| SolverError::NotSerializable {
                component: c.name().to_owned(),
                kind: c.kind(),
            })?;
            for (p, value) in c.parameters().iter().zip(values) {
                match &mut spec {
                    ComponentSpec::Declared { args, .. } => {
                        args.insert(p.name.to_owned(), ArgValue::Number(*value));
                    }
                    _ => {
                        parameters.insert(format!("{}.{}", c.name(), p.name), *value);
                    }
                }
            }
            components.push(spec);
        }
        let connections = self
            .connections
            .iter()
            .map(|c| ConnectionData {
                from: self.port_label(c.from),
                to: self.port_label(c.to),
            })
            .collect();
        let guesses = self
            .user_guesses
            .iter()
            .map(|(connection, guess)| GuessData {
                port: self.port_label(self.connections[*connection].from),
                p: guess.p.map(Real),
                h: guess.h.map(Real),
                m: guess.m.map(Real),
            })
            .collect();
        let data = SystemData {
            format: SYSTEM_FORMAT.to_owned(),
            version: VERSION,
            components,
            parameters,
            connections,
            specifications: self.specifications.clone(),
            controls: self.controls.clone(),
            guesses,
            finalized: self.compiled.get().is_some(),
        };
        serde_json::to_string(&data).map_err(|e| serialization_error("system", e))
    }

    /// Reads a system written by [`System::to_json`]: rebuilds every component through
    /// its validating constructor, then replays parameters, connections,
    /// specifications, controls and guesses with the public building calls (so the
    /// same checks apply), and finalizes the system when the written one was.
    ///
    /// Errors (typed, never a panic): [`SolverError::Serialization`] for malformed
    /// JSON, an unknown component type or field, or a wrong format / version;
    /// [`SolverError::Component`] for an unknown fluid or an invalid component
    /// value; the usual building errors (unknown port, port connected twice,
    /// out-of-range parameter...) for an inconsistent definition.
    pub fn from_json(json: &str) -> Result<System, SolverError> {
        let data: SystemData = parse("system", json)?;
        check_format("system", &data.format, SYSTEM_FORMAT, data.version)?;
        let mut system = System::new();
        for spec in data.components {
            system.add_boxed(spec.upgrade(data.version).build()?)?;
        }
        for (reference, value) in &data.parameters {
            system.set_parameter(reference, *value)?;
        }
        for c in &data.connections {
            system.connect(&c.from, &c.to)?;
        }
        for s in data.specifications {
            system.add_specification(s)?;
        }
        for c in data.controls {
            system.add_control(c)?;
        }
        for g in &data.guesses {
            let guess = PortGuess {
                p: g.p.map(|r| r.0),
                h: g.h.map(|r| r.0),
                m: g.m.map(|r| r.0),
            };
            system.set_guess(&g.port, guess)?;
        }
        if data.finalized {
            system.finalize()?;
        }
        Ok(system)
    }
}

/// One component's derived outputs.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputData {
    component: String,
    kind: String,
    /// The component's COP role; absent in older documents (then inferred from the kind,
    /// as those versions did: [`CopRole::legacy`]).
    #[serde(default)]
    role: Option<CopRole>,
    values: Vec<(String, Real)>,
}

/// One convergence-history record.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordData {
    iteration: usize,
    residual: Real,
    step_length: Real,
}

/// The wire form of a [`Solution`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SolutionData {
    format: String,
    version: u32,
    /// The unknown vector (connection states, then controls).
    state: Vec<Real>,
    n_connections: usize,
    parameters: Vec<(String, Real)>,
    /// `"from -> to"` label of each connection.
    labels: Vec<String>,
    /// Port reference -> connection index.
    ports: Vec<(String, usize)>,
    /// Medium of each connection.
    media: Vec<MediumSpec>,
    outputs: Vec<OutputData>,
    residual: Real,
    history: Vec<RecordData>,
    converged: bool,
    /// The soft violations ([`Solution::warnings`]); absent in older documents.
    #[serde(default)]
    warnings: Vec<WarningData>,
    /// [`Solution::unconverged`]; absent in older documents and when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unconverged: Vec<String>,
}

/// One [`Violation`](entropyk_components::Violation) of [`Solution::warnings`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WarningData {
    component: String,
    port: Option<String>,
    /// [`Law::name`](entropyk_components::Law::name).
    law: String,
    quantity: String,
    value: Real,
    limit: Real,
    /// `"lower"` or `"upper"`.
    bound: String,
}

impl Solution {
    /// Writes the solution as JSON: state vector, connection labels, ports and
    /// media, parameters, component outputs, residual, convergence history.
    /// [`Solution::from_json`] reads it back bit for bit.
    ///
    /// ```no_run
    /// # use entropyk_solver::{NewtonConfig, Solution, System};
    /// # let mut system = System::new();
    /// let solution = system.solve(&NewtonConfig::default()).unwrap();
    /// let copy = Solution::from_json(&solution.to_json().unwrap()).unwrap();
    /// assert_eq!(copy.state_vector(), solution.state_vector());
    /// ```
    pub fn to_json(&self) -> Result<String, SolverError> {
        let data = SolutionData {
            format: SOLUTION_FORMAT.to_owned(),
            version: VERSION,
            state: self.x.iter().copied().map(Real).collect(),
            n_connections: self.n_connections,
            parameters: self
                .parameters()
                .into_iter()
                .map(|(r, v)| (r.to_owned(), Real(v)))
                .collect(),
            labels: self.labels.to_vec(),
            ports: self.ports.to_vec(),
            media: self.media.iter().map(MediumSpec::from).collect(),
            outputs: self
                .outputs
                .iter()
                .zip(&self.roles)
                .map(|((component, kind, values), role)| OutputData {
                    component: component.clone(),
                    kind: (*kind).to_owned(),
                    role: Some(*role),
                    values: values.iter().map(|(n, v)| ((*n).to_owned(), Real(*v))).collect(),
                })
                .collect(),
            residual: Real(self.residual),
            history: self
                .history
                .iter()
                .map(|r| RecordData {
                    iteration: r.iteration,
                    residual: Real(r.residual),
                    step_length: Real(r.step_length),
                })
                .collect(),
            converged: self.converged,
            warnings: self
                .warnings
                .iter()
                .map(|w| WarningData {
                    component: w.component.clone(),
                    port: w.port.map(str::to_owned),
                    law: w.law.name().to_owned(),
                    quantity: w.quantity.to_owned(),
                    value: Real(w.value),
                    limit: Real(w.limit),
                    bound: w.bound.name().to_owned(),
                })
                .collect(),
            unconverged: self.unconverged.clone(),
        };
        serde_json::to_string(&data).map_err(|e| serialization_error("solution", e))
    }

    /// Reads a solution written by [`Solution::to_json`]. Sizes are checked (state
    /// vector, labels, media and port indices consistent with the number of
    /// connections) so that no accessor can index out of range; errors are
    /// [`SolverError::Serialization`], or [`SolverError::Component`] for an unknown
    /// fluid.
    pub fn from_json(json: &str) -> Result<Solution, SolverError> {
        let data: SolutionData = parse("solution", json)?;
        check_format("solution", &data.format, SOLUTION_FORMAT, data.version)?;
        let n = data.n_connections;
        let consistent = data.state.len() >= 3 * n
            && data.labels.len() == n
            && data.media.len() == n
            && data.ports.iter().all(|(_, k)| *k < n);
        if !consistent {
            return Err(serialization_error(
                "solution",
                format!(
                    "inconsistent sizes: {n} connections, {} state values (needs at least {}), {} labels, {} media, port indices must be < {n}",
                    data.state.len(),
                    3 * n,
                    data.labels.len(),
                    data.media.len()
                ),
            ));
        }
        let media = data
            .media
            .iter()
            .map(|m| m.to_medium("(solution)"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Solution {
            x: DVector::from_iterator(data.state.len(), data.state.iter().map(|r| r.0)),
            n_connections: n,
            parameter_values: data.parameters.iter().map(|(_, v)| v.0).collect(),
            parameter_labels: data.parameters.into_iter().map(|(r, _)| r).collect(),
            labels: data.labels.into(),
            ports: data.ports.into(),
            media,
            roles: data
                .outputs
                .iter()
                .map(|o| o.role.unwrap_or_else(|| CopRole::legacy(&o.kind)))
                .collect(),
            outputs: data
                .outputs
                .into_iter()
                .map(|o| {
                    let values = o
                        .values
                        .iter()
                        .map(|(name, v)| Ok((interned(name)?, v.0)))
                        .collect::<Result<_, SolverError>>()?;
                    Ok((o.component, interned(&o.kind)?, values))
                })
                .collect::<Result<_, SolverError>>()?,
            residual: data.residual.0,
            history: data
                .history
                .iter()
                .map(|r| IterationRecord {
                    iteration: r.iteration,
                    residual: r.residual.0,
                    step_length: r.step_length.0,
                })
                .collect(),
            converged: data.converged,
            linearization: None,
            layout: None,
            unconverged: data.unconverged,
            warnings: data
                .warnings
                .iter()
                .map(|w| {
                    let law = Law::from_name(&w.law)
                        .ok_or_else(|| serialization_error("solution", format!("unknown law '{}'", w.law)))?;
                    let bound = Bound::from_name(&w.bound)
                        .ok_or_else(|| serialization_error("solution", format!("unknown bound '{}'", w.bound)))?;
                    let port = w.port.as_deref().map(interned).transpose()?;
                    let v = Violation::found(&w.component, port, law, interned(&w.quantity)?, w.value.0);
                    Ok(v.limit(w.limit.0, bound))
                })
                .collect::<Result<_, SolverError>>()?,
        })
    }
}

/// A component kind or output name of a solution document as a `&'static str`,
/// within the bounds of [`intern`].
fn interned(name: &str) -> Result<&'static str, SolverError> {
    intern(name).ok_or_else(|| {
        serialization_error(
            "solution",
            format!(
                "output name or component kind of {} bytes: names are at most {} bytes, and at most {} distinct ones are read per process",
                name.len(),
                entropyk_components::spec::MAX_INTERNED_NAME,
                entropyk_components::spec::MAX_INTERNED_NAMES
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_reals_round_trip() {
        for v in [1.5, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 5e-324, f64::MAX] {
            let json = serde_json::to_string(&Real(v)).unwrap();
            let back: Real = serde_json::from_str(&json).unwrap();
            assert_eq!(back.0.to_bits(), v.to_bits(), "{v} -> {json}");
        }
        assert!(serde_json::from_str::<Real>("\"infinity\"").is_err());
    }

    #[test]
    fn malformed_and_foreign_documents_are_typed_errors() {
        for bad in [
            "",
            "{",
            "[]",
            r#"{"format": "entropyk.System", "version": 1, "components": [{"type": "Warp", "name": "x"}]}"#,
        ] {
            assert!(matches!(
                System::from_json(bad),
                Err(SolverError::Serialization { what: "system", .. })
            ));
        }
        let future = r#"{"format": "entropyk.System", "version": 99, "components": []}"#;
        assert!(matches!(
            System::from_json(future),
            Err(SolverError::Serialization { .. })
        ));
        let other = r#"{"format": "entropyk.Solution", "version": 1, "components": []}"#;
        assert!(matches!(
            System::from_json(other),
            Err(SolverError::Serialization { .. })
        ));
        let empty = r#"{"format": "entropyk.System", "version": 1, "components": []}"#;
        assert_eq!(System::from_json(empty).unwrap().n_unknowns(), 0);
    }

    fn serialization_message(result: Result<impl std::fmt::Debug, SolverError>) -> String {
        match result {
            Err(SolverError::Serialization { message, .. }) => message,
            other => panic!("expected a Serialization error, got {other:?}"),
        }
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        // valid JSON padded with whitespace past the limit
        let mut big = String::from(r#"{"format": "entropyk.System", "version": 2, "components": []}"#);
        big.push_str(&" ".repeat(MAX_JSON_BYTES));
        let message = serialization_message(System::from_json(&big));
        assert!(message.contains("limit"), "{message}");
        let message = serialization_message(Solution::from_json(&big));
        assert!(message.contains("limit"), "{message}");
    }

    #[test]
    fn deep_nesting_is_a_typed_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        serialization_message(System::from_json(&deep));
        serialization_message(Solution::from_json(&deep));
        // inside a component, whose internally tagged form serde buffers recursively
        let deep_field = format!(
            r#"{{"format": "entropyk.System", "version": 2, "components": [{{"type": "Pump", "name": {}1{}}}]}}"#,
            r#"{"a": "#.repeat(100_000),
            "}".repeat(100_000)
        );
        let message = serialization_message(System::from_json(&deep_field));
        assert!(message.contains("recursion limit"), "{message}");
    }

    #[test]
    fn messages_quote_a_bounded_part_of_the_input() {
        let huge = "x".repeat(10_000_000);
        for document in [
            format!(r#"{{"format": "{huge}", "version": 2, "components": []}}"#),
            format!(r#"{{"format": "entropyk.System", "version": 2, "components": [{{"type": "{huge}"}}]}}"#),
            format!(r#"{{"format": "entropyk.System", "version": "{huge}", "components": []}}"#),
        ] {
            let message = serialization_message(System::from_json(&document));
            assert!(message.len() <= MAX_MESSAGE_BYTES + 64, "{} bytes", message.len());
        }
        let cut = serialization_error("system", "é".repeat(MAX_MESSAGE_BYTES));
        assert!(cut.to_string().contains("cut"));
    }

    #[test]
    fn overlong_output_names_are_refused_not_interned() {
        let name = "y".repeat(entropyk_components::spec::MAX_INTERNED_NAME + 1);
        let document = format!(
            r#"{{"format": "entropyk.Solution", "version": 2, "state": [], "n_connections": 0, "parameters": [],
                "labels": [], "ports": [], "media": [], "outputs": [{{"component": "c", "kind": "Pump",
                "values": [["{name}", 1.0]]}}], "residual": 0.0, "history": [], "converged": true}}"#
        );
        assert!(serialization_message(Solution::from_json(&document)).contains("at most"));
    }
}
