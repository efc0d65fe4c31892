//! Implicit names, derived by PostgreSQL's own rules.
//!
//! A constraint or index declared without a name gets the name PostgreSQL would give it
//! (`makeObjectName`/`ChooseRelationName` in `src/backend/commands/indexcmds.c`): parts joined
//! with `_`, the longer of the two name parts truncated until the whole fits in 63 bytes, and
//! a number appended to the label when the name is taken.

/// PostgreSQL's NAMEDATALEN - 1.
const MAX_IDENT: usize = 63;

/// `makeObjectName(name1, name2, label)`.
pub fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead =
        if label.is_empty() { 0 } else { label.len() + 1 } + usize::from(name2.is_some());
    let avail = MAX_IDENT - overhead.min(MAX_IDENT);
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = clip(name1, n1).to_string();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// Cuts `s` to at most `n` bytes on a character boundary (`pg_mbcliplen`).
fn clip(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `ChooseRelationName`/`ChooseConstraintName`: the first of `name`, `name1`, `name2`, … (the
/// number goes on the label) for which `taken` is false.
pub fn choose_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = object_name(name1, name2, label);
    let mut pass = 0;
    while taken(&candidate) {
        pass += 1;
        candidate = object_name(name1, name2, &format!("{label}{pass}"));
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_parts_like_postgres() {
        assert_eq!(object_name("users", None, "pkey"), "users_pkey");
        assert_eq!(
            object_name("orders", Some("user_id"), "fkey"),
            "orders_user_id_fkey"
        );
    }

    #[test]
    fn truncates_the_longer_part_to_63_bytes() {
        let long = "a".repeat(70);
        let name = object_name(&long, Some("col"), "key");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_col_key"));
    }

    #[test]
    fn appends_a_number_when_taken() {
        let name = choose_name("t", None, "check", |n| n == "t_check");
        assert_eq!(name, "t_check1");
    }
}
