//! The model: what a random schema is made of, and the edits of one.

use super::*;

pub(crate) const IDENTS: &[&str] = &[
    "a",
    "b",
    "c",
    "id",
    "name",
    "value",
    "MixedCase",
    "with space",
    "order",
    "user",
    "select",
    "café",
    "quote\"d",
    "x_very_long_identifier_that_is_close_to_the_sixty_three_byte_max",
    "x_very_long_identifier_that_is_close_to_the_sixty_three_byte_mo",
    "UPPER",
    "1starts_with_digit",
];

pub(crate) const LABELS: &[&str] = &["a", "b", "c", "with space", "it's", "ü", "UP", ""];

#[derive(Clone, Debug)]
pub(crate) enum Ty {
    SmallInt,
    Int,
    BigInt,
    Numeric(u8, u8),
    Real,
    Float8,
    Text,
    Varchar(u16),
    Char(u8),
    Bool,
    Date,
    Timestamp,
    Timestamptz,
    Interval,
    Uuid,
    Jsonb,
    Bytea,
    Inet,
    TextArr,
    IntArr,
    Serial,
    BigSerial,
    /// An enum of the schema (index into the enums), or `text` when there is none.
    Enum(Index),
}

/// Types a column may be changed to without a cast PostgreSQL refuses (on empty tables).
pub(crate) fn family(t: &Ty) -> Vec<Ty> {
    use Ty::*;
    match t {
        SmallInt | Int | BigInt | Numeric(..) | Real | Float8 => vec![
            SmallInt,
            Int,
            BigInt,
            Numeric(10, 2),
            Numeric(12, 0),
            Real,
            Float8,
        ],
        Text | Varchar(_) | Char(_) => vec![Text, Varchar(10), Varchar(200), Char(3)],
        Date | Timestamp | Timestamptz => vec![Date, Timestamp, Timestamptz],
        Serial | BigSerial => vec![Serial, BigSerial],
        other => vec![other.clone()],
    }
}

