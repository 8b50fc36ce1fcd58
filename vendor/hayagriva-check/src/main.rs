//! Prints [`cases::render`] with the hayagriva that Cargo resolves: the crates.io release by
//! default, the vendored copy with `--config 'patch.crates-io.hayagriva.path="../hayagriva"'`.

mod cases;

fn main() {
    print!("{}", cases::render(include_str!("../items.json")));
}
