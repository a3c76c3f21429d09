//! Error and notice banners, and the translated text of an API problem.

use crate::hooks::I18n;
use crate::i18n::{Lang, T};
use crate::services::requests::ApiError;
use furrow_domain::error::ProblemCode;
use yew::prelude::*;

/// The text of a workflow refusal named by its problem code (the domain's
/// `DomainError`), so the user reads why in their language, not the server's
/// English. The generic codes fall through to the status texts below.
fn refusal_text(code: ProblemCode, lang: Lang) -> Option<&'static str> {
    use ProblemCode::*;
    let (zh, en) = match code {
        NoVisitNeeded => (
            "此请求无需上门，请远程解决或先修改请求。",
            "This request needs no visit: resolve it remotely or change it first.",
        ),
        SameEngineer => (
            "该工单已指派给这位工程师。",
            "The work order is already assigned to this engineer.",
        ),
        NotYourWorkOrder => (
            "该工单已指派给其他工程师。",
            "This work order is assigned to another engineer.",
        ),
        ReportBeforeVisit => (
            "工程师到达现场后才能填写维修报告。",
            "The repair report is written once the engineer is on site.",
        ),
        VisitNotFinished => (
            "请先完成现场服务（含检查）再提交报告。",
            "Finish the visit (with its inspection) before submitting the report.",
        ),
        InspectionFailed => (
            "质量检验不合格，不能审核通过：请驳回，工程师返工后重新提交。",
            "The inspection after the repair failed: reject the report to send the engineer back.",
        ),
        AlreadyAcknowledged => (
            "客户已现场确认过本次服务。",
            "The customer already acknowledged this visit.",
        ),
        LinkUsed => ("此签字链接已使用。", "This sign-off link was already used."),
        LinkExpired => ("此签字链接已过期。", "This sign-off link has expired."),
        NotAwaitingSignature => (
            "该报告已不在等待签字。",
            "This report is no longer waiting for a signature.",
        ),
        Duplicate => (
            "已存在相同值的记录。",
            "A record with this value already exists.",
        ),
        NoCustomerChoice => (
            "此报修未超过三包修理期限或已修好，客户无需选择继续修理或换货。",
            "This repair is not past its 三包 deadline unrepaired: the customer has no choice to make.",
        ),
        ReportNotApproved => (
            "报告尚未审核通过：审核通过后才能生成签字链接。",
            "The report is not approved yet: its sign-off link is issued after the review.",
        ),
        TooFewAttempts => (
            "未接通次数不足，尚不能按无法联系结案。",
            "Too few attempts without reaching the customer to close as unreachable yet.",
        ),
        InsufficientStock => (
            "库存不足：出库数量超过该仓库现有库存，未做任何记账。",
            "Not enough stock: more than the warehouse holds; nothing was posted.",
        ),
        UncountedLines => (
            "还有未盘的行：请先录入实盘数（没有就填 0），或取消盘点。",
            "Some lines are not counted yet: count them (0 if none is found) or cancel the stock-take.",
        ),
        StocktakeInProgress => (
            "该仓库正在盘点：请先调账或取消那次盘点。",
            "The warehouse is being counted: reconcile or cancel that stock-take first.",
        ),
        OverReceipt => (
            "到货数量超过该采购申请尚未到货的数量，未做任何记账。",
            "More than is still outstanding on this purchase request; nothing was posted.",
        ),
        NotFound | Forbidden | StaleVersion | InvalidState | ValidationFailed => return None,
    };
    Some(match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    })
}

/// The refusal text of an error's code, if it names a workflow refusal.
fn known_refusal(err: &ApiError, lang: Lang) -> Option<&'static str> {
    ProblemCode::parse(err.code()).and_then(|c| refusal_text(c, lang))
}

/// Translations of the API's problem details that users meet in normal work.
/// Anything else falls back to the translated status and the server's words.
fn known_detail(detail: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match detail {
        "you cannot deactivate yourself" => (
            "不能停用自己的账号。",
            "You cannot deactivate your own account.",
        ),
        "you cannot remove your own admin role" => (
            "不能移除自己的管理员角色。",
            "You cannot remove your own administrator role.",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    })
}

