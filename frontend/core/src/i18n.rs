//! The translation table: every label the SPA shows goes through [`T`], and
//! each one is declared with both languages at once, so none can miss one.
//! The Chinese terms follow the company's after-sales policy (`POLICY.md`).

use furrow_domain::{Permission, Role};

/// Declares labels as constants of [`T`]; defined before the submodules so
/// that those declaring their own pages' labels (`api_clients`) use it too.
macro_rules! labels {
    ($($key:ident => ($zh:expr, $en:expr $(,)?)),* $(,)?) => {
        #[allow(non_upper_case_globals)]
        impl T {
            $(pub const $key: T = T(&($zh, $en));)*
        }
    };
}

pub mod api_clients;
pub mod audit;
pub mod follow_up;
pub mod home;
pub mod inventory;
pub mod master;
pub mod purchasing;
pub mod quality;
pub mod requisitions;
pub mod service;
pub mod stocktakes;
pub mod webhooks;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    /// The BCP 47 tag (`zh-CN`, `en`), also used for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a browser language tag: any Chinese tag gives zh-CN,
    /// everything else English.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The language's own name, as shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "简体中文",
            Lang::En => "English",
        }
    }
}

/// A label, with its text in both languages (so every label exists in both:
/// a label cannot be declared without its English or its Chinese). `{0}`,
/// `{1}` in a text are filled by [`T::fill`].
///
/// Each label is a constant pointing at its own two texts, not a variant of
/// one table: a bundle then carries only the texts its pages use (the
/// customer's sign-off page does not download the office's labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T(&'static (&'static str, &'static str));

