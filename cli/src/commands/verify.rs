//! `migrator verify`: the verify workflow on the first requested dialect, its progress on
//! stdout.

use crate::edge::Console;
use crate::request::{Project, VerifyRequest};
use crate::Failure;
use migrator_core::workflow::verify::{verify, Verify};

/// Proves the migrations directory on the scratch database.
pub fn run(project: &Project, r: &VerifyRequest, io: &mut Console) -> Result<(), Failure> {
    let dialect = project.dialects.get(&r.dialect)?;
    let v = Verify {
        dialect: dialect.as_ref(),
        dsn: &r.dsn,
        schema: r.schema.as_deref(),
        dir: &r.dir,
        format: project.format,
        with_privileges: project.with_privileges,
        filter: &r.filter,
        with_data: r.with_data,
    };
    verify(&v, io).map_err(Failure::workflow)
}
