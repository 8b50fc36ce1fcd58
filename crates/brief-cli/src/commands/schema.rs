//! `brief schema [brief|config|document]`: prints a JSON Schema.

use crate::args::{SchemaArgs, SchemaKind};
use crate::exit::{Failure, Status};

pub(crate) fn run(args: &SchemaArgs) -> Result<Status, Failure> {
    let schema = match args.kind {
        SchemaKind::Brief => brief_model::schema::brief_schema().clone(),
        SchemaKind::Config => brief_model::schema::config_schema(),
        SchemaKind::Document => brief_model::schema::document_schema(),
    };
    let mut text = serde_json::to_string_pretty(&schema)
        .map_err(|err| Failure::output(format!("cannot serialize the schema: {err}")))?;
    text.push('\n');
    crate::output::write_atomic(&args.output, text.as_bytes())?;
    Ok(Status::Ok)
}
