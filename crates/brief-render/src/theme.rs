//! Themes: the page templates (minijinja), the CSS and the logo.
//!
//! The default theme is compiled in. A theme folder overrides any of its files, as mdBook's
//! themes do: a file present in the folder replaces the default one, the others stay.
//! `extra.css`, when present, is added after the default CSS, which is the easy way to change
//! colours and fonts. Relative `url(...)` references in a theme's CSS (fonts, images) are
//! embedded as data URIs, so the page stays self-contained.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use brief_model::Loader;
use brief_model::load::LoadErrorKind;
use minijinja::Environment;

use crate::RenderError;
use crate::html::{data_uri, media_type};

/// The page template of a brief.
pub const BRIEF_TEMPLATE: &str = "brief.html";
/// The template of the index of a batch render.
pub const INDEX_TEMPLATE: &str = "index.html";

const DEFAULT_BRIEF: &str = include_str!("../assets/brief.html");
const DEFAULT_INDEX: &str = include_str!("../assets/index.html");
const DEFAULT_STYLE: &str = include_str!("../assets/style.css");
const DEFAULT_PRINT: &str = include_str!("../assets/print.css");

const LOGO_NAMES: &[&str] = &["logo.svg", "logo.png", "logo.jpg", "logo.jpeg", "logo.webp"];

/// A theme: templates, CSS and logo.
pub struct Theme {
    dir: Option<PathBuf>,
    env: Environment<'static>,
    style: String,
    print: String,
    extra: String,
    logo: Option<String>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// The built-in theme.
    pub fn builtin() -> &'static Theme {
        static BUILTIN: OnceLock<Theme> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Theme::assemble(
                None,
                DEFAULT_BRIEF,
                DEFAULT_INDEX,
                DEFAULT_STYLE,
                DEFAULT_PRINT,
                "",
                None,
            )
            .expect("the built-in templates compile")
        })
    }

    /// Loads the theme in `dir` through `loader`; files it lacks come from the built-in theme.
    pub fn load(dir: &Path, loader: &dyn Loader) -> Result<Theme, RenderError> {
        let read = |name: &str| -> Result<Option<String>, RenderError> {
            match loader.read(&dir.join(name)) {
                Ok(text) => Ok(Some(text)),
                Err(err) if err.kind == LoadErrorKind::NotFound => Ok(None),
                Err(err) => Err(RenderError::Theme {
                    path: dir.join(name),
                    message: err.to_string(),
                }),
            }
        };
        let brief = read(BRIEF_TEMPLATE)?;
        let index = read(INDEX_TEMPLATE)?;
        let style = read("style.css")?;
        let print = read("print.css")?;
        let extra = read("extra.css")?;
        let mut logo = None;
        for name in LOGO_NAMES {
            match loader.read_bytes(&dir.join(name)) {
                Ok(bytes) => {
                    let media = media_type(name).unwrap_or("application/octet-stream");
                    logo = Some(data_uri(media, &bytes));
                    break;
                }
                Err(err) if err.kind == LoadErrorKind::NotFound => {}
                Err(err) => {
                    return Err(RenderError::Theme {
                        path: dir.join(name),
                        message: err.to_string(),
                    });
                }
            }
        }
        let embed = |css: String| embed_urls(&css, dir, loader);
        Theme::assemble(
            Some(dir.to_owned()),
            brief.as_deref().unwrap_or(DEFAULT_BRIEF),
            index.as_deref().unwrap_or(DEFAULT_INDEX),
            &style.map_or_else(|| DEFAULT_STYLE.to_owned(), embed),
            &print.map_or_else(|| DEFAULT_PRINT.to_owned(), embed),
            &extra.map(embed).unwrap_or_default(),
            logo,
        )
    }

    fn assemble(
        dir: Option<PathBuf>,
        brief: &str,
        index: &str,
        style: &str,
        print: &str,
        extra: &str,
        logo: Option<String>,
    ) -> Result<Theme, RenderError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        let template_error = |name: &str, err: minijinja::Error| RenderError::Template {
            name: name.to_owned(),
            message: describe(&err),
        };
        env.add_template_owned(BRIEF_TEMPLATE, brief.to_owned())
            .map_err(|err| template_error(BRIEF_TEMPLATE, err))?;
        env.add_template_owned(INDEX_TEMPLATE, index.to_owned())
            .map_err(|err| template_error(INDEX_TEMPLATE, err))?;
        Ok(Theme {
            dir,
            env,
            style: style.to_owned(),
            print: print.to_owned(),
            extra: extra.to_owned(),
            logo,
        })
    }

    /// The theme's folder, `None` for the built-in theme.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The CSS of a page: the screen CSS, the print CSS for print HTML, then `extra.css`.
    pub(crate) fn css(&self, print: bool) -> String {
        let mut css = String::with_capacity(self.style.len() + self.print.len() + self.extra.len());
        css.push_str(&self.style);
        if print {
            css.push('\n');
            css.push_str(&self.print);
        }
        if !self.extra.is_empty() {
            css.push('\n');
            css.push_str(&self.extra);
        }
        // The CSS sits in a <style> element: it must not close it.
        css.replace("</style", "<\\/style")
    }

    /// The logo as a data URI.
    pub(crate) fn logo(&self) -> Option<&str> {
        self.logo.as_deref()
    }

    pub(crate) fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, RenderError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|err| RenderError::Template {
                name: name.to_owned(),
                message: describe(&err),
            })?;
        template.render(ctx).map_err(|err| RenderError::Template {
            name: name.to_owned(),
            message: describe(&err),
        })
    }
}

fn describe(err: &minijinja::Error) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// Replaces relative `url(...)` references in `css` with data URIs of the files, read relative
/// to `dir`. References that cannot be read are left as they are.
fn embed_urls(css: &str, dir: &Path, loader: &dyn Loader) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let Some(close) = rest.find(')') else { break };
        let raw = rest[..close].trim();
        let target = raw.trim_matches(['"', '\'']);
        let embedded =
            (!target.contains(':') && !target.starts_with('#') && !target.starts_with('/'))
                .then(|| {
                    let clean = target.split(['?', '#']).next().unwrap_or(target);
                    let media = media_type(clean)?;
                    let bytes = loader.read_bytes(&dir.join(clean)).ok()?;
                    Some(data_uri(media, &bytes))
                })
                .flatten();
        match embedded {
            Some(uri) => {
                out.push('"');
                out.push_str(&uri);
                out.push('"');
            }
            None => out.push_str(&rest[..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}
