//! Property tests: every component's dual-number Jacobian equals central finite
//! differences at random valid operating points.
use crate::common::assert_jacobian_matches_fd;
use entropyk::prelude::*;
use proptest::prelude::*;

fn r134a() -> Fluid {
    Fluid::new("R134a").unwrap()
}

/// Saturation pressure of R134a at `celsius`.
fn p_sat(celsius: f64) -> f64 {
    r134a().saturation_t(celsius + 273.15).unwrap().p
}

fn h_pt(p: f64, t: f64) -> f64 {
    r134a().state_pt(p, t).unwrap().h
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn compressor(t_evap in -10.0..10.0f64, t_cond in 30.0..50.0f64, superheat in 1.0..25.0f64,
                  m_in in 0.5..2.0f64, m_out in 0.5..2.0f64, dh in 20e3..60e3f64) {
        let comp = Compressor::new("comp", r134a(), Ahri540Map::BITZER_HSK_R134A).unwrap();
        let (ps, pd) = (p_sat(t_evap), p_sat(t_cond));
        let h_in = h_pt(ps, t_evap + 273.15 + superheat);
        let ports = [PortState { p: ps, h: h_in, m: m_in }, PortState { p: pd, h: h_in + dh, m: m_out }];
        assert_jacobian_matches_fd(&comp, &ports);
    }

    #[test]
    fn expansion_valve(p_in in 5e5..15e5f64, p_out in 1e5..4e5f64, h in 200e3..280e3f64, m in 0.1..3.0f64) {
        let valve = ExpansionValve::new("valve", r134a());
        let ports = [PortState { p: p_in, h, m }, PortState { p: p_out, h: h + 10.0, m: m * 1.01 }];
        assert_jacobian_matches_fd(&valve, &ports);
    }

    #[test]
    fn evaporator(t_evap in -10.0..10.0f64, t_water in 12.0..20.0f64, x_in in 0.05..0.4f64,
                  m_ref in 0.5..2.0f64, m_water in 2.0..20.0f64, ua in 5e3..80e3f64) {
        let fluid = r134a();
        let evap = Evaporator::new("evap", fluid.clone(), IncompressibleLiquid::WATER, ua).unwrap();
        let p = p_sat(t_evap);
        let h_in = fluid.state_px(p, x_in).unwrap().h;
        let h_w = IncompressibleLiquid::WATER.enthalpy(t_water + 273.15, 2e5);
        let ports = [
            PortState { p, h: h_in, m: m_ref },
            PortState { p: p * 0.99, h: h_in + 150e3, m: m_ref },
            PortState { p: 2e5, h: h_w, m: m_water },
            PortState { p: 2e5, h: h_w - 2e4, m: m_water },
        ];
        assert_jacobian_matches_fd(&evap, &ports);
    }

    #[test]
    fn condenser(t_cond in 30.0..50.0f64, t_water in 15.0..29.0f64, superheat in 5.0..40.0f64,
                 m_ref in 0.5..2.0f64, m_water in 2.0..20.0f64, ua in 5e3..80e3f64) {
        let fluid = r134a();
        let cond = Condenser::new("cond", fluid.clone(), IncompressibleLiquid::WATER, ua).unwrap();
        let p = p_sat(t_cond);
        let h_in = h_pt(p, t_cond + 273.15 + superheat);
        let h_w = IncompressibleLiquid::WATER.enthalpy(t_water + 273.15, 2e5);
        let ports = [
            PortState { p, h: h_in, m: m_ref },
            PortState { p, h: h_in - 170e3, m: m_ref },
            PortState { p: 2e5, h: h_w, m: m_water },
            PortState { p: 2e5, h: h_w + 2e4, m: m_water },
        ];
        assert_jacobian_matches_fd(&cond, &ports);
    }

    #[test]
    fn flow_source(p in 1e5..5e5f64, h in 0.0..1e5f64, m in 0.1..10.0f64) {
        let src = FlowSource::new("src", IncompressibleLiquid::WATER, 2e5, 290.0, 3.0).unwrap();
        assert_jacobian_matches_fd(&src, &[PortState { p, h, m }]);
    }
}
