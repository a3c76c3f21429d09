//! Labels of the service workflow (报修受理, 派工调度, 我的任务, 报告审核 and the
//! customer's sign-off page), kept apart from the shell's table so the
//! workflow and the master-data pages can grow without touching each other.
//! Each label is declared with both languages at once, so the table is
//! complete by construction.

use crate::hooks::I18n;
use crate::i18n::Lang;
use furrow_domain::master::MachineCategory;
use furrow_domain::service::{
    Channel, Coverage, Operation, Priority, ReportStatus, RequestKind, RequestStatus, Satisfaction,
    SuspectedPart, WorkOrderStatus, fault::MainAssembly, repeat_fault::Remedy, sanbao::LegalClock,
};

fn pick(lang: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

macro_rules! labels {
    ($($k:ident => ($zh:expr, $en:expr)),* $(,)?) => {
        /// A label of the service workflow. `{0}`, `{1}` are filled by [`I18n::sf`].
        /// Each label is a constant with its own two texts, as [`crate::i18n::T`],
        /// so a bundle carries only the labels its pages use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct S(&'static (&'static str, &'static str));

        #[allow(non_upper_case_globals)]
        impl S {
            $(pub const $k: S = S(&($zh, $en));)*

            fn pair(self) -> (&'static str, &'static str) {
                *self.0
            }
        }
    };
}

labels! {
    Yes => ("是", "Yes"),
    No => ("否", "No"),
    Hours => ("{0} 小时", "{0} h"),
    Print => ("打印", "Print"),
    Open => ("打开", "Open"),

    // Intake (报修受理)
    RequestsTitle => ("报修受理", "Service requests"),
    NewRequest => ("登记报修", "New request"),
    IntakeTitle => ("报修受理登记", "Record a service request"),
    SectionCustomer => ("客户", "Customer"),
    CustomerSearch => ("按电话或姓名查找客户", "Find the customer by phone or name"),
    CustomerSearchPlaceholder => ("手机号、姓名或客户编号", "Phone, name or customer code"),
    Find => ("查找", "Find"),
    NoCustomerFound => ("没有找到客户，请换个关键词。", "No customer found. Try other words."),
    ChangeCustomer => ("更换客户", "Change customer"),
    Customer => ("客户", "Customer"),
    Machine => ("农机（出厂编号）", "Machine (serial number)"),
    ChooseMachine => ("请选择农机", "Choose the machine"),
    MachineNotListed => ("未登记 / 暂不确定", "Not registered / not sure"),
    NoMachines => ("该客户名下没有登记农机。", "This customer has no registered machine."),
    SerialSearch => ("或按出厂编号查找农机", "Or find the machine by serial number"),
    SerialSearchPlaceholder => ("出厂编号", "Serial number"),
    NoMachineFound => ("没有找到该出厂编号。", "No machine with this serial number."),
    SectionFault => ("故障信息", "Fault"),
    Kind => ("类型", "Kind"),
    Channel => ("受理渠道", "Channel"),
    Symptoms => ("故障现象", "Fault symptoms"),
    SymptomsHint => ("客户描述的现象：什么时候、在做什么作业、出现了什么情况", "What the customer describes: when, during which work, what happens"),
    PreliminaryJudgement => ("初步判断", "Preliminary judgement"),
    NeedsOnsite => ("需要工程师上门", "An engineer must go on site"),
    Priority => ("优先级", "Priority"),
    MachineStopped => ("农机已停机，无法作业", "The machine is stopped and cannot work"),
    OperationAtRisk => ("受影响的作业", "Operation at risk"),
    NotSaid => ("未说明", "Not said"),
    SuspectedPart => ("疑似故障部件", "Suspected part"),
    HarvestCritical => ("农忙关键", "Harvest-critical"),
    HarvestCriticalHint => ("农忙季节中停不得的农机，按三包时限修复；默认值按农机类别和农忙季节设置得出", "A machine that cannot wait in the busy season, repaired within the 三包 deadline; the default follows the machine category and the busy-season settings"),
    SectionClocks => ("服务时限", "Service deadlines"),
    PromisedArrival => ("预计到达时间", "Promised arrival time"),
    PromisedArrivalHint => ("告知客户的到达时间；到场时限取此时间与服务时限中较早者", "The time told to the customer; the arrival deadline is the earlier of this and the SLA"),
    UseProposal => ("采用建议时间", "Use the proposal"),
    ProposedArrival => ("按服务时限建议：{0}", "Proposed by the SLA: {0}"),
    Season => ("季节", "Season"),
    InSeason => ("农忙季节", "Busy farming season"),
    OffSeason => ("非农忙季节", "Outside the busy season"),
    FirstContactDue => ("首次联系时限", "First contact due"),
    ArrivalDue => ("到场时限", "Arrival due"),
    RepairDue => ("修复时限", "Repair due"),
    RepairDueBefore => ("原修复时限", "Repair due before"),
    RepairDueProvisional => ("暂定：待诊断部件类型", "Provisional until the part type is diagnosed"),
    LegalClock => ("适用时限", "Deadlines under"),
    ProvisionalLabel => ("修复时限暂定", "Repair due provisional"),
    DiagnosedPart => ("诊断部件类型", "Diagnosed part"),
    PartTypeHint => ("三包农忙时限：整机或主要部件3日，易损件1日，自报修时起算", "三包 in the busy season: 3 days for the whole machine or a main part, 1 day for a wear part, from the report"),
    HarvestCriticalReason => ("从严的原因", "Why stricter"),
    PreviewNeedsCustomer => ("选择客户后显示服务时限。", "Choose the customer to see the deadlines."),
    RecordRequest => ("登记报修", "Record request"),
    Recording => ("正在登记…", "Recording…"),
    RequestCreated => ("已登记报修单 {0}。", "Request {0} recorded."),
    FeChooseCustomer => ("请选择客户。", "Choose the customer."),
    FeAmbiguousMachine => ("请只选择已登记的农机，或只填写待确认的型号和编号。", "Give the registered machine, or a model and serial to confirm, not both."),

    // Request list
    FilterStatus => ("状态", "Status"),
    AllOpen => ("全部未完成", "All open"),
    AllStatuses => ("全部状态", "All statuses"),
    AnyPriority => ("全部优先级", "Any priority"),
    OnlyOverdue => ("只看超时", "Overdue only"),
    OnlyHarvest => ("只看农忙关键", "Harvest-critical only"),
    SearchRequests => ("搜索报修单", "Search requests"),
    SearchRequestsPlaceholder => ("单号、客户、电话或出厂编号", "Number, customer, phone or serial"),
    Sort => ("排序", "Sort"),
    SortUrgency => ("按紧急程度", "Most urgent first"),
    SortNewest => ("最新报修在前", "Newest first"),
    ColNumber => ("报修单号", "Number"),
    ColStatus => ("状态", "Status"),
    ColPriority => ("优先级", "Priority"),
    ColCustomer => ("客户", "Customer"),
    ColMachine => ("农机", "Machine"),
    ColFlags => ("标记", "Flags"),
    ColDowntime => ("停机时长", "Downtime"),
    ColNextDue => ("下一时限", "Next due"),
    ColEngineer => ("工程师", "Engineer"),
    ColReported => ("报修时间", "Reported"),
    NoRequests => ("没有报修单。", "There are no requests."),
    NoRequestsMatch => ("没有符合条件的报修单。", "No request matches these filters."),
    BadgeOverdue => ("超时", "Overdue"),
    BadgeHarvest => ("农忙关键", "Harvest-critical"),
    BadgeHarvestTitle => ("农忙关键，正值农忙季节：按三包规定的时限修复", "Harvest-critical in the busy season: repaired within the 三包 deadline"),
    BadgeHarvestCritical => ("农忙关键", "Harvest-critical"),
    BadgeSanbao => ("三包", "三包"),
    BadgeStopped => ("停机", "Stopped"),

    // Request page
    RequestTitle => ("报修单 {0}", "Request {0}"),
    SectionRequest => ("报修信息", "Request"),
    ReportedAt => ("报修时间", "Reported"),
    RecordedBy => ("受理人", "Recorded by"),
    NotRegistered => ("未登记", "Not registered"),
    SectionClockTable => ("服务时限", "Deadlines"),
    ColClock => ("时限", "Clock"),
    ColDue => ("应完成", "Due"),
    ColActual => ("实际", "Actual"),
    ColClockState => ("状态", "State"),
    ClockFirstContact => ("首次联系", "First contact"),
    ClockArrival => ("到场", "Arrival"),
    ClockRepair => ("修复", "Repair"),
    ClockRunning => ("进行中", "Running"),
    ClockOverdue => ("已超时", "Overdue"),
    ClockOnTime => ("按时", "On time"),
    ClockLate => ("超时完成", "Late"),
    ClockNotApplicable => ("不适用", "Not applicable"),
    SectionTimeline => ("处理记录", "Timeline"),
    NoTimeline => ("暂无处理记录。", "Nothing recorded yet."),
    SectionActions => ("操作", "Actions"),
    SectionWork => ("维修任务", "Work order"),
    WorkOrder => ("维修任务单", "Work order"),
    Engineer => ("工程师", "Engineer"),
    RepairReport => ("维修报告", "Repair report"),
    OpenReview => ("审核报告", "Review the report"),
    ResolutionLabel => ("解决方法", "Resolution"),
    CancelReasonLabel => ("取消原因", "Cancellation reason"),
    CancelledAt => ("取消时间", "Cancelled at"),

    // Dispatch (派工)
    DispatchTitle => ("派工", "Dispatch"),
    Suggestions => ("推荐工程师", "Suggested engineers"),
    SuggestionsHint => ("按排班、派工半径、维修资质、在手任务和到维修地点的距离排序", "Ranked by schedule, distance limit, skill, open work and distance to the site"),
    ShowAllEngineers => ("显示全部 {0} 位工程师", "Show all {0} engineers"),
    NoSuggestions => ("没有可派工的工程师。", "No engineer is available."),
    Best => ("首选", "Best"),
    HomeBase => ("驻地", "Home base"),
    ReasonSkill => ("具备{0}维修资质", "Qualified for {0}"),
    ReasonNoSkill => ("无{0}维修资质", "Not qualified for {0}"),
    ReasonWorkload => ("在手任务 {0} 单", "{0} open work orders"),
    ReasonDistance => ("距离 {0} 公里", "{0} km away"),
    ReasonDistanceUnknown => ("距离未知（缺少坐标）", "Distance unknown (no coordinates)"),
    ReasonBeyondLimit => ("超出派工半径 {0} 公里，排在半径内的工程师之后", "Beyond the {0} km limit: ranked after everyone within it"),
    ReasonBooked => ("预约时段内已有 {0} 单", "{0} work orders booked near that time"),
    ReasonAbsent => ("{0}至 {1}，排在最后", "{0} until {1}: ranked last"),
    Absences => ("请假与培训", "Absences"),
    AbsencesHint => ("期间不推荐派工：预约时段内不在岗的工程师排在推荐列表最后。", "Not suggested meanwhile: an engineer away at the proposed time ranks last."),
    NoAbsences => ("没有登记的请假或培训。", "No absence recorded."),
    AbsenceFrom => ("开始", "From"),
    AbsenceTo => ("结束", "Until"),
    AbsenceReasonLabel => ("原因", "Reason"),
    AbsenceNote => ("备注", "Note"),
    RecordAbsence => ("登记", "Record absence"),
    CancelAbsence => ("取消", "Cancel"),
    AbsenceLeave => ("请假", "On leave"),
    AbsenceTraining => ("培训", "In training"),
    AbsenceOther => ("不在岗", "Away"),
    SiteAddress => ("维修地点", "Site"),
    IntakeSiteHint => ("机器不在客户登记地址时填写；留空则使用登记的地址和坐标", "Fill in when the machine is not at the customer's registered address; empty uses the registered address and point"),
    SiteLat => ("纬度", "Latitude"),
    SiteLon => ("经度", "Longitude"),
    SiteAddressHint => ("留空则使用报修时的维修地点", "Leave empty for the site taken at intake"),
    Requirements => ("维修要求", "Requirements"),
    DispatchTo => ("派工给 {0}", "Dispatch to {0}"),
    Dispatching => ("正在派工…", "Dispatching…"),
    ChooseEngineer => ("请先选择工程师。", "Choose an engineer first."),
    DispatchedTo => ("已派工给 {0}。", "Dispatched to {0}."),
    ReassignTitle => ("改派", "Reassign"),
    ReassignHint => ("选择接手的工程师并写明原因；原任务单将关闭为“已改派”。", "Choose the engineer who takes over and give the reason; the current work order closes as reassigned."),
    ReassignTo => ("改派给 {0}", "Reassign to {0}"),
    Reassigning => ("正在改派…", "Reassigning…"),
    ReassignedTo => ("已改派给 {0}。", "Reassigned to {0}."),
    ContactMade => ("记录已联系客户", "Record first contact"),
    ContactBody => ("记录与客户首次联系的情况，首次联系时限随即停止。", "Note what was said in the first call; the first-contact clock stops."),
    ContactNote => ("联系情况", "What was said"),
    Contacted => ("已记录首次联系。", "First contact recorded."),
    ResolveRemotely => ("远程解决", "Resolve remotely"),
    ResolveBody => ("记录通过电话等方式解决的方法。报修单将结束，并安排客户回访。", "Record how the problem was solved by phone. The request ends and a follow-up is scheduled."),
    Resolved => ("已远程解决。", "Resolved remotely."),
    CancelRequest => ("取消报修", "Cancel request"),
    CancelBody => ("取消后无法恢复，请写明原因。", "This cannot be undone. Give the reason."),
    Reason => ("原因", "Reason"),
    RequestCancelled => ("报修单已取消。", "The request is cancelled."),
    DispatchQueueTitle => ("派工调度", "Dispatch"),
    ToDispatch => ("待派工", "Waiting for dispatch"),
    NothingToDispatch => ("没有待派工的报修单。", "Nothing waiting for dispatch."),
    Alerts => ("时限提醒", "Deadline alerts"),
    NoAlerts => ("没有超时或即将到期的时限。", "No deadline is overdue or due soon."),
    AlertOverdue => ("已超时", "Overdue"),
    AlertDueSoon => ("即将到期", "Due soon"),
    InProgress => ("处理中", "In progress"),
    NothingInProgress => ("没有处理中的报修单。", "Nothing in progress."),
    DispatchAction => ("派工", "Dispatch"),

    // My work orders (engineer, phone)
    MyWorkTitle => ("我的任务", "My work orders"),
    OpenOrders => ("待处理任务", "Open work orders"),
    NoOpenOrders => ("目前没有分派给您的任务。", "No work order is assigned to you."),
    ReportsToWrite => ("待完成的维修报告", "Reports to finish"),
    Call => ("拨打 {0}", "Call {0}"),
    Site => ("维修地点", "Site"),
    Appointment => ("预约时间", "Appointment"),
    ArriveBy => ("须到场", "Arrive by"),
    Schedule => ("预约上门", "Schedule visit"),
    ScheduleSave => ("确认预约", "Confirm appointment"),
    ScheduledAt => ("已预约：{0}", "Appointment: {0}"),
    CheckIn => ("到场签到", "Check in on site"),
    CheckedInAt => ("已到场：{0}", "On site since {0}"),
    FinishTitle => ("完工检验", "Finish with inspection"),
    Inspection => ("质量检验", "Inspection"),
    InspectionPassed => ("检验合格", "Passed"),
    InspectionFailed => ("检验不合格", "Not passed"),
    FinishNotes => ("完工说明", "Notes"),
    FinishSave => ("确认完工", "Finish the visit"),
    FinishedAt => ("已完工：{0}", "Finished {0}"),
    FeChooseInspection => ("请选择检验结果。", "Choose the inspection result."),
    WorkOrderTitle => ("任务单 {0}", "Work order {0}"),
    ForRequest => ("报修单 {0}", "Request {0}"),
    DispatchedBy => ("派工人", "Dispatched by"),

    // Repair report
    ReportTitle => ("维修报告", "Repair report"),
    Process => ("维修过程", "Repair process"),
    Cause => ("故障原因", "Cause"),
    Measures => ("维修措施", "Measures"),
    FurtherProblems => ("潜在问题", "Further problems found"),
    Proposals => ("处理建议", "Proposals"),
    ReportOutcome => ("维修结果", "Repair outcome"),
    ApprovedAt => ("审核通过", "Approved"),
    LabourHours => ("工时（小时）", "Labour hours"),
    Parts => ("更换的配件", "Parts replaced"),
    PartNumber => ("配件编号", "Part number"),
    PartName => ("配件名称", "Part name"),
    Quantity => ("数量", "Quantity"),
    Unit => ("单位", "Unit"),
    AddPart => ("添加配件", "Add part"),
    RemovePart => ("删除", "Remove"),
    NoParts => ("没有更换配件。", "No part replaced."),
    Coverage => ("费用承担", "Who pays"),
    ChProposedCoverage => ("建议费用承担", "Proposed: who pays"),
    CoverageProposed => ("建议费用承担", "Proposed: who pays"),
    CoverageAsRequest => ("同整单", "As the request"),
    CoverageReason => ("费用承担更改原因", "Why the coverage changes"),
    CoverageReasonHint => ("与建议不同时必填（如人为损坏、保养不当）。", "Required when it differs from the proposal (misuse, poor upkeep...)."),
    SaveDraft => ("保存草稿", "Save draft"),
    SubmitReport => ("提交审核", "Submit for review"),
    Submitting => ("正在提交…", "Submitting…"),
    ReportSaved => ("报告已保存。", "Report saved."),
    ReportSubmitted => ("报告已提交，等待主管审核。", "Report submitted for review."),
    RejectedBecause => ("主管驳回，请修改：{0}", "Rejected by the supervisor, please correct: {0}"),
    ReportReadOnly => ("报告已提交，不能再修改。", "The report is submitted and can no longer be changed."),
    RevisitFirst => ("请再次上门返工（预约、到场、完工检验），然后修改并重新提交报告。", "Visit again (schedule, check in, finish with the inspection), then correct and resubmit the report."),
    FinishBeforeSubmit => ("完工检验后才能提交报告。", "Finish the visit before submitting the report."),

    // Review (报告审核)
    ReviewTitle => ("报告审核", "Report review"),
    WaitingReview => ("待审核", "Waiting for review"),
    AwaitingSignature => ("待客户签字", "Waiting for the customer's signature"),
    NothingToReview => ("没有待审核的报告。", "No report is waiting for review."),
    NothingAwaitingSignature => ("没有待客户签字的报告。", "No report is waiting for a signature."),
    ColSubmitted => ("提交时间", "Submitted"),
    ColWorkOrder => ("任务单", "Work order"),
    ColParts => ("配件", "Parts"),
    Approve => ("审核通过", "Approve"),
    Reject => ("驳回", "Reject"),
    RejectReason => ("驳回原因", "Reason for rejection"),
    RejectReasonHint => ("写明工程师返工需处理和修改的内容；工程师将再次上门", "What the engineer must fix and correct; the engineer visits again"),
    InspectionFailedSendBack => ("质量检验不合格，不能审核通过：请驳回，工程师返工后重新提交。", "The inspection failed, so the report cannot be approved: send it back for another visit."),
    ReviewComment => ("审核意见", "Review comment"),
    ReportApproved => ("报告已审核通过。", "Report approved."),
    ReportRejected => ("报告已驳回，工程师将再次上门返工后重新提交。", "Report sent back; the engineer visits again and resubmits."),
    ReviewReportTitle => ("审核维修报告 {0}", "Review report {0}"),
    SignOffSection => ("客户签字确认", "Customer sign-off"),
    CreateSignLink => ("生成签字链接", "Create sign-off link"),
    SignLinkCreated => ("签字链接已生成，有效期至 {0}。", "Sign-off link created, valid until {0}."),
    OpenSignPage => ("打开签字页", "Open sign-off page"),
    GiveThisAddress => ("在客户的平板上打开此地址：", "Open this address on the customer's tablet:"),
    SignLinkHint => ("生成新链接后，旧链接即失效。", "A new link makes earlier links stop working."),
    SignedBy => ("{0} 于 {1} 签字确认", "Signed by {0} on {1}"),
    SignatureRefusedBecause => ("客户拒签：{0}", "The customer refused to sign: {0}"),
    Signature => ("客户签字", "Signature"),
    RefusalOutcomeHint => ("客户拒签后请选择：返工（工程师再次上门）、凭见证人无签字结案，或转为客户投诉。", "After a refusal, choose: rework (the engineer visits again), close without a signature on a witness's word, or open a complaint."),
    ReworkAfterRefusal => ("返工（再次上门）", "Rework (another visit)"),
    ReworkReasonHint => ("写明返工要解决的问题；工程师将再次上门，时限继续计算", "What the rework must fix; the engineer visits again and the clocks keep running"),
    ReworkOrdered => ("已安排返工，工程师将再次上门。", "Rework ordered; the engineer visits again."),
    CloseUnsigned => ("见证结案（无签字）", "Close without signature"),
    Witness => ("见证人（姓名及身份）", "Witness (name and role)"),
    CloseUnsignedHint => ("写明无签字结案的理由；见证人须先在上方填写", "Why the request closes without a signature; fill in the witness above first"),
    ClosedUnsignedDone => ("已无签字结案，回访已安排。", "Closed without a signature; the follow-up call is scheduled."),
    OpenComplaint => ("转客户投诉", "Open a complaint"),
    ComplaintHint => ("写明投诉处理的说明；客户的拒签原因一并记录，由回访跟进", "A note for the complaint; the customer's refusal reason is recorded with it for the follow-up call"),
    ComplaintOpenedDone => ("已转客户投诉，回访时跟进处理。", "Complaint opened; the follow-up call takes it on."),
    OutcomeReason => ("原因", "Reason"),
    ReviewedBy => ("审核人", "Reviewed by"),
    SubmittedAt => ("提交时间", "Submitted"),

    // Sign-off page (tablet, no sign-in)
    SignTitle => ("维修报告单", "Repair report"),
    SignIntro => ("请核对维修内容，确认无误后在下方签字。", "Please check the repair, then sign below."),
    SignHere => ("请用手指在此处签名", "Sign here with your finger"),
    ClearSignature => ("清除重签", "Clear"),
    SignerName => ("签字人姓名", "Your name"),
    ConfirmSign => ("确认签字", "Confirm and sign"),
    Signing => ("正在提交…", "Sending…"),
    RefuseSign => ("拒绝签字", "Refuse to sign"),
    RefuseReason => ("拒签原因", "Why do you refuse?"),
    ConfirmRefuse => ("确认拒签", "Refuse"),
    SignDone => ("签字完成，谢谢！", "Signed. Thank you!"),
    SignDoneBody => ("维修报告已确认。我们将按时回访，了解农机的使用情况。", "The repair report is confirmed. We will call you back to hear how the machine runs."),
    RefuseBody => ("请写明不签字的原因。提交后本次签字结束，售后服务主管会与您联系。", "Tell us why you do not sign. This ends the sign-off; the service supervisor will contact you."),
    RefuseDone => ("已记录您的意见。", "Your answer is recorded."),
    RefuseDoneBody => ("售后服务主管会尽快与您联系。", "The service supervisor will contact you soon."),
    LinkGone => ("此签字链接已使用或已过期。", "This sign-off link has been used or has expired."),
    LinkGoneBody => ("如需签字，请联系售后服务人员重新生成链接。", "To sign, ask the service staff for a new link."),
    LinkUnknown => ("签字链接无效。", "This sign-off link is not valid."),
    FeDrawSignature => ("请先在签字区签名。", "Please sign in the box first."),
    ValidUntil => ("链接有效期至 {0}", "Link valid until {0}"),
    ArrivedAtLabel => ("到场时间", "Arrived"),
    FinishedAtLabel => ("完工时间", "Finished"),
    SignatureArea => ("签字区", "Signature area"),

    // Timeline actions
    ActCreated => ("受理报修", "Recorded"),
    ActContacted => ("首次联系客户", "Customer contacted"),
    ActDispatched => ("派工", "Dispatched"),
    ActScheduled => ("预约上门", "Visit scheduled"),
    ActCheckedIn => ("到场签到", "Checked in on site"),
    ActReportStarted => ("开始填写报告", "Report started"),
    ActFinished => ("完工检验", "Visit finished"),
    ActReportSubmitted => ("提交维修报告", "Report submitted"),
    ActReportRejected => ("驳回维修报告", "Report rejected"),
    ActReportApproved => ("审核通过", "Report approved"),
    ActSignLinkCreated => ("生成签字链接", "Sign-off link created"),
    ActSigned => ("客户签字确认", "Signed by the customer"),
    ActSignatureRefused => ("客户拒签", "Customer refused to sign"),
    ActClosedUnsigned => ("见证结案（无签字）", "Closed without signature"),
    ActComplaintOpened => ("转客户投诉", "Complaint opened"),
    ActReassigned => ("改派", "Reassigned"),
    ActCancelled => ("取消", "Cancelled"),
    ActResolvedRemotely => ("远程解决", "Resolved remotely"),
    ActRepairContinued => ("客户选择继续修理", "Customer chose to continue the repair"),
    ActMachineReplaced => ("换货", "Machine replaced"),

    // The customer's choice past the 三包 repair deadline (换货)
    ChoiceBanner => ("客户可选择继续修理或换货", "The customer may choose to continue the repair or have the machine replaced"),
    ChoiceBannerBody => ("三包修理期限 {0} 已过，机器仍未修好：按三包规定，客户可选择继续修理或更换同型号新机（换货后三包期从换货之日重新计算）。", "The 三包 repair deadline {0} has passed with the machine unrepaired: the customer may choose to continue the repair or have it replaced with a new machine of the same model (the 三包 period then restarts on the replacement day)."),
    RecordChoice => ("记录客户选择", "Record the customer's choice"),
    ChoiceContinue => ("继续修理", "Continue the repair"),
    ChoiceReplace => ("换货（同型号新机）", "Replace (new machine, same model)"),
    NewSerial => ("新机出厂编号", "New machine's serial number"),
    ReplacedOn => ("换货日期", "Replacement date"),
    ChoiceRecorded => ("已记录：客户选择继续修理。", "Recorded: the customer continues with the repair."),
    MachineReplacedDone => ("已换货：机器档案已改为新出厂编号，三包期重新计算。", "Machine replaced: its record has the new serial number and a new 三包 period."),
    ChOldSerial => ("原出厂编号", "Old serial number"),
    ChNewSerial => ("新出厂编号", "New serial number"),
    ChPreviousWarrantyEnd => ("原三包截止", "Previous 三包 end"),
    ChEligibleSince => ("可选择自", "Choice open since"),
    ActDiagnosed => ("诊断故障部件类型", "Part type diagnosed"),
    ActRepeatFaultEligible => ("符合三包更换条件", "Eligible for a 三包 replacement"),
    ActFollowUpAttempted => ("回访未果", "Follow-up attempt"),
    ActFollowedUp => ("已回访，结案", "Followed up; closed"),
    ActFollowUpUnreachable => ("无法联系，结案", "Unreachable; closed"),
    ActPartsAwaited => ("缺料，等待配件", "Parts short; waiting for parts"),
    ActPartsWaitEnded => ("配件已发，等待结束", "Parts issued; wait over"),
    WaitingForParts => ("待配件", "Waiting for parts"),
    PartsExpectedOn => ("配件预计到货", "Parts expected"),
    PartsNotOrdered => ("尚未订货", "not ordered yet"),
    PartsSomeNotOrdered => ("另有 {0} 项尚未订货", "{0} more not ordered yet"),
    PartsOverdue => ("已逾期", "overdue"),
    ChSince => ("起始", "Since"),

    // The 三包 repeat-fault rule: the fault a report names, and what is due.
    FaultAssembly => ("故障主要部件（总成）", "Main assembly at fault"),
    FaultAssemblyNone => ("无（易损件或未确定）", "None (wear part or not known)"),
    FaultSerious => ("严重质量问题（无法正常作业）", "Serious fault (the machine cannot work properly)"),
    FaultAssemblyReplaced => ("已更换总成（非修理）", "Assembly replaced (not repaired)"),
    FaultHint => ("三包：同一主要部件因同一严重质量问题修理两次，可更换总成；更换后再次出现，可更换整机", "三包: the same serious fault of a main assembly repaired twice entitles to a new assembly; again after that, to a new machine"),
    RepeatFaultTitle => ("三包更换资格", "三包 replacement due"),
    RemedyAssembly => ("{0}同一严重故障已修理两次：可更换{0}总成", "{0}: the same serious fault repaired twice, a new assembly is due"),
    RemedyMachine => ("{0}更换总成后再次出现同一严重故障：可更换整机", "{0}: the same serious fault after the assembly was replaced, a new machine is due"),
    RepeatFaultSince => ("自 {0} 起", "since {0}"),
    RepeatFaultReports => ("依据的维修：", "The repairs behind it:"),
    RepeatFaultOtherDealer => ("其他经销商的报修", "another dealer's request"),
    ChRemedy => ("三包救济", "Remedy"),
    ChRepairs => ("维修次数", "Repairs"),
    ChRequests => ("报修单", "Requests"),

    // Timeline details
    ChNumber => ("单号", "Number"),
    System => ("系统", "System"),
    MapLink => ("在地图中查看", "Show on the map"),
    PastRequests => ("该客户的报修记录", "This customer's requests"),
    NoPastRequests => ("该客户没有报修记录。", "This customer has no earlier request."),
    MachineHistory => ("该农机的服务历史", "This machine's history"),
    NoMachineHistory => ("该农机没有服务记录。", "No service recorded for this machine."),
    LeaveUnsaved => ("报修信息尚未登记，确定离开此页吗？", "The request is not recorded yet. Leave this page?"),
    OpenRequest => ("未完成", "Open"),
    ChWorkOrder => ("任务单", "Work order"),
    ChFromWorkOrder => ("原任务单", "Previous work order"),
    ChEngineer => ("工程师", "Engineer"),
    ChAppointment => ("预约时间", "Appointment"),
    ChNote => ("备注", "Note"),
    ChArrivedAt => ("到场时间", "Arrived"),
    ChLate => ("迟到", "Late"),
    ChInspectionPassed => ("检验合格", "Inspection passed"),
    ChComment => ("意见", "Comment"),
    ChExpiresAt => ("有效期至", "Valid until"),
    ChAnsweredAt => ("已重新提交（驳回意见已答复）", "Resubmitted (rejection answered)"),
    LastRejection => ("上次驳回", "Last rejection"),
    RejectionAnswered => ("已答复：{0} 重新提交", "Answered: resubmitted on {0}"),
    RejectionOpen => ("待工程师返工后重新提交", "Waiting for the engineer to resubmit"),
    ChangesSinceRejection => ("驳回后的修改", "Changes since the rejection"),
    NoChangesSinceRejection => ("重新提交的报告与被驳回的版本相同。", "The resubmitted report is the same as the rejected one."),
    PartsAdded => ("新增配件", "Parts added"),
    PartsRemoved => ("删除配件", "Parts removed"),
    ChSignerName => ("签字人", "Signer"),
    ChMethod => ("回访方式", "Method"),
    ChRunningNormally => ("使用情况正常", "Machine running normally"),
    ChRepeatRequest => ("新开报修单", "Repeat request"),
    ChAttempts => ("尝试次数", "Attempts"),
    ChReached => ("已接通", "Reached"),
    ChComments => ("意见", "Comments"),
    ChSuggestions => ("建议", "Suggestions"),
    ChFollowUpDue => ("回访时间", "Follow-up due"),

    // On-site acknowledgement (现场确认) and the sign-off link's QR code
    AckTitle => ("客户现场确认", "Customer's on-site acknowledgement"),
    AckIntro => ("请客户确认本次服务、选择满意度并签名。报告审核通过后，客户仍需签字确认维修报告。", "Ask the customer to confirm this visit, mark their satisfaction and sign. Once the report is approved they still sign it."),
    Satisfaction => ("满意度", "Satisfaction"),
    AckSave => ("保存现场确认", "Save acknowledgement"),
    AckSaved => ("已保存客户现场确认。", "The customer's acknowledgement is saved."),
    AckAt => ("确认时间", "Acknowledged"),
    FeChooseSatisfaction => ("请选择满意度。", "Choose how satisfied the customer is."),
    ActAcknowledged => ("客户现场确认", "Acknowledged on site"),
    ScanToSign => ("客户可用手机扫描二维码打开签字页。", "The customer can scan the code with a phone to open the sign-off page."),
    SignQr => ("签字链接二维码", "QR code of the sign-off link"),
    ScanOnAnotherDevice => ("用另一台设备扫码，在那里签字。", "Scan to sign on another device."),
    FieldSignHint => ("报告已审核通过：请客户用手机扫描二维码，确认维修报告并签字。重新生成后，旧链接即失效。", "The report is approved: let the customer scan the code with their phone to confirm and sign it. A new code makes earlier ones stop working."),
    ShowSignQr => ("显示签字二维码", "Show the sign-off QR code"),
    ReissueSignQr => ("重新生成二维码", "Issue a new QR code"),
    LinkAddress => ("签字页地址", "Sign-off page address"),
}

impl S {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        pick(lang, self.pair())
    }
}

