//! The `furrow` binary: a thin shell over [`furrow_api::cli`].

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    furrow_api::cli::run().await
}
