//! `Fluid::saturation_temperatures`: same values as `saturation_p`, and exact
//! derivatives against central finite differences.
use entropyk_thermo::Fluid;
use num_dual::Dual64;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn matches_saturation_p_and_finite_differences(
        fluid in prop::sample::select(vec!["R134a", "R32", "R744", "R717", "R410A", "R407C", "Water"]),
        fraction in 0.05..0.9f64,
    ) {
        let f = Fluid::new(fluid).unwrap();
        // Pressure between the triple-point and critical pressures, log-spaced.
        let p_low = f.saturation_t(f.triple_temperature() + 5.0).unwrap().p;
        let p_high = 0.95 * f.critical_pressure();
        let p = p_low * (p_high / p_low).powf(fraction);
        let (tb, td) = f.saturation_temperatures(p).unwrap();
        let sat = f.saturation_p(p).unwrap();
        prop_assert!((tb - sat.t_bubble).abs() < 1e-12 * tb);
        prop_assert!((td - sat.t_dew).abs() < 1e-12 * td);
        let (db, dd) = f.saturation_temperatures(Dual64::new(p, 1.0)).unwrap();
        let step = 1e-5 * p;
        let (bp, dp) = f.saturation_temperatures(p + step).unwrap();
        let (bm, dm) = f.saturation_temperatures(p - step).unwrap();
        let (fd_b, fd_d) = ((bp - bm) / (2.0 * step), (dp - dm) / (2.0 * step));
        prop_assert!((db.eps - fd_b).abs() <= 1e-5 * fd_b.abs(), "{fluid} bubble: {} vs {fd_b}", db.eps);
        prop_assert!((dd.eps - fd_d).abs() <= 1e-5 * fd_d.abs(), "{fluid} dew: {} vs {fd_d}", dd.eps);
        prop_assert_eq!(db.re, tb);
    }
}

#[test]
fn bad_pressure_is_an_error() {
    let f = Fluid::new("R134a").unwrap();
    for p in [f64::NAN, -1.0, 0.0, 1e9] {
        assert!(f.saturation_temperatures(p).is_err(), "{p}");
    }
}
