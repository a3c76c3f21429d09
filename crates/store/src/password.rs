//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes),
//! off the async threads because each hash takes tens of milliseconds.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// Each argon2 hash takes 19 MiB for tens of milliseconds. Running at most one
/// per core keeps a burst of sign-ins (or a login flood) from holding hundreds
/// of megabytes at once; the rest wait their turn.
fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        Semaphore::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        )
    })
}

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> String {
    let _slot = hashing_slots()
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .expect("hashing task panicked")
}

/// Hashes synchronously (demo data and CLI).
pub fn hash_blocking(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 accepts any password length we allow")
        .to_string()
}

/// Checks `password` against `phc`. `None` compares against a fixed dummy hash,
/// so an unknown user name costs as much time as a known one.
pub async fn verify(password: String, phc: Option<String>) -> bool {
    let _slot = hashing_slots()
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || {
        let known = phc.is_some();
        let phc = phc.unwrap_or_else(|| dummy_hash().to_owned());
        match PasswordHash::new(&phc) {
            Ok(parsed) => {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
                    && known
            }
            Err(_) => false,
        }
    })
    .await
    .expect("verify task panicked")
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("furrow-dummy-password-never-matches"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn right_password_verifies_and_wrong_one_does_not() {
        let h = hash("correct horse battery".into()).await;
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify("wrong".into(), Some(h)).await);
    }

    #[tokio::test]
    async fn unknown_user_never_verifies() {
        assert!(!verify("furrow-dummy-password-never-matches".into(), None).await);
    }
}
