//! Labels of the purchasing pages (采购), as constants of [`T`].

use super::T;
use furrow_domain::parts::{PurchaseOrigin, PurchaseStatus};

labels! {
    NavPurchasing => ("采购", "Purchasing"),
    PurchasingTitle => ("采购申请", "Purchase requests"),
    NewPurchase => ("新建采购申请", "New purchase request"),
    SuggestionsTitle => ("补货建议", "Reorder suggestions"),
    PrNumber => ("单号", "Number"),
    PrStatus => ("状态", "Status"),
    PrOrigin => ("来源", "Origin"),
    PrParts => ("配件", "Parts"),
    PrSupplier => ("供应商", "Supplier"),
    PrExpected => ("预计到货", "Expected"),
    PrOverdue => ("逾期", "Overdue"),
    PrOverdueOnly => ("只看逾期", "Overdue only"),
    PrAll => ("全部", "All"),
    PrSearch => ("单号", "Number"),
    NoPurchases => ("没有采购申请。", "No purchase requests."),
    NoPurchasesMatch => ("没有符合条件的采购申请。", "No purchase requests match."),
    PrLines => ("明细", "Lines"),
    PrQuantity => ("数量", "Quantity"),
    PrReceived => ("已到货", "Received"),
    PrOutstanding => ("未到货", "Outstanding"),
    PrNotes => ("进度备注", "Progress notes"),
    PrNoNotes => ("还没有备注。", "No notes yet."),
    PrWorkOrder => ("工单", "Work order"),
    PrRequestedBy => ("申请人", "Requested by"),
    PrCancelReason => ("取消原因", "Cancel reason"),
    PrApprove => ("批准", "Approve"),
    PrOrder => ("下单", "Order"),
    PrReceive => ("到货入库", "Receive"),
    PrCancel => ("取消申请", "Cancel request"),
    PrAddNote => ("添加备注", "Add note"),
    PrNoteText => ("备注", "Note"),
    PrReason => ("原因", "Reason"),
    PrWarehouse => ("入库仓库", "Into warehouse"),
    PrBin => ("库位", "Bin"),
    PrDeliveryNote => ("送货单号", "Delivery note"),
    PrReceiveNow => ("本次到货", "Received now"),
    PrNoCommands => ("当前没有可执行的操作。", "Nothing to do on it now."),
    PrPartNumber => ("配件编号", "Part number"),
    PrAddLine => ("添加一行", "Add a line"),
    PrPartNotFound => ("没有这个配件编号。", "No part with this number."),
    PrSave => ("提交申请", "Submit request"),
    PrSaving => ("正在提交…", "Submitting…"),
    PrWorking => ("正在处理…", "Working…"),
    SgOnHand => ("现有库存", "On hand"),
    SgOnOrder => ("在途", "On order"),
    SgPoint => ("补货点", "Reorder point"),
    SgUsage => ("近90天领用", "Issued, 90 days"),
    SgSuggested => ("建议采购量", "Suggested"),
    SgRaise => ("为所选配件提出采购申请", "Raise a purchase request for the selected"),
    SgNone => ("没有需要补货的配件。", "No part needs reordering."),
    SgRule => (
        "库存加在途低于补货点的配件；建议量 = max(补货量, 近90天领用) − 在途，且不少于补回补货点所需。",
        "Parts whose on hand plus on order is below the reorder point; suggested = max(reorder quantity, 90 days' issues) − on order, and at least what brings them back to the point.",
    ),
}

/// A purchase request's status.
pub fn status_label(s: PurchaseStatus) -> T {
    match s {
        PurchaseStatus::Requested => T(&("已申请", "Requested")),
        PurchaseStatus::Approved => T(&("已批准", "Approved")),
        PurchaseStatus::Ordered => T(&("已下单", "Ordered")),
        PurchaseStatus::PartlyReceived => T(&("部分到货", "Partly received")),
        PurchaseStatus::Received => T(&("已到货", "Received")),
        PurchaseStatus::Cancelled => T(&("已取消", "Cancelled")),
    }
}

/// Why a purchase request was raised.
pub fn origin_label(o: PurchaseOrigin) -> T {
    match o {
        PurchaseOrigin::Shortage => T(&("缺件", "Shortage")),
        PurchaseOrigin::Reorder => T(&("补货", "Reorder")),
        PurchaseOrigin::Manual => T(&("手工", "By hand")),
    }
}