labels! {
    // Product and shell
    Product => ("Furrow 售后服务", "Furrow After-sales"),
    Language => ("语言", "Language"),
    SignOut => ("退出登录", "Sign out"),
    SignedInAs => ("当前用户", "Signed in as"),
    Menu => ("菜单", "Menu"),
    MainNavigation => ("主导航", "Main navigation"),
    ChangePassword => ("修改密码", "Change password"),
    SkipToContent => ("跳到正文", "Skip to content"),
    // Sign-in
    SignInTitle => ("登录", "Sign in"),
    SignInSubtitle => (
        "农机产品售后服务管理系统",
        "After-sales service for agricultural machinery",
    ),
    Username => ("用户名", "Username"),
    Password => ("密码", "Password"),
    SignIn => ("登录", "Sign in"),
    SigningIn => ("正在登录…", "Signing in…"),
    WrongCredentials => ("用户名或密码错误。", "Wrong username or password."),
    AccountDeactivated => (
        "该账号已停用，请联系系统管理员。",
        "This account is deactivated. Please contact your administrator.",
    ),
    TooManyAttempts => (
        "登录失败次数过多，请在 {0} 秒后重试。",
        "Too many failed sign-ins. Please try again in {0} seconds.",
    ),
    TooManyAttemptsSoon => (
        "登录失败次数过多，请稍后重试。",
        "Too many failed sign-ins. Please try again later.",
    ),
    SessionExpired => (
        "登录已过期，请重新登录。",
        "Your session has expired. Please sign in again.",
    ),
    SignInToContinue => ("请先登录。", "Please sign in to continue."),
    EnterUsernameAndPassword => (
        "请输入用户名和密码。",
        "Please enter your username and password.",
    ),
    // Navigation areas
    NavDashboard => ("工作台", "Dashboard"),
    NavServiceRequests => ("报修受理", "Service requests"),
    NavDispatch => ("派工调度", "Dispatch"),
    NavFollowUps => ("客户回访", "Follow-ups"),
    NavKpis => ("质量考核", "KPIs"),
    NavStocktakes => ("盘点", "Stock-takes"),
    NavMyWork => ("我的任务", "My work orders"),
    NavReportReview => ("报告审核", "Report review"),
    NavCustomers => ("客户档案", "Customers"),
    NavMachines => ("产品档案", "Machines"),
    NavUsers => ("用户管理", "Users"),
    NavSettings => ("系统设置", "Settings"),
    // What each area is for (coming-soon page and dashboard)
    // Dashboard
    Greeting => ("您好，{0}", "Hello, {0}"),
    Available => ("可用", "Available"),
    // Coming soon / not found / forbidden
    BackToDashboard => ("返回工作台", "Back to the dashboard"),
    NotFoundTitle => ("页面不存在", "Page not found"),
    NotFoundBody => (
        "您访问的地址不存在，可能已被移动或删除。",
        "There is no page at this address. It may have been moved or removed.",
    ),
    ForbiddenTitle => ("无权访问", "Not allowed"),
    ForbiddenBody => (
        "您的角色没有访问此页面的权限。如需开通，请联系系统管理员。",
        "Your roles do not give you access to this page. Ask your administrator if you need it.",
    ),
    // Common
    Loading => ("加载中…", "Loading…"),
    Retry => ("重试", "Retry"),
    Save => ("保存", "Save"),
    Saving => ("正在保存…", "Saving…"),
    Saved => ("已保存。", "Saved."),
    Cancel => ("取消", "Cancel"),
    Search => ("搜索", "Search"),
    Clear => ("清除", "Clear"),
    Edit => ("编辑", "Edit"),
    Optional => ("选填", "optional"),
    NotSet => ("未设置", "Not set"),
    // Pagination
    FirstPage => ("首页", "First page"),
    PreviousPage => ("上一页", "Previous"),
    NextPage => ("下一页", "Next"),
    PageN => ("第 {0} 页", "Page {0}"),
    TotalN => ("共 {0} 条", "{0} in all"),
    // Errors
    ErrNetwork => (
        "无法连接服务器，请检查网络后重试。",
        "Cannot reach the server. Check the network and try again.",
    ),
    ErrServer => (
        "服务器出错，请稍后重试。",
        "Something went wrong on the server. Please try again later.",
    ),
    ErrForbidden => (
        "您没有执行此操作的权限。",
        "You are not allowed to do this.",
    ),
    ErrNotFound => (
        "记录不存在或您无权查看。",
        "The record does not exist or you may not see it.",
    ),
    ErrConflict => ("操作与现有数据冲突。", "This conflicts with existing data."),
    ErrStale => (
        "该记录已被他人修改。请重新加载后再修改。",
        "Someone else changed this record. Reload it and make your change again.",
    ),
    ErrValidation => ("请修改标出的字段。", "Please correct the marked fields."),
    ErrUnauthorized => ("请重新登录。", "Please sign in again."),
    ErrBadRequest => ("请求无效。", "The request is not valid."),
    ErrGeneric => ("操作失败。", "The operation failed."),
    ServerSaid => ("服务器消息", "Server message"),
    Reload => ("重新加载", "Reload"),
    // Field errors
    FeRequired => ("必填。", "Required."),
    FeUsernameInvalid => (
        "3–64 个字符，只能使用小写字母、数字、“.”、“_”或“-”。",
        "3–64 characters: lower-case letters, digits, '.', '_' or '-'.",
    ),
    FeUsernameTaken => ("该用户名已被使用。", "This username is taken."),
    FePasswordTooShort => (
        "密码至少需要 {0} 个字符。",
        "The password needs at least {0} characters.",
    ),
    FeTooLong => ("内容过长。", "Too long."),
    FeRolesRequired => ("请至少选择一个角色。", "Choose at least one role."),
    FeDealerRequired => (
        "经销商用户必须选择所属经销商。",
        "A dealer user must belong to a dealer.",
    ),
    FeDealerNotAllowed => (
        "只有经销商和系统集成用户属于经销商。",
        "Only dealer and integration users belong to a dealer.",
    ),
    FeDealerUnknown => ("该经销商不存在。", "This dealer does not exist."),
    FeInvalid => ("格式不正确。", "Not valid."),
    FeDate => ("请按 YYYY-MM-DD 填写日期，如 2026-06-01。", "Enter the date as YYYY-MM-DD, e.g. 2026-06-01."),
    FeDateTime => ("请按 YYYY-MM-DD HH:mm 填写日期和时间，如 2026-06-01 14:30。", "Enter the date and time as YYYY-MM-DD HH:mm, e.g. 2026-06-01 14:30."),
    FeWrongPassword => ("当前密码不正确。", "The current password is wrong."),
    FePasswordsDiffer => ("两次输入的密码不一致。", "The passwords do not match."),
    FePasswordCommon => (
        "这是常见密码，容易被猜中，请换一个。",
        "This is a common password that is easy to guess; choose another.",
    ),
    FePasswordHasName => (
        "密码不能包含用户名。",
        "The password may not contain the username.",
    ),
    FePasswordDemo => (
        "不能使用公开的演示密码。",
        "The published demo password may not be used.",
    ),
    FePasswordControl => (
        "密码不能包含控制字符。",
        "The password may not contain control characters.",
    ),
    FePasswordBlank => ("密码不能只有空格。", "The password may not be only spaces."),
    FePasswordSame => (
        "新密码必须与当前密码不同。",
        "The new password must differ from the current one.",
    ),
    FePasswordTooLong => (
        "密码最多 128 个字符。",
        "The password may have at most 128 characters.",
    ),
    FeOutOfRange => (
        "日期或数值超出允许范围。",
        "The date or number is out of range.",
    ),
    FeNotOwnersDealer => (
        "农机属于其机主的经销商；如需更改，请修改客户的经销商。",
        "A machine belongs to its owner's dealer; change the customer's dealer instead.",
    ),
    // Users
    UsersTitle => ("用户管理", "Users"),
    UsersSearchLabel => ("搜索用户", "Search users"),
    UsersSearchPlaceholder => ("用户名或姓名", "Username or name"),
    StatusFilter => ("状态", "Status"),
    StatusAll => ("全部", "All"),
    StatusActive => ("启用", "Active"),
    StatusInactive => ("已停用", "Deactivated"),
    NewUser => ("新建用户", "New user"),
    ColUsername => ("用户名", "Username"),
    ColDisplayName => ("姓名", "Name"),
    ColRoles => ("角色", "Roles"),
    ColDepartment => ("部门", "Department"),
    ColDealer => ("经销商", "Dealer"),
    ColStatus => ("状态", "Status"),
    ColUpdated => ("更新时间", "Updated"),
    ColActions => ("操作", "Actions"),
    NoUsers => ("还没有用户。", "There are no users yet."),
    NoUsersMatch => ("没有符合条件的用户。", "No user matches these filters."),
    Deactivate => ("停用", "Deactivate"),
    Activate => ("启用", "Activate"),
    ConfirmDeactivateTitle => ("停用用户", "Deactivate user"),
    ConfirmDeactivateBody => (
        "确定停用 {0}（{1}）吗？该用户将无法登录，已登录的会话会立即失效。",
        "Deactivate {0} ({1})? They will not be able to sign in, and their open sessions end at once.",
    ),
    ConfirmActivateTitle => ("启用用户", "Activate user"),
    ConfirmActivateBody => (
        "确定重新启用 {0}（{1}）吗？该用户将可以再次登录。",
        "Activate {0} ({1}) again? They will be able to sign in.",
    ),
    UserDeactivated => ("已停用 {0}。", "{0} is deactivated."),
    UserActivated => ("已启用 {0}。", "{0} is active again."),
    CreateUserTitle => ("新建用户", "New user"),
    CreateUser => ("创建用户", "Create user"),
    Creating => ("正在创建…", "Creating…"),
    UserCreated => ("已创建用户 {0}。", "User {0} created."),
    DisplayName => ("姓名", "Display name"),
    Department => ("部门", "Department"),
    DepartmentHint => (
        "例如：售后服务部、配件部",
        "For example: After-sales, Parts",
    ),
    Roles => ("角色", "Roles"),
    Dealer => ("所属经销商", "Dealer"),
    ChooseDealer => ("请选择经销商", "Choose a dealer"),
    NoDealers => ("还没有经销商档案。", "There are no dealers yet."),
    Locale => ("界面语言", "Language"),
    LocaleHint => ("用户偏好的界面语言", "The user's preferred language"),
    PasswordHint => ("至少 {0} 个字符", "At least {0} characters"),
    UsernameHint => (
        "3–64 个字符：小写字母、数字、“.”、“_”、“-”",
        "3–64 characters: lower-case letters, digits, '.', '_', '-'",
    ),
    EditUserTitle => ("用户：{0}", "User: {0}"),
    AccountSection => ("账号信息", "Account"),
    StatusSection => ("账号状态", "Status"),
    UserIsActive => (
        "该账号已启用，可以登录。",
        "This account is active and can sign in.",
    ),
    UserIsInactive => (
        "该账号已停用，无法登录。",
        "This account is deactivated and cannot sign in.",
    ),
    ResetPassword => ("重置密码", "Reset password"),
    ResetPasswordHint => (
        "设置新密码后，该用户的所有会话都会结束，需要用新密码重新登录。",
        "After a new password is set, all of the user's sessions end and they sign in with the new one.",
    ),
    NewPassword => ("新密码", "New password"),
    ConfirmNewPassword => ("确认新密码", "Confirm new password"),
    PasswordReset => ("密码已重置。", "The password has been reset."),
    HistorySection => ("操作记录", "History"),
    NoHistory => ("暂无操作记录。", "No history yet."),
    ColWhen => ("时间", "When"),
    ColWho => ("操作人", "By"),
    ColAction => ("操作", "Action"),
    ColChanges => ("变更内容", "Changes"),
    ActionCreated => ("创建", "Created"),
    ActionUpdated => ("修改", "Changed"),
    ActionActivated => ("启用", "Activated"),
    ActionDeactivated => ("停用", "Deactivated"),
    ActionPasswordChanged => ("修改密码", "Password changed"),
    Version => ("版本", "Version"),
    // Own password
    CurrentPassword => ("当前密码", "Current password"),
    PasswordChanged => ("密码已修改。", "Your password has been changed."),
    PasswordChangedBody => (
        "为安全起见，所有会话已结束，请用新密码重新登录。",
        "For safety every session has ended; sign in again with the new password.",
    ),
}

