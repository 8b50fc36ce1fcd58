//! The server: the `initialize` handshake, the open documents, and the loop that answers
//! requests and publishes diagnostics.
//!
//! Open Markdown documents are briefs to lint; any other open document (a bibliography) is kept
//! only for its text, which the loader prefers over the file on disk, and a change to it makes
//! the briefs that read it stale. A stale brief is analysed again when a request needs it, or
//! when no message is waiting: typing fast sends many `didChange`s, and only the last one is
//! linted.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use brief_model::load::absolute;
use crossbeam_channel::Sender;
use lsp_server::{
    Connection, ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError,
};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    CompletionResponse, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, GotoDefinitionResponse,
    HoverProviderCapability, InitializeResult, OneOf, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentIdentifier,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, notification, request,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::analysis::{Analysis, Configs, analyse};
use crate::position::{Encoding, LineIndex};
use crate::{Error, Options, actions, completion, diagnostics, hover, navigation, symbols};

/// Runs the server on `connection` until `exit`.
pub(crate) fn run(connection: &Connection, options: &Options) -> Result<(), Error> {
    let (id, params) = wait_for_initialize(connection)?;
    let offered = |encoding: &str| {
        params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|list| list.iter().any(|e| e.as_str() == Some(encoding)))
    };
    let encoding = if offered("utf-8") {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let hierarchical_symbols = params
        .pointer("/capabilities/textDocument/documentSymbol/hierarchicalDocumentSymbolSupport")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "brief".to_owned(),
            version: options.version.clone(),
        }),
    };
    send(&connection.sender, ok(id, result));
    let mut server = Server {
        sender: connection.sender.clone(),
        encoding,
        hierarchical_symbols,
        documents: HashMap::new(),
        others: HashMap::new(),
        open_files: HashMap::new(),
        configs: Configs::new(options.config.clone()),
        shutdown: false,
    };
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return Err(Error::NoShutdown);
        };
        match message {
            Message::Request(request) => server.on_request(request),
            Message::Notification(notification) if notification.method == "exit" => {
                return if server.shutdown {
                    Ok(())
                } else {
                    Err(Error::NoShutdown)
                };
            }
            Message::Notification(notification) => server.on_notification(notification),
            Message::Response(_) => {}
        }
        if connection.receiver.is_empty() {
            server.publish_pending();
        }
    }
}

/// Waits for `initialize`, refusing other requests in the meantime as the protocol asks.
fn wait_for_initialize(connection: &Connection) -> Result<(RequestId, Value), Error> {
    loop {
        match connection.receiver.recv() {
            Err(_) => return Err(Error::NoShutdown),
            Ok(Message::Request(request)) if request.method == request::Initialize::METHOD => {
                return Ok((request.id, request.params));
            }
            Ok(Message::Request(request)) => send(
                &connection.sender,
                error(
                    request.id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                ),
            ),
            Ok(Message::Notification(n)) if n.method == notification::Exit::METHOD => {
                return Err(Error::NoShutdown);
            }
            Ok(_) => {}
        }
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["@".to_owned(), "*".to_owned()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// An open brief.
struct OpenDocument {
    path: Option<PathBuf>,
    version: i32,
    text: String,
    /// `None` while stale.
    analysis: Option<Analysis>,
    /// Whether the client has the diagnostics of the current text.
    published: bool,
}

struct Server {
    sender: Sender<Message>,
    encoding: Encoding,
    hierarchical_symbols: bool,
    /// Open briefs.
    documents: HashMap<Uri, OpenDocument>,
    /// Other open documents, by URI, with their paths.
    others: HashMap<Uri, PathBuf>,
    /// The text of other open documents, by absolute path, for the loader.
    open_files: HashMap<PathBuf, String>,
    configs: Configs,
    shutdown: bool,
}

// The parameters of requests, read leniently: only the fields the server uses must be there,
// so a client that sends a field in a shape this version of `lsp-types` does not know is still
// answered.

/// `textDocument` and `position` (hover, completion, definition, references).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct AtPosition {
    text_document: TextDocumentIdentifier,
    position: lsp_types::Position,
    #[serde(default)]
    context: Value,
}

/// `textDocument` and `range` (code actions).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct InRange {
    text_document: TextDocumentIdentifier,
    range: lsp_types::Range,
    #[serde(default)]
    context: Value,
}

/// `textDocument` alone (document symbols).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct InDocument {
    text_document: TextDocumentIdentifier,
}

/// A failed request: the JSON-RPC error to answer with.
type Failed = ResponseError;

