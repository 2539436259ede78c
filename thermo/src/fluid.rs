//! The public [`Fluid`] handle: constants, input validation and the flash entry points.

use crate::error::FluidError;
use crate::fluids::{lookup, FluidData, ALL};
use crate::scalar::{re, Scalar};
use crate::state::{Saturation, State};

/// A pure fluid described by a Helmholtz-energy equation of state.
///
/// Cheap to clone (a reference to static coefficient data). All property functions are
/// generic over [`Scalar`]: pass `f64` for values, or num-dual numbers (`Dual64`,
/// `DualSVec64<N>`, ...) to obtain exact first derivatives with respect to the seeded
/// inputs. Units are mass-specific SI: Pa, K, kg/m3, J/kg, J/(kg K), m/s.
#[derive(Clone, Debug)]
pub struct Fluid {
    pub(crate) data: &'static FluidData,
}

/// Two handles are equal when they refer to the same fluid.
impl PartialEq for Fluid {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data)
    }
}

impl Eq for Fluid {}

impl std::hash::Hash for Fluid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.data.name.hash(state);
    }
}

impl std::fmt::Display for Fluid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.data.name)
    }
}

impl Fluid {
    /// Look up a fluid by name or alias, case-insensitively ("R134a", "R-134a", "HFC-134a",
    /// "R744" / "CO2", "R717" / "NH3", "R290" / "propane", "Water" / "R718" / "H2O", "R32",
    /// "R1234yf", "R1234ze(E)" / "R1234ZE", "R410A", "R404A", "R407C", "R507A").
    pub fn new(name: &str) -> Result<Fluid, FluidError> {
        lookup(name)
            .map(|data| Fluid { data })
            .ok_or_else(|| FluidError::UnknownFluid {
                name: name.to_string(),
                known: ALL.iter().map(|f| f.name).collect(),
            })
    }

