//! Typed literals the catalog prints in another spelling than the file: the comparison form
//! of a constant cast to `interval`, `bit`/`varbit`, `money` or `jsonb`.
//!
//! A cast of a constant is dropped for comparison ([`super::rewrite`]), which is right when
//! the catalog keeps the constant's text (`'x'::text`). These types' input functions
//! rewrite it instead: `interval '1' day` is stored as `'1 day'::interval day`,
//! `x'0F'::bit(8)` as `'00001111'::bit(8)`, `B'1010'` as `'1010'::"bit"` and `'12.5'::money`
//! as `'$12.50'::money` (under the default `lc_monetary`), `'{"b":1,"a":2}'::jsonb` as
//! `'{"a": 2, "b": 1}'::jsonb` ([`super::jsonb`]). Each becomes the value the
//! catalog prints, so both sides agree once the cast is gone.

use super::interval::{canonical_interval, FULL_RANGE};
use super::strings;
use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node};

/// The constant a cast of a constant compares as, when its type rewrites its input; `None`
/// for other casts.
pub(super) fn typed_constant(c: &pb::TypeCast) -> Option<Node> {
    let t = c.type_name.as_ref()?;
    let names = strings(&t.names);
    let arg = c.arg.as_deref()?;
    match names.last()?.as_str() {
        "interval" => {
            let text = sval(arg)?;
            let range = match t.typmods.first().map(|m| &m.node) {
                Some(Some(N::AConst(k))) => match &k.val {
                    Some(a_const::Val::Ival(i)) => i.ival,
                    _ => return None,
                },
                _ => FULL_RANGE,
            };
            Some(string(canonical_interval(text, range)?))
        }
        "bit" | "varbit" => bits(arg).map(|b| bit_string(&b)),
        "jsonb" => super::jsonb::canonical_jsonb(sval(arg)?).map(string),
        "money" => {
            let text = match &arg.node {
                Some(N::AConst(k)) => match &k.val {
                    Some(a_const::Val::Sval(s)) => s.sval.clone(),
                    Some(a_const::Val::Fval(f)) => f.fval.clone(),
                    Some(a_const::Val::Ival(i)) => i.ival.to_string(),
                    _ => return None,
                },
                _ => return None,
            };
            money(&text).map(|m| Node {
                node: Some(N::AConst(pb::AConst {
                    val: Some(a_const::Val::Fval(pb::Float { fval: m })),
                    ..Default::default()
                })),
            })
        }
        // `'public.t'::regclass`, as the catalog prints a name of `public` under an empty
        // search path, is `'t'::regclass`: `regclassout` leaves out what the path finds.
        "regclass" | "regtype" | "regproc" | "regprocedure" | "regoper" | "regoperator" => {
            let text = sval(arg)?;
            let bare = text.strip_prefix("public.")?;
            Some(string(bare.to_string()))
        }
        _ => None,
    }
}

/// A bit-string constant (`B'1010'`, `X'0F'`) in binary digits: `b1010`, `b00001111`.
pub(super) fn canonical_bit_constant(c: &mut pb::AConst) {
    if let Some(a_const::Val::Bsval(b)) = &c.val {
        if let Some(binary) = binary_digits(&b.bsval) {
            c.val = Some(a_const::Val::Bsval(pb::BitString {
                bsval: format!("b{binary}"),
            }));
        }
    }
}

/// A string constant that is a JSON object or array compares as `jsonb` prints it: the
/// catalog stores the operand of a `jsonb` operator or function (`data @> '{"a":1}'`) as a
/// `jsonb` constant, `'{"a": 1}'::jsonb`, and which operands are `jsonb` is not known
/// without the column types. Text that is no such JSON is left alone; so is an array
/// literal (`'{a,b}'`), which is no JSON. Text that is JSON but used as text compares the
/// same on both sides, at the price of spellings differing only in JSON's spaces comparing
/// equal.
pub(super) fn canonical_json_text(c: &mut pb::AConst) {
    if let Some(a_const::Val::Sval(s)) = c.val.as_mut() {
        if s.sval.trim_start().starts_with(['{', '[']) {
            if let Some(printed) = super::jsonb::canonical_jsonb(&s.sval) {
                s.sval = printed;
            }
        }
    }
}

/// A number written with an exponent (`1e10`, `1.5E-3`) compares as the `numeric` the
/// catalog prints for it (`10000000000`, `0.0015`), its scale what `numeric`'s input gives
/// it (`1.50e1` is `15.0`); an integer that fits becomes an integer constant.
pub(super) fn plain_decimal(c: &mut pb::AConst) {
    let Some(a_const::Val::Fval(f)) = &c.val else {
        return;
    };
    let Some(plain) = expand_exponent(&f.fval) else {
        return;
    };
    c.val = Some(match plain.parse::<i32>() {
        Ok(i) => a_const::Val::Ival(pb::Integer { ival: i }),
        Err(_) => a_const::Val::Fval(pb::Float { fval: plain }),
    });
}

