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
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge-neutral",
            Tone::Info => "badge-info",
            Tone::Success => "badge-success",
            Tone::Warning => "badge-warning",
            Tone::Danger => "badge-danger",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub tone: Tone,
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

pub fn badge(props: &BadgeProps) -> Html {
    let BadgeProps {
        tone,
        label,
        testid,
    } = props;
    html! {
        <span class={classes!("badge", tone.class())} data-testid={testid.clone()}>{ label.clone() }</span>
    }
}
