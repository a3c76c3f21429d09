//! Authentication: JWT access tokens and the extractor that turns a bearer
//! token into the acting user.

pub mod extractor;
pub mod jwt;

pub use extractor::Authenticated;
