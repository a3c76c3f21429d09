//! Labels of the follow-up calls (客户回访): the queue, the call screen and
//! the request page's follow-up panel. Reached through [`I18n::f`]; the macro
//! keeps both languages complete.

use crate::hooks::I18n;
use crate::i18n::Lang;
use furrow_domain::service::Satisfaction;
use furrow_domain::service::follow_up::{ContactMethod, FollowUpQueue, FollowUpStatus};

macro_rules! labels {
    ($($key:ident => ($zh:expr, $en:expr),)+) => {
        /// A label of the follow-up pages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum F {
            $($key,)+
        }

        impl F {
            /// (zh-CN, English).
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $(F::$key => ($zh, $en),)+
                }
            }
        }
    };
}

labels! {
    Title => ("客户回访", "Follow-ups"),
    TabDue => ("待回访", "Due"),
    TabOverdue => ("回访逾期", "Overdue"),
    TabDone => ("已回访", "Done"),
    TabUnreachable => ("无法联系", "Unreachable"),
    Nothing => ("这里没有回访。", "No follow-ups here."),
    ColRequest => ("报修单", "Request"),
    ColCustomer => ("客户", "Customer"),
    ColPhone => ("电话", "Phone"),
    ColMachine => ("机器", "Machine"),
    ColDue => ("回访期限", "Due"),
    ColAttempts => ("尝试次数", "Attempts"),
    ColState => ("状态", "State"),
    Call => ("回访", "Call"),
    CallTitle => ("回访 {0}", "Follow-up {0}"),
    Summary => ("服务概况", "The service"),
    Fault => ("报修内容", "Reported fault"),
    Engineer => ("维修工程师", "Engineer"),
    Script => ("回访话术", "Script"),
    Q1 => ("您好，这里是售后服务部，想了解一下上次维修后机器的情况。", "Hello, this is the after-sales service department; we are calling about your machine after the last repair."),
    Q2 => ("您对这次服务满意吗？", "How satisfied are you with the service?"),
    Q3 => ("机器现在运行正常吗？", "Is the machine running normally now?"),
    Q4 => ("您有什么意见和建议吗？", "Do you have any comments or suggestions?"),
    Method => ("回访方式", "Method"),
    Satisfaction => ("满意度", "Satisfaction"),
    RunningNormally => ("使用情况", "Machine running"),
    RunsNormally => ("运行正常", "Runs normally"),
    NotNormal => ("运行不正常（开新报修单）", "Not normal (opens a new request)"),
    Comments => ("意见", "Comments"),
    Suggestions => ("建议", "Suggestions"),
    Note => ("备注", "Note"),
    RecordOutcome => ("记录回访结果并结案", "Record the outcome and close"),
    NotReached => ("未接通", "Not reached"),
    ReachedLater => ("已接通，稍后再谈", "Reached, call back later"),
    CloseUnreachable => ("按无法联系结案", "Close as unreachable"),
    AttemptsLine => ("已尝试 {0} 次，其中未接通 {1} 次（{2} 次后可按无法联系结案）", "{0} attempts, {1} not reached ({2} allow closing as unreachable)"),
    Recorded => ("已记录。", "Recorded."),
    Closed => ("回访已完成，报修单已关闭。", "Follow-up done; the request is closed."),
    RepeatOpened => ("已开新报修单", "New request opened"),
    Panel => ("客户回访", "Follow-up"),
    None => ("服务完成后安排回访。", "A follow-up is scheduled once the service is done."),
    Overdue => ("逾期", "overdue"),
    RepeatOf => ("返修来源（回访发现问题的原报修单）", "Repeat of"),
}

impl I18n {
    /// A label of the follow-up pages in the current language.
    pub fn fu(&self, key: F) -> &'static str {
        let (zh, en) = key.pair();
        match self.lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// A label with `{0}`, `{1}`... filled in.
    pub fn fuf(&self, key: F, args: &[&str]) -> String {
        let mut out = self.fu(key).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// A tab of the queue.
pub fn queue(q: FollowUpQueue) -> F {
    match q {
        FollowUpQueue::Due => F::TabDue,
        FollowUpQueue::Overdue => F::TabOverdue,
        FollowUpQueue::Done => F::TabDone,
        FollowUpQueue::Unreachable => F::TabUnreachable,
    }
}

/// A follow-up's state.
pub fn status(s: FollowUpStatus, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        FollowUpStatus::Pending => ("待回访", "Pending"),
        FollowUpStatus::Done => ("已回访", "Done"),
        FollowUpStatus::Unreachable => ("无法联系", "Unreachable"),
    };
    if lang == Lang::ZhCn { zh } else { en }
}

/// How the customer was contacted.
pub fn method(m: ContactMethod, lang: Lang) -> &'static str {
    let (zh, en) = match m {
        ContactMethod::Phone => ("电话", "Phone"),
        ContactMethod::Email => ("邮件", "Email"),
        ContactMethod::Sms => ("短信", "SMS"),
        ContactMethod::Visit => ("上门", "Visit"),
    };
    if lang == Lang::ZhCn { zh } else { en }
}

/// A mark on the five-point scale.
pub fn satisfaction(s: Satisfaction, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        Satisfaction::VerySatisfied => ("非常满意", "Very satisfied"),
        Satisfaction::Satisfied => ("满意", "Satisfied"),
        Satisfaction::Neutral => ("一般", "Neutral"),
        Satisfaction::Dissatisfied => ("不满意", "Dissatisfied"),
        Satisfaction::VeryDissatisfied => ("非常不满意", "Very dissatisfied"),
    };
    if lang == Lang::ZhCn { zh } else { en }
}
