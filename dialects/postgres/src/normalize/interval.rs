//! Interval literals in one spelling: a file's `interval '1' day` and the catalog's
//! `'1 day'::interval day`, or `'24:00:00'` and `'24 hours'`, compare equal.
//!
//! The catalog stores an interval constant as its value, printed by `interval_out`
//! (IntervalStyle `postgres`) after the column qualifier (`DAY`, `HOUR TO MINUTE`) has
//! been applied to the input. So the canonical form reads the input as PostgreSQL's
//! `DecodeInterval` does (units, a clock time, a bare number in the qualifier's last field,
//! `@ … ago`, SQL's `Y-M`, ISO 8601's `P1DT2H`), truncates it as `AdjustIntervalForTypmod` does, and prints it as
//! `interval_out` does. Input it cannot read (ISO 8601's alternative format `P0001-02-03`, say) is left as
//! written.
//! See <https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-INTERVAL-INPUT>.

const USEC_PER_SEC: i64 = 1_000_000;
const USEC_PER_MIN: i64 = 60 * USEC_PER_SEC;
const USEC_PER_HOUR: i64 = 60 * USEC_PER_MIN;
const USEC_PER_DAY: i64 = 24 * USEC_PER_HOUR;

// The qualifier bits of an interval's type modifier (`INTERVAL_MASK` in datetime.h).
const MONTH: i32 = 1 << 1;
const YEAR: i32 = 1 << 2;
const DAY: i32 = 1 << 3;
const HOUR: i32 = 1 << 10;
const MINUTE: i32 = 1 << 11;
const SECOND: i32 = 1 << 12;
/// No qualifier (`INTERVAL_FULL_RANGE`).
pub const FULL_RANGE: i32 = 0x7FFF;

/// A value as PostgreSQL stores it: months, days and microseconds, kept apart.
#[derive(Debug, Default, PartialEq, Clone, Copy)]
struct Interval {
    months: i64,
    days: i64,
    micros: i64,
}

/// The canonical text of the interval `text` typed with qualifier `range` (a mask of the
/// fields, [`FULL_RANGE`] for none), or `None` when it is not a form read here.
pub fn canonical_interval(text: &str, range: i32) -> Option<String> {
    let v = parse(text, range)?;
    Some(format(truncate(v, range)))
}

/// `format_type`'s spelling of `interval` with type modifiers as the grammar stores them
/// (the field mask, then a precision if written): `interval`, `interval(3)`,
/// `interval day to second`, `interval minute to second(2)`; `None` for another mask.
pub fn interval_type(mods: &[String]) -> Option<String> {
    let (range, precision) = match mods {
        [] => (FULL_RANGE, None),
        [r] => (r.parse().ok()?, None),
        [r, p] => (r.parse().ok()?, Some(p)),
        _ => return None,
    };
    let fields = match range {
        FULL_RANGE => "",
        YEAR => " year",
        MONTH => " month",
        DAY => " day",
        HOUR => " hour",
        MINUTE => " minute",
        SECOND => " second",
        r if r == YEAR | MONTH => " year to month",
        r if r == DAY | HOUR => " day to hour",
        r if r == DAY | HOUR | MINUTE => " day to minute",
        r if r == DAY | HOUR | MINUTE | SECOND => " day to second",
        r if r == HOUR | MINUTE => " hour to minute",
        r if r == HOUR | MINUTE | SECOND => " hour to second",
        r if r == MINUTE | SECOND => " minute to second",
        _ => return None,
    };
    Some(match precision {
        Some(p) => format!("interval{fields}({p})"),
        None => format!("interval{fields}"),
    })
}

/// The unit of a bare number: the least significant field of the qualifier.
fn bare_unit(range: i32) -> &'static str {
    match range {
        YEAR => "year",
        r if r == MONTH || r == YEAR | MONTH => "month",
        DAY => "day",
        r if r == HOUR || r == DAY | HOUR => "hour",
        r if r == MINUTE || r == HOUR | MINUTE || r == DAY | HOUR | MINUTE => "minute",
        _ => "second",
    }
}

/// Microseconds, days or months per unit; `None` for an unknown unit.
fn unit(word: &str) -> Option<(char, f64)> {
    let w = word.to_ascii_lowercase();
    let us = |n: i64| Some(('t', n as f64));
    match w.as_str() {
        "microsecond" | "microseconds" | "usec" | "usecs" | "us" => us(1),
        "millisecond" | "milliseconds" | "msec" | "msecs" | "ms" => us(1000),
        "second" | "seconds" | "sec" | "secs" | "s" => us(USEC_PER_SEC),
        "minute" | "minutes" | "min" | "mins" | "m" => us(USEC_PER_MIN),
        "hour" | "hours" | "hr" | "hrs" | "h" => us(USEC_PER_HOUR),
        "day" | "days" | "d" => Some(('d', 1.0)),
        "week" | "weeks" | "w" => Some(('d', 7.0)),
        "month" | "months" | "mon" | "mons" => Some(('m', 1.0)),
        "year" | "years" | "yr" | "yrs" | "y" => Some(('m', 12.0)),
        "decade" | "decades" | "dec" | "decs" => Some(('m', 120.0)),
        "century" | "centuries" | "c" => Some(('m', 1200.0)),
        "millennium" | "millennia" | "mil" | "mils" => Some(('m', 12000.0)),
        _ => None,
    }
}

