//! Binary interaction parameters of the mixture model and their lookup.
//!
//! The data (generated, `pairs_data.rs`) come from CoolProp's mixture library; each entry
//! cites its source. A pair's parameters are stored in CoolProp's orientation; for the
//! other order of the two components beta_T and beta_v are replaced by their reciprocals
//! and gamma_T, gamma_v, F and the departure function are unchanged (the reducing
//! functions below are symmetric under that exchange; Kunz & Wagner, J. Chem. Eng. Data
//! 57, 3032 (2012), Eq. 7.9 and the remark after it).

use crate::fluids::FluidData;
use crate::mixture::departure::DepartureTerm;

/// Interaction parameters of one binary pair (Kunz-Wagner / GERG-2008 form).
#[derive(Debug)]
pub(crate) struct BinaryPair {
    /// Canonical names of the two components, in the orientation of the parameters.
    pub names: [&'static str; 2],
    /// CAS numbers of the two components (same order).
    #[allow(dead_code)]
    pub cas: [&'static str; 2],
    /// beta_T of the reducing temperature.
    pub beta_t: f64,
    /// gamma_T of the reducing temperature.
    pub gamma_t: f64,
    /// beta_v of the reducing volume.
    pub beta_v: f64,
    /// gamma_v of the reducing volume.
    pub gamma_v: f64,
    /// Weight F_ij of the departure function.
    pub f: f64,
    /// Departure function (empty when F = 0).
    pub departure: &'static [DepartureTerm],
    /// Name of the departure function in CoolProp's library.
    #[allow(dead_code)]
    pub departure_name: Option<&'static str>,
    /// BibTeX key (CoolProp) of the source of the parameters.
    #[allow(dead_code)]
    pub source: &'static str,
}

/// Parameters of the pair (a, b) oriented for that order of the components.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OrientedPair {
    pub beta_t: f64,
    pub gamma_t: f64,
    pub beta_v: f64,
    pub gamma_v: f64,
    pub f: f64,
    pub departure: &'static [DepartureTerm],
}

/// The parameters of the pair (a, b) in that order, or `None` when no data exist.
pub(crate) fn lookup(a: &FluidData, b: &FluidData) -> Option<OrientedPair> {
    super::pairs_data::PAIRS.iter().find_map(|p| {
        let oriented = |inv: bool| OrientedPair {
            beta_t: if inv { p.beta_t.recip() } else { p.beta_t },
            gamma_t: p.gamma_t,
            beta_v: if inv { p.beta_v.recip() } else { p.beta_v },
            gamma_v: p.gamma_v,
            f: p.f,
            departure: p.departure,
        };
        if p.names == [a.name, b.name] {
            Some(oriented(false))
        } else if p.names == [b.name, a.name] {
            Some(oriented(true))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fluids::lookup as fluid;

    #[test]
    fn orientation_inverts_betas_only() {
        let (r32, yf) = (fluid("R32").unwrap(), fluid("R1234yf").unwrap());
        let a = lookup(r32, yf).unwrap();
        let b = lookup(yf, r32).unwrap();
        // Bell, JPCRD 52, 013101 (2023): beta_T = 1.011011, gamma_T = 0.966965 for R32/R1234yf
        assert_eq!(a.beta_t, 1.011011);
        assert_eq!(a.gamma_t, 0.966965);
        assert!((a.beta_t * b.beta_t - 1.0).abs() < 1e-15 && (a.beta_v * b.beta_v - 1.0).abs() < 1e-15);
        assert_eq!(a.gamma_v, b.gamma_v);
        assert_eq!(a.departure.len(), 3);
        assert!(lookup(fluid("R32").unwrap(), fluid("Water").unwrap()).is_none());
    }

    #[test]
    fn every_pair_names_known_fluids_and_carries_its_function() {
        for p in super::super::pairs_data::PAIRS {
            assert!(
                fluid(p.names[0]).is_some() && fluid(p.names[1]).is_some(),
                "{:?}",
                p.names
            );
            assert_eq!(p.f != 0.0, !p.departure.is_empty(), "{:?}", p.names);
            assert!(p.beta_t > 0.0 && p.beta_v > 0.0 && p.gamma_t > 0.0 && p.gamma_v > 0.0);
        }
    }
}
