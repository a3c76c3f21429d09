//! HS256 access tokens. The algorithm is pinned: a token whose header names any
//! other algorithm (including `none`) is refused before its signature is looked at.

use chrono::Utc;
use furrow_domain::auth::{ACCESS_TOKEN_TTL_SECONDS, AccessClaims};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rand::RngCore;
use std::path::Path;
use uuid::Uuid;

/// Seconds of clock skew tolerated on `exp` and `iat`.
const LEEWAY_SECONDS: u64 = 5;

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECONDS;
        // `sid` is required too: `AccessClaims` does not deserialise without it.
        validation.set_required_spec_claims(&["exp", "iat", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Signs a 15-minute access token for `user_id` in session `sid`.
    pub fn issue(&self, user_id: Uuid, sid: Uuid) -> String {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user_id,
            sid,
            iat: now,
            exp: now + ACCESS_TOKEN_TTL_SECONDS,
            scope: None,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// Signs a 15-minute access token for the API client `client_id` with
    /// the granted `scope` (space-separated).
    pub fn issue_client(&self, client_id: Uuid, scope: String) -> String {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: client_id,
            sid: client_id,
            iat: now,
            exp: now + ACCESS_TOKEN_TTL_SECONDS,
            scope: Some(scope),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// Verifies signature, algorithm, expiry and issue time.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, String> {
        let data = decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|e| e.to_string())?;
        if data.claims.iat > Utc::now().timestamp() + LEEWAY_SECONDS as i64 {
            return Err("token issued in the future".into());
        }
        Ok(data.claims)
    }
}

/// The secret from the environment, or the one kept in the data folder, created
/// there (readable by the owner only) on first run.
pub fn load_or_create_secret(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context;
    if let Some(s) = configured {
        anyhow::ensure!(
            s.len() >= 32,
            "FURROW_JWT_SECRET must have at least 32 characters"
        );
        return Ok(s.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt.secret");
    if path.exists() {
        let s = std::fs::read_to_string(&path)
            .with_context(|| format!("Failed to read {}", path.display()))?;
        return Ok(s.trim().as_bytes().to_vec());
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("Failed to create {}", data_dir.display()))?;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    write_private(&path, &secret).with_context(|| format!("Failed to write {}", path.display()))?;
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_token_verifies_and_names_the_user() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let (id, sid) = (Uuid::now_v7(), Uuid::now_v7());
        let claims = keys.verify(&keys.issue(id, sid)).unwrap();
        assert_eq!((claims.sub, claims.sid), (id, sid));
    }

    #[test]
    fn token_of_another_key_is_refused() {
        let a = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let b = JwtKeys::new(b"fedcba9876543210fedcba9876543210");
        assert!(b.verify(&a.issue(Uuid::now_v7(), Uuid::now_v7())).is_err());
    }

    #[test]
    fn a_token_without_a_session_is_refused() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now().timestamp();
        let claims = serde_json::json!({"sub": Uuid::now_v7(), "iat": now, "exp": now + 600});
        let token = encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert!(keys.verify(&token).is_err());
    }

    #[test]
    fn secret_is_generated_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("furrow-jwt-{}", Uuid::now_v7()));
        let first = load_or_create_secret(None, &dir).unwrap();
        let second = load_or_create_secret(None, &dir).unwrap();
        assert_eq!(first, second);
        assert!(first.len() >= 64);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
