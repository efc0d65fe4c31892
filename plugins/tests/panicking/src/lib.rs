//! A plugin whose `statement` callback panics on every statement it is offered.

use migrator_plugin_api::{
    export_plugin, BuildRequest, BuiltStatement, Manifest, Plugin, StatementRequest,
    StatementResponse, API_VERSION,
};

pub struct Panicking;

impl Plugin for Panicking {
    fn manifest(&self) -> Manifest {
        Manifest {
            name: "panicking".into(),
            base: "postgres".into(),
            api_version: API_VERSION,
            version: "0.0.1".into(),
            object_kinds: vec!["boom".into()],
            ..Manifest::default()
        }
    }

    fn statement(&self, _req: StatementRequest) -> Result<Option<StatementResponse>, String> {
        panic!("deliberate test panic in statement()");
    }

    fn build(&self, _req: BuildRequest) -> Result<Vec<BuiltStatement>, String> {
        panic!("deliberate test panic in build()");
    }
}

export_plugin!(Panicking);