/// `1.5e3` as `1500`, `-2E-2` as `-0.02`; `None` without an exponent or for what is not
/// such a number.
fn expand_exponent(text: &str) -> Option<String> {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = unsigned.split_once(['e', 'E'])?;
    let exp: i64 = exp.parse().ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || exp.abs() > 1000 {
        return None;
    }
    let point = int.len() as i64 + exp;
    let len = digits.len() as i64;
    let (whole, fraction) = if point <= 0 {
        (String::new(), "0".repeat((-point) as usize) + &digits)
    } else if point >= len {
        (
            digits.clone() + &"0".repeat((point - len) as usize),
            String::new(),
        )
    } else {
        let (w, f) = digits.split_at(point as usize);
        (w.to_string(), f.to_string())
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let zero = whole == "0" && fraction.bytes().all(|b| b == b'0');
    let sign = if zero { "" } else { sign };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

fn sval(n: &Node) -> Option<&str> {
    match &n.node {
        Some(N::AConst(k)) => match &k.val {
            Some(a_const::Val::Sval(s)) => Some(&s.sval),
            _ => None,
        },
        _ => None,
    }
}

fn string(s: String) -> Node {
    Node {
        node: Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Sval(pb::String { sval: s })),
            ..Default::default()
        })),
    }
}

fn bit_string(binary: &str) -> Node {
    Node {
        node: Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Bsval(pb::BitString {
                bsval: format!("b{binary}"),
            })),
            ..Default::default()
        })),
    }
}

/// The binary digits of a bit constant or of a string of `0`s and `1`s cast to a bit type.
fn bits(n: &Node) -> Option<String> {
    match &n.node {
        Some(N::AConst(k)) => match &k.val {
            Some(a_const::Val::Bsval(b)) => binary_digits(&b.bsval),
            Some(a_const::Val::Sval(s)) if s.sval.bytes().all(|b| b == b'0' || b == b'1') => {
                Some(s.sval.clone())
            }
            _ => None,
        },
        _ => None,
    }
}

/// pg_query's `b1010` / `x0F` (the lexer's prefix, then the digits) in binary digits.
fn binary_digits(bsval: &str) -> Option<String> {
    let (kind, digits) = bsval.split_at_checked(1)?;
    match kind {
        "b" | "B" => Some(digits.to_string()),
        "x" | "X" => digits
            .chars()
            .map(|c| c.to_digit(16).map(|d| format!("{d:04b}")))
            .collect(),
        _ => None,
    }
}

/// A money amount as `cash_out` prints its digits: two decimals, no currency sign or
/// thousands separators (`'$1,234.5'` → `1234.50`, `'1.999'` → `2.00`).
fn money(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | ' '))
        .collect();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            Some(r) => (true, r.to_string()),
            None => (false, t),
        },
    };
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // `cash_in` keeps two decimals and rounds on the first digit past them, away from zero.
    let cents: u128 = format!("{int}{:0<2}", &frac[..frac.len().min(2)])
        .parse()
        .ok()?;
    let cents = cents + u128::from(frac.as_bytes().get(2).is_some_and(|d| *d >= b'5'));
    let sign = if neg { "-" } else { "" };
    Some(format!("{sign}{}.{:02}", cents / 100, cents % 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_its_digits_as_cash_out_does() {
        assert_eq!(money("$12.50").as_deref(), Some("12.50"));
        assert_eq!(money("12.5").as_deref(), Some("12.50"));
        assert_eq!(money("1,234").as_deref(), Some("1234.00"));
        assert_eq!(money("-$3.10").as_deref(), Some("-3.10"));
        assert_eq!(money("1.999").as_deref(), Some("2.00"));
        assert_eq!(money("0.124").as_deref(), Some("0.12"));
        assert_eq!(money("-0.125").as_deref(), Some("-0.13"));
        assert_eq!(money("abc"), None);
    }

    #[test]
    fn exponents_expand_as_numeric_prints_them() {
        assert_eq!(expand_exponent("1e10").as_deref(), Some("10000000000"));
        assert_eq!(expand_exponent("1.5E-3").as_deref(), Some("0.0015"));
        assert_eq!(expand_exponent("1.50e1").as_deref(), Some("15.0"));
        assert_eq!(expand_exponent("-2e+2").as_deref(), Some("-200"));
        assert_eq!(expand_exponent("12.5"), None);
    }

    #[test]
    fn bit_constants_read_in_binary() {
        assert_eq!(binary_digits("x0F").as_deref(), Some("00001111"));
        assert_eq!(binary_digits("b1010").as_deref(), Some("1010"));
    }
}
