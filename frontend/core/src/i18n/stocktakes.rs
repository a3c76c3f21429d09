//! Labels of the stock-take pages (盘点), as constants of [`T`]: the list,
//! opening one, and the count sheet with its variances and reconcile.

use super::{Lang, T};
use furrow_domain::parts::StocktakeStatus;

labels! {
    StocktakesTitle => ("盘点", "Stock-takes"),
    NewStocktake => ("新建盘点", "New stock-take"),
    NoStocktakes => ("还没有盘点。", "No stock-takes yet."),
    StNumber => ("盘点单号", "Number"),
    StWarehouse => ("仓库", "Warehouse"),
    StStatus => ("状态", "Status"),
    StOpenedAt => ("开始时间", "Opened"),
    StOpenedBy => ("盘点发起人", "Opened by"),
    StProgress => ("已盘/全部", "Counted / lines"),
    StVarianceLines => ("差异行", "Lines with variance"),
    StAccuracy => ("账实相符率", "Accuracy"),
    StOpen => ("盘点中", "Counting"),
    StReconciled => ("已调账", "Reconciled"),
    StCancelled => ("已取消", "Cancelled"),
    StAllStatuses => ("全部状态", "All statuses"),
    StBins => ("只盘这些库位", "Only these bins"),
    StBinsHint => ("不选则盘点整个仓库。", "None chosen: the whole warehouse."),
    StCategories => ("只盘这些类别", "Only these categories"),
    StNote => ("备注", "Note"),
    StChooseWarehouse => ("请选择仓库", "Choose a warehouse"),
    StOpenSubmit => ("开始盘点（冻结账面数）", "Open (freeze the books)"),
    StOpening => ("正在开始…", "Opening…"),
    StOpenIntro => (
        "开始后冻结每个配件的账面数。盘点期间可以照常出入库：每行按实盘时的账面数计算差异，调账时保留盘点期间的出入库。",
        "Opening freezes each part's book. Stock may move during the count: each line is compared with the book when it is counted, and the reconcile keeps the movements made meanwhile.",
    ),
    StSheet => ("盘点表", "Count sheet"),
    StBlindHint => (
        "盲盘：录入实盘数后才显示账面数和差异。",
        "Blind count: the book and the variance show once a line is counted.",
    ),
    StPart => ("配件", "Part"),
    StBin => ("库位", "Bin"),
    StCounted => ("实盘数", "Counted"),
    StBook => ("账面数", "Book"),
    StVariance => ("差异", "Variance"),
    StCountedBy => ("盘点人", "Counted by"),
    StSaveCount => ("保存", "Save"),
    StRecount => ("复盘", "Recount"),
    StNotCounted => ("未盘", "Not counted"),
    StVarianceOnly => ("只看差异", "Variances only"),
    StAllLines => ("全部行", "All lines"),
    StNoLines => ("没有要显示的行。", "No lines to show."),
    StReconcile => ("调账", "Reconcile"),
    StReconcileTitle => ("确认调账？", "Reconcile this stock-take?"),
    StReconcileBody => (
        "{0} 行有差异，将各过一笔调整单据使账面等于实盘；账实相符率 {1}。调账后不能再修改。",
        "{0} lines differ: each gets an adjustment so the books equal the count; accuracy {1}. This cannot be undone.",
    ),
    StUncounted => ("还有 {0} 行未盘，不能调账。", "{0} lines are not counted yet: they must be counted first."),
    StCancel => ("取消盘点", "Cancel stock-take"),
    StCancelTitle => ("取消这次盘点？", "Cancel this stock-take?"),
    StCancelBody => ("不会过账任何调整，仓库可以重新盘点。", "Nothing is posted; the warehouse may be counted again."),
    StReconciledNotice => ("已调账，账实相符率 {0}。", "Reconciled: accuracy {0}."),
    StLimits => ("范围", "Scope"),
    StWholeWarehouse => ("整个仓库", "Whole warehouse"),
    StBackToList => ("盘点列表", "Stock-takes"),
}

/// The name of a stock-take's status.
pub fn status_label(s: StocktakeStatus, lang: Lang) -> &'static str {
    let t = match s {
        StocktakeStatus::Open => T::StOpen,
        StocktakeStatus::Reconciled => T::StReconciled,
        StocktakeStatus::Cancelled => T::StCancelled,
    };
    t.text(lang)
}
