//! Page kinds: the renderer in, each kind's pages and data files out, one module a kind (its
//! `render_all` or the like is listed in the jobs of [`crate::render::render_site`]). A new page
//! kind is a new file here: ARCHITECTURE.md, "Where to add …".

pub(crate) mod brief;
pub(crate) mod cff;
pub(crate) mod changes;
pub(crate) mod cite;
pub(crate) mod data;
pub(crate) mod data_reports;
pub(crate) mod feeds;
pub(crate) mod home;
pub(crate) mod jsonld;
pub(crate) mod listings;
pub(crate) mod pages;
pub(crate) mod party;
pub(crate) mod party_csv;
pub(crate) mod party_groups;
pub(crate) mod party_reports;
pub(crate) mod pieces;
pub(crate) mod previews;
pub(crate) mod recommendation;
pub(crate) mod release_changes;
pub(crate) mod reports;
pub(crate) mod scopes;
pub(crate) mod search;
pub(crate) mod web;
pub(crate) mod worddiff;
