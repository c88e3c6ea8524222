//! `bedside new ID`: writes a valid scenario skeleton to fill in.

use std::path::Path;

use super::USAGE;
use bedside_core::check::is_valid_id;
use bedside_core::scenario::skeleton::skeleton;

pub fn run(id: &str, dir: &Path, force: bool) -> u8 {
    if !is_valid_id(id) {
        eprintln!("error: `{id}` is not a valid id: use lowercase letters, digits and `-`");
        return USAGE;
    }
    let path = dir.join(format!("{id}.ron"));
    if path.exists() && !force {
        eprintln!("error: {} already exists (use --force to overwrite it)", path.display());
        return 1;
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return 1;
    }
    match std::fs::write(&path, skeleton(id, &path.display().to_string())) {
        Ok(()) => {
            outln!("wrote {}", path.display());
            outln!("fill it in, then check it with: bedside validate {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            1
        }
    }
}
