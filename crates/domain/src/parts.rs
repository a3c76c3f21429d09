//! Parts (配件管理): the catalog of parts, the warehouses with their bins,
//! and the stock ledger whose rule — signed quantities per kind, never below
//! zero, a transfer is an out-and-in pair — is decided here once and used by
//! the store, the API and the web app.

pub mod analysis;
mod catalog;
mod filters;
pub mod labels;
mod ledger;
pub mod purchasing;
pub mod requisition;
mod stocktake;

pub use analysis::{
    AbcClass, AnalysisFilters, CategoryValue, ClassSummary, IdleStock, InventoryAnalysis,
    PartAnalysis, WarehouseValue,
};
pub use catalog::{
    Bin, ModelRef, PartCategory, PartInput, PartView, WarehouseInput, WarehouseKind, WarehouseView,
};
pub use filters::{MovementFilters, PartFilters, StockFilters, WarehouseFilters};
pub use ledger::{
    AdjustmentInput, Direction, MAX_QUANTITY, Movement, MovementKind, MovementView, ReceiptInput,
    ReferenceKind, Shortfall, StockLevelView, StockReference, TransferInput, apply_delta,
    below_reorder, decide_adjustment, decide_receipt, decide_transfer, from_milli, to_milli,
};
pub use purchasing::{
    PartsExpected, PurchaseFilters, PurchaseOrigin, PurchaseRequestView, PurchaseStatus,
    ReorderSuggestion, SuggestionFilters,
};
pub use requisition::{
    CancelInput, ExchangeInput, IssueInput, IssuedPart, LineQuantity, RequisitionFilters,
    RequisitionInput, RequisitionLineInput, RequisitionLineView, RequisitionSource,
    RequisitionStatus, RequisitionView, ReturnInput,
};
pub use stocktake::{
    CountInput, LevelAtOpening, LineCount, OpenedLine, Reconciliation, STOCKTAKE_PREFIX,
    StocktakeDetail, StocktakeFilters, StocktakeInput, StocktakeLineFilters, StocktakeLineView,
    StocktakeStatus, StocktakeView, accuracy, decide_cancel, decide_count, decide_open,
    decide_reconcile, matches_book, stocktake_commands, variance,
};