/// A short name for the family of `t` (see [`family`]).
pub(crate) fn family_tag(t: &Ty) -> String {
    use Ty::*;
    match t {
        SmallInt | Int | BigInt | Numeric(..) | Real | Float8 => "num".into(),
        Text | Varchar(_) | Char(_) => "txt".into(),
        Date | Timestamp | Timestamptz => "time".into(),
        Serial | BigSerial => "ser".into(),
        other => format!("{other:?}")
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase(),
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Col {
    pub(crate) name: Index,
    pub(crate) ty: Ty,
    pub(crate) not_null: bool,
    /// 0: no default; otherwise one of the type's default spellings.
    pub(crate) default: u8,
    /// 0: none, 1: GENERATED ALWAYS AS IDENTITY, 2: BY DEFAULT (integer columns only).
    pub(crate) identity: u8,
}

#[derive(Clone, Debug)]
pub(crate) struct Idx {
    pub(crate) cols: Vec<Index>,
    pub(crate) unique: bool,
    pub(crate) desc: bool,
    pub(crate) partial: bool,
    pub(crate) method_hash: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Check {
    pub(crate) col: Index,
    pub(crate) variant: u8,
    pub(crate) named: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Fk {
    pub(crate) target: Index,
    pub(crate) on_delete: u8,
    pub(crate) deferrable: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Table {
    pub(crate) name: Index,
    pub(crate) cols: Vec<Col>,
    pub(crate) pk: Option<Vec<Index>>,
    pub(crate) uniques: Vec<Vec<Index>>,
    pub(crate) checks: Vec<Check>,
    pub(crate) fks: Vec<Fk>,
    pub(crate) indexes: Vec<Idx>,
    pub(crate) comment: Option<u8>,
}

#[derive(Clone, Debug)]
pub(crate) struct Enum {
    pub(crate) name: Index,
    pub(crate) labels: Vec<Index>,
}

#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub(crate) enums: Vec<Enum>,
    pub(crate) tables: Vec<Table>,
}

#[derive(Clone, Debug)]
pub(crate) enum Edit {
    AddTable(Table),
    DropTable(Index),
    AddColumn(Index, Col),
    DropColumn(Index, Index),
    ChangeType(Index, Index, Index),
    ToggleNotNull(Index, Index),
    SetDefault(Index, Index, u8),
    SetIdentity(Index, Index, u8),
    SetPk(Index, Option<Vec<Index>>),
    AddUnique(Index, Vec<Index>),
    DropUnique(Index, Index),
    AddCheck(Index, Check),
    DropCheck(Index, Index),
    AddFk(Index, Fk),
    DropFk(Index, Index),
    AddIndex(Index, Idx),
    DropIndex(Index, Index),
    AddEnum(Enum),
    DropEnum(Index),
    AddLabel(Index, Index, Index),
    DropLabel(Index, Index),
    SetComment(Index, Option<u8>),
}

pub(crate) fn pick<'a, T>(v: &'a mut [T], i: &Index) -> Option<&'a mut T> {
    if v.is_empty() {
        None
    } else {
        let n = i.index(v.len());
        v.get_mut(n)
    }
}

pub(crate) fn remove<T>(v: &mut Vec<T>, i: &Index) {
    if !v.is_empty() {
        let n = i.index(v.len());
        v.remove(n);
    }
}

impl Model {
    pub(crate) fn apply(&mut self, e: &Edit) {
        match e {
            Edit::AddTable(t) => self.tables.push(t.clone()),
            Edit::DropTable(i) => remove(&mut self.tables, i),
            Edit::AddColumn(t, c) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.cols.push(c.clone())
                }
            }
            Edit::DropColumn(t, c) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    if t.cols.len() > 1 {
                        remove(&mut t.cols, c)
                    }
                }
            }
            Edit::ChangeType(t, c, to) => {
                let t = pick(&mut self.tables, t);
                if let Some(c) = t.and_then(|t| pick(&mut t.cols, c)) {
                    let f = family(&c.ty);
                    c.ty = f[to.index(f.len())].clone();
                }
            }
            Edit::ToggleNotNull(t, c) => {
                if let Some(c) = pick(&mut self.tables, t).and_then(|t| pick(&mut t.cols, c)) {
                    c.not_null = !c.not_null
                }
            }
            Edit::SetDefault(t, c, d) => {
                if let Some(c) = pick(&mut self.tables, t).and_then(|t| pick(&mut t.cols, c)) {
                    c.default = *d
                }
            }
            Edit::SetIdentity(t, c, d) => {
                if let Some(c) = pick(&mut self.tables, t).and_then(|t| pick(&mut t.cols, c)) {
                    c.identity = *d
                }
            }
            Edit::SetPk(t, pk) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.pk = pk.clone()
                }
            }
            Edit::AddUnique(t, u) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.uniques.push(u.clone())
                }
            }
            Edit::DropUnique(t, u) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    remove(&mut t.uniques, u)
                }
            }
            Edit::AddCheck(t, c) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.checks.push(c.clone())
                }
            }
            Edit::DropCheck(t, c) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    remove(&mut t.checks, c)
                }
            }
            Edit::AddFk(t, f) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.fks.push(f.clone())
                }
            }
            Edit::DropFk(t, f) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    remove(&mut t.fks, f)
                }
            }
            Edit::AddIndex(t, i) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.indexes.push(i.clone())
                }
            }
            Edit::DropIndex(t, i) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    remove(&mut t.indexes, i)
                }
            }
            Edit::AddEnum(e) => self.enums.push(e.clone()),
            Edit::DropEnum(i) => remove(&mut self.enums, i),
            Edit::AddLabel(e, l, pos) => {
                if let Some(e) = pick(&mut self.enums, e) {
                    let p = pos.index(e.labels.len() + 1);
                    e.labels.insert(p, *l)
                }
            }
            Edit::DropLabel(e, l) => {
                if let Some(e) = pick(&mut self.enums, e) {
                    if e.labels.len() > 1 {
                        remove(&mut e.labels, l)
                    }
                }
            }
            Edit::SetComment(t, c) => {
                if let Some(t) = pick(&mut self.tables, t) {
                    t.comment = *c
                }
            }
        }
    }
}
