//! Interval values as TimescaleDB stores them, in one canonical text.
//!
//! A file says `INTERVAL '1 hour'`, `'12 hours'` or `86400000000`; the catalog prints
//! `01:00:00`, `12:00:00` or `1 day`. Both sides are parsed into months, days and
//! microseconds (PostgreSQL's own representation, see
//! <https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-INTERVAL-INPUT>)
//! and printed back the way PostgreSQL prints them, so equal intervals have equal text.

/// An interval in PostgreSQL's three fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Interval {
    pub months: i64,
    pub days: i64,
    pub micros: i64,
}

const US_PER_SEC: i64 = 1_000_000;
const US_PER_DAY: i64 = 86_400 * US_PER_SEC;

impl Interval {
    /// Parses PostgreSQL interval input: `1 day`, `2 hours 30 minutes`, `12:00:00`,
    /// `3 days 01:00:00`, `1 week`, `@ 1 hour`.
    pub fn parse(text: &str) -> Result<Interval, String> {
        let bad = || format!("cannot read the interval '{text}'");
        let mut out = Interval::default();
        let tokens: Vec<&str> = text.split_whitespace().filter(|t| *t != "@").collect();
        if tokens.is_empty() {
            return Err(bad());
        }
        let mut i = 0;
        while i < tokens.len() {
            let tok = tokens[i].trim_end_matches(',');
            if tok.contains(':') {
                let neg = tok.starts_with('-');
                let parts: Vec<&str> = tok.trim_start_matches(['-', '+']).split(':').collect();
                if parts.len() < 2 || parts.len() > 3 {
                    return Err(bad());
                }
                let h: i64 = parts[0].parse().map_err(|_| bad())?;
                let m: i64 = parts[1].parse().map_err(|_| bad())?;
                let s: f64 = match parts.get(2) {
                    Some(s) => s.parse().map_err(|_| bad())?,
                    None => 0.0,
                };
                let us = h * 3600 * US_PER_SEC + m * 60 * US_PER_SEC + (s * 1e6).round() as i64;
                out.micros += if neg { -us } else { us };
                i += 1;
                continue;
            }
            // A number followed by a unit (`1 day`), or glued to it (`1d`, `90s`).
            let split = tok
                .find(|c: char| c.is_ascii_alphabetic())
                .unwrap_or(tok.len());
            let (num, unit) = if split < tok.len() {
                (&tok[..split], tok[split..].to_string())
            } else {
                i += 1;
                let unit = tokens.get(i).ok_or_else(bad)?.trim_end_matches(',');
                (tok, unit.to_ascii_lowercase())
            };
            let n: f64 = num.parse().map_err(|_| bad())?;
            let unit = unit.to_ascii_lowercase();
            let u = unit.as_str();
            let frac_us = |per: i64| (n * per as f64).round() as i64;
            match u {
                "us" | "usec" | "usecs" | "microsecond" | "microseconds" => {
                    out.micros += frac_us(1)
                }
                "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => {
                    out.micros += frac_us(1_000)
                }
                "s" | "sec" | "secs" | "second" | "seconds" => out.micros += frac_us(US_PER_SEC),
                "m" | "min" | "mins" | "minute" | "minutes" => {
                    out.micros += frac_us(60 * US_PER_SEC)
                }
                "h" | "hr" | "hrs" | "hour" | "hours" => out.micros += frac_us(3600 * US_PER_SEC),
                "d" | "day" | "days" => {
                    out.days += n.trunc() as i64;
                    out.micros += ((n.fract()) * US_PER_DAY as f64).round() as i64;
                }
                "w" | "week" | "weeks" => {
                    let days = n * 7.0;
                    out.days += days.trunc() as i64;
                    out.micros += (days.fract() * US_PER_DAY as f64).round() as i64;
                }
                "mon" | "mons" | "month" | "months" => out.months += n as i64,
                "y" | "year" | "years" => out.months += (n * 12.0) as i64,
                _ => return Err(bad()),
            }
            i += 1;
        }
        Ok(out)
    }

    /// An interval of `micros` microseconds, spread over days as TimescaleDB's chunk
    /// intervals are (a day is always 24 hours there).
    pub fn from_micros(micros: i64) -> Interval {
        Interval {
            months: 0,
            days: micros / US_PER_DAY,
            micros: micros % US_PER_DAY,
        }
    }

    /// The total length in microseconds, counting a day as 24 hours and a month as 30 days
    /// (TimescaleDB's conversion for chunk intervals).
    pub fn total_micros(&self) -> i64 {
        self.months * 30 * US_PER_DAY + self.days * US_PER_DAY + self.micros
    }

    /// PostgreSQL's output style: `1 year 2 mons 3 days 04:05:06`.
    pub fn canonical(&self) -> String {
        let mut parts = Vec::new();
        let (y, m) = (self.months / 12, self.months % 12);
        let plural = |n: i64, one: &str, many: &str| {
            format!("{n} {}", if n == 1 || n == -1 { one } else { many })
        };
        if y != 0 {
            parts.push(plural(y, "year", "years"));
        }
        if m != 0 {
            parts.push(plural(m, "mon", "mons"));
        }
        if self.days != 0 {
            parts.push(plural(self.days, "day", "days"));
        }
        if self.micros != 0 || parts.is_empty() {
            let neg = self.micros < 0;
            let us = self.micros.abs();
            let (h, rest) = (us / (3600 * US_PER_SEC), us % (3600 * US_PER_SEC));
            let (min, rest) = (rest / (60 * US_PER_SEC), rest % (60 * US_PER_SEC));
            let (s, frac) = (rest / US_PER_SEC, rest % US_PER_SEC);
            let mut t = format!("{}{h:02}:{min:02}:{s:02}", if neg { "-" } else { "" });
            if frac != 0 {
                let f = format!("{frac:06}");
                t.push('.');
                t.push_str(f.trim_end_matches('0'));
            }
            parts.push(t);
        }
        parts.join(" ")
    }
}

/// The canonical text of an interval given as text.
pub fn canonical(text: &str) -> Result<String, String> {
    Interval::parse(text).map(|i| i.canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_catalog_spellings_agree() {
        for (a, b) in [
            ("1 hour", "01:00:00"),
            ("12 hours", "12:00:00"),
            ("1 day", "1 day"),
            ("7 days", "1 week"),
            ("90 minutes", "01:30:00"),
            ("3 days 1 hour", "3 days 01:00:00"),
            ("1 month", "1 mon"),
            ("30s", "00:00:30"),
        ] {
            assert_eq!(canonical(a).unwrap(), canonical(b).unwrap(), "{a} vs {b}");
        }
        assert_eq!(canonical("1 hour").unwrap(), "01:00:00");
        assert_eq!(canonical("2 days").unwrap(), "2 days");
        assert_eq!(Interval::from_micros(86_400_000_000).canonical(), "1 day");
        assert_eq!(
            Interval::parse("12:00:00").unwrap().total_micros(),
            43_200_000_000
        );
        assert!(Interval::parse("soon").is_err());
    }
}
