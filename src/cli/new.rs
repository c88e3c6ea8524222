//! `bedside new ID`: writes a valid scenario skeleton to fill in.

use std::path::Path;

use super::error::{CliError, CliResult};
use bedside_core::check::is_valid_id;
use bedside_core::scenario::skeleton::skeleton;

pub fn run(id: &str, dir: &Path, force: bool) -> CliResult {
    if !is_valid_id(id) {
        return Err(CliError::usage(format!("`{id}` is not a valid id: use lowercase letters, digits and `-`")));
    }
    let path = dir.join(format!("{id}.ron"));
    if path.exists() && !force {
        return Err(CliError::failed(format!("{} already exists (use --force to overwrite it)", path.display())));
    }
    std::fs::create_dir_all(dir).map_err(CliError::file("cannot create", dir))?;
    std::fs::write(&path, skeleton(id, &path.display().to_string())).map_err(CliError::file("cannot write", &path))?;
    outln!("wrote {}", path.display());
    outln!("fill it in, then check it with: bedside validate {}", path.display());
    Ok(())
}
