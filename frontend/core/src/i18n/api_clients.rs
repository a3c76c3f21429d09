//! Labels of the API client pages (接口客户端), as constants of [`T`] so only
//! the administration bundle carries them.

use super::{Lang, T};
use furrow_domain::api_clients::{ClientRole, ClientScope};

labels! {
    ApiClientsTitle => ("接口客户端", "API clients"),
    ApiClientsIntro => (
        "其他系统（经销商的系统、集成系统）用客户端凭证调用接口，不用个人账号。",
        "Other systems (a dealer's, an integration) call the API with client credentials instead of a person's account.",
    ),
    AboutApiClients => (
        "登记其他系统的客户端凭证，查看调用情况，轮换或吊销密钥。",
        "Register other systems' client credentials, see their use, rotate or revoke secrets.",
    ),
    RegisterClient => ("登记客户端", "Register a client"),
    Registering => ("正在登记…", "Registering…"),
    NoApiClients => ("还没有接口客户端。", "No API clients yet."),
    ClientName => ("名称", "Name"),
    ClientNameHint => ("管理员和操作记录里看到的名称。", "What administrators and the audit log show."),
    ClientRoleLabel => ("角色", "Role"),
    ClientScopes => ("权限范围", "Scopes"),
    ClientIps => ("允许的地址", "Allowed addresses"),
    ClientIpsHint => (
        "每行一个地址或网段（如 10.0.0.0/8）；留空表示不限。",
        "One address or CIDR range a line (e.g. 10.0.0.0/8); empty: anywhere.",
    ),
    ClientStatus => ("状态", "Status"),
    ClientActive => ("有效", "Active"),
    ClientRevoked => ("已吊销", "Revoked"),
    ClientLastUse => ("最近调用", "Last call"),
    ClientCalls => ("调用 / 出错", "Calls / errors"),
    ClientId => ("客户端 ID（client_id）", "Client ID (client_id)"),
    ClientSecret => ("客户端密钥（client_secret）", "Client secret (client_secret)"),
    SecretOnce => (
        "密钥只显示这一次，Furrow 只保存它的摘要。请立即复制并妥善保存；丢失后只能轮换生成新密钥。",
        "This secret is shown this once; Furrow keeps only its digest. Copy it now and keep it safe: if it is lost, rotate to get a new one.",
    ),
    SecretDone => ("我已保存密钥", "I have saved the secret"),
    Copy => ("复制", "Copy"),
    Copied => ("已复制", "Copied"),
    ClientRegistered => ("客户端 {0} 已登记。", "Client {0} registered."),
    UsageSection => ("调用情况", "Usage"),
    UsageCalls => ("调用次数", "Calls"),
    UsageErrors => ("出错次数", "Errors"),
    UsageLastCall => ("最近调用", "Last call"),
    UsageLastToken => ("最近取令牌", "Last token"),
    UsageNote => (
        "包括本服务器尚未写入数据库的调用；每 10 秒汇总一次。",
        "Includes this server's calls not yet stored; totals are saved every 10 s.",
    ),
    ClientSection => ("客户端", "Client"),
    ClientCreated => ("登记时间", "Registered"),
    ClientRotated => ("上次轮换", "Last rotated"),
    PreviousValidUntil => ("旧密钥有效至", "Old secret valid until"),
    RevokedAt => ("吊销时间", "Revoked"),
    Anywhere => ("不限", "Anywhere"),
    Never => ("从未", "Never"),
    RotateSection => ("轮换密钥", "Rotate the secret"),
    RotateIntro => (
        "生成新密钥。正在使用的旧密钥在重叠期内仍然有效，对方系统可以在此期间换用新密钥而不中断；更早轮换留下的密钥立即失效。",
        "Makes a new secret. The secret in use stays valid during the overlap, so the other system can switch without downtime; a secret left from an earlier rotation stops at once.",
    ),
    OverlapMinutes => ("重叠期（分钟）", "Overlap (minutes)"),
    OverlapHint => ("0 表示旧密钥立即失效；最长一周（10080 分钟）。", "0: the old secret stops at once; at most a week (10080 minutes)."),
    Rotate => ("轮换密钥", "Rotate"),
    Rotating => ("正在轮换…", "Rotating…"),
    Rotated => (
        "已生成新密钥。旧密钥有效至 {0}。",
        "New secret made. The old one is accepted until {0}.",
    ),
    RotatedNoOverlap => ("已生成新密钥，旧密钥已失效。", "New secret made; the old one no longer works."),
    RevokeSection => ("吊销", "Revoke"),
    RevokeIntro => (
        "吊销后不再发放令牌，已发放的令牌在 2 秒内失效。不能撤销。",
        "Once revoked no token is issued and the tokens it holds stop working within 2 s. This cannot be undone.",
    ),
    Revoke => ("吊销", "Revoke"),
    ConfirmRevokeTitle => ("吊销客户端？", "Revoke the client?"),
    ConfirmRevokeBody => (
        "{0} 将立即无法调用接口。此操作不能撤销。",
        "{0} will no longer be able to call the API. This cannot be undone.",
    ),
    ClientRevokedNotice => ("{0} 已吊销。", "{0} has been revoked."),
    Open => ("打开", "Open"),
    FeOverlapNumber => ("请输入 0 到 10080 之间的整数。", "Enter a whole number from 0 to 10080."),
}

/// A client role's name.
pub fn client_role(role: ClientRole, lang: Lang) -> &'static str {
    let (zh, en) = match role {
        ClientRole::Integration => ("集成系统", "Integration"),
        ClientRole::Dealer => ("经销商系统", "Dealer"),
    };
    if lang == Lang::ZhCn { zh } else { en }
}

/// A scope's name and what it reaches.
pub fn client_scope(scope: ClientScope, lang: Lang) -> &'static str {
    let (zh, en) = match scope {
        ClientScope::RequestsRead => ("读取报修单", "Read service requests"),
        ClientScope::RequestsWrite => ("提交报修", "Report service requests"),
        ClientScope::MasterRead => (
            "读取客户和产品档案",
            "Read customers, machines, models, dealers",
        ),
        ClientScope::EventsRead => ("读取变更流", "Follow the change feed"),
    };
    if lang == Lang::ZhCn { zh } else { en }
}
