//! Stock-takes (盘点, the warehouse bundle): the list, opening one on a
//! warehouse, and the count sheet (phone-sized: one line per part with its
//! bin and a big input), with its variances, reconcile and cancel.
//!
//! Counts are blind: the book of a line shows only once the line is
//! counted, so the clerk writes what is on the shelf, not what the books
//! expect; the variance then shows at once and prompts a recount.

mod list;
mod new;
mod sheet;

pub use list::StocktakeListPage;
pub use new::NewStocktakePage;
pub use sheet::{StocktakeSheetProps, stocktake_sheet_page};

use crate::components::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::stocktakes::status_label;
use furrow_domain::parts::{StocktakeStatus, StocktakeView};
use rust_decimal::Decimal;
use yew::prelude::*;

/// The status as a badge.
fn status_badge(i18n: &I18n, s: StocktakeStatus, testid: Option<String>) -> Html {
    let tone = match s {
        StocktakeStatus::Open => Tone::Warning,
        StocktakeStatus::Reconciled => Tone::Success,
        StocktakeStatus::Cancelled => Tone::Neutral,
    };
    badge(tone, status_label(s, i18n.lang), testid)
}

/// A quantity as people write it (`12`, `2.5`).
fn qty(q: Decimal) -> String {
    q.normalize().to_string()
}

/// A signed variance (`+1`, `-2.5`, `0`).
fn signed(q: Decimal) -> String {
    if q > Decimal::ZERO {
        format!("+{}", qty(q))
    } else {
        qty(q)
    }
}

/// The accuracy as a percentage, or a dash.
fn accuracy(st: &StocktakeView) -> String {
    st.accuracy_percent
        .map(|p| format!("{p:.2}%"))
        .unwrap_or_else(|| "—".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variances_carry_their_sign() {
        assert_eq!(signed("1.000".parse().unwrap()), "+1");
        assert_eq!(signed("-2.500".parse().unwrap()), "-2.5");
        assert_eq!(signed(Decimal::ZERO), "0");
    }
}
