//! The store's clock. Commands read the time from it, never from the system
//! directly, so the demo loader can replay months of history through the real
//! commands by setting the time, and tests can stand still.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

/// The time source of a [`crate::Store`].
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// A time that moves only when told; clones share it.
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A clock standing at `start` until [`Clock::advance`] or [`Clock::set`].
    pub fn manual(start: DateTime<Utc>) -> Self {
        Clock::Manual(Arc::new(Mutex::new(micros(start))))
    }

    /// The current time at the microsecond precision both databases store, so
    /// a value read back equals the value written (keyset cursors depend on it).
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => micros(Utc::now()),
            Clock::Manual(t) => *t.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Moves a manual clock on by `by`; the system clock is not moved.
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(t) = self {
            let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
            *t = micros(*t + by);
        }
    }

    /// Sets a manual clock to `to`; the system clock is not moved.
    pub fn set(&self, to: DateTime<Utc>) {
        if let Clock::Manual(t) = self {
            *t.lock().unwrap_or_else(|e| e.into_inner()) = micros(to);
        }
    }
}

fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let start = Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap();
        let clock = Clock::manual(start);
        let shared = clock.clone();
        assert_eq!(clock.now(), start);
        clock.advance(Duration::hours(3));
        assert_eq!(shared.now(), start + Duration::hours(3));
        shared.set(start);
        assert_eq!(clock.now(), start);
    }
}
