//! A record's audited events (a service request's, a user's) in the one
//! timeline, whatever state their loading is in.

use crate::components::remote::remote;
use crate::components::timeline::{TimelineProps, timeline};
use crate::hooks::{I18n, Remote};
use furrow_domain::archive::TimelineEntry;
use furrow_domain::audit::AuditEventView;
use furrow_domain::dealers::DealerView;
use yew::prelude::*;

/// The events under `title`; `newest_first` turns the server's order (oldest
/// first) around; `dealers` name the dealers the events mention.
pub fn history(
    i18n: &I18n,
    events: &Remote<Vec<AuditEventView>>,
    title: &str,
    newest_first: bool,
    dealers: Vec<DealerView>,
) -> Html {
    remote(i18n, events, None, |events| {
        let mut entries: Vec<TimelineEntry> =
            events.iter().cloned().map(TimelineEntry::from).collect();
        if newest_first {
            entries.reverse();
        }
        let title = Some(AttrValue::from(title.to_owned()));
        timeline(
            i18n,
            &yew::props!(TimelineProps {
                entries,
                title,
                dealers
            }),
        )
    })
}
