//! `synth`: a real content folder in, a synthetic one N times its size written to `--out`.
//! Only an empty folder, or one an earlier `synth` wrote (it holds the marker file), is written
//! to: a rerun replaces the files the marker lists and touches nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

use crate::failure::Failure;
use crate::synth;

/// The marker that says a folder was written by `synth`; it lists the files written.
pub const MARKER: &str = ".recpub-synth";

/// What `synth` was asked to do.
pub struct SynthOptions<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    pub scale: u32,
    pub seed: u64,
}

/// Runs `synth`: content errors in the real content, and anything that stops it, come back as
/// the [`Failure`] to report.
pub fn run(opts: &SynthOptions) -> Result<(), Failure> {
    let base = crate::load_dataset(opts.content)?;
    write_synthetic(opts, &base)?;
    Ok(())
}

/// Synthesizes from `base` and writes the files, replacing an earlier `synth`'s.
fn write_synthetic(opts: &SynthOptions, base: &crate::model::Dataset) -> anyhow::Result<()> {
    let max = synth::max_scale(base);
    if opts.scale > max {
        bail!(
            "--scale {} is too large for {}: at most {max}, so that numbers within a section keep four digits",
            opts.scale,
            opts.content.display()
        );
    }
    let files = synth::synthesize(base, opts.scale, opts.seed);
    let previous = previous_output(opts.out)?;
    write_output(opts, &files, &previous)?;
    let recs = files
        .iter()
        .filter(|(p, _)| p.starts_with("recommendations"))
        .count();
    println!(
        "wrote {} files ({recs} recommendations) to {}",
        files.len(),
        opts.out.display()
    );
    Ok(())
}

/// The files an earlier run wrote to `out` (none if it is missing or empty); an error if `out`
/// holds anything else.
fn previous_output(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !out.exists() {
        return Ok(Vec::new());
    }
    let mut entries =
        fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    if entries.next().is_none() {
        return Ok(Vec::new());
    }
    let marker = out.join(MARKER);
    if !marker.is_file() {
        bail!(
            "refusing to write into {}: it is not empty and was not written by `recpub synth` (no {MARKER} file); choose a new or empty folder",
            out.display()
        );
    }
    let text =
        fs::read_to_string(&marker).with_context(|| format!("cannot read {}", marker.display()))?;
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let path = PathBuf::from(l);
            let safe = path.components().all(|c| matches!(c, Component::Normal(_)));
            if !safe {
                bail!(
                    "{} lists an unsafe path {l:?}; remove the folder by hand",
                    marker.display()
                );
            }
            Ok(path)
        })
        .collect()
}

/// Writes the marker first (so an interrupted run can be rerun), removes stale files of the
/// previous run, then writes every file.
fn write_output(
    opts: &SynthOptions,
    files: &[(PathBuf, String)],
    previous: &[PathBuf],
) -> anyhow::Result<()> {
    let out = opts.out;
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut marker = format!(
        "# Written by `recpub synth --scale {} --seed {}` from {}; a rerun replaces the files listed.\n",
        opts.scale,
        opts.seed,
        opts.content.display()
    );
    for (path, _) in files {
        marker.push_str(&format!("{}\n", path.display()));
    }
    write(&out.join(MARKER), &marker)?;
    let fresh: BTreeSet<&PathBuf> = files.iter().map(|(p, _)| p).collect();
    for stale in previous.iter().filter(|p| !fresh.contains(p)) {
        let path = out.join(stale);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
    }
    for (path, text) in files {
        write(&out.join(path), text)?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
