//! The `q` of a list: a text found anywhere in a column, wildcards in it
//! taken literally.

use crate::cursor::contains_pattern;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, Func, LikeExpr, SimpleExpr};

/// `col` contains `text` (for columns stored lowercased, like search texts).
pub fn contains(col: impl ColumnTrait, text: &str) -> SimpleExpr {
    Expr::col(col).like(LikeExpr::new(contains_pattern(text)).escape('\\'))
}

/// `col` contains `text`, whatever the case.
pub fn contains_any_case(col: impl ColumnTrait, text: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(contains_pattern(text)).escape('\\'))
}
