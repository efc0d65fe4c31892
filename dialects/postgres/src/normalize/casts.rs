//! Casts PostgreSQL adds or moves by itself, so that a file's spelling and the catalog's
//! compare equal: the implicit widenings it puts around operands and arguments, and the
//! cast of an `ARRAY[…]` constructor it pushes down to the elements.

use super::strings;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// A cast target PostgreSQL reaches by itself from a narrower type: the numeric ladder
/// (`smallint` → `integer` → `bigint` → `numeric` → `real` → `double precision`),
/// `text`, and the date/time ladder (`date` → `timestamp` → `timestamptz`: `to_char(
/// CURRENT_DATE, …)` is stored as `to_char((CURRENT_DATE)::timestamp with time zone, …)`),
/// without a type modifier or array bounds.
pub(super) fn is_implicit_widening(t: &pb::TypeName) -> bool {
    let names = strings(&t.names);
    let name = names.last().map(String::as_str);
    t.typmods.is_empty()
        && t.array_bounds.is_empty()
        && matches!(
            name,
            Some(
                "int4"
                    | "int8"
                    | "numeric"
                    | "float4"
                    | "float8"
                    | "text"
                    | "timestamp"
                    | "timestamptz"
            )
        )
}

/// `ARRAY[a, b]::t[]` as the parser stores it, `ARRAY[a::t, b::t]`: the cast goes to each
/// element and the catalog prints none around the array. `None` for any other cast, and
/// for an empty or nested array, which keep the outer cast.
pub(super) fn array_cast_pushed_down(c: &pb::TypeCast) -> Option<Node> {
    let t = c.type_name.as_ref()?;
    let Some(N::AArrayExpr(array)) = c.arg.as_deref()?.node.as_ref() else {
        return None;
    };
    let flat = array
        .elements
        .iter()
        .all(|e| !matches!(e.node, Some(N::AArrayExpr(_))));
    if t.array_bounds.len() != 1 || array.elements.is_empty() || !flat {
        return None;
    }
    let element_type = pb::TypeName {
        array_bounds: Vec::new(),
        ..t.clone()
    };
    let mut array = array.clone();
    for e in array.elements.iter_mut() {
        let arg = std::mem::take(e);
        e.node = Some(N::TypeCast(Box::new(pb::TypeCast {
            arg: Some(Box::new(arg)),
            type_name: Some(element_type.clone()),
            location: -1,
        })));
    }
    Some(Node {
        node: Some(N::AArrayExpr(array)),
    })
}
