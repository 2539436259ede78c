//! The compiled problem: a system's structure turned into an immutable equation layout,
//! separate from the values (parameters, set points) that a solve reads.
//!
//! A [`System`] is the user's editable model. [`System::compile`] checks its topology
//! and degrees of freedom and fixes the layout of equations and unknowns: a [`Problem`].
//! Solving takes the problem and the system's current values and returns a
//! [`Solution`]; nothing about a solve is written back, so one system can be solved from
//! many threads at once. Value edits ([`System::set_value`], [`System::set_parameter`])
//! keep the problem, and with it the factorized Jacobian that a warm start reuses
//! ([`System::solve_from`]); structural edits (a component, connection, specification
//! or control added or removed) make the system compile a new one.
use crate::topology::Layout;
use crate::{FinalizeReport, Solution, SolverConfig, SolverError, System};
use std::sync::Arc;
use std::time::Instant;

/// An immutable compiled system: its equation layout (rows of every component equation,
/// specification and control; the unknowns' columns; the closed circuits' redundant
/// mass balances). Cheap to clone (shared).
///
/// ```
/// use entropyk_components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
/// use entropyk_solver::{NewtonConfig, Specification, SystemBuilder};
/// use entropyk_thermo::Fluid;
/// let (r134a, water) = (Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER);
/// let (mut chiller, _) = SystemBuilder::new()
///     .component(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A))
///     .component(Condenser::new("cond", r134a.clone(), water, 50e3))
///     .add(ExpansionValve::new("valve", r134a.clone()))
///     .component(Evaporator::new("evap", r134a, water, 60e3))
///     .liquid_stream("cond", water, 2e5, 303.15, 17.7)
///     .liquid_stream("evap", water, 2e5, 285.15, 14.3)
///     .cycle(&["comp", "cond", "valve", "evap"])
///     .specification(Specification::superheat("evap.refrigerant_out", 5.0))
///     .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
///     .build()
///     .unwrap();
/// let problem = chiller.compile().unwrap();
/// let config = NewtonConfig::default();
/// let first = problem.solve(&chiller, &config).unwrap();
/// // a set point changed in place: same problem, warm start on its Jacobian
/// chiller.set_value("superheat:evap.refrigerant_out", 5.1).unwrap();
/// let second = problem.solve_from(&chiller, &config, &first).unwrap();
/// assert!(second.iterations() <= 3);
/// ```
#[derive(Debug, Clone)]
pub struct Problem {
    pub(crate) layout: Arc<Layout>,
}

impl Problem {
    /// Number of unknowns (= equations).
    pub fn n_unknowns(&self) -> usize {
        self.layout.n_equations
    }

    /// The closed circuits and the redundant mass balance left out of each, named
    /// through `system` (the system it was compiled from).
    pub fn report(&self, system: &System) -> Result<FinalizeReport, SolverError> {
        self.check(system)?;
        Ok(self.layout.report(system))
    }

    /// Solves `system` (the one this problem was compiled from, possibly with other
    /// values) from the automatic initial guess; see [`System::solve`].
    pub fn solve<C: SolverConfig>(&self, system: &System, config: &C) -> Result<Solution, SolverError> {
        self.solve_since(system, config, None, Instant::now())
    }

    /// Solves `system` from a previous solution (a warm start); see
    /// [`System::solve_from`].
    pub fn solve_from<C: SolverConfig>(
        &self,
        system: &System,
        config: &C,
        start: &Solution,
    ) -> Result<Solution, SolverError> {
        self.solve_since(system, config, Some(start), Instant::now())
    }

    /// A solve whose time budget counts from `started` (before the compile, for
    /// [`System::solve`]).
    fn solve_since<C: SolverConfig>(
        &self,
        system: &System,
        config: &C,
        start: Option<&Solution>,
        started: Instant,
    ) -> Result<Solution, SolverError> {
        self.check(system)?;
        crate::driver::solve(&self.layout, system, config, start, None, started)
    }

    /// [`SolverError::StaleProblem`] unless `system` has the structure this problem was
    /// compiled from.
    fn check(&self, system: &System) -> Result<(), SolverError> {
        if self.layout.structure == system.structure() {
            Ok(())
        } else {
            Err(SolverError::StaleProblem)
        }
    }
}

impl System {
    /// Compiles the system's structure into a [`Problem`]: checks the topology (every
    /// port connected once, directions, media) and the degrees of freedom, and fixes the
    /// equation layout. The result is kept until the next structural edit, so calling it
    /// again (every solve does) costs a reference count.
    pub fn compile(&self) -> Result<Problem, SolverError> {
        if let Some(layout) = self.compiled.get() {
            return Ok(Problem { layout: layout.clone() });
        }
        let layout = Arc::new(Layout::build(self, &vec![None; self.controls.len()])?);
        // Two threads compiling at once build equal layouts; the first stored is kept.
        let layout = self.compiled.get_or_init(|| layout).clone();
        Ok(Problem { layout })
    }

    /// Compiles the system ([`System::compile`]) and reports its unknowns and the
    /// redundant mass balances of its closed circuits.
    pub fn finalize(&self) -> Result<FinalizeReport, SolverError> {
        Ok(self.compile()?.layout.report(self))
    }

    /// Solves the system from the automatic initial guess with the method that
    /// `config` selects ([`crate::NewtonConfig`], [`crate::PicardConfig`],
    /// [`crate::FallbackConfig`]); controls that reach a bound are held there
    /// ([`crate::SaturatedControl`]). Compiles the system first if its structure changed
    /// ([`System::compile`]); a time budget counts that and the initial guess too.
    /// Nothing is written into the system: a `&System` can be
    /// solved from several threads at once.
    pub fn solve<C: SolverConfig>(&self, config: &C) -> Result<Solution, SolverError> {
        let started = Instant::now();
        self.compile()?.solve_since(self, config, None, started)
    }

    /// Solves starting from a previous solution of this system (a warm start, e.g.
    /// the neighbouring point of a sweep) instead of the automatic guess. The
    /// connection states are taken from `start`; controls start from their values
    /// there when they are active in both. When `start` came from a solve of the same
    /// compiled problem (no structural edit since), its last factorized Jacobian is reused
    /// first for up to three chord steps (see the `chord` module): for a small change of a
    /// parameter or a set point the solve then converges without evaluating a new
    /// Jacobian. A solution loaded from JSON or pickle carries no Jacobian and starts
    /// Newton directly.
    pub fn solve_from<C: SolverConfig>(&self, config: &C, start: &Solution) -> Result<Solution, SolverError> {
        let started = Instant::now();
        self.compile()?.solve_since(self, config, Some(start), started)
    }
}
