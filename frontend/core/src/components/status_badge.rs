//! Small coloured labels for states and roles.

use yew::prelude::*;

/// The colour of a badge, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Info,
    Success,
    /// Needs attention soon (a warranty about to end).
    Warning,
    /// Over or wrong (an expired warranty, a row in error).
    Danger,
    /// Waiting for the office (a report to review).
    Violet,
    /// The busy season (harvest-critical work).
    Harvest,
    /// Under the statutory warranty (三包).
    Sanbao,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge-neutral",
            Tone::Info => "badge-info",
            Tone::Success => "badge-success",
            Tone::Warning => "badge-warning",
            Tone::Danger => "badge-danger",
            Tone::Violet => "badge-violet",
            Tone::Harvest => "badge-harvest",
            Tone::Sanbao => "badge-sanbao",
        }
    }
}

/// The one badge of the app: a coloured label, with a test id when a test
/// or a page needs to find it.
pub fn badge(tone: Tone, label: &str, testid: Option<String>) -> Html {
    html! {
        <span class={classes!("badge", tone.class())} data-testid={testid}>{ label.to_owned() }</span>
    }
}