impl I18n {
    /// A service-workflow label in the current language.
    pub fn s(&self, key: S) -> &'static str {
        key.text(self.lang)
    }

    /// A service-workflow label with its `{0}`, `{1}`... filled in.
    pub fn sf(&self, key: S, args: &[&str]) -> String {
        let mut out = key.text(self.lang).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// A satisfaction mark (满意度), on the follow-up's scale.
pub fn satisfaction(s: Satisfaction, lang: Lang) -> &'static str {
    use Satisfaction::*;
    pick(
        lang,
        match s {
            VerySatisfied => ("非常满意", "Very satisfied"),
            Satisfied => ("满意", "Satisfied"),
            Neutral => ("一般", "Neutral"),
            Dissatisfied => ("不满意", "Dissatisfied"),
            VeryDissatisfied => ("非常不满意", "Very dissatisfied"),
        },
    )
}

/// A request status as the staff call it.
pub fn request_status(s: RequestStatus, lang: Lang) -> &'static str {
    use RequestStatus::*;
    pick(
        lang,
        match s {
            New => ("待派工", "New"),
            Dispatched => ("已派工", "Dispatched"),
            InService => ("维修中", "In service"),
            PendingReview => ("待审核", "Pending review"),
            PendingSignoff => ("待客户签字", "Pending sign-off"),
            Completed => ("已完成", "Completed"),
            ResolvedRemotely => ("远程解决", "Resolved remotely"),
            Closed => ("已关闭", "Closed"),
            Cancelled => ("已取消", "Cancelled"),
        },
    )
}

