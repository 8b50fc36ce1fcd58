//! JSON-RPC over standard input and output, with `Content-Length` framing.
//!
//! `lsp-server` has a stdio transport, but it stops reading at the first message it cannot
//! parse and trusts `Content-Length` with its allocation. This one skips a malformed message
//! (the framing tells where the next one starts), refuses absurd lengths, and otherwise hands
//! `lsp_server::Message`s to the server through the same kind of channel.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, Message};

/// The largest message read: a brief is at most 20 MB, and JSON escaping can double it.
const MAX_MESSAGE_LEN: usize = 64 * 1024 * 1024;

/// The reader and writer threads.
pub(crate) struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits for both threads; the writer's error, if any, is returned.
    pub(crate) fn join(self) -> io::Result<()> {
        let _ = self.reader.join();
        match self.writer.join() {
            Ok(result) => result,
            Err(_) => Err(io::Error::other("the writer thread panicked")),
        }
    }
}

/// A connection over standard input and output.
pub(crate) fn stdio() -> (Connection, IoThreads) {
    let (to_server, from_client) = crossbeam_channel::unbounded();
    let (to_client, from_server) = crossbeam_channel::unbounded();
    let reader = thread::Builder::new()
        .name("brief-lsp-reader".to_owned())
        .spawn(move || read_loop(&mut io::stdin().lock(), &to_server));
    let writer = thread::Builder::new()
        .name("brief-lsp-writer".to_owned())
        .spawn(move || write_loop(&mut io::stdout().lock(), &from_server));
    let (reader, writer) = match (reader, writer) {
        (Ok(reader), Ok(writer)) => (reader, writer),
        // Without threads there is no server; a process this early in life that cannot start
        // two threads has no better option than to stop.
        _ => std::process::exit(2),
    };
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, IoThreads { reader, writer })
}

fn read_loop(input: &mut impl BufRead, sender: &Sender<Message>) {
    loop {
        match read_message(input) {
            Ok(None) => return,
            Ok(Some(Ok(message))) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if sender.send(message).is_err() || is_exit {
                    return;
                }
            }
            Ok(Some(Err(problem))) => {
                eprintln!("brief lsp: skipped a message: {problem}");
            }
            Err(err) => {
                eprintln!("brief lsp: cannot read standard input: {err}");
                return;
            }
        }
    }
}

fn write_loop(output: &mut impl Write, receiver: &Receiver<Message>) -> io::Result<()> {
    for message in receiver {
        message.write(output)?;
    }
    output.flush()
}

/// Reads one framed message. `Ok(None)` is the end of the input; `Ok(Some(Err(_)))` a message
/// that was skipped, with the reason.
pub(crate) fn read_message(
    input: &mut impl BufRead,
) -> io::Result<Option<Result<Message, String>>> {
    let mut length = None;
    let mut any_header = false;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return if any_header {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the input ended inside a message header",
                ))
            } else {
                Ok(None)
            };
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any_header {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        any_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(Err("no valid Content-Length header".to_owned())));
    };
    if length > MAX_MESSAGE_LEN {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {length} bytes is over the limit"
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    let Ok(text) = String::from_utf8(body) else {
        return Ok(Some(Err("a message is not UTF-8".to_owned())));
    };
    Ok(Some(
        serde_json::from_str::<Message>(&text).map_err(|err| format!("malformed JSON-RPC: {err}")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn skips_malformed_messages_and_reads_on() {
        let input = format!(
            "{}{}Content-Length: 99999999999999\r\n\r\n",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        );
        let mut reader = io::Cursor::new(input.into_bytes());
        assert!(matches!(read_message(&mut reader), Ok(Some(Err(_)))));
        assert!(matches!(
            read_message(&mut reader),
            Ok(Some(Ok(Message::Notification(_))))
        ));
        assert!(matches!(read_message(&mut reader), Ok(Some(Err(_)))));
        assert!(matches!(read_message(&mut reader), Ok(None)));
    }
}
