//! Uploaded spreadsheets into rows: the bytes are read here, so the store
//! receives decoded rows and keeps to persistence.

mod decode;

pub use decode::{FileFormat, decode};