/// A work order status.
pub fn work_order_status(s: WorkOrderStatus, lang: Lang) -> &'static str {
    use WorkOrderStatus::*;
    pick(
        lang,
        match s {
            Assigned => ("已指派", "Assigned"),
            Scheduled => ("已预约", "Scheduled"),
            OnSite => ("已到场", "On site"),
            Finished => ("已完工", "Finished"),
            Reassigned => ("已改派", "Reassigned"),
            Cancelled => ("已取消", "Cancelled"),
        },
    )
}

/// A repair report status.
pub fn report_status(s: ReportStatus, lang: Lang) -> &'static str {
    use ReportStatus::*;
    pick(
        lang,
        match s {
            Draft => ("草稿", "Draft"),
            Submitted => ("已提交", "Submitted"),
            Rejected => ("已驳回", "Rejected"),
            Approved => ("已审核", "Approved"),
            Signed => ("客户已签字", "Signed"),
            SignatureRefused => ("客户拒签", "Signature refused"),
            ClosedUnsigned => ("拒签结案", "Closed unsigned"),
        },
    )
}

pub fn priority(p: Priority, lang: Lang) -> &'static str {
    pick(
        lang,
        match p {
            Priority::Critical => ("紧急", "Critical"),
            Priority::High => ("高", "High"),
            Priority::Normal => ("普通", "Normal"),
            Priority::Low => ("低", "Low"),
        },
    )
}

