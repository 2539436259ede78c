//! Moving-boundary (zoned) condenser and evaporator.
use crate::heat_exchanger::{Duty, PhaseChangeHx, HX_PARAMETERS, PATHS, REF_IN, REF_OUT, SEC_IN, SEC_OUT};
use crate::{
    ComponentError, ComponentModel, FlowPath, IncompressibleLiquid, OperationalState, ParameterSpec, PortGuess,
    PortSpec, PortState,
};
use entropyk_thermo::{Fluid, Scalar};
use num_dual::Dual64;

/// Largest number of (safeguarded Newton) steps of the inner heat-flow solve.
const MAX_ITERATIONS: usize = 200;
/// Relative tolerance of the inner heat-flow solve (before the Newton polish).
const Q_TOLERANCE: f64 = 1e-13;
/// Relative shortfall of `sum UA_k` below `UA` at the converged heat flow beyond
/// which the solution is taken as pinch-limited.
const PINCH_GAP: f64 = 1e-6;

/// What depends on the inlet states only (not on the heat flow), generic over the scalar.
struct Inlets<D> {
    p: D,
    h_in: D,
    t_in: D,
    m_ref: D,
    c_sec: D,
    t_sec_in: D,
    h_liquid: D,
    h_vapor: D,
    /// Bubble and dew temperatures (equal for pure fluids; a blend's glide apart).
    t_bubble: D,
    t_dew: D,
}

/// Conductance required by each zone: superheated, two-phase, subcooled, W/K.
type ZoneUa<D> = [D; 3];

/// Zone conductances and the temperature differences at the zone boundaries (in
/// increasing refrigerant enthalpy) at one heat flow.
struct Profile<D> {
    ua: ZoneUa<D>,
    dt: [D; 4],
    n: usize,
}

/// Log-mean temperature difference of end differences `a`, `b` (> 0), K; the
/// arithmetic mean when they agree to 1e-6 (error below 1e-13 relative).
fn lmtd<D: Scalar>(a: D, b: D) -> D {
    let r = a / b;
    if (r.re() - 1.0).abs() < 1e-6 {
        (a + b) * 0.5
    } else {
        (a - b) / r.ln()
    }
}

/// The `f64` solution of the inner heat-flow equation at one set of port states:
/// what the dual-number Newton step of [`ZonedHx::heat_flow`] needs.
#[derive(Debug, Clone, Copy)]
struct Inner {
    /// Heat flow solved in `f64`, W.
    q0: f64,
    /// Pinch-limited: the boundary `k` whose temperature difference vanishes, the
    /// number of boundary points of the profile there, and `d dT_k / dQ` at `q0`.
    pinch: Option<(usize, usize, f64)>,
    /// `d sum UA_k / dQ` at `q0` (the slope of the conductance equation, also used for a
    /// pinch whose profile has changed its number of zones in the polish).
    ua_slope: f64,
}

/// Exact key of an inner solve: the bits of the port states and of `UA`, and what
/// defines the exchanger's model (fluid, secondary heat capacity, duty), so that
/// another exchanger allocated later at the same address cannot match.
type MemoKey = [u64; 16];

fn memo_key(hx: &PhaseChangeHx, ports: &[PortState<f64>], ua: f64) -> MemoKey {
    let mut key = [0; 16];
    for (k, s) in ports.iter().take(4).enumerate() {
        key[3 * k..3 * k + 3].copy_from_slice(&[s.p.to_bits(), s.h.to_bits(), s.m.to_bits()]);
    }
    key[12] = ua.to_bits();
    key[13] = hx.fluid.name().as_ptr() as u64;
    key[14] = hx.liquid.cp.to_bits();
    key[15] = hx.duty as u64;
    key
}

/// Inner solves kept per thread: the residual and the Jacobian of one Newton iterate,
/// and the outputs and validity check of a converged state, evaluate each exchanger at
/// the same port states, so the `f64` solve is shared. Keyed by the exchanger's
/// address and the exact bits of its inputs, so a hit returns exactly what the solve
/// would.
const MEMO_SIZE: usize = 16;

