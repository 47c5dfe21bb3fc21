//! The `serve` test harness: a running `recpub serve` in a temp copy of the real content and
//! theme, on a free loopback port, with its stdout lines collected.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use std::{fs, thread};

use super::client::{Events, WAIT, request};
use super::common;

/// A running `recpub serve` in a temp folder; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
    /// The working directory when it is not the project (kept until the server stops).
    _cwd: Option<tempfile::TempDir>,
    stdout: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Copies the real content and theme, lets `prepare` change them, starts the server and
    /// waits for its "serving" line.
    pub fn start(prepare: impl FnOnce(&Path)) -> Server {
        Server::start_with(&[], prepare)
    }

    /// [`Server::start`] with more `serve` arguments.
    pub fn start_with(args: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        Server::start_limited(None, args, prepare)
    }

    /// [`Server::start_with`], the server's open-file limit set to `files` when given.
    pub fn start_limited(files: Option<u32>, args: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        Server::spawn(files, |_| args, prepare, false)
    }

    /// [`Server::start`] run from another, empty folder, with the arguments `args` makes from
    /// the project folder (which they must name: `--root`, `--content`).
    #[allow(dead_code)] // used by tests/cli_project.rs, not tests/serve.rs
    pub fn start_elsewhere(
        args: impl FnOnce(&Path) -> Vec<String>,
        prepare: impl FnOnce(&Path),
    ) -> Server {
        Server::spawn(None, args, prepare, true)
    }

    fn spawn(
        files: Option<u32>,
        args: impl FnOnce(&Path) -> Vec<String>,
        prepare: impl FnOnce(&Path),
        elsewhere: bool,
    ) -> Server {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["content", "themes"] {
            common::copy_tree(&common::root().join(sub), &dir.path().join(sub));
        }
        fs::write(dir.path().join("secret.txt"), "TOP-SECRET-OUTSIDE-THE-SITE").unwrap();
        // The tests edit recommendations freely: the draft note of the next release names them.
        common::name_all_in_draft_note(&dir.path().join("content"));
        prepare(dir.path());
        let cwd = elsewhere.then(|| tempfile::tempdir().unwrap());
        let bin = env!("CARGO_BIN_EXE_recpub");
        let mut command = match files {
            Some(n) => {
                let mut c = Command::new("sh");
                c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), bin]);
                c
            }
            None => Command::new(bin),
        };
        let mut child = command
            .args(["serve", "--port", "0"])
            .args(args(dir.path()))
            .current_dir(cwd.as_ref().map_or(dir.path(), |c| c.path()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let lines = stdout.clone();
        let pipe = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            dir,
            _cwd: cwd,
            stdout,
        };
        let line = server.wait_line(|l| l.starts_with("serving http://"));
        assert!(line.starts_with("serving http://127.0.0.1:"), "{line}");
        let addr = line["serving http://".len()..].split('/').next().unwrap();
        server.port = addr.rsplit(':').next().unwrap().parse().unwrap();
        server
    }

    pub fn wait_line(&self, pred: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        while started.elapsed() < WAIT {
            if let Some(l) = self.stdout.lock().unwrap().iter().find(|l| pred(l)) {
                return l.clone();
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("no such line; stdout: {:?}", self.stdout.lock().unwrap());
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `GET path` → (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = request(self.port, path, &[]);
        (status, body)
    }

    pub fn events(&self) -> Events {
        Events::open(self.port, &format!("127.0.0.1:{}", self.port), None)
    }

    pub fn builds(&self) -> usize {
        let lines = self.stdout.lock().unwrap();
        lines.iter().filter(|l| l.starts_with("built ")).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
