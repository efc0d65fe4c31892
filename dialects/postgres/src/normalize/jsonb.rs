//! `jsonb` constants as the catalog prints them: `jsonb`'s input parses the text and its
//! output prints the value, so `'{"b":1,"a":[1,2]}'::jsonb` is stored as
//! `'{"a": [1, 2], "b": 1}'::jsonb`: keys sorted shortest first (then bytewise), the last of
//! duplicate keys kept, `": "` and `", "` between the parts, strings escaped as `jsonb`
//! escapes them. Numbers are kept as written when `numeric` prints them back the same way
//! (no exponent, no `-0`); a text with another number, or that is not JSON, is left alone.

/// A parsed JSON value; numbers keep their text.
enum Value {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// The text `jsonb` prints for `text`, or `None` when it is not JSON that this reproduces.
pub(super) fn canonical_jsonb(text: &str) -> Option<String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return None;
    }
    let mut out = String::new();
    print(&v, &mut out);
    Some(out)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Value> {
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut members: Vec<(String, Value)> = Vec::new();
                self.ws();
                if self.eat("}") {
                    return Some(Value::Object(members));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return None;
                    }
                    let v = self.value()?;
                    members.retain(|(k, _)| *k != key);
                    members.push((key, v));
                    self.ws();
                    if self.eat("}") {
                        return Some(Value::Object(members));
                    }
                    if !self.eat(",") {
                        return None;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat("]") {
                        return Some(Value::Array(items));
                    }
                    if !self.eat(",") {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Value::Str),
            b't' if self.eat("true") => Some(Value::Bool(true)),
            b'f' if self.eat("false") => Some(Value::Bool(false)),
            b'n' if self.eat("null") => Some(Value::Null),
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        while self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'0'..=b'9' | b'.') {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let plain = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && (int == "0" || !int.starts_with('0'))
            && frac.bytes().all(|b| b.is_ascii_digit())
            && (frac.is_empty() != digits.contains('.'));
        let negative_zero = text.starts_with('-') && digits.bytes().all(|b| b == b'0' || b == b'.');
        // An exponent (`1e2`, printed `100`) or `-0` (printed `0`): left as written.
        if !plain || negative_zero || matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            return None;
        }
        Some(Value::Number(text.to_string()))
    }

    fn string(&mut self) -> Option<String> {
        if !self.eat("\"") {
            return None;
        }
        let mut out = String::new();
        loop {
            let rest = std::str::from_utf8(&self.s[self.i..]).ok()?;
            let c = rest.chars().next()?;
            self.i += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
                            self.i += 4;
                            // Surrogate pairs and `\u0000` (which jsonb refuses): left alone.
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
                                .filter(|c| *c != '\0')?
                        }
                        _ => return None,
                    });
                }
                c if (c as u32) < 0x20 => return None,
                c => out.push(c),
            }
        }
    }
}

fn print(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::Str(s) => print_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                print(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut members: Vec<&(String, Value)> = members.iter().collect();
            members.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            out.push('{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                print_string(k, out);
                out.push_str(": ");
                print(v, out);
            }
            out.push('}');
        }
    }
}

/// A string as `jsonb` escapes it (PostgreSQL's `escape_json`).
fn print_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::canonical_jsonb;

    #[test]
    fn jsonb_constants_print_as_the_catalog_prints_them() {
        for (written, printed) in [
            (r#"{"b":1,"a":[1,2]}"#, r#"{"a": [1, 2], "b": 1}"#),
            (
                r#"{"aa":1, "b":{"z":true,"y":null}}"#,
                r#"{"b": {"y": null, "z": true}, "aa": 1}"#,
            ),
            (r#"{"k":1,"k":2}"#, r#"{"k": 2}"#),
            (r#" [ "a\u0041\n" , 1.50 ,-2 ] "#, r#"["aA\n", 1.50, -2]"#),
            ("{}", "{}"),
            ("[]", "[]"),
            ("3", "3"),
        ] {
            assert_eq!(
                canonical_jsonb(written).as_deref(),
                Some(printed),
                "{written}"
            );
        }
        for left_alone in ["1e2", "-0", "{a:1}", "[1,]", "01", r#""\ud83d\ude00""#] {
            assert_eq!(canonical_jsonb(left_alone), None, "{left_alone}");
        }
    }
}
