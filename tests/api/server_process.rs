//! A real `redress serve` process over a test's database, for what only a process shows:
//! crashes, signals, the log it writes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, forms_dir};

/// A `redress serve` process on the app's database, and the address it listens on.
pub struct Server {
    child: Child,
    pub address: String,
    /// What it printed before listening (the demo's accounts, with `--demo`).
    pub printed: Vec<String>,
}

impl Server {
    /// A server that logs only warnings, to nowhere.
    pub fn start(app: &TestApp) -> Server {
        Server::start_with(app, &[], &[("REDRESS_LOG", "warn")], Stdio::null())
    }

    /// A server with more `arguments` after `serve`, `environment`, and its log to `log`.
    pub fn start_with(
        app: &TestApp,
        arguments: &[&str],
        environment: &[(&str, &str)],
        log: Stdio,
    ) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_redress"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(arguments)
            .env("REDRESS_DATABASE_URL", &app.database_url)
            .env("REDRESS_FORMS_DIR", forms_dir())
            .envs(environment.iter().copied())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("starting redress serve");
        let stdout = child.stdout.take().expect("the server's output");
        let mut printed = Vec::new();
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let address = lines
            .find_map(|line| {
                let address = line
                    .split("listening on http://")
                    .nth(1)
                    .and_then(|rest| rest.split_whitespace().next())
                    .map(str::to_owned);
                printed.push(line);
                address
            })
            .expect("the server's address");
        Server {
            child,
            address,
            printed,
        }
    }

    /// A server whose log goes to `path`.
    pub fn start_logging_to(
        app: &TestApp,
        arguments: &[&str],
        environment: &[(&str, &str)],
        path: &Path,
    ) -> Server {
        let log = std::fs::File::create(path).expect("creating the log file");
        Server::start_with(app, arguments, environment, Stdio::from(log))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Signs `username` in on this server: its sessions follow the real clock, not the test's.
    pub async fn token(&self, app: &TestApp, username: &str) -> String {
        self.token_with_password(app, username, crate::helpers::PASSWORD)
            .await
    }

    pub async fn token_with_password(
        &self,
        app: &TestApp,
        username: &str,
        password: &str,
    ) -> String {
        let body = json!({"username": username, "password": password});
        let response = app
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// SIGTERM, as an orchestrator stopping the service sends.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits for the process to exit, failing the test if it takes more than a minute.
    pub fn wait(mut self) -> ExitStatus {
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().expect("waiting for the server") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not exit within a minute");
    }

    /// SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would.
    pub fn kill(mut self) {
        self.child.kill().expect("killing the server");
        self.child.wait().expect("reaping the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