fn failure(code: ErrorCode, message: impl Into<String>) -> Failed {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn ok(id: RequestId, result: impl serde::Serialize) -> Message {
    let response_result = serde_json::to_value(result)
        .map_err(|err| failure(ErrorCode::InternalError, err.to_string()));
    Message::Response(Response {
        id,
        response_result,
    })
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Message {
    Message::Response(Response {
        id,
        response_result: Err(failure(code, message)),
    })
}

fn send(sender: &Sender<Message>, message: Message) {
    // A closed channel means the writer is gone; the loop ends when the reader notices too.
    let _ = sender.send(message);
}

fn json(value: &impl serde::Serialize) -> Result<Value, Failed> {
    serde_json::to_value(value).map_err(|err| failure(ErrorCode::InternalError, err.to_string()))
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, Failed> {
    serde_json::from_value(value).map_err(|err| {
        failure(
            ErrorCode::InvalidParams,
            format!("invalid parameters: {err}"),
        )
    })
}

fn is_brief_document(language_id: &str, path: Option<&Path>) -> bool {
    language_id.eq_ignore_ascii_case("markdown")
        || path
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

impl Server {
    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            let message = error(id, ErrorCode::InvalidRequest, "the server is shutting down");
            send(&self.sender, message);
            return;
        }
        let method = request.method.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            self.dispatch(&request.method, request.params)
        }));
        let message = match outcome {
            Ok(Ok(value)) => Message::Response(Response {
                id,
                response_result: Ok(value),
            }),
            Ok(Err(failed)) => Message::Response(Response {
                id,
                response_result: Err(failed),
            }),
            Err(_) => error(
                id,
                ErrorCode::InternalError,
                &format!("internal error while answering `{method}`"),
            ),
        };
        send(&self.sender, message);
    }

    fn dispatch(&mut self, method: &str, raw: Value) -> Result<Value, Failed> {
        let encoding = self.encoding;
        match method {
            request::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            request::HoverRequest::METHOD => {
                let p: AtPosition = params(raw)?;
                let found = self
                    .at(&p.text_document.uri, p.position)
                    .and_then(|(analysis, offset)| hover::hover(analysis, offset, encoding));
                json(&found)
            }
            request::Completion::METHOD => {
                let p: AtPosition = params(raw)?;
                let found = self
                    .at(&p.text_document.uri, p.position)
                    .map(|(analysis, offset)| completion::complete(analysis, offset, encoding))
                    .map(CompletionResponse::Array);
                json(&found)
            }
            request::GotoDefinition::METHOD => {
                let p: AtPosition = params(raw)?;
                let uri = p.text_document.uri;
                let found = self
                    .at(&uri, p.position)
                    .and_then(|(analysis, offset)| {
                        navigation::definition(analysis, &uri, offset, encoding)
                    })
                    .map(GotoDefinitionResponse::Scalar);
                json(&found)
            }
            request::References::METHOD => {
                let p: AtPosition = params(raw)?;
                let uri = p.text_document.uri;
                let include = p
                    .context
                    .get("includeDeclaration")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                let found = self.at(&uri, p.position).map(|(analysis, offset)| {
                    navigation::references(analysis, &uri, offset, include, encoding)
                });
                json(&found)
            }
            request::CodeActionRequest::METHOD => {
                let p: InRange = params(raw)?;
                // Only quick fixes are offered; a client asking for other kinds gets none.
                let wants_quickfix =
                    p.context
                        .get("only")
                        .and_then(Value::as_array)
                        .is_none_or(|only| {
                            only.iter().filter_map(Value::as_str).any(|kind| {
                                kind.is_empty()
                                    || kind == CodeActionKind::QUICKFIX.as_str()
                                    || kind.starts_with("quickfix.")
                            })
                        });
                let uri = p.text_document.uri;
                let found = if wants_quickfix {
                    self.analysis(&uri).map(|analysis| {
                        let range = analysis.line_index.span(analysis.text(), p.range, encoding);
                        actions::code_actions(analysis, &uri, range, encoding)
                    })
                } else {
                    None
                };
                json(&found)
            }
            request::DocumentSymbolRequest::METHOD => {
                let p: InDocument = params(raw)?;
                let uri = p.text_document.uri;
                let hierarchical = self.hierarchical_symbols;
                let found = self
                    .analysis(&uri)
                    .filter(|analysis| analysis.is_brief)
                    .map(|analysis| {
                        symbols::document_symbols(analysis, &uri, encoding, hierarchical)
                    });
                json(&found)
            }
            _ => Err(failure(
                ErrorCode::MethodNotFound,
                format!("`{method}` is not supported"),
            )),
        }
    }

    /// The current analysis of an open brief, computed if stale.
    fn analysis(&mut self, uri: &Uri) -> Option<&Analysis> {
        let doc = self.documents.get_mut(uri)?;
        if doc.analysis.is_none() {
            doc.analysis = Some(analyse(
                &doc.text,
                doc.path.as_deref(),
                &mut self.configs,
                &self.open_files,
            ));
        }
        doc.analysis.as_ref()
    }

    /// The analysis of an open brief and the byte offset of a position in it.
    fn at(&mut self, uri: &Uri, position: lsp_types::Position) -> Option<(&Analysis, usize)> {
        let encoding = self.encoding;
        let analysis = self.analysis(uri)?;
        let offset = analysis
            .line_index
            .offset(analysis.text(), position, encoding);
        Some((analysis, offset))
    }

    fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| self.notified(notification)));
        if outcome.is_err() {
            self.log(&format!("internal error while handling `{method}`"));
        }
    }

    fn notified(&mut self, notification: Notification) {
        let Notification {
            method,
            params: raw,
        } = notification;
        match method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<DidOpenTextDocumentParams>(raw) else {
                    return;
                };
                let item = p.text_document;
                let path = crate::uri::to_path(&item.uri).map(|p| absolute(&p));
                if is_brief_document(&item.language_id, path.as_deref()) {
                    self.documents.insert(
                        item.uri,
                        OpenDocument {
                            path,
                            version: item.version,
                            text: item.text,
                            analysis: None,
                            published: false,
                        },
                    );
                } else if let Some(path) = path {
                    self.open_files.insert(path.clone(), item.text);
                    self.others.insert(item.uri, path.clone());
                    self.invalidate_readers_of(&path);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<DidChangeTextDocumentParams>(raw) else {
                    return;
                };
                let uri = p.text_document.uri;
                let encoding = self.encoding;
                if let Some(doc) = self.documents.get_mut(&uri) {
                    for change in p.content_changes {
                        apply_change(&mut doc.text, change, encoding);
                    }
                    doc.version = p.text_document.version;
                    doc.analysis = None;
                    doc.published = false;
                } else if let Some(path) = self.others.get(&uri).cloned() {
                    if let Some(text) = self.open_files.get_mut(&path) {
                        for change in p.content_changes {
                            apply_change(text, change, encoding);
                        }
                    }
                    self.invalidate_readers_of(&path);
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<DidCloseTextDocumentParams>(raw) else {
                    return;
                };
                let uri = p.text_document.uri;
                if self.documents.remove(&uri).is_some() {
                    self.publish(uri, Vec::new(), None);
                } else if let Some(path) = self.others.remove(&uri) {
                    self.open_files.remove(&path);
                    self.invalidate_readers_of(&path);
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                let Ok(p) = params::<DidSaveTextDocumentParams>(raw) else {
                    return;
                };
                let uri = p.text_document.uri;
                let is_config = crate::uri::to_path(&uri).is_some_and(|path| {
                    path.file_name()
                        .is_some_and(|n| n == brief_model::config::CONFIG_FILE_NAME)
                });
                if is_config {
                    self.invalidate_all();
                } else if let Some(doc) = self.documents.get_mut(&uri) {
                    // The bibliography may have changed on disk since the last lint.
                    doc.analysis = None;
                    doc.published = false;
                } else if let Some(path) = self.others.get(&uri).cloned() {
                    self.invalidate_readers_of(&path);
                }
            }
            notification::DidChangeWatchedFiles::METHOD
            | notification::DidChangeConfiguration::METHOD => self.invalidate_all(),
            _ => {}
        }
    }

    /// Marks every brief that read `path` stale.
    fn invalidate_readers_of(&mut self, path: &Path) {
        for doc in self.documents.values_mut() {
            let reads = doc.analysis.as_ref().is_some_and(|analysis| {
                analysis
                    .document
                    .files
                    .iter()
                    .any(|file| absolute(&file.resolved) == path)
            });
            if reads {
                doc.analysis = None;
                doc.published = false;
            }
        }
    }

    fn invalidate_all(&mut self) {
        for doc in self.documents.values_mut() {
            doc.analysis = None;
            doc.published = false;
        }
    }

    /// Lints the briefs whose diagnostics the client does not have yet, and sends them.
    fn publish_pending(&mut self) {
        let pending: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, doc)| !doc.published)
            .map(|(uri, _)| uri.clone())
            .collect();
        let encoding = self.encoding;
        for uri in pending {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                self.analysis(&uri)
                    .map(|analysis| diagnostics::to_lsp(analysis, &uri, encoding))
            }));
            let Some(doc) = self.documents.get_mut(&uri) else {
                continue;
            };
            doc.published = true;
            let version = Some(doc.version);
            match outcome {
                Ok(Some(list)) => self.publish(uri, list, version),
                Ok(None) => {}
                Err(_) => {
                    self.log("internal error while linting a brief; its diagnostics are not shown");
                    self.publish(uri, Vec::new(), version);
                }
            }
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        if let Ok(params) = serde_json::to_value(params) {
            let method = notification::PublishDiagnostics::METHOD.to_owned();
            send(
                &self.sender,
                Message::Notification(Notification { method, params }),
            );
        }
    }

    fn log(&self, message: &str) {
        let params = serde_json::json!({ "type": 1, "message": format!("brief: {message}") });
        let method = notification::LogMessage::METHOD.to_owned();
        send(
            &self.sender,
            Message::Notification(Notification { method, params }),
        );
    }
}

/// Applies one content change: the whole text, or a range of it.
fn apply_change(
    text: &mut String,
    change: lsp_types::TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let span = LineIndex::new(text).span(text, range, encoding);
            text.replace_range(span.start..span.end, &change.text);
        }
    }
}
