//! Keys: the normal forms that make the same human written differently in
//! two files one key (emails, profile URLs, names), and the hasher behind the
//! pipeline's string-keyed maps. The bottom of the pipeline: ingest uses it
//! to deduplicate and link rows, identity to merge people, intro to find
//! them; it imports nothing of the crate.

mod hash;
mod normalize;

pub(crate) use hash::{FastMap, KeyHasher};
pub(crate) use normalize::exact_name_key_cow;
pub use normalize::{
    PLACEHOLDER_NAME, exact_name_key, folded_name_key, is_placeholder_name, normalize_email,
    normalize_profile_url,
};
