//! `brief preview FILE`: a local server that shows the rendered brief beside its lint findings
//! and reloads when the brief, its bibliography or the theme changes.
//!
//! The page at `/` holds the rendered brief (`/brief`) in a frame and the findings in a panel;
//! a small script long-polls `/wait?version=N`, which answers as soon as a watched file changes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use brief_model::{ProjectFs, Severity};
use brief_render::{HtmlKind, RenderContext, Theme};
use clap::Args;
use notify::Watcher;

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};
use crate::inputs::{self, Configs, Input};
use crate::lint::{self, Overrides, SettingsCache};

#[derive(Debug, Args)]
pub(crate) struct PreviewArgs {
    /// The brief to preview.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The port on 127.0.0.1 (`0` picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub(crate) port: u16,
    /// A theme folder overriding templates, CSS, logo and fonts.
    #[arg(long, value_name = "DIR")]
    pub(crate) theme: Option<PathBuf>,
}

/// A counter bumped on every change of a watched file.
struct Version {
    value: Mutex<u64>,
    changed: Condvar,
}

impl Version {
    fn bump(&self) {
        let mut value = self.value.lock().unwrap_or_else(|e| e.into_inner());
        *value += 1;
        self.changed.notify_all();
    }

    fn get(&self) -> u64 {
        *self.value.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the version is past `seen`, or `timeout` passes.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let value = self.value.lock().unwrap_or_else(|e| e.into_inner());
        let (value, _) = self
            .changed
            .wait_timeout_while(value, timeout, |v| *v <= seen)
            .unwrap_or_else(|e| e.into_inner());
        *value
    }
}

struct Preview {
    input: Input,
    theme_dir: Option<PathBuf>,
    global_config: Option<PathBuf>,
}

impl Preview {
    /// The rendered brief, or a page with the error.
    fn brief_page(&self) -> String {
        match self.render() {
            Ok(html) => html,
            Err(message) => error_page(&message),
        }
    }

    fn render(&self) -> Result<String, String> {
        let text = inputs::read(&self.input).map_err(|f| f.message)?;
        let mut parsed = brief_model::parse(&text);
        let loader = ProjectFs::for_brief(&self.input.name_path());
        let _ = brief_model::resolve(&mut parsed.document, &self.input.dir(), &loader);
        let theme = match &self.theme_dir {
            Some(dir) => Some(Theme::load(dir, &ProjectFs::new(dir)).map_err(|e| e.to_string())?),
            None => None,
        };
        let mut ctx = RenderContext::new(&loader, self.input.dir());
        ctx.theme = theme.as_ref();
        brief_render::render(&parsed.document, HtmlKind::Standalone, &ctx)
            .map(|rendered| rendered.html)
            .map_err(|err| err.to_string())
    }

    /// The findings panel.
    fn findings(&self) -> String {
        let configs = match Configs::new(self.global_config.as_deref()) {
            Ok(configs) => configs,
            Err(failure) => return format!("<p class=\"error\">{}</p>", escape(&failure.message)),
        };
        let cache = SettingsCache::new(Overrides::default());
        match lint::lint_input(&self.input, None, &configs, &cache, true) {
            lint::Result::Linted(done) => {
                let diagnostics = &done.outcome.diagnostics;
                if diagnostics.is_empty() {
                    return "<p class=\"ok\">No findings.</p>".to_owned();
                }
                let mut out = format!("<p>{} findings</p><ol>", diagnostics.len());
                for d in diagnostics {
                    let at = done.document.line_col(d.span.start);
                    let class = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    out.push_str(&format!(
                        "<li class=\"{class}\"><span class=\"where\">{}:{}</span> <code>{}</code><br>{}{}</li>",
                        at.line,
                        at.column,
                        escape(d.code),
                        escape(&d.message),
                        d.help
                            .as_deref()
                            .map(|h| format!("<br><small>{}</small>", escape(h)))
                            .unwrap_or_default()
                    ));
                }
                out.push_str("</ol>");
                out
            }
            lint::Result::NotABrief(_) => "<p>Not a brief.</p>".to_owned(),
            lint::Result::Failed(failure) => {
                format!("<p class=\"error\">{}</p>", escape(&failure.message))
            }
        }
    }

    /// Files whose change should reload the page: the brief, its bibliographies, the theme.
    fn watched(&self) -> Vec<PathBuf> {
        let mut paths = vec![absolute(&self.input.name_path())];
        if let Ok(text) = inputs::read(&self.input) {
            let parsed = brief_model::parse(&text);
            for bib in parsed.document.frontmatter.bibliography.to_vec() {
                paths.push(absolute(&self.input.dir().join(bib)));
            }
        }
        if let Some(theme) = &self.theme_dir {
            paths.push(absolute(theme));
        }
        paths
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| brief_model::load::absolute(path))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn error_page(message: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cannot render</title></head>\
         <body style=\"font-family:system-ui;margin:2rem\"><h1>The brief cannot be rendered</h1><pre>{}</pre>\
         <p>Fix the problem and save: this page reloads.</p></body></html>",
        escape(message)
    )
}

