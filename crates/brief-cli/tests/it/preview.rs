//! `brief preview`: a server that shows the rendered brief and reloads on changes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::brief;

const BRIEF: &str = "---
title: First Title
type: commentary
authors: [A. Rahman]
---

## Prices

Experts say prices will rise.
";

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    response
}

#[test]
fn preview_serves_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, BRIEF).unwrap();
    let mut child = brief()
        .args(["preview", "--port", "0"])
        .arg(&path)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("brief preview starts");
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    let port: u16 = first
        .trim()
        .strip_prefix("Listening on http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"));

    let page = get(port, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("claims/weasel-attribution"),
        "the findings panel lists findings"
    );
    assert!(get(port, "/brief").contains("First Title"));

    std::fs::write(&path, BRIEF.replace("First Title", "Second Title")).unwrap();
    let waited = get(port, "/wait?version=1");
    assert!(waited.ends_with(|c: char| c.is_ascii_digit()), "{waited}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let body = get(port, "/brief");
        if body.contains("Second Title") {
            break;
        }
        assert!(Instant::now() < deadline, "the edit never showed: {body}");
        std::thread::sleep(Duration::from_millis(200));
    }

    // A brief that cannot be read shows the error in the page; the server goes on.
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let broken = get(port, "/brief");
    assert!(
        broken.contains("cannot be rendered") && broken.contains("not UTF-8"),
        "{broken}"
    );
    std::fs::write(&path, BRIEF).unwrap();
    assert!(get(port, "/brief").contains("First Title"));
}
