//! Enum types: their IR and the `create_enum`/`drop_enum`/`alter_enum`/`rename_enum_value`
//! changes.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::hazard::Hazard;
use crate::kinds::column::Column;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: QualifiedName,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `-- migrator:renamed-from 'old'` after a value in the desired SQL: new value → the
    /// value's previous label. Never compared.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub renamed_values: BTreeMap<String, String>,
}

/// A column whose type is an enum being rebuilt, with what must be restored around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumUsage {
    pub table: QualifiedName,
    /// The column as it is before the rebuild.
    pub column: Column,
    /// The default the rebuild leaves on the column: a default that changes along with the
    /// type's values is set here, since the old one may name a removed value and the new one
    /// a value that did not exist yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_after: Option<Expr>,
}

impl EnumUsage {
    fn invert(self) -> EnumUsage {
        EnumUsage {
            table: self.table,
            column: Column {
                default: self.default_after,
                ..self.column
            },
            default_after: self.column.default,
        }
    }
}

/// `CREATE TYPE … AS ENUM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CreateEnum(pub EnumType);

/// `DROP TYPE` of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DropEnum(pub EnumType);

/// Values added (in place, with `ADD VALUE … BEFORE/AFTER`) or, when values are removed or
/// reordered, the type rebuilt and every column using it converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlterEnum {
    pub from: EnumType,
    pub to: EnumType,
    pub usages: Vec<EnumUsage>,
}

/// `ALTER TYPE … RENAME VALUE`, from a `-- migrator:renamed-from` annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameEnumValue {
    pub name: QualifiedName,
    pub from: String,
    pub to: String,
}

fn created(x: &EnumType) -> Deps {
    Deps::creating(
        vec![ObjRef::Object(x.name.clone())],
        vec![ObjRef::Schema(x.name.schema.clone())],
    )
}

impl ChangeKind for CreateEnum {
    const KIND: &'static str = "create_enum";
    fn rank(&self) -> u8 {
        23
    }
    fn invert(&self) -> Change {
        DropEnum(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("create_type_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        created(&self.0)
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for DropEnum {
    const KIND: &'static str = "drop_enum";
    fn rank(&self) -> u8 {
        17
    }
    fn invert(&self) -> Change {
        CreateEnum(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        true
    }
    fn label(&self) -> String {
        format!("drop_type_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::dropping(created(&self.0))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for AlterEnum {
    const KIND: &'static str = "alter_enum";
    fn rank(&self) -> u8 {
        24
    }
    fn invert(&self) -> Change {
        AlterEnum {
            from: self.to.clone(),
            to: self.from.clone(),
            usages: self.usages.iter().cloned().map(EnumUsage::invert).collect(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("alter_type_{}", self.to.name.name)
    }
    fn deps(&self) -> Deps {
        // Its columns exist in both schemas: nothing to wait for. (A change to one of
        // them waits for the rebuild instead, through the type.)
        Deps::creating(
            vec![ObjRef::Object(self.to.name.clone())],
            vec![ObjRef::Object(self.to.name.clone())],
        )
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        use Hazard::*;
        let removed = self.from.values.iter().any(|v| !self.to.values.contains(v));
        if removed {
            let mut h = vec![MayFailOnExistingData, IrreversibleDown];
            if !self.usages.is_empty() {
                h.extend([RewritesTable, AccessExclusiveLock]);
            }
            h
        } else {
            vec![]
        }
    }
}

impl ChangeKind for RenameEnumValue {
    const KIND: &'static str = "rename_enum_value";
    fn rank(&self) -> u8 {
        23
    }
    fn invert(&self) -> Change {
        RenameEnumValue {
            name: self.name.clone(),
            from: self.to.clone(),
            to: self.from.clone(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("rename_value_{}", self.name.name)
    }
    fn deps(&self) -> Deps {
        // The type in its new form: what uses the new label comes after.
        Deps::creating(vec![ObjRef::Object(self.name.clone())], vec![])
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}
