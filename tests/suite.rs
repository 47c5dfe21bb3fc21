//! The integration tests, in one binary: each file beside this one is a module, the shared
//! helpers are `common` and the `serve` harness. One binary links the crate and its
//! dependencies once, where one binary per file linked them 28 times (most of the test build's
//! time and disk). Run one file's tests with `cargo test --test suite <module>::`.

#[allow(dead_code)] // each test module uses part of the serve harness
#[path = "serve/client.rs"]
mod client;
mod common;
#[allow(dead_code)]
#[path = "serve/server.rs"]
mod server;

mod another_body;
mod asset_names;
mod base_url;
mod brief;
mod brief_parts;
mod cache_housekeeping;
mod cli_check;
mod cli_project;
mod csv_safety;
mod dataset_addressees;
mod dataset_editorial;
mod dataset_faithfulness;
mod dataset_previews;
mod dataset_shape;
mod dataset_site;
mod diagnostics;
mod doc_examples;
mod edit_rules;
mod id_schemes;
mod inputs;
mod languages;
mod layers;
mod new_command;
mod offline;
mod output_swap;
mod pages_at_scale;
mod party_joined;
mod preview_cache;
mod preview_text;
mod rebuild;
mod rebuild_property;
mod release_command;
mod release_diff_memory;
mod releases;
mod reports;
mod reports_party;
mod reports_releases;
mod search_index;
mod serve;
mod sharing;
mod site_build;
mod site_golden;
mod synth;
mod theme_accent;
mod theme_css;
