//! xAPI 1.0.3 with a Learning Record Store: an attempt as statements
//! (`statements`), sending them from the store's queue (`send`), and reading the
//! cohort back from the LRS (`pull`). The LRS settings are here.
//!
//! Statement ids are UUIDs derived from the attempt's id (version 5), so a
//! statement sent twice is the same statement and the LRS keeps one copy.

mod pull;
mod send;
mod statements;

pub use pull::{OVERLAP, Progress, PullError, PullOptions, Pulled, TIMEOUT, last_pull, pull};
pub use send::{LEASE, Pushed, push_due};
pub use statements::{delivered, delivered_verb, statement_id, statements, statements_with, verdict};

use std::path::Path;

use base64::Engine as _;
use serde::Deserialize;

/// The xAPI version spoken.
pub const VERSION: &str = "1.0.3";

/// ADL verbs used.
pub const LAUNCHED: &str = "http://adlnet.gov/expapi/verbs/launched";
pub const RESPONDED: &str = "http://adlnet.gov/expapi/verbs/responded";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const ABANDONED: &str = "https://w3id.org/xapi/adl/verbs/abandoned";
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";

/// Where activity, extension and account IRIs start unless configured.
pub const DEFAULT_BASE: &str = "https://bedside.invalid";

/// Where to send statements. The password never appears in logs or `Debug`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LrsConfig {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example.org/xAPI/`.
    pub endpoint: String,
    pub username: String,
    pub password: String,
    /// IRI prefix for activities and accounts (default [`DEFAULT_BASE`]).
    #[serde(default)]
    pub activity_base: Option<String>,
}

impl std::fmt::Debug for LrsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsConfig")
            .field("endpoint", &self.endpoint)
            .field("username", &self.username)
            .field("password", &"(hidden)")
            .field("activity_base", &self.activity_base)
            .finish()
    }
}

/// The file, in the config folder, that may hold the LRS settings.
pub const CONFIG_FILE: &str = "lrs.ron";

impl LrsConfig {
    /// The LRS settings: from `BEDSIDE_LRS_ENDPOINT`, `BEDSIDE_LRS_USERNAME`,
    /// `BEDSIDE_LRS_PASSWORD` (and `BEDSIDE_XAPI_BASE`) when the endpoint is set,
    /// else from `lrs.ron` in the config folder, else none. A file that does not
    /// read is an error naming it.
    pub fn find(config_dir: Option<&Path>) -> Result<Option<LrsConfig>, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(endpoint) = var("BEDSIDE_LRS_ENDPOINT") {
            return LrsConfig {
                endpoint,
                username: var("BEDSIDE_LRS_USERNAME").unwrap_or_default(),
                password: var("BEDSIDE_LRS_PASSWORD").unwrap_or_default(),
                activity_base: var("BEDSIDE_XAPI_BASE"),
            }
            .checked()
            .map(Some);
        }
        let Some(dir) = config_dir else { return Ok(None) };
        let path = dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        // The parser's message can quote a value, and a value may be the
        // password: say only where the file stops reading.
        let config: LrsConfig = ron::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: the LRS settings do not read; expected (endpoint: \"…\", username: \"…\", password: \"…\")",
                path.display(),
                e.span.start.line,
                e.span.start.col
            )
        })?;
        config.checked().map(Some)
    }

    /// Refuses an endpoint with a user name or password in it: those go in their
    /// own settings, so that the endpoint can be shown in messages.
    fn checked(self) -> Result<LrsConfig, String> {
        let after_scheme = self.endpoint.split_once("://").map_or(self.endpoint.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err("the LRS endpoint has a user name or password in it; put them in BEDSIDE_LRS_USERNAME and BEDSIDE_LRS_PASSWORD (or lrs.ron's username and password) instead".into());
        }
        Ok(self)
    }

    pub fn base(&self) -> &str {
        self.activity_base.as_deref().unwrap_or(DEFAULT_BASE)
    }

    fn statements_url(&self) -> String {
        format!("{}/statements", self.endpoint.trim_end_matches('/'))
    }

    fn authorization(&self) -> String {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.username, self.password));
        format!("Basic {token}")
    }
}

#[cfg(test)]
mod tests;
