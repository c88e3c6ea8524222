//! The educator passphrase (an Argon2id hash, set on first use) and the educator's settings.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::{Store, StoreError};

/// Why the educator passphrase was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("no educator passphrase has been set yet")]
    NotSet,
    #[error("that is not the educator passphrase")]
    Wrong,
    #[error("the educator passphrase is already set")]
    AlreadySet,
    #[error("an educator passphrase needs at least {0} characters")]
    TooShort(usize),
    #[error("the stored passphrase hash cannot be read ({0})")]
    Stored(String),
}

/// The meta key of the educator's choice to send typed replies to the LRS.
const SHARE_TYPED: &str = "share_typed";

/// Fewest characters in an educator passphrase.
pub const MIN_PASSPHRASE: usize = 8;

impl Store {
    /// Whether an educator passphrase has been set.
    pub fn has_educator(&self) -> Result<bool, StoreError> {
        Ok(self.meta("educator_passphrase")?.is_some())
    }

    /// Sets the educator passphrase the first time; refused once one is set.
    pub fn set_educator(&mut self, passphrase: &str) -> Result<Result<(), AccessError>, StoreError> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Ok(Err(AccessError::TooShort(MIN_PASSPHRASE)));
        }
        let hash = match Argon2::default().hash_password(passphrase.as_bytes()) {
            Ok(h) => h.to_string(),
            Err(e) => return Ok(Err(AccessError::Stored(e.to_string()))),
        };
        let n = self
            .conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('educator_passphrase', ?1) ON CONFLICT (key) DO NOTHING",
                [hash],
            )
            .map_err(|e| self.err(e))?;
        Ok(if n == 1 { Ok(()) } else { Err(AccessError::AlreadySet) })
    }

    /// Checks the educator passphrase against the stored Argon2id hash.
    pub fn check_educator(&self, passphrase: &str) -> Result<Result<(), AccessError>, StoreError> {
        let Some(stored) = self.meta("educator_passphrase")? else {
            return Ok(Err(AccessError::NotSet));
        };
        let hash = match PasswordHash::new(&stored) {
            Ok(h) => h,
            Err(e) => return Ok(Err(AccessError::Stored(e.to_string()))),
        };
        Ok(Argon2::default().verify_password(passphrase.as_bytes(), &hash).map_err(|_| AccessError::Wrong))
    }

    /// Whether an educator allows typed replies to go to the LRS (they are
    /// personal data; off unless set).
    pub fn share_typed(&self) -> Result<bool, StoreError> {
        Ok(self.meta(SHARE_TYPED)?.as_deref() == Some("yes"))
    }

    /// Allows or stops sending typed replies to the LRS. The caller checks the
    /// educator passphrase first.
    pub fn set_share_typed(&mut self, share: bool) -> Result<(), StoreError> {
        self.set_meta(SHARE_TYPED, if share { "yes" } else { "no" })
    }
}