const SHELL: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>brief preview</title>
<style>
body{margin:0;display:flex;height:100vh;font-family:system-ui,sans-serif}
iframe{flex:1;border:0;height:100vh}
aside{width:26rem;overflow:auto;border-left:1px solid #ccc;padding:0 1rem;background:#fafafa;font-size:.9rem}
li{margin:.5rem 0}.error{color:#a00}.warning{color:#8a5a00}.info{color:#245}.ok{color:#060}
.where{font-variant-numeric:tabular-nums;color:#555}
</style></head>
<body><iframe id="brief" src="/brief" title="Rendered brief"></iframe>
<aside><h2>Findings</h2><div id="findings">{{FINDINGS}}</div></aside>
<script>
let version = {{VERSION}};
async function watch() {
  for (;;) {
    try {
      const response = await fetch('/wait?version=' + version);
      const next = parseInt(await response.text(), 10);
      if (next > version) {
        version = next;
        document.getElementById('brief').contentWindow.location.reload();
        document.getElementById('findings').innerHTML = await (await fetch('/findings')).text();
      }
    } catch (e) { await new Promise(r => setTimeout(r, 1000)); }
  }
}
watch();
</script></body></html>
"#;

pub(crate) fn run(args: &PreviewArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    if !args.file.is_file() {
        return Err(Failure::io(format!(
            "{}: no such file",
            args.file.display()
        )));
    }
    let input = Input {
        display: args.file.display().to_string(),
        path: Some(args.file.clone()),
        explicit: true,
    };
    let configs = Configs::new(global.config.as_deref())?;
    let theme_dir = args.theme.clone().or_else(|| {
        let (path, config) = configs.for_dir(&input.dir()).ok().flatten()?;
        let theme = config.render.theme?;
        Some(
            path.parent()
                .map_or_else(|| PathBuf::from(&theme), |d| d.join(&theme)),
        )
    });
    let preview = Arc::new(Preview {
        input,
        theme_dir,
        global_config: global.config.clone(),
    });
    let server = tiny_http::Server::http(("127.0.0.1", args.port))
        .map_err(|err| Failure::io(format!("cannot listen on 127.0.0.1:{}: {err}", args.port)))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(args.port, |addr| addr.port());
    {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "Listening on http://127.0.0.1:{port}/");
        let _ = stdout.flush();
    }

    let version = Arc::new(Version {
        value: Mutex::new(1),
        changed: Condvar::new(),
    });
    // Watch the folders of the watched files: editors often replace a file instead of writing it.
    let watcher_version = Arc::clone(&version);
    let watched = Arc::new(Mutex::new(preview.watched()));
    let watched_for_events = Arc::clone(&watched);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        let watched = watched_for_events.lock().unwrap_or_else(|e| e.into_inner());
        let relevant = event.paths.iter().any(|p| {
            let p = absolute(p);
            watched.iter().any(|w| p == *w || p.starts_with(w))
        });
        if relevant {
            watcher_version.bump();
        }
    })
    .map_err(|err| Failure::io(format!("cannot watch files: {err}")))?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for path in watched.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        let dir = if path.is_dir() {
            path.clone()
        } else {
            path.parent().map(Path::to_owned).unwrap_or_default()
        };
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for dir in &dirs {
        let _ = watcher.watch(dir, notify::RecursiveMode::Recursive);
    }

    for request in server.incoming_requests() {
        let preview = Arc::clone(&preview);
        let version = Arc::clone(&version);
        let watched = Arc::clone(&watched);
        std::thread::spawn(move || {
            let url = request.url().to_owned();
            let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
            let html = |body: String| {
                tiny_http::Response::from_string(body).with_header(
                    "Content-Type: text/html; charset=utf-8"
                        .parse::<tiny_http::Header>()
                        .expect("a valid header"),
                )
            };
            let response = match path {
                "/" => html(
                    SHELL
                        .replace("{{FINDINGS}}", &preview.findings())
                        .replace("{{VERSION}}", &version.get().to_string()),
                ),
                "/brief" => {
                    // A changed bibliography list changes what to watch.
                    *watched.lock().unwrap_or_else(|e| e.into_inner()) = preview.watched();
                    html(preview.brief_page())
                }
                "/findings" => html(preview.findings()),
                "/wait" => {
                    let seen = query
                        .split('&')
                        .find_map(|kv| kv.strip_prefix("version="))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let now = version.wait_past(seen, Duration::from_secs(25));
                    tiny_http::Response::from_string(now.to_string())
                }
                _ => tiny_http::Response::from_string("not found").with_status_code(404),
            };
            let _ = request.respond(response);
        });
    }
    Ok(Status::Ok)
}