    /// Canonical name.
    pub fn name(&self) -> &'static str {
        self.data.name
    }
    /// Molar mass, kg/mol.
    pub fn molar_mass(&self) -> f64 {
        self.data.molar_mass
    }
    /// Critical temperature of the EOS, K.
    pub fn critical_temperature(&self) -> f64 {
        self.data.t_critical
    }
    /// Critical pressure of the EOS, Pa.
    pub fn critical_pressure(&self) -> f64 {
        self.data.p_critical
    }
    /// Critical density of the EOS, kg/m3.
    pub fn critical_density(&self) -> f64 {
        self.data.rho_critical
    }
    /// Triple-point temperature (lower limit), K.
    pub fn triple_temperature(&self) -> f64 {
        self.data.t_triple
    }
    /// Upper temperature limit of the EOS, K.
    pub fn max_temperature(&self) -> f64 {
        self.data.t_max
    }
    /// Upper pressure limit of the EOS, Pa.
    pub fn max_pressure(&self) -> f64 {
        self.data.p_max
    }

    /// State at (T \[K\], rho \[kg/m3\]) by direct EOS evaluation. Inside the vapour dome
    /// (T < T_c, rho'' < rho < rho') the vapour-liquid equilibrium mixture is returned
    /// with quality x = (1/rho - 1/rho') / (1/rho'' - 1/rho').
    pub fn state_trho<D: Scalar>(&self, t: D, rho: D) -> Result<State<D>, FluidError> {
        let t0 = self.check_t(re(t))?;
        let r0 = self.check_rho(re(rho))?;
        Ok(crate::flash::trho::state_trho(self.data, t, rho, t0, r0))
    }

    /// Single-phase state at (p \[Pa\], T \[K\]); the stable phase is chosen (liquid if
    /// p > p_sat(T), vapour otherwise).
    pub fn state_pt<D: Scalar>(&self, p: D, t: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let t0 = self.check_t(re(t))?;
        crate::flash::pt::state_pt(self.data, p, t, p0, t0)
    }

    /// State at (p \[Pa\], h \[J/kg\]): subcooled, two-phase, superheated or supercritical.
    pub fn state_ph<D: Scalar>(&self, p: D, h: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let h0 = finite("enthalpy", re(h))?;
        crate::flash::ph::state_py(self.data, p, h, p0, h0, crate::flash::ph::Spec::Enthalpy)
    }

    /// State at (p \[Pa\], s \[J/(kg K)\]): subcooled, two-phase, superheated or supercritical
    /// (e.g. the isentropic compressor outlet). Same algorithm as [`Fluid::state_ph`].
    pub fn state_ps<D: Scalar>(&self, p: D, s: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let s0 = finite("entropy", re(s))?;
        crate::flash::ph::state_py(self.data, p, s, p0, s0, crate::flash::ph::Spec::Entropy)
    }

    /// Two-phase state at (p \[Pa\], x \[-\]), 0 <= x <= 1, p_triple <= p < p_c.
    pub fn state_px<D: Scalar>(&self, p: D, x: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        check_quality(re(x))?;
        let sd = self.data.with_sat_p64(p0, |s| self.data.lift_sat_p(s, p));
        Ok(crate::flash::two_phase_state(&sd, x))
    }

    /// Two-phase state at (T \[K\], x \[-\]), 0 <= x <= 1, T_triple <= T < T_c.
    pub fn state_tx<D: Scalar>(&self, t: D, x: D) -> Result<State<D>, FluidError> {
        let t0 = self.check_t_sat(re(t))?;
        check_quality(re(x))?;
        let s = self.data.sat_t64(t0);
        let sd = self.data.lift_sat(&s, t);
        Ok(crate::flash::two_phase_state(&sd, x))
    }

    /// Saturated liquid and vapour at T \[K\], T_triple <= T < T_c.
    ///
    /// Pseudo-pure blends: bubble-point liquid and dew-point vapour at T (`p_bubble` from
    /// the pL ancillary > `p_dew` from the pV ancillary, densities from the EOS at those
    /// pressures, as CoolProp); `p` is the bubble pressure.
    ///
    /// EOS-consistent (p' = p'', g' = g'' solved by Newton from the superancillary start);
    /// within 1e-3 K of T_c the superancillary curve itself is used (see crate docs).
    pub fn saturation_t<D: Scalar>(&self, t: D) -> Result<Saturation<D>, FluidError> {
        let t0 = self.check_t_sat(re(t))?;
        let s = self.data.sat_t64(t0);
        Ok(crate::flash::saturation(&self.data.lift_sat(&s, t)))
    }

    /// Saturated liquid and vapour at p \[Pa\], p_triple <= p < p_c.
    ///
    /// Pseudo-pure blends: bubble point (`t_bubble`, liquid) and dew point (`t_dew` >
    /// `t_bubble`, vapour) at p; `t` is the bubble temperature.
    pub fn saturation_p<D: Scalar>(&self, p: D) -> Result<Saturation<D>, FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        let sd = self.data.with_sat_p64(p0, |s| self.data.lift_sat_p(s, p));
        Ok(crate::flash::saturation(&sd))
    }

    /// Bubble and dew temperatures `(T_bubble, T_dew)` at pressure `p` (K; equal for
    /// pure fluids), with exact first derivatives from the slopes of the saturation
    /// curves (Clausius-Clapeyron `dT/dp = T (v'' - v') / (h'' - h')` for pure
    /// fluids, the bubble and dew ancillaries for blends). Same values as
    /// [`Fluid::saturation_p`], much cheaper with dual numbers because no property is
    /// lifted.
    ///
    /// ```
    /// use entropyk_thermo::Fluid;
    /// let r410a = Fluid::new("R410A").unwrap();
    /// let (t_bubble, t_dew) = r410a.saturation_temperatures(10e5).unwrap();
    /// assert!(t_dew > t_bubble);
    /// ```
    pub fn saturation_temperatures<D: Scalar>(&self, p: D) -> Result<(D, D), FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        Ok(self.data.with_sat_p64(p0, |s| {
            let t_bubble = (p - s.p) / s.dp_dt + s.t;
            let t_dew = (p - s.p_v) / s.dpv_dt + s.t_v;
            (t_bubble, t_dew)
        }))
    }

    // ---- validation ----

    fn check_t(&self, t: f64) -> Result<f64, FluidError> {
        let t = finite("temperature", t)?;
        if t <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "temperature",
                value: t,
                reason: "must be > 0 K",
            });
        }
        let d = self.data;
        if t < d.t_triple || t > d.t_max {
            return Err(FluidError::OutOfRange {
                quantity: "temperature",
                value: t,
                min: d.t_triple,
                max: d.t_max,
            });
        }
        Ok(t)
    }

    fn check_t_sat(&self, t: f64) -> Result<f64, FluidError> {
        let t = finite("temperature", t)?;
        if t <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "temperature",
                value: t,
                reason: "must be > 0 K",
            });
        }
        let d = self.data;
        if t < d.t_triple || t >= d.t_sat_max() {
            return Err(FluidError::OutOfRange {
                quantity: "saturation temperature",
                value: t,
                min: d.t_triple,
                max: d.t_sat_max(),
            });
        }
        Ok(t)
    }

    fn check_p(&self, p: f64) -> Result<f64, FluidError> {
        let p = finite("pressure", p)?;
        if p <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: p,
                reason: "must be > 0 Pa",
            });
        }
        if p > self.data.p_max {
            return Err(FluidError::OutOfRange {
                quantity: "pressure",
                value: p,
                min: 0.0,
                max: self.data.p_max,
            });
        }
        Ok(p)
    }

    fn check_p_sat(&self, p: f64) -> Result<f64, FluidError> {
        let p = finite("pressure", p)?;
        if p <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: p,
                reason: "must be > 0 Pa",
            });
        }
        let d = self.data;
        // 1e-9 relative slack at the triple point: saturation_t(T_triple).p may round below
        // the stored limit
        if p < d.p_triple * (1.0 - 1e-9) || p >= d.p_sat_max() {
            return Err(FluidError::OutOfRange {
                quantity: "saturation pressure",
                value: p,
                min: d.p_triple,
                max: d.p_sat_max(),
            });
        }
        Ok(p)
    }

    fn check_rho(&self, rho: f64) -> Result<f64, FluidError> {
        let rho = finite("density", rho)?;
        if rho <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "density",
                value: rho,
                reason: "must be > 0 kg/m3",
            });
        }
        if rho > self.data.rho_max {
            return Err(FluidError::OutOfRange {
                quantity: "density",
                value: rho,
                min: 0.0,
                max: self.data.rho_max,
            });
        }
        Ok(rho)
    }
}

fn finite(quantity: &'static str, v: f64) -> Result<f64, FluidError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(FluidError::InvalidInput {
            quantity,
            value: v,
            reason: "must be finite (not NaN or infinite)",
        })
    }
}

fn check_quality(x: f64) -> Result<f64, FluidError> {
    let x = finite("quality", x)?;
    if !(0.0..=1.0).contains(&x) {
        return Err(FluidError::OutOfRange {
            quantity: "quality",
            value: x,
            min: 0.0,
            max: 1.0,
        });
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        for n in ["R134a", "r134a", "R-134a", "HFC-134a", " hfc-134a "] {
            assert_eq!(Fluid::new(n).unwrap().name(), "R134a");
        }
        match Fluid::new("R999") {
            Err(FluidError::UnknownFluid { name, known }) => {
                assert_eq!(name, "R999");
                assert!(known.contains(&"R134a"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn equality_by_fluid() {
        assert_eq!(Fluid::new("R134a").unwrap(), Fluid::new("hfc-134a").unwrap());
        assert_eq!(Fluid::new("R134a").unwrap().to_string(), "R134a");
    }

    #[test]
    fn fluid_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
        check::<Fluid>();
    }
}
