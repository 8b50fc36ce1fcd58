//! A minimal LSP client that drives the real `brief lsp` as a child process over JSON-RPC.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long to wait for one message: debug builds on a loaded machine are slow.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The `brief` binary: `BRIEF_BIN`, else `target/debug/brief` of the workspace.
pub(crate) fn brief_bin() -> PathBuf {
    let path = match std::env::var_os("BRIEF_BIN") {
        Some(path) => PathBuf::from(path),
        None => {
            let target = match std::env::var_os("CARGO_TARGET_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => Path::new(env!("CARGO_MANIFEST_DIR"))
                    .ancestors()
                    .nth(2)
                    .expect("the crate is two levels under the workspace root")
                    .join("target"),
            };
            target
                .join("debug")
                .join(format!("brief{}", std::env::consts::EXE_SUFFIX))
        }
    };
    assert!(
        path.is_file(),
        "the `brief` binary is not at {}: build it with `cargo build --bin brief` \
         (or `--no-default-features`), or set BRIEF_BIN to its path",
        path.display()
    );
    let help = Command::new(&path)
        .args(["lsp", "--help"])
        .output()
        .expect("cannot run the `brief` binary");
    assert!(
        help.status.success(),
        "{} has no `lsp` command: rebuild it with `cargo build --bin brief`",
        path.display()
    );
    path
}

/// `file://` URI of a path, percent-encoding what a URI may not hold.
pub(crate) fn uri_of(path: &Path) -> String {
    let mut out = String::from("file://");
    let text = path
        .to_str()
        .expect("test paths are UTF-8")
        .replace('\\', "/");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub(crate) struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Notifications that arrived while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
    /// Whether UTF-8 positions were negotiated.
    pub(crate) utf8: bool,
    /// The `initialize` result.
    pub(crate) initialized: Value,
}

impl Client {
    /// Starts `brief lsp` in `dir` and initializes it, offering `encodings`.
    pub(crate) fn start(dir: &Path, encodings: &[&str]) -> Client {
        Client::start_bin(&brief_bin(), dir, encodings)
    }

    /// Starts `bin lsp` in `dir` and initializes it, offering `encodings`.
    pub(crate) fn start_bin(bin: &Path, dir: &Path, encodings: &[&str]) -> Client {
        let mut child = Command::new(bin)
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start `brief lsp`");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
            utf8: false,
            initialized: Value::Null,
        };
        let general = if encodings.is_empty() {
            json!({})
        } else {
            json!({ "positionEncodings": encodings })
        };
        let capabilities = json!({
            "general": general,
            "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } }
        });
        let result = client.result(
            "initialize",
            json!({ "processId": null, "rootUri": uri_of(dir), "capabilities": capabilities }),
        );
        client.utf8 = result["capabilities"]["positionEncoding"] == "utf-8";
        client.initialized = result;
        client.notify("initialized", json!({}));
        client
    }

    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads its input");
        stdin.flush().expect("the server reads its input");
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("messages serialize");
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(framed.as_bytes());
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(&format!("the response to `{method}`"), |m| m["id"] == id)
    }

    /// Sends a request and returns its result, failing on an error response.
    pub(crate) fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "`{method}` failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the diagnostics of `uri` at document version `version`.
    pub(crate) fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(idx) = self.pending.iter().position(&wanted) {
            return self.pending.remove(idx);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("`brief lsp` ended while waiting for {what}")
                }
            }
        }
    }

    /// Opens a document and returns its diagnostics (version 1).
    pub(crate) fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "markdown", "version": 1, "text": text
            } }),
        );
        self.diagnostics(uri, 1)
    }

    /// Replaces a document's text and returns its diagnostics at `version`.
    pub(crate) fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
        self.diagnostics(uri, version)
    }

    /// The LSP position of byte `offset` of `text`, in the negotiated encoding.
    pub(crate) fn position(&self, text: &str, offset: usize) -> Value {
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let in_line = &text[line_start..offset];
        let character = if self.utf8 {
            in_line.len()
        } else {
            in_line.encode_utf16().count()
        };
        json!({ "line": line, "character": character })
    }

    /// The byte offset of an LSP position in `text`, in the negotiated encoding.
    pub(crate) fn offset(&self, text: &str, position: &Value) -> usize {
        let line = position["line"].as_u64().expect("a line") as usize;
        let character = position["character"].as_u64().expect("a character") as usize;
        let line_start = text
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>();
        let line_text = text[line_start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (idx, c) in line_text.char_indices() {
            if units >= character {
                return line_start + idx;
            }
            units += if self.utf8 {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        line_start + line_text.len()
    }

    /// `text` with the `TextEdit`s applied.
    pub(crate) fn apply(&self, text: &str, edits: &[Value]) -> String {
        let mut spans: Vec<(usize, usize, String)> = edits
            .iter()
            .map(|edit| {
                (
                    self.offset(text, &edit["range"]["start"]),
                    self.offset(text, &edit["range"]["end"]),
                    edit["newText"].as_str().expect("new text").to_owned(),
                )
            })
            .collect();
        spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        let mut out = text.to_owned();
        for (start, end, new_text) in spans {
            out.replace_range(start..end, &new_text);
        }
        out
    }

    /// Sends `shutdown` and `exit` and returns how the process ended.
    pub(crate) fn shutdown_and_exit(mut self) -> ExitStatus {
        let result = self.result("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    /// Waits for the process to end by itself.
    pub(crate) fn wait_for_exit(&mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the process can be waited on") {
                return status;
            }
            assert!(Instant::now() < deadline, "`brief lsp` did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
