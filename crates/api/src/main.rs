//! The `furrow` binary: a thin shell over [`furrow_api::cli`].

fn main() -> anyhow::Result<()> {
    furrow_api::allocator::keep_memory_small();
    actix_web::rt::System::new().block_on(furrow_api::cli::run())
}
