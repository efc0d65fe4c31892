//! Filters: which objects migrator manages.
//!
//! A real database holds objects the project's SQL files do not own: partitions made at
//! run time, other tools' and other teams' objects, whole schemas. A [`Filter`] takes a
//! [`Schema`] and returns it without them, with the list of what it left out and why, so
//! that the workflows compare only what is managed on both sides: an excluded object is
//! never created, altered or dropped.
//!
//! The rules (docs/FILTERS.md says them for users):
//! - `schemas = [...]`, when given, limits management to the objects in those schemas (and
//!   those schemas themselves); extensions are in no schema and stay managed.
//! - `include` patterns, when any plain one is given, limit management to the objects they
//!   match; `exclude` patterns leave out what they match. In each list the last pattern
//!   that matches an object decides, and a negated one (`!p`) decides the opposite: in
//!   `exclude` it takes an object back, in `include` it leaves it out.
//! - Objects that live on another go with it, whatever the patterns say: a table's members
//!   (columns, constraints, indexes, triggers, policies, rules), a table's partitions, a
//!   sequence owned by a column, a privilege, a dialect object built on a table. Objects
//!   that merely refer to an excluded one (a foreign key, a view) stay.
//!
//! Filtering is pure, and sees each kind only through [`Filterable`], which every map of
//! the schema's registry must implement.

mod pattern;
mod subjects;

pub use pattern::{Glob, NameGlob, Pattern, PatternError};
pub use subjects::{Filterable, MapVisitor, MatchedBy, Subject};

use crate::identity::ObjectId;
use crate::schema::{QualifiedName, Schema};
use std::collections::{BTreeMap, HashMap};

/// The kind names patterns may use besides the dialects' object kinds: the kinds of
/// [`ObjectKind`](crate::identity::ObjectKind) that have maps of their own, with `relation`
/// refined into `table` and `view`.
pub const KINDS: &[&str] = &[
    "schema",
    "extension",
    "type",
    "sequence",
    "relation",
    "table",
    "view",
    "index",
    "function",
    "aggregate",
    "operator",
    "trigger",
    "policy",
    "rule",
    "collation",
    "statistics",
    "publication",
    "foreign_data_wrapper",
    "server",
];

/// Kind names that have no patterns of their own, and why.
const FOLLOWERS: &[(&str, &str)] = &[
    (
        "column",
        "columns go with their table: filter the table (table:NAME)",
    ),
    (
        "constraint",
        "constraints go with their table: filter the table (table:NAME)",
    ),
    (
        "privilege",
        "privileges go with the object they are granted on: filter the object",
    ),
    (
        "user_mapping",
        "user mappings go with their server: filter the server (server:NAME)",
    ),
];

/// The filter as the user states it: patterns and schema names, unparsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSpec {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub schemas: Vec<String>,
}

/// A filter that cannot be used: which list, and what is wrong with the pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{list}: {source}")]
pub struct FilterError {
    /// `include`, `exclude` or `schemas`.
    pub list: &'static str,
    #[source]
    pub source: PatternError,
}

/// Parsed filters; the default one manages everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
    schemas: Vec<(String, Glob)>,
}

/// One object a filter left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// `table public.events_p2024_01_01`.
    pub object: String,
    /// `exclude pattern \`public.events_p*\``.
    pub reason: String,
}

/// A schema without what a filter left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    pub schema: Schema,
    /// In the schema's order of kinds, then of names.
    pub excluded: Vec<Exclusion>,
}

