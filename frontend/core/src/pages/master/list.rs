//! What the master lists share beyond the list page itself: the API
//! parameters of their URL filters and their active/inactive filter.

use crate::components::list_toolbar::Filter;
use crate::hooks::I18n;
use crate::i18n::master::M;

/// A URL filter passed to the API as it is.
pub fn same_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    let key = match key {
        "q" => "q",
        "province" => "province",
        "kind" => "kind",
        "category" => "category",
        "status" => "status",
        "warranty" => "warranty",
        "skill" => "skill",
        _ => return None,
    };
    Some((key, value.to_owned()))
}

/// `status=active|inactive` in the URL is the API's `active=true|false`.
pub fn active_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match (key, value) {
        ("status", "active") => Some(("active", "true".into())),
        ("status", "inactive") => Some(("active", "false".into())),
        ("status", _) => None,
        _ => same_param(key, value),
    }
}

/// A filter of a master list: one of `values`, after "all".
pub fn choose(i18n: &I18n, key: &'static str, label: M, values: Vec<(&'static str, M)>) -> Filter {
    let choices = values.into_iter().map(|(v, m)| (v, i18n.m(m).into()));
    Filter::choose(key, i18n.m(label), i18n.m(M::All), choices.collect())
}

/// The active/inactive choice every master list offers.
pub fn status_filter(i18n: &I18n) -> Filter {
    let values = vec![("active", M::Active), ("inactive", M::Inactive)];
    choose(i18n, "status", M::Status, values)
}
