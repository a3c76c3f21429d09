//! Labels of the parts requisition pages (领用单), as constants of [`T`]:
//! the queue, the issue screen (发料) with its shortages (缺料), returns
//! (退库), exchanges (退换) and the cancel, the engineer's parts request
//! (申领配件) on the work order page, and the parts a machine's archive lists
//! as issued on it.

use super::{Lang, T};
use furrow_domain::parts::RequisitionStatus;

labels! {
    NavRequisitions => ("领用单", "Requisitions"),
    RequisitionsTitle => ("领用单", "Parts requisitions"),
    RequisitionTitle => ("领用单 {0}", "Requisition {0}"),
    RqSearch => ("领用单号", "Requisition number"),
    RqStatus => ("状态", "Status"),
    RqAll => ("全部", "All"),
    RqNone => ("没有领用单。", "No requisitions."),
    RqNoneMatch => ("没有符合条件的领用单。", "No requisition matches."),
    RqNumber => ("领用单号", "Number"),
    RqWorkOrder => ("维修任务单", "Work order"),
    RqRequest => ("报修单", "Request"),
    RqMachine => ("机器", "Machine"),
    RqCustomer => ("客户", "Customer"),
    RqEngineer => ("工程师", "Engineer"),
    RqSource => ("来源", "Source"),
    RqFromReport => ("维修报告审核通过", "Approved repair report"),
    RqFromEngineer => ("工程师申请", "Engineer's request"),
    RqUpdated => ("更新时间", "Updated"),
    RqLines => ("领用明细", "Lines"),
    RqShortFlag => ("缺料", "Short"),
    RqPart => ("配件", "Part"),
    RqRequested => ("申请数量", "Requested"),
    RqIssued => ("已发", "Issued"),
    RqReturned => ("已退", "Returned"),
    RqExchanged => ("已退换", "Exchanged"),
    RqShort => ("缺料数量", "Short"),
    RqOutstanding => ("未发", "Outstanding"),
    RqNotInCatalog => ("不在配件目录中，不能发料", "Not in the catalog; cannot be issued"),
    RqIssueTitle => ("发料", "Issue parts"),
    RqWarehouse => ("发料仓库", "Warehouse"),
    RqChooseWarehouse => ("请选择仓库", "Choose a warehouse"),
    RqRecipient => ("领用人员", "Recipient"),
    RqOnHand => ("库存 {0}", "{0} on hand"),
    RqQuantity => ("本次数量", "Quantity now"),
    RqIssueButton => ("确认发料", "Issue"),
    RqIssued2 => ("已发料。", "Parts issued."),
    RqReturnTitle => ("退库", "Return unused parts"),
    RqReturnWarehouse => ("退回仓库", "Into warehouse"),
    RqReturnButton => ("确认退库", "Return"),
    RqReturnedDone => ("已退库。", "Parts returned."),
    RqExchangeTitle => ("退换", "Exchange faulty parts"),
    RqExchangeHint => ("在上表“退换”列填写换下的故障件数量，按所选仓库换发好件给领用人员。", "Enter how many faulty units come back in the Exchange column above; good ones from the chosen warehouse go to the recipient."),
    RqExchangeReason => ("退换原因", "What is wrong with them"),
    RqExchangeButton => ("确认退换", "Exchange"),
    RqExchangedDone => ("已退换。", "Parts exchanged."),
    RqCancelTitle => ("取消领用单", "Cancel the requisition"),
    RqCancelBody => ("取消后不能再发料；已发的配件仍可退库。", "Nothing more can be issued; parts already issued can still be returned."),
    RqCancelReason => ("取消原因", "Reason for cancelling"),
    RqCancelButton => ("取消领用单", "Cancel requisition"),
    RqCancelledDone => ("领用单已取消。", "Requisition cancelled."),
    RqShortNote => ("缺料的配件需要采购，到货后再发。", "Short parts are to be bought and issued when they arrive."),
    RqAskPanel => ("申领配件", "Parts requested"),
    RqAskNone => ("还没有申领配件。", "No parts requested yet."),
    RqAskTitle => ("申领配件", "Request parts"),
    RqFindPart => ("查找", "Find"),
    RqFindPartHint => ("配件号或名称", "Part number or name"),
    RqNoPartFound => ("没有找到配件。", "No part found."),
    RqChangePart => ("换一个", "Change"),
    RqAskQuantity => ("数量", "Quantity"),
    RqAskNote => ("备注", "Note"),
    RqAskButton => ("提交申领", "Request"),
    RqRequestSent => ("已提交领用单 {0}。", "Requisition {0} sent."),
    PartsIssuedTitle => ("更换的配件（领用发料）", "Parts issued on this machine"),
    PartsIssuedNone => ("没有发过配件。", "No parts issued yet."),
    PartsIssuedQuantity => ("数量", "Quantity"),
}

/// The label of a requisition's status.
pub fn status(s: RequisitionStatus, lang: Lang) -> &'static str {
    let t = match s {
        RequisitionStatus::Open => T(&("待发料", "Open")),
        RequisitionStatus::PartlyIssued => T(&("部分发料", "Partly issued")),
        RequisitionStatus::Issued => T(&("已发料", "Issued")),
        RequisitionStatus::Cancelled => T(&("已取消", "Cancelled")),
    };
    t.text(lang)
}