impl Filter {
    /// Parses `spec`; `dialect_kinds` are the object kinds the dialects define
    /// (`hypertable`), which patterns may name too.
    pub fn new(spec: &FilterSpec, dialect_kinds: &[String]) -> Result<Filter, FilterError> {
        let kinds: Vec<String> = KINDS
            .iter()
            .map(|k| k.to_string())
            .chain(dialect_kinds.iter().cloned())
            .collect();
        let patterns = |list: &'static str, texts: &[String]| {
            texts
                .iter()
                .map(|t| {
                    pattern::parse(t, &kinds, FOLLOWERS)
                        .map_err(|source| FilterError { list, source })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let schemas = spec
            .schemas
            .iter()
            .map(|s| {
                pattern::parse_schema(s)
                    .map(|g| (s.clone(), g))
                    .map_err(|source| FilterError {
                        list: "schemas",
                        source,
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Filter {
            include: patterns("include", &spec.include)?,
            exclude: patterns("exclude", &spec.exclude)?,
            schemas,
        })
    }

    /// True when the filter manages everything.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty() && self.schemas.is_empty()
    }

    /// `schema` without the objects this filter leaves out.
    pub fn apply(&self, mut schema: Schema) -> Filtered {
        if self.is_empty() {
            return Filtered {
                schema,
                excluded: Vec::new(),
            };
        }
        let mut collect = Collect(Vec::new());
        schema.visit_maps(&mut collect);
        let subjects = collect.0;
        let decisions = Decide::new(self, &subjects).all();
        let excluded = subjects
            .iter()
            .zip(&decisions)
            .filter_map(|(s, d)| {
                d.as_ref().map(|why| Exclusion {
                    object: s.label.clone(),
                    reason: match &why.with {
                        Some(owner) => format!("goes with {owner}: {}", why.because),
                        None => why.because.clone(),
                    },
                })
            })
            .collect();
        let mut keep = decisions.iter().map(Option::is_none);
        schema.visit_maps(&mut Retain(&mut keep));
        crate::kinds::publication::leave_out_unmanaged(&mut schema);
        Filtered { schema, excluded }
    }

    /// True when the filter leaves out an object of one of `kinds` named `q`: someone
    /// else's, so the files may refer to it without defining it (a foreign key into
    /// another team's schema).
    pub fn leaves_out(&self, kinds: &[&str], q: &QualifiedName) -> bool {
        let subject = Subject {
            kinds: kinds.iter().map(|k| k.to_string()).collect(),
            matched_by: MatchedBy::Any,
            schema: Some(q.schema.clone()),
            name: q.name.clone(),
            namespace: Some(q.schema.clone()),
            id: None,
            follows: Vec::new(),
            label: String::new(),
        };
        self.own_reason(&subject).is_some()
    }

    /// Why the filter leaves `s` out for its own sake (its schema, the patterns); `None`
    /// when it is managed.
    fn own_reason(&self, s: &Subject) -> Option<String> {
        if !self.schemas.is_empty() {
            if let Some(ns) = &s.namespace {
                if !self.schemas.iter().any(|(_, g)| g.matches(ns)) {
                    let listed: Vec<&str> = self.schemas.iter().map(|(t, _)| t.as_str()).collect();
                    return Some(format!(
                        "schema {ns} is not in schemas [{}]",
                        listed.join(", ")
                    ));
                }
            }
        }
        let last = |list: &[Pattern]| list.iter().rev().find(|p| matches(p, s)).cloned();
        let plain_include = self.include.iter().any(|p| !p.negated);
        match last(&self.include) {
            Some(p) if p.negated => return Some(format!("include pattern `{p}`")),
            None if plain_include => return Some("matches no include pattern".into()),
            _ => {}
        }
        match last(&self.exclude) {
            Some(p) if !p.negated => Some(format!("exclude pattern `{p}`")),
            _ => None,
        }
    }
}

/// Whether pattern `p` matches the subject `s` by its kind and name.
fn matches(p: &Pattern, s: &Subject) -> bool {
    let kind_ok = match (&p.kind, s.matched_by) {
        (_, MatchedBy::Nothing) | (None, MatchedBy::Kind) => false,
        (None, MatchedBy::Any) => true,
        (Some(k), MatchedBy::Any | MatchedBy::Kind) => s.kinds.contains(k),
    };
    kind_ok
        && match &p.name {
            NameGlob::Bare(g) => g.matches(&s.name),
            NameGlob::Qualified { schema, name } => {
                s.schema.as_deref().is_some_and(|sc| schema.matches(sc)) && name.matches(&s.name)
            }
        }
}

/// Why an object is left out.
#[derive(Debug, Clone)]
struct Why {
    /// Its own reason, or that of the object at the root of what it goes with.
    because: String,
    /// The object it goes with, when that is why.
    with: Option<String>,
}

/// The decision for every subject: `None` managed, else why not. An object that goes
/// with an excluded one is excluded with the reason at the root of the chain.
struct Decide<'a> {
    filter: &'a Filter,
    subjects: &'a [Subject],
    by_id: HashMap<&'a ObjectId, usize>,
    memo: Vec<Option<Option<Why>>>,
    /// Subjects being decided, so that a cycle of follows ends.
    open: Vec<bool>,
}

impl<'a> Decide<'a> {
    fn new(filter: &'a Filter, subjects: &'a [Subject]) -> Self {
        let by_id = subjects
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.id.as_ref().map(|id| (id, i)))
            .collect();
        Decide {
            filter,
            subjects,
            by_id,
            memo: vec![None; subjects.len()],
            open: vec![false; subjects.len()],
        }
    }

    fn all(mut self) -> Vec<Option<Why>> {
        (0..self.subjects.len()).map(|i| self.decide(i)).collect()
    }

    fn decide(&mut self, i: usize) -> Option<Why> {
        if let Some(d) = &self.memo[i] {
            return d.clone();
        }
        if self.open[i] {
            return None;
        }
        self.open[i] = true;
        let s = &self.subjects[i];
        let mut reason = None;
        for f in &s.follows {
            let Some(&j) = self.by_id.get(f) else {
                continue;
            };
            if let Some(why) = self.decide(j) {
                reason = Some(Why {
                    because: why.because,
                    with: Some(self.subjects[j].label.clone()),
                });
                break;
            }
        }
        let reason = reason.or_else(|| {
            let because = self.filter.own_reason(s)?;
            Some(Why {
                because,
                with: None,
            })
        });
        self.open[i] = false;
        self.memo[i] = Some(reason.clone());
        reason
    }
}

/// Gathers every object's subject, in the schema's order.
struct Collect(Vec<Subject>);

impl MapVisitor for Collect {
    fn visit<K: Ord, V: Filterable>(&mut self, map: &mut BTreeMap<K, V>) {
        self.0.extend(map.values().map(Filterable::subject));
    }
}

/// Keeps the objects whose decision, in the same order, is to keep them.
struct Retain<'a, I: Iterator<Item = bool>>(&'a mut I);

impl<I: Iterator<Item = bool>> MapVisitor for Retain<'_, I> {
    fn visit<K: Ord, V: Filterable>(&mut self, map: &mut BTreeMap<K, V>) {
        map.retain(|_, _| self.0.next().unwrap_or(true));
    }
}

#[cfg(test)]
mod tests;
