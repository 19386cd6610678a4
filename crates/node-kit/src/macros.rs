//! Declarative helpers: one line registers a node (its type name taken from the Rust type), and
//! one line in a test proves a node is registered and its schema true.

/// Registers `$ty` (which implements [`crate::Node`]) under its Rust type name:
/// `register_node!(Gain, category = "audio/effects", description = "Multiplies by a gain");`
/// Ports default to one audio input and one audio output; pass `inputs = [...]` /
/// `outputs = [...]` of [`crate::PortSpec`] to change them.
#[macro_export]
macro_rules! register_node {
    ($ty:ident, category = $category:expr, description = $description:expr $(,)?) => {
        $crate::register_node!($ty, category = $category, description = $description,
            inputs = [$crate::PortSpec { name: "audio", kind: "audio", description: None }],
            outputs = [$crate::PortSpec { name: "audio", kind: "audio", description: None }]);
    };
    ($ty:ident, category = $category:expr, description = $description:expr,
     inputs = [$($input:expr),* $(,)?], outputs = [$($output:expr),* $(,)?] $(,)?) => {
        impl $crate::Described for $ty {
            const NAME: &'static str = stringify!($ty);
            const CATEGORY: &'static str = $category;
            const DESCRIPTION: &'static str = $description;
            const INPUTS: &'static [$crate::PortSpec] = &[$($input),*];
            const OUTPUTS: &'static [$crate::PortSpec] = &[$($output),*];
        }
        $crate::inventory::submit! {
            $crate::Registration::of::<$ty>(env!("CARGO_CRATE_NAME"))
        }
    };
}

/// Fails the test unless `$ty` is in the crate's collected node set (or in `$set` when given),
/// and its published params schema is what it accepts, bound for bound (each bound accepted, one
/// past it refused with `ERR_INVALID_PARAM` naming the field).
#[macro_export]
macro_rules! assert_node_registered {
    ($ty:ty) => {
        $crate::assert_node_registered!($ty, $crate::NodeSet::collected(env!("CARGO_CRATE_NAME")))
    };
    ($ty:ty, $set:expr) => {{
        let set: $crate::NodeSet = $set;
        let name = <$ty as $crate::Described>::NAME;
        assert!(
            set.contains(name),
            "node '{}' is not registered; registered: {:?}",
            name,
            set.names().collect::<::std::vec::Vec<_>>()
        );
        $crate::testing::assert_schema_bounds(&set, name);
    }};
}