impl T {
    /// A master data label ([`master::M`]) as a label of this table.
    #[allow(non_snake_case)]
    pub fn Master(key: master::M) -> T {
        T(key.pair())
    }

    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let &(zh, en) = self.0;
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// The text in `lang` with `{0}`, `{1}`... replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let mut out = self.text(lang).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// A role's name as the company calls it.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    let (zh, en) = match role {
        Role::Admin => ("管理员", "Administrator"),
        Role::Agent => ("售后服务人员", "Service agent"),
        Role::Supervisor => ("售后服务主管", "Service supervisor"),
        Role::Engineer => ("售后服务工程师", "Service engineer"),
        Role::PartsClerk => ("配件管理员", "Parts clerk"),
        Role::Purchasing => ("采购员", "Purchasing"),
        Role::Finance => ("财务", "Finance"),
        Role::Manager => ("公司领导", "Management"),
        Role::Dealer => ("经销商", "Dealer"),
        Role::Integration => ("系统集成", "Integration"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// What a permission allows, in a few words.
pub fn permission_name(permission: Permission, lang: Lang) -> &'static str {
    use Permission::*;
    let (zh, en) = match permission {
        ManageUsers => ("管理用户", "Manage users"),
        ManageSettings => ("管理系统设置", "Manage settings"),
        ManageApiClients => ("管理接口客户端", "Manage API clients"),
        ManageWebhooks => ("管理事件推送", "Manage webhooks"),
        ViewMasterData => ("查看客户和产品档案", "View customer and machine records"),
        EditMasterData => ("维护客户和产品档案", "Edit customer and machine records"),
        ManageCatalog => (
            "维护产品型号、经销商和工程师信息",
            "Manage models, dealers and engineers",
        ),
        ChangeWarranty => (
            "变更销售日期和三包日期（须说明原因）",
            "Change sale and warranty dates (with a reason)",
        ),
        RequestCertificateReissue => (
            "登记三包凭证补办申请",
            "Record 三包 certificate reissue requests",
        ),
        ReissueCertificate => ("办结三包凭证补办", "Mark 三包 certificates reissued"),
        ViewServiceRequests => ("查看报修单", "View service requests"),
        CreateServiceRequests => ("受理报修", "Record service requests"),
        DispatchWork => ("维修派工", "Dispatch work"),
        WorkOwnOrders => ("处理我的维修任务", "Work own work orders"),
        ReviewReports => ("审核维修报告", "Review repair reports"),
        FollowUp => ("客户回访", "Follow up with customers"),
        ViewParts => ("查看配件与库存", "View parts and stock"),
        ManageParts => ("管理配件库存", "Manage parts stock"),
        ImportParts => ("批量导入配件目录", "Import the parts catalog"),
        ViewStocktakes => ("查看盘点", "View stock-takes"),
        ManagePurchasing => ("处理采购申请", "Handle purchasing"),
        ViewPurchasing => ("查看与提出采购申请", "Follow and raise purchase requests"),
        ReviewExpenses => ("审核费用报销", "Review expense claims"),
        SubmitExpenses => ("提交费用报销", "Submit expense claims"),
        ApproveBudgets => ("审批费用预算", "Approve budgets"),
        ViewKpis => ("查看质量考核", "View quality assessments"),
        ReadOwnKpis => ("查看本人考核数据", "See own KPI figures"),
        ManageTraining => ("管理培训与技术支持", "Manage training and support"),
        ViewAudit => ("查看操作记录", "View the audit log"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_pick_chinese_only_for_zh_tags() {
        assert_eq!(Lang::from_browser("zh-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::ZhCn);
        assert_eq!(Lang::from_browser("ZH"), Lang::ZhCn);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser("de"), Lang::En);
        assert_eq!(Lang::from_browser(""), Lang::En);
    }

    #[test]
    fn fill_replaces_numbered_placeholders() {
        assert_eq!(
            T::TooManyAttempts.fill(Lang::ZhCn, &["30"]),
            "登录失败次数过多，请在 30 秒后重试。"
        );
        assert_eq!(T::Greeting.fill(Lang::En, &["Wang"]), "Hello, Wang");
    }

    #[test]
    fn policy_terms_label_the_navigation() {
        assert_eq!(T::NavDispatch.text(Lang::ZhCn), "派工调度");
        assert_eq!(T::NavReportReview.text(Lang::ZhCn), "报告审核");
        assert_eq!(T::NavFollowUps.text(Lang::ZhCn), "客户回访");
        assert_eq!(role_name(Role::Supervisor, Lang::ZhCn), "售后服务主管");
    }
}