thread_local! {
    static MEMO: std::cell::RefCell<Vec<(usize, MemoKey, Option<Inner>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The stored solve of exchanger `id` at `key`, if any.
fn memo_lookup(id: usize, key: &MemoKey) -> Option<Option<Inner>> {
    MEMO.with_borrow(|memo| {
        memo.iter()
            .rev()
            .find(|(owner, k, _)| *owner == id && k == key)
            .map(|(_, _, solved)| *solved)
    })
}

fn memo_store(id: usize, key: MemoKey, solved: Option<Inner>) {
    MEMO.with_borrow_mut(|memo| {
        if memo.len() == MEMO_SIZE {
            memo.remove(0);
        }
        memo.push((id, key, solved));
    });
}

/// Shared moving-boundary model of [`Condenser`] and [`Evaporator`].
///
/// The refrigerant path is divided at the saturated-vapour enthalpy `h''(p)` and
/// the saturated-liquid enthalpy `h'(p)` into up to three zones (superheated,
/// two-phase, subcooled); in each zone both streams are taken with linear
/// temperature-enthalpy profiles in pure counter-flow, so the zone needs the
/// conductance `UA_k = Q_k / LMTD_k`. The heat flow `Q` is the one for which the
/// zones use exactly the exchanger's conductance, `sum_k UA_k(Q) = UA` (same overall
/// coefficient `U` in all zones: area fractions `UA_k / UA`). This is the
/// moving-boundary formulation of Bell et al. (2015), "A generalized moving-boundary
/// algorithm to predict the heat transfer rate of counterflow heat exchangers for
/// any phase configuration", Applied Thermal Engineering 79, 192-201.
///
/// Solution: `sum_k UA_k(Q)` increases monotonically from 0 at `Q = 0` to infinity
/// at the largest feasible heat flow (a zero temperature difference at an end or
/// at a zone boundary, the pinch), bounded by
/// `Q_max = min(m_ref |h_in - h(p, T_sec,in)|, C_sec |T_ref,in - T_sec,in|)`; it is
/// solved in `f64` by Newton's method safeguarded by bisection (the derivative from a
/// dual seed in `Q`; a step leaving the bracket of feasible / infeasible heat flows is
/// replaced by bisection; relative tolerance 1e-13, ending on a feasible heat flow),
/// then one Newton step in dual numbers, `Q = Q_0 - (sum UA_k(Q_0) - UA) /
/// (d sum UA_k / dQ)`, carries the exact derivatives with respect to the port states
/// and `UA` (implicit function theorem). Because `sum_k UA_k` diverges only
/// logarithmically at a pinch, a conductance much larger than needed puts the root
/// beyond `f64` resolution: when the bisection ends against an infeasible upper
/// bound and `sum_k UA_k(Q_0)` stays more than 1e-6 below `UA`, the heat flow is the
/// pinch-limited one and the Newton step is taken on the
/// vanishing temperature difference `dT_k(Q) = 0` instead. Heat flows only in the design direction
/// (refrigerant to secondary in a condenser): if the secondary inlet is on the wrong
/// side of the refrigerant inlet temperature, `Q = 0`. Subcritical pressures only.
#[derive(Debug, Clone)]
pub(crate) struct ZonedHx(pub(crate) PhaseChangeHx);

impl ZonedHx {
    /// `+1` when the refrigerant is the hot stream (condenser), `-1` otherwise.
    fn sigma(&self) -> f64 {
        self.0.duty.sigma()
    }

    fn inlets<D: Scalar>(&self, ports: &[PortState<D>]) -> Result<Inlets<D>, ComponentError> {
        let hx = &self.0;
        hx.check_inlets(ports, &[(REF_IN, "refrigerant_in"), (SEC_IN, "secondary_in")])?;
        let fluid_err = |e| ComponentError::fluid(&hx.name, "refrigerant_in", e);
        let (p, h_in) = (ports[REF_IN].p, ports[REF_IN].h);
        let sat = hx.fluid.saturation_p(p).map_err(fluid_err)?;
        let t_in = hx.fluid.state_ph(p, h_in).map_err(fluid_err)?.t;
        let sec = ports[SEC_IN];
        Ok(Inlets {
            p,
            h_in,
            t_in,
            m_ref: ports[REF_IN].m,
            c_sec: sec.m * hx.liquid.cp,
            t_sec_in: hx.liquid.temperature(sec.h, sec.p),
            h_liquid: sat.h_liquid,
            h_vapor: sat.h_vapor,
            t_bubble: sat.t_bubble,
            t_dew: sat.t_dew,
        })
    }

    /// Zone conductances needed to transfer `q` (W, > 0); `None` if the temperature
    /// profiles touch or cross (infeasible `q`).
    fn profile<D: Scalar>(&self, s: &Inlets<D>, q: D) -> Result<Option<Profile<D>>, ComponentError> {
        let zero = D::from(0.0);
        let mut ua = [zero; 3];
        let sigma = self.sigma();
        let dh = q / s.m_ref;
        let condensing = self.0.duty == Duty::Condensing;
        let (h_lo, h_hi) = if condensing {
            (s.h_in - dh, s.h_in)
        } else {
            (s.h_in, s.h_in + dh)
        };
        let h_out = if condensing { h_lo } else { h_hi };
        let t_out = self
            .0
            .fluid
            .state_ph(s.p, h_out)
            .map_err(|e| ComponentError::fluid(&self.0.name, "refrigerant_out", e))?
            .t;
        let (t_lo, t_hi) = if condensing { (t_out, s.t_in) } else { (s.t_in, t_out) };
        // Boundary points (h, T_ref) in increasing enthalpy.
        let mut points = [(h_lo, t_lo); 4];
        let mut n = 1;
        for (h_sat, t_sat) in [(s.h_liquid, s.t_bubble), (s.h_vapor, s.t_dew)] {
            if h_sat.re() > h_lo.re() && h_sat.re() < h_hi.re() {
                points[n] = (h_sat, t_sat);
                n += 1;
            }
        }
        points[n] = (h_hi, t_hi);
        n += 1;
        // Secondary temperature where the refrigerant has enthalpy h (counter-flow:
        // the secondary enters at the refrigerant outlet end).
        let t_sec = |h: D| {
            if condensing {
                s.t_sec_in + s.m_ref * (h - h_lo) / s.c_sec
            } else {
                s.t_sec_in - s.m_ref * (h_hi - h) / s.c_sec
            }
        };
        let mut dt = [zero; 4];
        for (d, &(h, t)) in dt.iter_mut().zip(&points[..n]) {
            *d = (t - t_sec(h)) * sigma;
        }
        if dt[..n].iter().any(|d| !(d.re() > 0.0)) {
            return Ok(None);
        }
        for k in 0..n - 1 {
            let (h_a, h_b) = (points[k].0, points[k + 1].0);
            let mid = 0.5 * (h_a.re() + h_b.re());
            let zone = if mid >= s.h_vapor.re() {
                0
            } else if mid > s.h_liquid.re() {
                1
            } else {
                2
            };
            ua[zone] += s.m_ref * (h_b - h_a) / lmtd(dt[k], dt[k + 1]);
        }
        Ok(Some(Profile { ua, dt, n }))
    }

    /// Largest heat flow the inlet states allow (W, may be <= 0: no heat flow).
    fn q_max(&self, s: &Inlets<f64>) -> f64 {
        let sigma = self.sigma();
        let q_sec = s.c_sec * (s.t_in - s.t_sec_in) * sigma;
        match self.0.fluid.state_pt(s.p, s.t_sec_in) {
            Ok(state) => q_sec.min(s.m_ref * (s.h_in - state.h) * sigma),
            Err(_) => q_sec,
        }
    }

    /// Heat flow (W, >= 0) and zone conductances at the given ports and `ua`.
    fn heat_flow<D: Scalar>(&self, ports: &[PortState<D>], ua: D) -> Result<(D, ZoneUa<D>), ComponentError> {
        let zero = D::from(0.0);
        let ports_re: Vec<PortState<f64>> = ports
            .iter()
            .map(|s| PortState {
                p: s.p.re(),
                h: s.h.re(),
                m: s.m.re(),
            })
            .collect();
        let id = self as *const Self as usize;
        let key = memo_key(&self.0, &ports_re, ua.re());
        let solved = match memo_lookup(id, &key) {
            Some(hit) => hit,
            None => {
                let solved = self.solve_inner(&ports_re, ua.re())?;
                memo_store(id, key, solved);
                solved
            }
        };
        let Some(solved) = solved else {
            return Ok((zero, [zero; 3]));
        };
        // One Newton step in D from q0 on the equation solved, with its derivative in
        // Q at q0 (implicit function theorem).
        let inlets = self.inlets(ports)?;
        let q0 = solved.q0;
        let profile = self.profile(&inlets, D::from(q0))?.ok_or_else(|| self.infeasible(q0))?;
        let q = match solved.pinch {
            Some((k, n, slope)) if n == profile.n => D::from(q0) - profile.dt[k] / slope,
            _ => D::from(q0) - (profile.ua[0] + profile.ua[1] + profile.ua[2] - ua) / solved.ua_slope,
        };
        Ok((q, profile.ua))
    }

    /// The error of a heat flow whose temperature profiles cross.
    fn infeasible(&self, q: f64) -> ComponentError {
        ComponentError::StateOutOfRange {
            component: self.0.name.clone(),
            port: "refrigerant_out",
            quantity: "heat flow [W] (temperature profiles cross)",
            value: q,
            min: 0.0,
            max: f64::INFINITY,
        }
    }

    /// The `f64` heat flow `q0` of `sum_k UA_k(q0) = UA` (or of the pinch) and the
    /// derivative of that equation in `Q` at `q0`; `None` when no heat flows. The
    /// search starts in the middle of the bracket every time: where it ends (at a root
    /// or against the pinch) must not depend on an earlier solve, or neighbouring
    /// states could be classified differently and the Jacobian would not be the
    /// derivative of the residuals.
    fn solve_inner(&self, ports: &[PortState<f64>], ua: f64) -> Result<Option<Inner>, ComponentError> {
        let s64 = self.inlets(ports)?;
        let q_hi = self.q_max(&s64);
        if !(q_hi > 0.0) {
            return Ok(None);
        }
        let ports_dual: Vec<PortState<Dual64>> = ports
            .iter()
            .map(|s| PortState {
                p: Dual64::from(s.p),
                h: Dual64::from(s.h),
                m: Dual64::from(s.m),
            })
            .collect();
        let s_dual = self.inlets(&ports_dual)?;
        // Safeguarded Newton on sum UA_k(Q) - UA (derivative from a dual seed in Q):
        // the step is taken when it stays inside the bracket [lo, hi], else bisection.
        let (mut lo, mut hi) = (0.0, q_hi);
        // Whether `hi` is a feasible heat flow needing more than UA (root bracketed
        // by feasible points) rather than an infeasible one (beyond the pinch).
        let mut bracketed = false;
        let mut q = 0.5 * q_hi;
        // the root and the dual profile evaluated there
        let mut root: Option<(f64, Profile<Dual64>)> = None;
        for _ in 0..MAX_ITERATIONS {
            if hi - lo <= Q_TOLERANCE * q_hi {
                break;
            }
            q = match self.profile(&s_dual, Dual64::new(q, 1.0))? {
                None => {
                    hi = q;
                    bracketed = false;
                    0.5 * (lo + hi)
                }
                Some(p) => {
                    let excess = p.ua[0].re + p.ua[1].re + p.ua[2].re - ua;
                    let slope = p.ua[0].eps + p.ua[1].eps + p.ua[2].eps;
                    if excess <= 0.0 {
                        lo = q;
                    } else {
                        hi = q;
                        bracketed = true;
                    }
                    let newton = q - excess / slope;
                    if (newton - q).abs() <= Q_TOLERANCE * q_hi {
                        root = Some((q, p));
                        break;
                    }
                    if slope > 0.0 && newton > lo && newton < hi {
                        newton
                    } else {
                        0.5 * (lo + hi)
                    }
                }
            };
        }
        let (q0, seeded) = match root {
            Some(found) => found,
            None if lo > 0.0 => {
                let seeded = self.profile(&s_dual, Dual64::new(lo, 1.0))?;
                (lo, seeded.ok_or_else(|| self.infeasible(lo))?)
            }
            None => return Ok(None),
        };
        // Pinch-limited: sum UA_k diverges only logarithmically at a zero temperature
        // difference, so a large UA can be out of reach in f64 (no feasible upper
        // bracket); then Q is the heat flow of the pinch, dT_k(Q) = 0 at the smallest
        // boundary difference k.
        let total = seeded.ua[0].re + seeded.ua[1].re + seeded.ua[2].re;
        let pinch = (!bracketed && total < ua * (1.0 - PINCH_GAP)).then(|| {
            (0..seeded.n)
                .min_by(|&a, &b| seeded.dt[a].re.total_cmp(&seeded.dt[b].re))
                .unwrap_or(0)
        });
        Ok(Some(Inner {
            q0,
            pinch: pinch.map(|k| (k, seeded.n, seeded.dt[k].eps)),
            ua_slope: seeded.ua.iter().fold(0.0, |acc, u| acc + u.eps),
        }))
    }

    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        r[0] = ports[REF_OUT].m - ports[REF_IN].m;
        r[1] = ports[REF_OUT].p - ports[REF_IN].p;
        r[2] = ports[SEC_OUT].m - ports[SEC_IN].m;
        r[3] = ports[SEC_OUT].p - ports[SEC_IN].p;
        if self.0.state == OperationalState::On {
            // Heat to the refrigerant: -Q in a condenser, +Q in an evaporator.
            let q = self.heat_flow(ports, params[0])?.0 * -self.sigma();
            r[4] = ports[REF_IN].m * (ports[REF_OUT].h - ports[REF_IN].h) - q;
            r[5] = ports[SEC_IN].m * (ports[SEC_OUT].h - ports[SEC_IN].h) + q;
        } else {
            r[4] = ports[REF_OUT].h - ports[REF_IN].h;
            r[5] = ports[SEC_OUT].h - ports[SEC_IN].h;
        }
        Ok(())
    }

    fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        let (q, zones) = if self.0.state == OperationalState::On {
            self.heat_flow(ports, params[0])?
        } else {
            (0.0, [0.0; 3])
        };
        // the dew temperature, as the single-zone models report (blends: above the bubble point)
        let t_sat = self
            .0
            .fluid
            .saturation_temperatures(ports[REF_IN].p)
            .map_err(|e| ComponentError::fluid(&self.0.name, "refrigerant_in", e))?
            .1;
        Ok(vec![
            // heat into the refrigerant (the first flow path): negative in a condenser
            ("heat_flow", q * -self.sigma()),
            ("saturation_temperature", t_sat),
            (
                "secondary_outlet_temperature",
                self.0.liquid.temperature(ports[SEC_OUT].h, ports[SEC_OUT].p),
            ),
            ("area_fraction_superheated", zones[0] / params[0]),
            ("area_fraction_two_phase", zones[1] / params[0]),
            ("area_fraction_subcooled", zones[2] / params[0]),
        ])
    }
}