/// Adds `n` units to `v`, spreading a fraction down as PostgreSQL does (months of 30 days,
/// days of 24 hours).
fn add(v: &mut Interval, n: f64, (kind, per): (char, f64)) {
    match kind {
        'm' => {
            let months = n * per;
            v.months += months.trunc() as i64;
            let days = months.fract() * 30.0;
            v.days += days.trunc() as i64;
            v.micros += (days.fract() * USEC_PER_DAY as f64).round() as i64;
        }
        'd' => {
            let days = n * per;
            v.days += days.trunc() as i64;
            v.micros += (days.fract() * USEC_PER_DAY as f64).round() as i64;
        }
        _ => v.micros += (n * per).round() as i64,
    }
}

/// `[-]H:MM[:SS[.f]]` (or `MM:SS[.f]` under `MINUTE TO SECOND`) in microseconds.
fn clock(t: &str, range: i32) -> Option<i64> {
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let parts: Vec<&str> = t.split(':').collect();
    let num = |s: &str| -> Option<f64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            .then(|| s.parse().ok())
            .flatten()
    };
    let us = match parts.as_slice() {
        [a, b] if range == MINUTE | SECOND => num(a)? * 60e6 + num(b)? * 1e6,
        [a, b] => num(a)? * 3600e6 + num(b)? * 60e6,
        [a, b, c] => num(a)? * 3600e6 + num(b)? * 60e6 + num(c)? * 1e6,
        _ => return None,
    };
    let us = us.round() as i64;
    Some(if neg { -us } else { us })
}

fn parse(text: &str, range: i32) -> Option<Interval> {
    if let Some(designators) = text.strip_prefix('P') {
        return iso8601(designators);
    }
    let mut v = Interval::default();
    let mut tokens: Vec<String> = Vec::new();
    // `1day` is `1 day`: split where digits meet letters.
    for word in text.split_whitespace() {
        let split = word
            .find(|c: char| c.is_ascii_alphabetic())
            .filter(|&i| i > 0 && !word.contains(':'));
        match split {
            Some(i) => tokens.extend([word[..i].to_string(), word[i..].to_string()]),
            None => tokens.push(word.to_string()),
        }
    }
    let mut ago = false;
    let mut i = 0;
    let mut any = false;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        i += 1;
        if t == "@" {
            continue;
        }
        if t.eq_ignore_ascii_case("ago") && i == tokens.len() {
            ago = true;
            continue;
        }
        any = true;
        if t.contains(':') {
            v.micros += clock(t, range)?;
            continue;
        }
        if let Some((y, m)) = t.split_once('-').filter(|(y, _)| !y.is_empty()) {
            let (y, m): (i64, i64) = (y.parse().ok()?, m.parse().ok()?);
            v.months += y * 12 + m;
            continue;
        }
        let n: f64 = t.parse().ok()?;
        let u = match tokens.get(i).and_then(|w| unit(w)) {
            Some(u) => {
                i += 1;
                u
            }
            None => unit(bare_unit(range))?,
        };
        add(&mut v, n, u);
    }
    if !any {
        return None;
    }
    if ago {
        v = Interval {
            months: -v.months,
            days: -v.days,
            micros: -v.micros,
        };
    }
    Some(v)
}

/// ISO 8601's format with designators, after its `P`: `1Y2M3DT4H5M6.5S`, `2W`, `T30M`
/// (`DecodeISO8601Interval`). Its alternative format (`P0001-02-03T04:05:06`) is not read.
fn iso8601(text: &str) -> Option<Interval> {
    let mut v = Interval::default();
    let mut time = false;
    let mut number = String::new();
    for c in text.chars() {
        match c {
            'T' if !time && number.is_empty() => time = true,
            '0'..='9' | '.' | '-' | '+' => number.push(c),
            _ => {
                let n: f64 = std::mem::take(&mut number).parse().ok()?;
                let u = match (c, time) {
                    ('Y', false) => "year",
                    ('M', false) => "month",
                    ('W', false) => "week",
                    ('D', false) => "day",
                    ('H', true) => "hour",
                    ('M', true) => "minute",
                    ('S', true) => "second",
                    _ => return None,
                };
                add(&mut v, n, unit(u)?);
            }
        }
    }
    number.is_empty().then_some(v)
}

