//! Dense ids in, constant-time lookups out: a recommendation, Party or section is named by its
//! position in the dataset's list (report order, name order, report order), so the graph's
//! indexes are plain vectors and the render code never hashes an id or compares addresses.

/// Declares a small `Copy` id: a position in one of the dataset's lists.
macro_rules! dense_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of position `i`; only the graph makes ids, so every id is in range.
            pub(super) fn new(i: usize) -> $name {
                // The dataset is loaded from files into memory: four billion of anything is
                // far beyond what a build can hold.
                $name(u32::try_from(i).expect("fewer than 2^32 items"))
            }

            /// The position in the dataset's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

dense_id! {
    /// A recommendation: its position in `Dataset::recommendations` (report order).
    RecIdx
}

impl RecIdx {
    /// The id at position `i` of a list made from [`SiteGraph::recs`](super::SiteGraph::recs),
    /// in order.
    pub(crate) fn from_index(i: usize) -> RecIdx {
        RecIdx::new(i)
    }
}

dense_id! {
    /// A Party: its position in `Dataset::parties` (sorted by name).
    PartyIdx
}

dense_id! {
    /// A section: its position in `Dataset::sections` (report order).
    SectionIdx
}

/// The ids `0..n`, in order: every item of a list, as ids.
pub(super) fn all<T>(n: usize, make: fn(usize) -> T) -> Vec<T> {
    (0..n).map(make).collect()
}