macro_rules! zoned_exchanger {
    ($(#[$doc:meta])* $name:ident, $duty:expr, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub(crate) ZonedHx);

        impl $name {
            /// A zoned exchanger of conductance `ua` (W/K) between `fluid` and a secondary `liquid`.
            pub fn new(name: &str, fluid: Fluid, liquid: IncompressibleLiquid, ua: f64) -> Result<Self, ComponentError> {
                PhaseChangeHx::new(name, fluid, liquid, ua, $duty).map(|hx| $name(ZonedHx(hx)))
            }
            /// Overall heat-transfer conductance, W/K.
            pub fn ua(&self) -> f64 {
                self.0 .0.ua
            }
        }

        impl ComponentModel for $name {
            fn to_spec(&self) -> Option<$crate::ComponentSpec> {
                Some($crate::spec::ToSpec::spec(self))
            }
            fn name(&self) -> &str {
                &self.0 .0.name
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn cop_role(&self) -> $crate::CopRole {
                $duty.cop_role()
            }
            fn ports(&self) -> &[PortSpec] {
                &self.0 .0.ports
            }
            fn n_equations(&self) -> usize {
                6
            }
            fn flow_paths(&self) -> &[FlowPath] {
                &PATHS
            }
            fn parameters(&self) -> &[ParameterSpec] {
                &HX_PARAMETERS
            }
            fn parameter_values(&self) -> Vec<f64> {
                vec![self.0 .0.ua]
            }
            fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
                self.0.residuals(ports, params, r)
            }
            fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
                self.0 .0.guess(ports)
            }
            fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
                self.0.outputs(ports, params)
            }
            fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<$crate::Violation>) {
                self.0 .0.check_profile(ports, out)
            }
            fn operational_state(&self) -> OperationalState {
                self.0 .0.state
            }
            fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
                self.0 .0.state = state;
                Ok(())
            }
        }
    };
}

