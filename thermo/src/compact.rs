//! Numbers in messages, written compactly and the way Python writes them.
use std::fmt;

/// Displays an `f64` for a message: the shortest form that reads back to the same
/// value, in exponent notation outside `1e-4 <= |x| < 1e16` as Python's `repr` does
/// (`2.2e-308` and `1e+300`, not hundreds of digits), `nan`, `inf` and `-inf` for the
/// non-finite values. Every error message of the workspace formats its numbers with it.
///
/// ```
/// use entropyk_thermo::Compact;
/// assert_eq!(Compact(2.2e-308).to_string(), "2.2e-308");
/// assert_eq!(Compact(1e300).to_string(), "1e+300");
/// assert_eq!(Compact(-5.0).to_string(), "-5");
/// assert_eq!(Compact(0.25).to_string(), "0.25");
/// assert_eq!(Compact(f64::NEG_INFINITY).to_string(), "-inf");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compact(pub f64);

impl fmt::Display for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            f.write_str("nan")
        } else if x.is_infinite() {
            f.write_str(if x > 0.0 { "inf" } else { "-inf" })
        } else if x != 0.0 && !(1e-4..1e16).contains(&x.abs()) {
            // Rust writes 1e300 and 1e-5; Python 1e+300 and 1e-05
            let text = format!("{x:e}");
            let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(digits) => ('-', digits),
                None => ('+', exponent),
            };
            write!(f, "{mantissa}e{sign}{digits:0>2}")
        } else {
            write!(f, "{x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_python_repr() {
        for (x, python) in [
            (5e-324, "5e-324"),
            (1e-5, "1e-05"),
            (1e-4, "0.0001"),
            (1e16, "1e+16"),
            (1.5e15, "1500000000000000"),
            (-1e308, "-1e+308"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.0, "0"),
            (-0.0, "-0"),
            (f64::NAN, "nan"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(Compact(x).to_string(), python);
        }
    }
}
