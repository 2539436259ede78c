//! Partial knowledge of a port's state used to build automatic initial guesses.

/// What is known so far of one connection's state while the solver builds its
/// initial guess. Components fill the `None` fields they can infer
/// ([`crate::ComponentModel::guess`]); the solver iterates over components until
/// nothing changes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PortGuess {
    /// Pressure, Pa.
    pub p: Option<f64>,
    /// Specific enthalpy, J/kg.
    pub h: Option<f64>,
    /// Mass flow, kg/s.
    pub m: Option<f64>,
}

impl PortGuess {
    /// Sets `p` if it is still unknown.
    pub fn offer_p(&mut self, p: f64) {
        if self.p.is_none() && p.is_finite() {
            self.p = Some(p);
        }
    }
    /// Sets `h` if it is still unknown.
    pub fn offer_h(&mut self, h: f64) {
        if self.h.is_none() && h.is_finite() {
            self.h = Some(h);
        }
    }
    /// Sets `m` if it is still unknown.
    pub fn offer_m(&mut self, m: f64) {
        if self.m.is_none() && m.is_finite() {
            self.m = Some(m);
        }
    }
}

/// Copies the known mass flow of one port to the other (a component that conserves mass).
pub(crate) fn pass_mass(a: usize, b: usize, ports: &mut [PortGuess]) {
    if let Some(m) = ports[a].m {
        ports[b].offer_m(m);
    }
    if let Some(m) = ports[b].m {
        ports[a].offer_m(m);
    }
}

/// Copies the known pressure of one port to the other (no pressure drop).
pub(crate) fn pass_pressure(a: usize, b: usize, ports: &mut [PortGuess]) {
    if let Some(p) = ports[a].p {
        ports[b].offer_p(p);
    }
    if let Some(p) = ports[b].p {
        ports[a].offer_p(p);
    }
}

/// Copies the known enthalpy of one port to the other (adiabatic, no work).
pub(crate) fn pass_enthalpy(a: usize, b: usize, ports: &mut [PortGuess]) {
    if let Some(h) = ports[a].h {
        ports[b].offer_h(h);
    }
    if let Some(h) = ports[b].h {
        ports[a].offer_h(h);
    }
}