zoned_exchanger!(
    /// Condenser (moving boundary, the default condenser model): superheated vapour desuperheats, condenses and
    /// subcools against a counter-flowing secondary liquid; zones and their area
    /// fractions follow from `sum_k UA_k = UA` (see the module-level model, Bell et al.
    /// 2015). Ports, equations (6), parameter `ua` and operational states as
    /// [`crate::SingleZoneCondenser`] (Off / Bypass: `Q = 0` written `h_out = h_in` on both sides,
    /// equal pressures and mass balances kept). Outputs `heat_flow` (W, into the
    /// refrigerant: negative here),
    /// `saturation_temperature`, `secondary_outlet_temperature` (K) and
    /// `area_fraction_superheated` / `_two_phase` / `_subcooled`. Its
    /// [`ComponentModel::kind`] is `"Condenser"` (the role), so system totals such as
    /// the heating COP include it.
    ///
    /// ```
    /// use entropyk_components::{IncompressibleLiquid, Condenser};
    /// use entropyk_thermo::Fluid;
    /// let cond = Condenser::new("cond", Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER, 3000.0).unwrap();
    /// ```
    Condenser,
    Duty::Condensing,
    "Condenser"
);

zoned_exchanger!(
    /// Evaporator (moving boundary, the default evaporator model): two-phase refrigerant evaporates and superheats
    /// against a counter-flowing secondary liquid; see [`Condenser`] for the model,
    /// ports, equations, states and outputs. Its [`ComponentModel::kind`] is
    /// `"Evaporator"` (the role), so system totals such as the cooling COP include it.
    Evaporator,
    Duty::Evaporating,
    "Evaporator"
);

