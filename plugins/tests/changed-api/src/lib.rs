//! What a plugin built against a future, incompatible migrator-plugin-api looks like to the
//! host: the same root-module name, but another layout (a callback gained a parameter) and
//! another major version. Loading it must fail with a clear message.

use abi_stable::library::RootModule;
use abi_stable::package_version_strings;
use abi_stable::prefix_type::PrefixTypeTrait;
use abi_stable::sabi_types::VersionStrings;
use abi_stable::std_types::{RResult, RStr, RString};
use abi_stable::{export_root_module, StableAbi};

#[repr(C)]
#[derive(StableAbi)]
#[sabi(kind(Prefix(prefix_ref = PluginModRef)))]
#[sabi(missing_field(panic))]
pub struct PluginMod {
    pub manifest: extern "C" fn() -> RResult<RString, RString>,
    pub statement: extern "C" fn(RStr<'_>, u32) -> RResult<RString, RString>,
    #[sabi(last_prefix_field)]
    pub build: extern "C" fn(RStr<'_>) -> RResult<RString, RString>,
}

impl RootModule for PluginModRef {
    abi_stable::declare_root_module_statics! {PluginModRef}
    const BASE_NAME: &'static str = "migrator_plugin";
    const NAME: &'static str = "migrator_plugin";
    const VERSION_STRINGS: VersionStrings = package_version_strings!();
}

extern "C" fn manifest() -> RResult<RString, RString> {
    RResult::ROk("{}".into())
}

extern "C" fn statement(_: RStr<'_>, _: u32) -> RResult<RString, RString> {
    RResult::ROk("null".into())
}

extern "C" fn build(_: RStr<'_>) -> RResult<RString, RString> {
    RResult::ROk("[]".into())
}

#[export_root_module]
fn root_module() -> PluginModRef {
    PluginMod {
        manifest,
        statement,
        build,
    }
    .leak_into_prefix()
}
