//! Labels of the webhook pages (事件推送), as constants of [`T`] so only the
//! integrations bundle carries them.

use super::T;

labels! {
    NavIntegrations => ("系统对接", "Integrations"),
    WebhooksTitle => ("事件推送（Webhook）", "Webhooks"),
    WebhooksIntro => (
        "把变更流推送到对方系统的地址：每个事件签名后按提交顺序逐个发送，对方未回 2xx 时自动重试，失败满一天后停用。",
        "Push the change feed to another system's address: each event is signed and sent one at a time in commit order, retried until the receiver answers 2xx, and the subscription is disabled after a day of failures.",
    ),
    NewWebhook => ("新建推送", "New webhook"),
    Subscribing => ("正在创建…", "Creating…"),
    NoWebhooks => ("还没有事件推送。", "No webhooks yet."),
    WebhookUrl => ("推送地址", "URL"),
    WebhookUrlHint => (
        "对方系统接收事件的 https:// 地址；公司内网地址需服务器允许。",
        "The https:// address that receives the events; addresses inside the network need the server's permission.",
    ),
    WebhookEvents => ("推送的事件", "Events"),
    WebhookEventsHint => (
        "每行一个：记录类型（service_request）或记录类型.事件（service_request.dispatched）；留空表示全部。",
        "One a line: a record kind (service_request) or a kind and an event (service_request.dispatched); empty: all.",
    ),
    AllEvents => ("全部事件", "All events"),
    WebhookDealerHint => (
        "只推送该经销商的记录（按经销商系统能看到的内容）；留空表示全部。",
        "Only that dealer's records, as its own system reads them; empty: every dealer's.",
    ),
    EveryDealer => ("全部", "All"),
    WebhookDescription => ("说明", "Description"),
    WebhookStatus => ("状态", "Status"),
    WebhookEnabled => ("推送中", "Delivering"),
    WebhookFailing => ("推送失败", "Failing"),
    WebhookDisabled => ("已停用", "Disabled"),
    WebhookGaveUp => (
        "连续推送失败满 {0} 小时，已自动停用",
        "Disabled after {0} hours of failed deliveries",
    ),
    WebhookDisabledReason => ("停用原因", "Why disabled"),
    WebhookNextAttempt => ("下次推送", "Next attempt"),
    WebhookFailures => ("连续失败次数", "Failures in a row"),
    WebhookFailingSince => ("失败开始于", "Failing since"),
    WebhookCursor => ("已推送到位置", "Delivered up to"),
    WebhookCreated => ("事件推送已创建。", "Webhook created."),
    WebhookSecret => ("签名密钥（whsec_）", "Signing secret (whsec_)"),
    WebhookSecretOnce => (
        "密钥只显示这一次。对方系统用它按 Standard Webhooks 规范校验 webhook-signature。",
        "This secret is shown this once. The receiver verifies each webhook-signature with it, the Standard Webhooks way.",
    ),
    WebhookId => ("推送 ID", "Webhook ID"),
    WebhookSection => ("推送设置", "Subscription"),
    Disable => ("停用", "Disable"),
    Enable => ("启用并立即重试", "Enable and retry now"),
    DeleteWebhook => ("删除", "Delete"),
    ConfirmDeleteWebhookTitle => ("删除事件推送？", "Delete the webhook?"),
    ConfirmDeleteWebhookBody => (
        "{0} 将不再收到事件，推送记录一并删除。",
        "{0} will receive no more events; its delivery log is deleted too.",
    ),
    DeliveriesSection => ("推送记录", "Deliveries"),
    NoDeliveries => ("还没有推送。", "Nothing delivered yet."),
    DeliveryAt => ("时间", "Time"),
    DeliveryEvent => ("事件", "Event"),
    DeliveryAttempt => ("第几次", "Attempt"),
    DeliveryResult => ("结果", "Result"),
    DeliveryDuration => ("耗时", "Took"),
    DeliveryManual => ("手动", "by hand"),
    Redeliver => ("重新推送", "Redeliver"),
    Redelivered => ("已重新推送：{0}", "Delivered again: {0}"),
}

/// The delivery log's words for why an attempt got no answer.
pub fn failure_label(f: furrow_domain::webhooks::DeliveryFailure) -> T {
    use furrow_domain::webhooks::DeliveryFailure as F;
    match f {
        F::Setup => T(&(
            "推送设置不可用（地址或密钥）",
            "The subscription cannot be sent (URL or secret)",
        )),
        F::Unresolvable => T(&("域名无法解析", "The host name does not resolve")),
        F::InternalAddress => T(&(
            "地址在公司内网，不允许推送",
            "The address is inside the network: not allowed",
        )),
        F::Timeout => T(&("对方超时未应答", "No answer in time")),
        F::Connect => T(&("无法连接对方系统", "Cannot connect to the receiver")),
    }
}
