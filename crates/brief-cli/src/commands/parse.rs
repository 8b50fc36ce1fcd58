//! `brief parse FILE…`: prints the document model as JSON, and frontmatter diagnostics on stderr.

use std::io::Write;

use brief_model::Severity;
use brief_model::json::DocumentJson;

use crate::args::{GlobalArgs, ParseArgs};
use crate::exit::{Failure, Status};
use crate::inputs::{self, Configs};
use crate::report::Renderer;

pub(crate) fn run(args: &ParseArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    let configs = Configs::new(global.config.as_deref())?;
    let (inputs, failures) = inputs::collect(&args.files, args.stdin_filename.as_deref(), &configs);
    let mut status = Status::Ok;
    for failure in &failures {
        failure.print();
        status = status.max(failure.status);
    }
    if inputs.is_empty() && failures.is_empty() {
        eprintln!("note: no briefs found");
        return Ok(status);
    }
    crate::output::refuse_overwriting_inputs(&args.output, &inputs)?;
    let renderer = Renderer::new(global.color.stderr());
    let many = inputs.len() > 1;
    let mut out = Vec::new();
    for input in &inputs {
        let text = match inputs::read(input) {
            Ok(text) => text,
            Err(failure) => {
                failure.print();
                status = status.max(failure.status);
                continue;
            }
        };
        let mut parsed = brief_model::parse(&text);
        let loader = match inputs::loader_for(input, &configs) {
            Ok(loader) => loader,
            Err(failure) => {
                failure.print();
                status = status.max(failure.status);
                continue;
            }
        };
        let mut diagnostics = parsed.diagnostics;
        diagnostics.extend(brief_model::resolve(
            &mut parsed.document,
            &input.dir(),
            &loader,
        ));
        let doc = &parsed.document;
        for diagnostic in &diagnostics {
            eprint!("{}", renderer.render(doc, &input.display, diagnostic));
            if diagnostic.severity == Severity::Error {
                status = status.max(Status::Findings);
            }
        }
        let json = DocumentJson::new(doc, &input.display, &diagnostics);
        let written = if many {
            serde_json::to_writer(&mut out, &json)
        } else {
            serde_json::to_writer_pretty(&mut out, &json)
        };
        written
            .map_err(|err| Failure::output(format!("cannot serialize {}: {err}", input.display)))?;
        out.push(b'\n');
        if args.output.as_os_str() == "-" {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&out)
                .map_err(crate::output::stdout_error)?;
            out.clear();
        }
    }
    if args.output.as_os_str() != "-" {
        crate::output::write_atomic(&args.output, &out)?;
    }
    Ok(status)
}