/// Drops the fields right of the qualifier's last one (`AdjustIntervalForTypmod`).
fn truncate(mut v: Interval, range: i32) -> Interval {
    let keep_time = |v: &mut Interval, unit: i64| v.micros = v.micros / unit * unit;
    match range {
        YEAR => {
            v.months = v.months / 12 * 12;
            v.days = 0;
            v.micros = 0;
        }
        r if r == MONTH || r == YEAR | MONTH => {
            v.days = 0;
            v.micros = 0;
        }
        DAY => v.micros = 0,
        r if r == HOUR || r == DAY | HOUR => keep_time(&mut v, USEC_PER_HOUR),
        r if r == MINUTE || r == HOUR | MINUTE || r == DAY | HOUR | MINUTE => {
            keep_time(&mut v, USEC_PER_MIN)
        }
        _ => {}
    }
    v
}

/// `interval_out` with IntervalStyle `postgres`: `1 year 2 mons 3 days 04:05:06.5`.
fn format(v: Interval) -> String {
    let mut out = String::new();
    let mut before = false;
    let mut part = |out: &mut String, n: i64, unit: &str| {
        if n == 0 {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let plus = if before && n > 0 { "+" } else { "" };
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("{plus}{n} {unit}{s}"));
        before = n < 0;
    };
    part(&mut out, v.months / 12, "year");
    part(&mut out, v.months % 12, "mon");
    part(&mut out, v.days, "day");
    if out.is_empty() || v.micros != 0 {
        let minus = v.micros < 0;
        let t = v.micros.abs();
        let sign = if minus {
            "-"
        } else if before {
            "+"
        } else {
            ""
        };
        let sep = if out.is_empty() { "" } else { " " };
        out.push_str(&format!(
            "{sep}{sign}{:02}:{:02}:{:02}",
            t / USEC_PER_HOUR,
            t % USEC_PER_HOUR / USEC_PER_MIN,
            t % USEC_PER_MIN / USEC_PER_SEC
        ));
        let frac = t % USEC_PER_SEC;
        if frac != 0 {
            let f = format!("{frac:06}");
            out.push('.');
            out.push_str(f.trim_end_matches('0'));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str, range: i32) -> String {
        canonical_interval(text, range).unwrap()
    }

    #[test]
    fn qualified_types_print_as_format_type_does() {
        let t = |m: &[&str]| interval_type(&m.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(t(&[]).as_deref(), Some("interval"));
        assert_eq!(t(&["32767", "3"]).as_deref(), Some("interval(3)"));
        assert_eq!(t(&["7176"]).as_deref(), Some("interval day to second"));
        assert_eq!(
            t(&["6144", "2"]).as_deref(),
            Some("interval minute to second(2)")
        );
        assert_eq!(t(&["8"]).as_deref(), Some("interval day"));
        assert_eq!(t(&["5"]), None);
    }

    #[test]
    fn prints_as_interval_out_does() {
        assert_eq!(c("1 day", FULL_RANGE), "1 day");
        assert_eq!(c("2 days", FULL_RANGE), "2 days");
        assert_eq!(c("1", DAY), "1 day");
        assert_eq!(c("24 hours", FULL_RANGE), "24:00:00");
        assert_eq!(c("1:30", HOUR | MINUTE), "01:30:00");
        assert_eq!(c("1:30", MINUTE | SECOND), "00:01:30");
        assert_eq!(c("1", FULL_RANGE), "00:00:01");
        assert_eq!(c("1 day 2 hours", DAY), "1 day");
        assert_eq!(c("1 year 2 months", FULL_RANGE), "1 year 2 mons");
        assert_eq!(c("14 mons", FULL_RANGE), "1 year 2 mons");
        assert_eq!(c("1-2", FULL_RANGE), "1 year 2 mons");
        assert_eq!(c("@ 1 day ago", FULL_RANGE), "-1 days");
        assert_eq!(c("-1 day 2 hours", FULL_RANGE), "-1 days +02:00:00");
        assert_eq!(c("1.5 days", FULL_RANGE), "1 day 12:00:00");
        assert_eq!(c("0.5 seconds", FULL_RANGE), "00:00:00.5");
        assert_eq!(c("10min", FULL_RANGE), "00:10:00");
        assert_eq!(c("1 week", FULL_RANGE), "7 days");
        assert_eq!(c("0", FULL_RANGE), "00:00:00");
        assert_eq!(c("P1D", FULL_RANGE), "1 day");
        assert_eq!(
            c("P1Y2M3DT4H5M6S", FULL_RANGE),
            "1 year 2 mons 3 days 04:05:06"
        );
        assert_eq!(c("PT30M", FULL_RANGE), "00:30:00");
        assert_eq!(c("P2W", FULL_RANGE), "14 days");
        assert_eq!(canonical_interval("P0001-02-03", FULL_RANGE), None);
        assert_eq!(canonical_interval("soon", FULL_RANGE), None);
    }
}