pub fn channel(c: Channel, lang: Lang) -> &'static str {
    pick(
        lang,
        match c {
            Channel::Phone => ("电话", "Phone"),
            Channel::Email => ("邮件", "Email"),
            Channel::OnlineChat => ("在线客服", "Online chat"),
            Channel::DealerPortal => ("经销商门户", "Dealer portal"),
            Channel::Api => ("系统接口", "API"),
            Channel::WalkIn => ("上门", "Walk-in"),
        },
    )
}

pub fn kind(k: RequestKind, lang: Lang) -> &'static str {
    pick(
        lang,
        match k {
            RequestKind::Repair => ("维修", "Repair"),
            RequestKind::Maintenance => ("保养", "Maintenance"),
            RequestKind::Consultation => ("咨询", "Consultation"),
            RequestKind::Complaint => ("投诉", "Complaint"),
        },
    )
}

pub fn operation(o: Operation, lang: Lang) -> &'static str {
    pick(
        lang,
        match o {
            Operation::Harvest => ("收获", "Harvest"),
            Operation::Planting => ("播种", "Planting"),
            Operation::Spraying => ("植保", "Spraying"),
            Operation::Tillage => ("耕整地", "Tillage"),
            Operation::Transport => ("运输", "Transport"),
            Operation::Other => ("其他", "Other"),
        },
    )
}

