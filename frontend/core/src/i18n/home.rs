//! Labels of the home page (工作台), the notification bell and the settings
//! pages, kept apart from the shell's table so parallel work on other areas
//! does not collide. They reach the pages through [`I18n::h`]; the macro keeps
//! both languages complete.

use crate::hooks::I18n;
use crate::i18n::Lang;
use furrow_domain::service::queues::Queue;

macro_rules! labels {
    ($($key:ident => ($zh:expr, $en:expr),)+) => {
        /// A label of the home, notification and settings pages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum H {
            $($key,)+
        }

        impl H {
            /// (zh-CN, English).
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $(H::$key => ($zh, $en),)+
                }
            }
        }
    };
}

labels! {
    // Home
    YourQueues => ("待办工作", "Your queues"),
    NoQueues => ("您的角色目前没有待办队列。", "Your roles have no work queue yet."),
    CountsAt => ("统计于 {0}", "Counted at {0}"),
    Refresh => ("刷新", "Refresh"),
    QOpenRequests => ("未结报修单", "Open requests"),
    QAwaitingContact => ("待首次联系", "Waiting for first contact"),
    QOverdue => ("已超时", "Overdue"),
    QUnassigned => ("待派工", "Waiting for dispatch"),
    QReportsToReview => ("待审核报告", "Reports to review"),
    QSignatureRefused => ("客户拒签", "Signatures refused"),
    QMyWorkOrders => ("我的任务", "My work orders"),
    AboutOpenRequests => ("尚未完成的报修单。", "Requests not finished yet."),
    AboutAwaitingContact => ("还没有联系过客户的报修单。", "Requests whose customer has not been contacted yet."),
    AboutOverdue => ("时限已过的报修单。", "Requests past a deadline."),
    AboutUnassigned => ("等待派工或远程解决的新报修单。", "New requests waiting for dispatch or a remote fix."),
    AboutReportsToReview => ("工程师已提交、等待审核的维修报告。", "Repair reports submitted by engineers, waiting for review."),
    AboutSignatureRefused => ("客户拒绝签字、等待主管处理的报告。", "Reports the customer refused to sign, waiting for a decision."),
    AboutMyWorkOrders => ("分派给您、尚未完成的维修任务。", "Work orders assigned to you and not finished."),
    NextJobs => ("接下来的任务", "Next jobs"),
    NoJobs => ("目前没有分派给您的任务。", "No work order is assigned to you now."),
    DueAt => ("应到场 {0}", "Due on site {0}"),
    NoDue => ("未定时限", "No due time"),
    OnSiteNow => ("正在现场", "On site now"),
    CriticalJob => ("紧急", "Critical"),
    // Notifications
    Notifications => ("通知", "Notifications"),
    NotificationsUnread => ("通知（{0} 条未读）", "Notifications ({0} unread)"),
    NoNotifications => ("没有需要处理的时限提醒。", "No deadline alerts."),
    MarkAllRead => ("全部标为已读", "Mark all read"),
    MarkRead => ("标为已读", "Mark read"),
    Unread => ("未读", "Unread"),
    KindRepeatRequest => ("回访返修", "Repeat after follow-up"),
    ClockFollowUp => ("首次联系（回访发现问题）", "first contact (found on follow-up)"),
    KindOverdue => ("已超时", "Overdue"),
    KindDueSoon => ("即将到期", "Due soon"),
    ClockFirstContact => ("首次联系", "First contact"),
    ClockArrival => ("到场", "Arrival on site"),
    ClockRepair => ("修复", "Repair"),
    NotificationLine => ("{0}：{1}，{2} 到期", "{0}: {1}, due {2}"),
    KindWebhookDisabled => ("推送已停用", "Webhook disabled"),
    WebhookDisabledLine => ("{0}：自 {1} 起推送一直失败", "{0}: deliveries failing since {1}"),
    // Settings
    SettingsTitle => ("系统设置", "Settings"),
    SettingsIntro => ("这里的设置对之后登记的报修单生效。", "These settings apply to requests recorded from now on."),
    SettingSla => ("服务时限与农忙季节", "Service deadlines and busy seasons"),
    AboutSettingSla => ("首次联系和到场时限、农忙季节、三包修复时限、回访天数和时区。", "First-contact and arrival targets, busy farming seasons, three-guarantees repair deadlines, follow-up days and time zone."),
    NeverSaved => ("默认值（未修改过）", "Defaults (never changed)"),
    SavedAt => ("上次保存 {0}", "Last saved {0}"),
    VersionN => ("版本 {0}", "Version {0}"),
    Edit => ("修改", "Edit"),
    BackToSettings => ("返回系统设置", "Back to settings"),
    FirstContactHours => ("首次联系时限（小时）", "First contact (hours)"),
    ArrivalHours => ("到场时限（小时）", "Arrival on site (hours)"),
    HoursHint => ("1 到 2160 小时。", "1 to 2160 hours."),
    BusySeasons => ("农忙季节", "Busy farming seasons"),
    BusySeasonsHint => ("农忙季节内，农忙关键机型的到场时限减半，并按三包规定的天数修复。", "In season, the arrival target is halved for harvest-critical machines and repairs follow the three-guarantees days."),
    SeasonName => ("名称", "Name"),
    SeasonRegion => ("地区", "Region"),
    SeasonRegionHint => ("按行政区划代码（GB/T 2260）匹配客户所在省份，省含其下各市县。", "Matched on the customer's province by its GB/T 2260 division code; a province includes its prefectures and counties."),
    EveryRegion => ("所有地区", "Every region"),
    UnrecognisedRegion => ("（未识别，请重新选择）", " (not recognised, choose again)"),
    SeasonStart => ("开始（月-日）", "Start (MM-DD)"),
    SeasonEnd => ("结束（月-日）", "End (MM-DD)"),
    SeasonCategories => ("机型", "Machine categories"),
    SeasonCategoriesHint => ("都不选表示所有机型。", "None ticked means every category."),
    AddSeason => ("添加农忙季节", "Add a season"),
    RemoveSeason => ("删除", "Remove"),
    NoSeasons => ("没有农忙季节。", "No busy season."),
    HarvestCritical => ("农忙关键机型", "Harvest-critical machines"),
    Sanbao => ("三包修复时限", "Three-guarantees repair deadlines"),
    SanbaoMainPart => ("农忙期整机或主要部件（天）", "In season, whole machine or main part (days)"),
    SanbaoWearPart => ("农忙期易损件（天）", "In season, wear parts (days)"),
    SanbaoWorking => ("其他情况（工作日）", "Otherwise (working days)"),
    Other => ("其他", "Other"),
    FollowUpDays => ("回访（完工后天数）", "Follow-up (days after completion)"),
    DueSoonHours => ("即将到期提醒（小时）", "Due-soon alert (hours before)"),
    UtcOffset => ("时区（与 UTC 相差的分钟数）", "Time zone (minutes east of UTC)"),
    SettingDispatch => ("派工排序", "Dispatch ranking"),
    AboutSettingDispatch => ("推荐工程师的权重和派工半径：在手任务、预约冲突、未知距离按多少公里计，最远派多远。", "The weights and limits of the engineer suggestions: what open and booked work orders and an unknown distance count as, and the farthest an engineer is sent ahead of nearer ones."),
    DispatchSettingsHint => ("分数越低越靠前。半径内的工程师先按维修资质，再按分数排序；超出半径的排在半径内所有工程师之后；预约时段内请假或培训的排在最后。", "Lower scores rank first. Within the limit engineers rank by skill, then score; those beyond it rank after everyone within it; those away at the proposed time rank last."),
    KmPerOpenOrder => ("每张在手任务单折合公里", "Km per open work order"),
    KmPerBookedOrder => ("预约时段内每单折合公里", "Km per work order booked near the time"),
    UnknownDistanceKm => ("距离未知时按公里计", "Km assumed when the distance is unknown"),
    MaxDistanceKm => ("派工半径（公里）", "Distance limit (km)"),
    WindowHours => ("预约时段前后小时数", "Hours either side of the proposed time"),
    WorkingHours => ("服务时间", "Working hours"),
    WorkingHoursHint => ("开启后，首次联系和到场时限只计服务时间内的小时（工作日历中的工作日）；三包天数不受影响。时间为公司时区 HH:MM。", "When on, the first-contact and arrival targets count only hours within working hours on the calendar's working days; the three-guarantees days are not affected. Times are HH:MM in the company time zone."),
    WorkingHoursEnabled => ("时限只计服务时间", "Count only working hours"),
    WorkdayStart => ("上班时间", "Day starts"),
    WorkdayEnd => ("下班时间", "Day ends"),
    SeasonDayStart => ("农忙上班时间（空则同上）", "Busy season: day starts (empty: as above)"),
    SeasonDayEnd => ("农忙下班时间（空则同上）", "Busy season: day ends (empty: as above)"),
    SeasonEveryDay => ("农忙期间每天都计（含周末和节假日）", "In a busy season every day counts (weekends and holidays too)"),
    UtcOffsetHint => ("北京时间为 480。", "Beijing time is 480."),
    NotANumber => ("请输入整数。", "Enter a whole number."),
    SaveSettings => ("保存设置", "Save settings"),
    // Service network
    SettingNetwork => ("服务网点范围", "Service network"),
    AboutSettingNetwork => ("各服务站覆盖的行政区划（县、市或省代码）或半径范围；只有网点范围内的报修适用三包农忙修复时限。修改对之后登记的报修生效。", "The divisions (county, prefecture or province codes) or the radius each station covers; only a site inside it gets the busy-season 三包 repair deadline. Changes apply to requests recorded from now on."),
    NetStation => ("服务站", "Station"),
    NetDivisions => ("覆盖的行政区划代码", "Division codes covered"),
    NetDivisionsHint => ("GB/T 2260 代码，用空格分隔，如 411600（周口市）、410000（河南省）", "GB/T 2260 codes separated by spaces, e.g. 411600 (Zhoukou), 410000 (Henan)"),
    NetLat => ("纬度", "Latitude"),
    NetLon => ("经度", "Longitude"),
    NetRadius => ("覆盖半径（公里）", "Radius (km)"),
    NetAddStation => ("添加服务站", "Add a station"),
    NetProvince => ("省", "Province"),
    NetPrefecture => ("市（地区）", "Prefecture"),
    NetCounty => ("县（区）", "County"),
    NetAddDivision => ("加入覆盖范围", "Add to the area covered"),
    // Working-day calendar
    SettingCalendar => ("工作日历（节假日与调休）", "Working-day calendar (holidays and make-up days)"),
    AboutSettingCalendar => ("每年的法定节假日和调休上班日，三包 30 个工作日等所有工作日时限按它计算。", "Each year's public holidays and make-up working days; the 30-working-day repair clock and every other working-day count use it."),
    CalIntro => ("未列出的年份按周一至周五计算工作日。修改对之后计算的时限生效。", "A year not listed counts Monday to Friday. Changes apply to deadlines computed from now on."),
    CalDefinedYears => ("已设置的年份：{0}", "Years defined: {0}"),
    CalYearMissing => ("{0} 年尚未设置节假日，暂按周一至周五计算；请录入或导入国务院公布的安排。", "{0}: no holidays defined yet, counted Monday to Friday; enter or import the official schedule."),
    CalYear => ("年份", "Year"),
    CalHolidays => ("放假日期", "Holidays (days off)"),
    CalHolidaysHint => ("法定节假日放假的每一天，包括其中的周末。", "Every day off of a public holiday, its weekend days included."),
    CalWorkdays => ("调休上班日期", "Make-up working days"),
    CalWorkdaysHint => ("因调休需要上班的周六或周日。", "Saturdays or Sundays worked because of a holiday swap."),
    CalDate => ("日期", "Date"),
    CalName => ("节日名称", "Holiday name"),
    CalAddHoliday => ("添加放假日", "Add a holiday"),
    CalAddWorkday => ("添加调休上班日", "Add a make-up working day"),
    CalAddYear => ("添加年份", "Add a year"),
    CalRemoveYear => ("删除该年份", "Remove this year"),
    CalErrBoth => ("同一天不能既放假又上班。", "A date cannot be both a holiday and a working day."),
    CalErrNotWeekend => ("调休上班日必须是周六或周日。", "A make-up working day must be a Saturday or Sunday."),
    CalErrOutsideYear => ("日期不在该年份内。", "The date is not in this year."),
    CalErrDuplicate => ("该日期重复。", "This date is listed twice."),
}

