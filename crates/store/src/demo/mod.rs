//! Demo data: a working after-sales department for trying Furrow out, loaded
//! only into an empty database. The demo accounts share a published password,
//! so the server warns at start-up while any of them is still active.
//!
//! Two entry points: [`load_master_if_empty`] (accounts and master data, what
//! tests need, fast) and [`load_department_if_empty`] (the same plus about
//! eighteen months of service history replayed through the real commands, what
//! `furrow serve --demo` shows).

mod absences;
mod faults;
mod follow_ups;
mod history;
mod master;
pub mod names;
mod parts;
mod plan;
mod purchasing;
mod signature;
mod stocktakes;

use crate::error::StoreError;
use crate::{Store, users};
use std::time::{Duration, Instant};

pub use master::{DEMO_PASSWORD, DEMO_USERNAMES};

/// The seed of the demo's history: the same seed and start time give the same
/// department on every machine.
pub const HISTORY_SEED: u64 = 20_261_206;

/// What [`load_department_if_empty`] loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    /// Service requests recorded.
    pub requests: usize,
    /// Workflow commands run, intakes included.
    pub commands: usize,
    /// Wall time of the whole load.
    pub elapsed: Duration,
}

/// Loads the demo accounts and master data unless the database already has
/// users. Returns whether it loaded.
pub async fn load_master_if_empty(store: &Store) -> Result<bool, StoreError> {
    if users::count(store).await? > 0 {
        return Ok(false);
    }
    master::load(store).await?;
    Ok(true)
}

/// Loads the accounts, the master data and the service history ending at the
/// store's current time, unless the database already has users.
pub async fn load_department_if_empty(store: &Store) -> Result<Option<Loaded>, StoreError> {
    let started = Instant::now();
    if !load_master_if_empty(store).await? {
        return Ok(None);
    }
    // The parts department first, stocked before the history begins, so the
    // history's approvals make requisitions the clerk issues from stock;
    // purchasing's requests and the stock-takes are of the last weeks.
    let end = store.now();
    let stocked = crate::clock::Clock::manual(end - chrono::Duration::days(plan::DAYS + 30));
    let stock = parts::load(&store.clone().with_clock(stocked)).await?;
    let (requests, commands) = history::replay(store, HISTORY_SEED, end).await?;
    purchasing::load(store, &stock.short_parts, stock.central, &stock.bin).await?;
    stocktakes::load(store).await?;
    Ok(Some(Loaded {
        requests,
        commands,
        elapsed: started.elapsed(),
    }))
}
