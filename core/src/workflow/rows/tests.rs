use super::*;
use crate::kinds::testkit::*;

fn q(name: &str) -> QualifiedName {
    QualifiedName::new("public", name)
}

fn rows(id: u32, name: &str, columns: &[(i32, &str, &str)], data: &[&[&str]]) -> TableRows {
    TableRows {
        id,
        name: q(name),
        columns: columns
            .iter()
            .map(|(id, n, t)| ColumnInfo {
                id: *id,
                name: n.to_string(),
                data_type: t.to_string(),
            })
            .collect(),
        rows: data
            .iter()
            .map(|r| r.iter().map(|v| Some(v.to_string())).collect())
            .collect(),
    }
}

#[test]
fn a_rename_is_followed_by_identity_and_keeps_its_rows() {
    let before = [rows(
        7,
        "clients",
        &[(1, "id", "integer"), (2, "mail", "text")],
        &[&["1", "a"], &["2", "b"]],
    )];
    let after = [rows(
        7,
        "customers",
        &[(1, "id", "bigint"), (2, "email", "text")],
        &[&["2", "b"], &["1", "a"]],
    )];
    let o = compare(&before, &after, &Declared::default());
    assert_eq!(o[0].rows_kept, 2);
    assert_eq!(o[0].renamed_to, Some(q("customers")));
    assert!(
        o[0].undeclared.is_empty() && o[0].declared.is_empty(),
        "{o:?}"
    );
}

#[test]
fn deleted_rows_and_changed_values_are_undeclared_losses() {
    let before = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "text")],
        &[&["1", "a"], &["2", "b"]],
    )];
    let fewer = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "text")],
        &[&["1", "a"]],
    )];
    let o = compare(&before, &fewer, &Declared::default());
    assert_eq!(
        o[0].undeclared,
        vec!["table public.t: 1 of its 2 rows are gone"]
    );
    let changed = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "text")],
        &[&["1", "a"], &["2", "x"]],
    )];
    let o = compare(&before, &changed, &Declared::default());
    assert_eq!(
        o[0].undeclared,
        vec!["table public.t: values of column v changed, and no change of the step declares it"]
    );
    // A table dropped and created again under its name is compared by name.
    let recreated = [rows(8, "t", &[(1, "id", "integer"), (2, "v", "text")], &[])];
    let o = compare(&before, &recreated, &Declared::default());
    assert_eq!(
        o[0].undeclared,
        vec!["table public.t: 2 of its 2 rows are gone"]
    );
}

#[test]
fn a_declared_drop_excuses_its_column_and_a_retype_its_values() {
    let before = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "numeric(4,2)")],
        &[&["1", "1.50"]],
    )];
    let after = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "integer")],
        &[&["1", "2"]],
    )];
    let o = compare(&before, &after, &Declared::default());
    assert!(o[0].undeclared.is_empty(), "{o:?}");
    assert_eq!(
        o[0].declared,
        vec!["values of column v that did not survive the cast from numeric(4,2) to integer"]
    );
    let dropped = [rows(7, "t", &[(1, "id", "integer")], &[&["1"]])];
    let o = compare(&before, &dropped, &Declared::default());
    assert_eq!(
        o[0].undeclared,
        vec!["column public.t.v is gone, and no change of the step declares deleting it"]
    );
    let mut declared = Declared::default();
    declared
        .columns
        .insert((q("t"), "v".into()), "drop_t_v".into());
    let o = compare(&before, &dropped, &declared);
    assert!(o[0].undeclared.is_empty(), "{o:?}");
    assert_eq!(o[0].declared, vec!["the values of column v (drop_t_v)"]);
}

#[test]
fn the_diff_declares_dropped_tables_and_columns_only() {
    let before = schema()
        .with(table("a", [col("x", "integer"), col("y", "integer")]))
        .with(table("b", [col("x", "integer")]));
    let after = schema().with(table("a", [col("x", "integer")]));
    let d = declared_losses(&before, &after);
    assert_eq!(d.tables.keys().collect::<Vec<_>>(), vec![&q("b")]);
    assert_eq!(
        d.columns.keys().collect::<Vec<_>>(),
        // A dropped table takes its columns along.
        vec![&(q("a"), "y".to_string()), &(q("b"), "x".to_string())]
    );
    assert_eq!(declared_losses(&after, &before), Declared::default());
}

#[test]
fn a_dropped_column_restored_empty_by_its_down_is_the_declared_loss() {
    let before = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (2, "v", "text")],
        &[&["1", "a"]],
    )];
    let restored = [rows(
        7,
        "t",
        &[(1, "id", "integer"), (3, "v", "text")],
        &[&["1", ""]],
    )];
    let mut declared = Declared::default();
    declared
        .columns
        .insert((q("t"), "v".into()), "drop_t_v".into());
    let o = compare(&before, &restored, &declared);
    assert!(o[0].undeclared.is_empty(), "{o:?}");
    assert_eq!(o[0].rows_kept, 1);
    // Undeclared, the same column is compared by name, and its values are gone.
    let o = compare(&before, &restored, &Declared::default());
    assert_eq!(o[0].undeclared.len(), 1, "{o:?}");
}