impl I18n {
    /// A label of the home, notification or settings pages in the current language.
    pub fn h(&self, key: H) -> &'static str {
        let (zh, en) = key.pair();
        match self.lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// A label with `{0}`, `{1}`... filled in.
    pub fn hf(&self, key: H, args: &[&str]) -> String {
        let mut out = self.h(key).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// A queue's card title and one-line description.
pub fn queue_labels(q: Queue) -> (H, H) {
    match q {
        Queue::OpenRequests => (H::QOpenRequests, H::AboutOpenRequests),
        Queue::AwaitingContact => (H::QAwaitingContact, H::AboutAwaitingContact),
        Queue::Overdue => (H::QOverdue, H::AboutOverdue),
        Queue::Unassigned => (H::QUnassigned, H::AboutUnassigned),
        Queue::ReportsToReview => (H::QReportsToReview, H::AboutReportsToReview),
        Queue::SignatureRefused => (H::QSignatureRefused, H::AboutSignatureRefused),
        Queue::MyWorkOrders => (H::QMyWorkOrders, H::AboutMyWorkOrders),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_has_a_title_and_description_in_both_languages() {
        for q in Queue::ALL {
            let (title, about) = queue_labels(*q);
            for h in [title, about] {
                let (zh, en) = h.pair();
                assert!(!zh.is_empty() && !en.is_empty(), "{q:?}");
            }
        }
    }
}
