//! Why a run failed, and the exit code that says so: every stage returns a [`Failure`];
//! `crate::report` prints it; `main` exits with its [`Exit`].

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::output::BrokenLink;

/// The process's exit code: scripts and CI tell content problems from broken plumbing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done: checked, built, released, written.
    Success = 0,
    /// The content (or a release note) has errors, each printed at its `file:line:col`.
    ContentErrors = 1,
    /// Anything else: I/O, a bad argument, the theme, broken links the theme makes, a port
    /// in use.
    Failed = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// Why a run produced nothing.
#[derive(Debug)]
pub enum Failure {
    /// The content in `folder` has errors, each located at `file:line:col` (broken links its
    /// Markdown makes included).
    Content { folder: PathBuf, diags: Diagnostics },
    /// The rendered pages link to pages, files or anchors that do not exist, and some of these
    /// links come from the theme; `to_disk` when a build to disk left its output as it was
    /// because of them.
    BrokenLinks {
        links: Vec<BrokenLink>,
        to_disk: bool,
    },
    /// Plumbing: I/O, the base URL, the theme, a template, a port.
    Other(anyhow::Error),
}

impl Failure {
    /// Content errors found in the content folder `folder`.
    pub fn content(folder: &Path, diags: Diagnostics) -> Self {
        Failure::Content {
            folder: folder.to_path_buf(),
            diags,
        }
    }

    /// The exit code this failure means.
    pub fn exit(&self) -> Exit {
        match self {
            Failure::Content { .. } => Exit::ContentErrors,
            Failure::BrokenLinks { .. } | Failure::Other(_) => Exit::Failed,
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}