/// What went wrong, in the user's language.
pub fn problem_text(i18n: &I18n, err: &ApiError) -> String {
    if let Some(text) = err
        .problem
        .detail
        .as_deref()
        .and_then(|d| known_detail(d, i18n.lang))
    {
        return text.to_owned();
    }
    if let Some(text) = known_refusal(err, i18n.lang) {
        return text.to_owned();
    }
    let key = match (err.status(), err.code()) {
        (0, _) => T::ErrNetwork,
        (412, _) | (_, "stale_version") => T::ErrStale,
        (422, _) => T::ErrValidation,
        (401, _) => T::ErrUnauthorized,
        (403, _) => T::ErrForbidden,
        (404, _) => T::ErrNotFound,
        (409, _) => T::ErrConflict,
        (400, _) => T::ErrBadRequest,
        (s, _) if s >= 500 => T::ErrServer,
        _ => T::ErrGeneric,
    };
    i18n.t(key).to_owned()
}

/// Whether the server's own words add something to [`problem_text`].
fn server_words(i18n: &I18n, err: &ApiError) -> Option<String> {
    let detail = err.problem.detail.as_deref()?;
    let useful = !matches!(err.status(), 0 | 401 | 422 | 412 | 500..)
        && known_detail(detail, i18n.lang).is_none()
        && known_refusal(err, i18n.lang).is_none();
    useful.then(|| detail.to_owned())
}

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub error: ApiError,
    /// Shows a Retry button.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
    /// Label of the retry button (default "Retry").
    #[prop_or_default]
    pub retry_label: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A failed call, with the server's details when they help.
pub fn error_banner(i18n: &I18n, props: &ErrorBannerProps) -> Html {
    let ErrorBannerProps {
        error,
        on_retry,
        retry_label,
        testid,
    } = props;
    let retry = on_retry.as_ref().map(|cb| {
        let cb = cb.clone();
        let label = retry_label
            .clone()
            .unwrap_or_else(|| AttrValue::from(i18n.t(T::Retry)));
        html! {
            <button type="button" class="btn btn-small" onclick={Callback::from(move |_| cb.emit(()))}>
                { label }
            </button>
        }
    });
    html! {
        <div class="banner banner-error" role="alert"
             data-testid={testid.clone().unwrap_or_else(|| AttrValue::from("error-banner"))}>
            <div class="banner-text">
                <strong>{ problem_text(i18n, error) }</strong>
                if let Some(words) = server_words(i18n, error) {
                    <div class="banner-detail">{ format!("{}: {words}", i18n.t(T::ServerSaid)) }</div>
                }
            </div>
            { for retry }
        </div>
    }
}

/// The kind of a [`Notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub kind: NoticeKind,
    pub text: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A status message (saved, created...), announced politely to screen readers.
pub fn notice(props: &NoticeProps) -> Html {
    let NoticeProps { kind, text, testid } = props;
    let class = match kind {
        NoticeKind::Info => "banner-info",
        NoticeKind::Success => "banner-success",
        NoticeKind::Warning => "banner-warning",
    };
    html! {
        <div class={classes!("banner", class)} role="status" data-testid={testid.clone()}>
            <div class="banner-text">{ text.clone() }</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal the domain can name has its own text in both languages;
    /// only the generic codes are left to the status texts.
    #[test]
    fn every_workflow_refusal_has_a_text_in_both_languages() {
        use ProblemCode::*;
        let generic = [
            NotFound,
            Forbidden,
            StaleVersion,
            InvalidState,
            ValidationFailed,
        ];
        for code in ProblemCode::ALL {
            let zh = refusal_text(*code, Lang::ZhCn);
            let en = refusal_text(*code, Lang::En);
            if generic.contains(code) {
                assert!(zh.is_none() && en.is_none(), "{code:?}");
            } else {
                assert!(zh.is_some() && en.is_some() && zh != en, "{code:?}");
            }
        }
    }
}
