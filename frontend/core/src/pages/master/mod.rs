//! Master data and archives (售后服务档案管理): customers (客户档案), machines
//! (产品档案), product models (产品型号), dealers (经销商), engineer profiles
//! (工程师), the parts catalog, stock and warehouses (配件), and the spreadsheet
//! import (批量导入). The archive bundle (frontend/archive) serves the archives,
//! the warehouse bundle (frontend/warehouse) the parts pages, the admin bundle
//! (frontend/admin) the import.

mod absences;
mod certificate;
pub(crate) mod common;
mod customer;
mod customers;
mod dealers;
mod engineers;
mod import;
mod labels;
pub(crate) mod list;
mod machine;
mod machines;
mod parts;
mod product_models;
pub(crate) mod warranty;

use crate::components::Layout;
use crate::nav::Area;
use crate::pages::not_found::NotFoundBody;
use crate::route::Route;
use common::RecordProps;
use customer::{CustomerArchiveView, CustomerFormPage};
use customers::CustomerListPage;
use dealers::{DealerListPage, DealerPage};
use engineers::{EngineerDetail, EngineerListPage};
pub use import::ImportPage;
use machine::{MachineArchiveView, MachineFormPage};
use machines::MachineListPage;
use parts::{PartListPage, PartPage, StockPage, WarehouseListPage};
use product_models::{ModelListPage, ModelPage};
use uuid::Uuid;
use yew::prelude::*;

/// The page of a record (`Some` id of its address) or of a new one
/// (`None`); "not found" when the address holds no id.
fn page<C: BaseComponent<Properties = RecordProps>>(id: Option<&str>) -> Html {
    match id.map(Uuid::parse_str) {
        None => html! { <C id={None::<Uuid>} /> },
        Some(Ok(id)) => html! { <C id={Some(id)} /> },
        Some(Err(_)) => html! { <NotFoundBody /> },
    }
}

/// The page of an archive route (the archive bundle's), in its area's frame.
pub fn render(route: Route) -> Html {
    use Area as A;
    let (area, page) = match route {
        Route::Customers => (A::Customers, html! { <CustomerListPage /> }),
        Route::NewCustomer => (A::Customers, page::<CustomerFormPage>(None)),
        Route::CustomerDetail { id } => (A::Customers, page::<CustomerArchiveView>(Some(&id))),
        Route::EditCustomer { id } => (A::Customers, page::<CustomerFormPage>(Some(&id))),
        Route::Machines => (A::Machines, html! { <MachineListPage /> }),
        Route::NewMachine => (A::Machines, page::<MachineFormPage>(None)),
        Route::MachineDetail { id } => (A::Machines, page::<MachineArchiveView>(Some(&id))),
        Route::EditMachine { id } => (A::Machines, page::<MachineFormPage>(Some(&id))),
        Route::ProductModels => (A::ProductModels, html! { <ModelListPage /> }),
        Route::NewProductModel => (A::ProductModels, page::<ModelPage>(None)),
        Route::ProductModelDetail { id } => (A::ProductModels, page::<ModelPage>(Some(&id))),
        Route::Dealers => (A::Dealers, html! { <DealerListPage /> }),
        Route::NewDealer => (A::Dealers, page::<DealerPage>(None)),
        Route::DealerDetail { id } => (A::Dealers, page::<DealerPage>(Some(&id))),
        Route::Engineers => (A::Engineers, html! { <EngineerListPage /> }),
        Route::EngineerDetail { id } => (A::Engineers, page::<EngineerDetail>(Some(&id))),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}

/// The page of a parts route (the warehouse bundle's), in its area's frame.
pub fn render_parts(route: Route) -> Html {
    use Area as A;
    let (area, page) = match route {
        Route::Parts => (A::Parts, html! { <PartListPage /> }),
        Route::NewPart => (A::Parts, page::<PartPage>(None)),
        Route::PartDetail { id } => (A::Parts, page::<PartPage>(Some(&id))),
        Route::Warehouses => (A::Parts, html! { <WarehouseListPage /> }),
        Route::Stock => (A::Stock, html! { <StockPage /> }),
        Route::Labels => (A::Stock, html! { <labels::LabelSheetPage /> }),
        Route::Stocktakes => (
            A::Stocktakes,
            html! { <crate::pages::stocktakes::StocktakeListPage /> },
        ),
        Route::NewStocktake => (
            A::Stocktakes,
            html! { <crate::pages::stocktakes::NewStocktakePage /> },
        ),
        Route::StocktakeDetail { id } => (
            A::Stocktakes,
            crate::pages::stocktakes::stocktake_sheet_page(
                &crate::pages::stocktakes::StocktakeSheetProps { id },
            ),
        ),
        Route::Purchasing => (
            A::Purchasing,
            html! { <crate::pages::purchasing::PurchaseBoardPage /> },
        ),
        Route::NewPurchase => (
            A::Purchasing,
            html! { <crate::pages::purchasing::NewPurchasePage /> },
        ),
        Route::ReorderSuggestions => (
            A::Purchasing,
            html! { <crate::pages::purchasing::SuggestionsPage /> },
        ),
        Route::PurchaseDetail { id } => (
            A::Purchasing,
            crate::pages::purchasing::purchase_detail_page(&id),
        ),
        Route::Requisitions => (
            A::Requisitions,
            html! { <crate::pages::parts::RequisitionListPage /> },
        ),
        Route::RequisitionDetail { id } => (
            A::Requisitions,
            crate::components::record_id::by_id::<crate::pages::parts::RequisitionPage>(&id),
        ),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}