/// The regime of a request's clocks.
pub fn legal_clock(c: LegalClock, lang: Lang) -> &'static str {
    pick(
        lang,
        match c {
            LegalClock::SanbaoBusySeason => (
                "三包·农忙季节（主要部件3日、易损件1日）",
                "三包, busy season (3 days main part, 1 day wear part)",
            ),
            LegalClock::SanbaoWorkingDays => ("三包·30个工作日", "三包, 30 working days"),
            LegalClock::CompanySla => (
                "公司服务时限（不适用三包修复时限）",
                "Company SLA (no 三包 repair deadline)",
            ),
        },
    )
}

/// Who pays (费用承担): 三包, 延保, 善意, 客户付费.
pub fn coverage(c: Coverage, lang: Lang) -> &'static str {
    pick(
        lang,
        match c {
            Coverage::Sanbao => ("三包", "Three guarantees (三包)"),
            Coverage::ExtendedWarranty => ("延保", "Extended warranty"),
            Coverage::Goodwill => ("善意", "Goodwill"),
            Coverage::Charged => ("客户付费", "Charged to the customer"),
        },
    )
}

pub fn suspected_part(p: SuspectedPart, lang: Lang) -> &'static str {
    pick(
        lang,
        match p {
            SuspectedPart::MainPart => ("整机或主要部件", "Whole machine or main part"),
            SuspectedPart::WearPart => ("易损件", "Wear part"),
            SuspectedPart::Unknown => ("暂不确定", "Not known yet"),
        },
    )
}

