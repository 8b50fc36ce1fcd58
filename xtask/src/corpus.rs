//! Generated corpora of synthetic briefs, made by `../shared/bench/make_corpus.py` (beside the
//! repository) with planted defects counted in `manifest.json`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus generator.
pub(crate) fn generator() -> Result<PathBuf, String> {
    let path = crate::codegen::root().join("../shared/bench/make_corpus.py");
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "the corpus generator is not at {}; it lives beside the repository in shared/bench/",
            path.display()
        ))
    }
}

/// Makes (or reuses) a corpus of `n` briefs of about `words` words under `target/corpora/`.
pub(crate) fn make(n: usize, words: usize, seed: u64) -> Result<PathBuf, String> {
    let dir = crate::codegen::root()
        .join("target/corpora")
        .join(format!("n{n}-w{words}-s{seed}"));
    if dir.join("manifest.json").is_file() {
        return Ok(dir);
    }
    let status = Command::new("python3")
        .arg(generator()?)
        .args(["--out", &dir.display().to_string()])
        .args([
            "--n",
            &n.to_string(),
            "--words",
            &words.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .status()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !status.success() {
        return Err("the corpus generator failed".to_owned());
    }
    Ok(dir)
}

/// The briefs of a corpus, sorted.
pub(crate) fn briefs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    Ok(files)
}
