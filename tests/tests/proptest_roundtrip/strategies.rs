//! The proptest strategies of the model and its edits.

use super::*;

pub(crate) fn ty_strategy() -> impl Strategy<Value = Ty> {
    use Ty::*;
    prop_oneof![
        Just(SmallInt),
        Just(Int),
        Just(BigInt),
        (1u8..20, 0u8..5).prop_map(|(p, s)| Numeric(p, s)),
        Just(Real),
        Just(Float8),
        Just(Text),
        (1u16..300).prop_map(Varchar),
        (1u8..5).prop_map(Char),
        Just(Bool),
        Just(Date),
        Just(Timestamp),
        Just(Timestamptz),
        Just(Interval),
        Just(Uuid),
        Just(Jsonb),
        Just(Bytea),
        Just(Inet),
        Just(TextArr),
        Just(IntArr),
        Just(Serial),
        Just(BigSerial),
        any::<Index>().prop_map(Enum),
        any::<Index>().prop_map(Enum),
    ]
}

pub(crate) fn col_strategy() -> impl Strategy<Value = Col> {
    (
        any::<Index>(),
        ty_strategy(),
        any::<bool>(),
        prop_oneof![2 => Just(0u8), 1 => 1u8..5],
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
    )
        .prop_map(|(name, ty, not_null, default, identity)| Col {
            name,
            ty,
            not_null,
            default,
            identity,
        })
}

pub(crate) fn idx_strategy() -> impl Strategy<Value = Idx> {
    (
        prop::collection::vec(any::<Index>(), 1..3),
        prop::bool::weighted(0.3),
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(cols, unique, desc, partial, method_hash)| Idx {
            cols,
            unique,
            desc,
            partial,
            method_hash,
        })
}

pub(crate) fn check_strategy() -> impl Strategy<Value = Check> {
    (any::<Index>(), any::<u8>(), any::<bool>()).prop_map(|(col, variant, named)| Check {
        col,
        variant,
        named,
    })
}

pub(crate) fn fk_strategy() -> impl Strategy<Value = Fk> {
    (any::<Index>(), any::<u8>(), prop::bool::weighted(0.2)).prop_map(
        |(target, on_delete, deferrable)| Fk {
            target,
            on_delete,
            deferrable,
        },
    )
}

pub(crate) fn keys() -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), 1..3)
}

pub(crate) fn table_strategy() -> impl Strategy<Value = Table> {
    (
        any::<Index>(),
        prop::collection::vec(col_strategy(), 1..5),
        prop::option::weighted(0.6, keys()),
        prop::collection::vec(keys(), 0..2),
        prop::collection::vec(check_strategy(), 0..2),
        prop::collection::vec(fk_strategy(), 0..2),
        prop::collection::vec(idx_strategy(), 0..3),
        prop::option::weighted(0.2, 0u8..4),
    )
        .prop_map(
            |(name, cols, pk, uniques, checks, fks, indexes, comment)| Table {
                name,
                cols,
                pk,
                uniques,
                checks,
                fks,
                indexes,
                comment,
            },
        )
}

pub(crate) fn enum_strategy() -> impl Strategy<Value = Enum> {
    (any::<Index>(), prop::collection::vec(any::<Index>(), 1..4))
        .prop_map(|(name, labels)| Enum { name, labels })
}

pub(crate) fn model_strategy() -> impl Strategy<Value = Model> {
    (
        prop::collection::vec(enum_strategy(), 0..3),
        prop::collection::vec(table_strategy(), 1..4),
    )
        .prop_map(|(enums, tables)| Model { enums, tables })
}

pub(crate) fn edit_strategy() -> impl Strategy<Value = Edit> {
    let i = || any::<Index>();
    prop_oneof![
        table_strategy().prop_map(Edit::AddTable),
        i().prop_map(Edit::DropTable),
        (i(), col_strategy()).prop_map(|(t, c)| Edit::AddColumn(t, c)),
        (i(), i()).prop_map(|(t, c)| Edit::DropColumn(t, c)),
        (i(), i(), i()).prop_map(|(t, c, to)| Edit::ChangeType(t, c, to)),
        (i(), i()).prop_map(|(t, c)| Edit::ToggleNotNull(t, c)),
        (i(), i(), 0u8..5).prop_map(|(t, c, d)| Edit::SetDefault(t, c, d)),
        (i(), i(), 0u8..3).prop_map(|(t, c, d)| Edit::SetIdentity(t, c, d)),
        (i(), prop::option::of(keys())).prop_map(|(t, k)| Edit::SetPk(t, k)),
        (i(), keys()).prop_map(|(t, k)| Edit::AddUnique(t, k)),
        (i(), i()).prop_map(|(t, u)| Edit::DropUnique(t, u)),
        (i(), check_strategy()).prop_map(|(t, c)| Edit::AddCheck(t, c)),
        (i(), i()).prop_map(|(t, c)| Edit::DropCheck(t, c)),
        (i(), fk_strategy()).prop_map(|(t, f)| Edit::AddFk(t, f)),
        (i(), i()).prop_map(|(t, f)| Edit::DropFk(t, f)),
        (i(), idx_strategy()).prop_map(|(t, x)| Edit::AddIndex(t, x)),
        (i(), i()).prop_map(|(t, x)| Edit::DropIndex(t, x)),
        enum_strategy().prop_map(Edit::AddEnum),
        i().prop_map(Edit::DropEnum),
        (i(), i(), i()).prop_map(|(e, l, p)| Edit::AddLabel(e, l, p)),
        (i(), i()).prop_map(|(e, l)| Edit::DropLabel(e, l)),
        (i(), prop::option::of(0u8..4)).prop_map(|(t, c)| Edit::SetComment(t, c)),
    ]
}