/// A main assembly (主要部件总成) by its name on the 三包 certificate.
pub fn main_assembly(a: MainAssembly, lang: Lang) -> &'static str {
    pick(
        lang,
        match a {
            MainAssembly::Engine => ("发动机", "Engine"),
            MainAssembly::Transmission => ("传动系", "Transmission"),
            MainAssembly::Hydraulics => ("液压系统", "Hydraulics"),
            MainAssembly::ThreshingCleaning => ("脱粒清选装置", "Threshing and cleaning"),
            MainAssembly::Header => ("割台", "Header"),
            MainAssembly::WorkingUnit => ("作业装置", "Working unit"),
            MainAssembly::Chassis => ("底盘行走系", "Chassis and running gear"),
            MainAssembly::Electrical => ("电气系统", "Electrical system"),
        },
    )
}

/// What the repeat-fault rule makes due.
pub fn remedy(r: Remedy, lang: Lang) -> &'static str {
    pick(
        lang,
        match r {
            Remedy::ReplaceAssembly => ("更换总成", "New assembly"),
            Remedy::ReplaceMachine => ("更换整机", "New machine"),
        },
    )
}

pub fn category(c: MachineCategory, lang: Lang) -> &'static str {
    pick(
        lang,
        match c {
            MachineCategory::Tractor => ("拖拉机", "tractor"),
            MachineCategory::CombineHarvester => ("联合收割机", "combine harvester"),
            MachineCategory::Planter => ("播种机", "planter"),
            MachineCategory::Transplanter => ("插秧机", "rice transplanter"),
            MachineCategory::Sprayer => ("植保机", "sprayer"),
            MachineCategory::Baler => ("打捆机", "baler"),
            MachineCategory::Other => ("其他农机", "other machine"),
        },
    )
}

