//! The parts clerk's work on requisitions (领用单): the queue and one
//! requisition's issue (发料) and returns (退库). Served by the warehouse
//! bundle (frontend/warehouse) through `pages::master::render_parts`.

mod requisition;
mod requisitions;

pub(crate) use requisitions::badge_of;

pub use requisition::RequisitionPage;
pub use requisitions::RequisitionListPage;