/// The former name of [`Condenser`] (zoned since it became the default).
pub type ZonedCondenser = Condenser;
/// The former name of [`Evaporator`] (zoned since it became the default).
pub type ZonedEvaporator = Evaporator;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SingleZoneCondenser;

    fn r134a() -> Fluid {
        Fluid::new("R134a").unwrap()
    }

    fn ports(p: f64, h_in: f64, m_ref: f64, t_w: f64, m_w: f64) -> [PortState<f64>; 4] {
        let w = IncompressibleLiquid::WATER;
        let h_w = w.enthalpy(t_w, 2e5);
        [
            PortState { p, h: h_in, m: m_ref },
            PortState { p, h: h_in, m: m_ref },
            PortState { p: 2e5, h: h_w, m: m_w },
            PortState { p: 2e5, h: h_w, m: m_w },
        ]
    }

    #[test]
    fn two_phase_only_equals_the_single_zone_epsilon_ntu() {
        // Saturated vapour in, small UA: the refrigerant stays two-phase, so the zoned
        // model reduces to epsilon = 1 - exp(-UA / C_sec) (Incropera eq. 11.35a).
        let fluid = r134a();
        let p = fluid.saturation_t(313.15_f64).unwrap().p;
        let h_vap = fluid.saturation_p(p).unwrap().h_vapor;
        let st = ports(p, h_vap, 0.5, 298.15, 2.0);
        let zoned = Condenser::new("z", fluid.clone(), IncompressibleLiquid::WATER, 1500.0).unwrap();
        let single = SingleZoneCondenser::new("s", fluid, IncompressibleLiquid::WATER, 1500.0).unwrap();
        let (q, zones) = zoned.0.heat_flow(&st, 1500.0).unwrap();
        let mut r = [0.0; 6];
        single.residuals(&st, &[1500.0], &mut r).unwrap();
        let q_single = r[4]; // = -q_to_refrigerant with h_out = h_in
        assert!((q / q_single - 1.0).abs() < 1e-9, "{q} vs {q_single}");
        assert!(zones[0] == 0.0 && zones[2] == 0.0 && (zones[1] - 1500.0).abs() < 1e-6);
    }

    #[test]
    fn three_zones_share_the_area() {
        let fluid = r134a();
        let p = fluid.saturation_t(313.15_f64).unwrap().p;
        let h_in = fluid.state_pt(p, 343.15_f64).unwrap().h;
        let st = ports(p, h_in, 0.3, 293.15, 3.0);
        let cond = Condenser::new("z", fluid.clone(), IncompressibleLiquid::WATER, 8000.0).unwrap();
        let out = cond.outputs(&st, &[8000.0]).unwrap();
        let get = |n: &str| out.iter().find(|(k, _)| *k == n).unwrap().1;
        let fractions = [
            get("area_fraction_superheated"),
            get("area_fraction_two_phase"),
            get("area_fraction_subcooled"),
        ];
        assert!(fractions.iter().all(|f| *f > 0.0), "{fractions:?}");
        assert!((fractions.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // Outlet subcooled but above the water inlet; water warmed by Q / C.
        let q = -get("heat_flow"); // heat out of the condensing refrigerant
        let h_out = h_in - q / 0.3;
        let t_out = fluid.state_ph(p, h_out).unwrap().t;
        let sat = fluid.saturation_p(p).unwrap();
        assert!(h_out < sat.h_liquid && t_out > 293.15, "{t_out}");
        // A larger UA transfers more heat.
        let (q_big, _) = cond.0.heat_flow(&st, 16000.0).unwrap();
        assert!(q_big > q);
    }

    #[test]
    fn evaporator_superheats_with_enough_area() {
        let fluid = r134a();
        let p = fluid.saturation_t(278.15_f64).unwrap().p;
        let h_in = fluid.state_px(p, 0.25_f64).unwrap().h;
        let st = ports(p, h_in, 0.2, 285.15, 2.0);
        let evap = Evaporator::new("e", fluid.clone(), IncompressibleLiquid::WATER, 8000.0).unwrap();
        let (q, zones) = evap.0.heat_flow(&st, 8000.0).unwrap();
        let t_out = fluid.state_ph(p, h_in + q / 0.2).unwrap().t;
        assert!(zones[0] > 0.0 && t_out > 278.15 + 1.0 && t_out < 285.15, "{t_out}");
        // Very large UA: pinch-limited, the vapour leaves at the water inlet temperature.
        let (q, _) = evap.0.heat_flow(&st, 1.0e7).unwrap();
        let t_out = fluid.state_ph(p, h_in + q / 0.2).unwrap().t;
        assert!((t_out - 285.15).abs() < 1e-6, "{t_out}");
    }
}