/// A timeline action (`dispatched`...); unknown ones as sent.
pub fn action(a: &str) -> Option<S> {
    Some(match a {
        "created" => S::ActCreated,
        "contacted" => S::ActContacted,
        "dispatched" => S::ActDispatched,
        "scheduled" => S::ActScheduled,
        "checked_in" => S::ActCheckedIn,
        "report_started" => S::ActReportStarted,
        "finished" => S::ActFinished,
        "acknowledged" => S::ActAcknowledged,
        "report_submitted" => S::ActReportSubmitted,
        "report_rejected" => S::ActReportRejected,
        "report_approved" => S::ActReportApproved,
        "sign_link_created" => S::ActSignLinkCreated,
        "signed" => S::ActSigned,
        "signature_refused" => S::ActSignatureRefused,
        "closed_unsigned" => S::ActClosedUnsigned,
        "complaint_opened" => S::ActComplaintOpened,
        "reassigned" => S::ActReassigned,
        "cancelled" => S::ActCancelled,
        "resolved_remotely" => S::ActResolvedRemotely,
        "repair_continued" => S::ActRepairContinued,
        "machine_replaced" => S::ActMachineReplaced,
        "diagnosed" => S::ActDiagnosed,
        "repeat_fault_eligible" => S::ActRepeatFaultEligible,
        "follow_up_attempted" => S::ActFollowUpAttempted,
        "followed_up" => S::ActFollowedUp,
        "follow_up_unreachable" => S::ActFollowUpUnreachable,
        "parts_awaited" => S::ActPartsAwaited,
        "parts_wait_ended" => S::ActPartsWaitEnded,
        _ => return None,
    })
}

