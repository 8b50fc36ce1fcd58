//! Writing outputs: atomically (a temporary file in the same folder, then a rename), so a
//! crash or a full disk never leaves half a file where a good one was.

use std::io::Write;
use std::path::Path;

use crate::exit::Failure;

/// Writes `bytes` to `path` atomically; `-` writes to standard output.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(stdout_error);
    }
    // A symlink is written through, so the link stays a link (as editors do); a dangling link
    // creates its target.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path)
                .or_else(|err| match std::fs::read_link(path) {
                    Ok(target) if err.kind() == std::io::ErrorKind::NotFound => {
                        Ok(path.parent().unwrap_or(Path::new(".")).join(target))
                    }
                    _ => Err(err),
                })
                .map_err(|err| {
                    Failure::io(format!("{}: cannot follow the link: {err}", path.display()))
                })?;
            resolved.as_path()
        }
        _ => path,
    };
    // A device, a pipe or a socket (`-o /dev/null`, `-o /dev/stderr`, a named pipe) cannot be
    // replaced by a rename without destroying it: write into it.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()))
            .map_err(|err| Failure::io(format!("{}: cannot write: {err}", path.display())));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|err| Failure::io(format!("{}: cannot create folder: {err}", dir.display())))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|err| Failure::io(format!("{}: cannot write: {err}", dir.display())))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Failure::io(format!("{}: cannot write: {err}", path.display())))?;
    // Keep the permissions of a file being replaced; a new file is readable by everyone, like one
    // made by any other tool (the temporary file is private to its owner).
    match std::fs::metadata(path) {
        Ok(meta) => {
            let _ = std::fs::set_permissions(temp.path(), meta.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ =
                    std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    temp.persist(path)
        .map_err(|err| Failure::io(format!("{}: cannot write: {}", path.display(), err.error)))?;
    Ok(())
}

/// A failed write to standard output. A closed pipe (`brief parse x.md | head`) is not an
/// error: the reader has what it wanted, so the process ends quietly with success.
pub(crate) fn stdout_error(err: std::io::Error) -> Failure {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    Failure::io(format!("standard output: {err}"))
}

/// Refuses an output file that is one of the inputs (exit 2): nothing the user wrote is lost.
pub(crate) fn refuse_overwriting_inputs(
    output: &Path,
    inputs: &[crate::inputs::Input],
) -> Result<(), Failure> {
    if output.as_os_str() == "-" {
        return Ok(());
    }
    let canonical =
        |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| brief_model::load::absolute(p));
    let target = canonical(output);
    for input in inputs {
        if let Some(path) = &input.path
            && canonical(path) == target
        {
            return Err(Failure::usage(format!(
                "{}: the output would overwrite an input; choose another path",
                output.display()
            )));
        }
    }
    Ok(())
}
