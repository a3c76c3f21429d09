//! The columns of the parts department's exports: the catalog (which the
//! parts import reads back: the same headers, the cost in yuan, the models
//! by code), the warehouses, the stock levels, and the requisitions,
//! purchase requests and stock-takes one row per document with its lines
//! summed up in one cell.

use super::{ExportColumn, Exported, col, opt, yes_no};
use crate::parts::{
    PartView, PurchaseRequestView, RequisitionView, StockLevelView, StocktakeView, WarehouseView,
};
use rust_decimal::Decimal;

/// A quantity as the pages show it: `2` rather than `2.000`.
fn qty(q: &Decimal) -> String {
    q.normalize().to_string()
}

/// Minor units (fen) as yuan with two decimals: `1250` is `12.50`.
fn yuan(fen: i64) -> String {
    Decimal::new(fen, 2).to_string()
}

/// Several values in one cell, as the import splits them.
fn joined<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    items.iter().map(each).collect::<Vec<_>>().join("; ")
}

impl Exported for PartView {
    const FILE: &'static str = "parts";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("配件编号", "part_number", |p| p.part_number.clone()),
        col("配件名称", "name", |p| p.name.clone()),
        col("规格", "spec", |p| opt(&p.spec)),
        col("类别", "category", |p| p.category.as_str().to_owned()),
        col("单位", "unit", |p| p.unit.clone()),
        col("标准成本", "standard_cost", |p| {
            yuan(p.standard_cost_fen)
        }),
        col("再订货点", "reorder_point", |p| qty(&p.reorder_point)),
        col("再订货量", "reorder_quantity", |p| {
            qty(&p.reorder_quantity)
        }),
        col("适用型号", "model_codes", |p| {
            joined(&p.compatible_models, |m| m.code.clone())
        }),
        col("状态", "status", |p| yes_no(p.active)),
    ];
}

impl Exported for WarehouseView {
    const FILE: &'static str = "warehouses";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("仓库编号", "Code", |w| w.code.clone()),
        col("仓库名称", "Name", |w| w.name.clone()),
        col("类型", "Kind", |w| w.kind.as_str().to_owned()),
        col("库位", "Bins", |w| joined(&w.bins, |b| b.code.clone())),
        col("状态", "Status", |w| yes_no(w.active)),
    ];
}

impl Exported for StockLevelView {
    const FILE: &'static str = "stock";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("配件编号", "Part number", |s| s.part_number.clone()),
        col("配件名称", "Part name", |s| s.part_name.clone()),
        col("规格", "Spec", |s| opt(&s.spec)),
        col("类别", "Category", |s| s.category.as_str().to_owned()),
        col("单位", "Unit", |s| s.unit.clone()),
        col("仓库编号", "Warehouse", |s| s.warehouse_code.clone()),
        col("仓库名称", "Warehouse name", |s| {
            s.warehouse_name.clone()
        }),
        col("库位", "Bin", |s| opt(&s.bin)),
        col("库存", "On hand", |s| qty(&s.on_hand)),
        col("合计库存", "Total on hand", |s| qty(&s.total_on_hand)),
        col("再订货点", "Reorder point", |s| qty(&s.reorder_point)),
        col("低于再订货点", "Below reorder point", |s| {
            if s.below_reorder { "yes" } else { "no" }.to_owned()
        }),
    ];
}

impl Exported for RequisitionView {
    const FILE: &'static str = "requisitions";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("领用单号", "Number", |r| r.number.clone()),
        col("状态", "Status", |r| r.status.as_str().to_owned()),
        col("来源", "Source", |r| r.source.as_str().to_owned()),
        col("工单号", "Work order", |r| r.work_order_number.clone()),
        col("服务请求", "Service request", |r| {
            r.request_number.clone()
        }),
        col("出厂编号", "Serial number", |r| opt(&r.machine_serial)),
        col("客户名称", "Customer", |r| opt(&r.customer_name)),
        col("工程师", "Engineer", |r| r.engineer_name.clone()),
        col(
            "明细（申领/已发/缺料）",
            "Lines (requested/issued/short)",
            |r| {
                joined(&r.lines, |l| {
                    format!(
                        "{} {} {}/{}/{}",
                        l.part_number.as_deref().unwrap_or("-"),
                        l.name,
                        qty(&l.requested),
                        qty(&l.issued),
                        qty(&l.short)
                    )
                })
            },
        ),
        col("缺料", "Short", |r| {
            if r.short { "yes" } else { "no" }.to_owned()
        }),
        col("创建时间", "Created", |r| r.created_at.to_rfc3339()),
    ];
}

impl Exported for PurchaseRequestView {
    const FILE: &'static str = "purchase-requests";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("采购单号", "Number", |p| p.number.clone()),
        col("状态", "Status", |p| p.status.as_str().to_owned()),
        col("来源", "Origin", |p| p.origin.as_str().to_owned()),
        col("工单号", "Work order", |p| opt(&p.work_order_number)),
        col("供应商", "Supplier", |p| opt(&p.supplier)),
        col("预计到货", "Expected on", |p| opt(&p.expected_on)),
        col("逾期", "Overdue", |p| {
            if p.overdue { "yes" } else { "no" }.to_owned()
        }),
        col(
            "明细（数量/已收）",
            "Lines (quantity/received)",
            |p| {
                joined(&p.lines, |l| {
                    format!(
                        "{} {} {}/{}",
                        l.part_number,
                        l.part_name,
                        qty(&l.quantity),
                        qty(&l.received)
                    )
                })
            },
        ),
        col("申请人", "Requested by", |p| p.requested_by_name.clone()),
        col("创建时间", "Created", |p| p.created_at.to_rfc3339()),
    ];
}

impl Exported for StocktakeView {
    const FILE: &'static str = "stocktakes";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("盘点单号", "Number", |s| s.number.clone()),
        col("仓库编号", "Warehouse", |s| s.warehouse_code.clone()),
        col("状态", "Status", |s| s.status.as_str().to_owned()),
        col("盘点行数", "Lines", |s| s.lines.to_string()),
        col("已盘行数", "Counted", |s| s.counted_lines.to_string()),
        col("差异行数", "With variance", |s| {
            s.variance_lines.to_string()
        }),
        col("准确率(%)", "Accuracy (%)", |s| {
            s.accuracy_percent
                .map(|a| format!("{a:.1}"))
                .unwrap_or_default()
        }),
        col("开始时间", "Opened", |s| s.opened_at.to_rfc3339()),
        col("盘点人", "Opened by", |s| s.opened_by_name.clone()),
        col("完成时间", "Reconciled", |s| {
            s.reconciled_at.map(|t| t.to_rfc3339()).unwrap_or_default()
        }),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_is_written_in_yuan_with_two_decimals() {
        assert_eq!(yuan(1250), "12.50");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(0), "0.00");
    }
}