/// The label of an engineer absence's reason.
pub fn absence_reason(r: furrow_domain::service::absence::AbsenceReason) -> S {
    use furrow_domain::service::absence::AbsenceReason;
    match r {
        AbsenceReason::Leave => S::AbsenceLeave,
        AbsenceReason::Training => S::AbsenceTraining,
        AbsenceReason::Other => S::AbsenceOther,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_terms_label_the_workflow() {
        assert_eq!(S::PromisedArrival.text(Lang::ZhCn), "预计到达时间");
        assert_eq!(S::Symptoms.text(Lang::ZhCn), "故障现象");
        assert_eq!(S::PreliminaryJudgement.text(Lang::ZhCn), "初步判断");
        assert_eq!(S::Process.text(Lang::ZhCn), "维修过程");
        assert_eq!(S::Cause.text(Lang::ZhCn), "故障原因");
        assert_eq!(S::Measures.text(Lang::ZhCn), "维修措施");
        assert_eq!(S::Parts.text(Lang::ZhCn), "更换的配件");
        assert_eq!(
            request_status(RequestStatus::Completed, Lang::ZhCn),
            "已完成"
        );
        assert_eq!(action("signed"), Some(S::ActSigned));
        assert_eq!(action("acknowledged"), Some(S::ActAcknowledged));
        assert_eq!(satisfaction(Satisfaction::Neutral, Lang::ZhCn), "一般");
    }
}
