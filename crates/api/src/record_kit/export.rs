//! `GET /{resource}/export?format=csv|xlsx`: the rows a list shows, with the
//! same filters, order and dealer scope, as a file with a header row in the
//! caller's language (`Accept-Language`). One handler serves every
//! resource: an [`Export`] says how to read one page, the rest is here.

use super::document::{operation_for, param, sort_param, string};
use super::{Resource, SortQuery};
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpRequest, HttpResponse, web};
use furrow_domain::access::Action;
use furrow_domain::auth::Actor;
use furrow_domain::export::{Exported, HeaderLang, MAX_EXPORT_ROWS};
use furrow_domain::{FieldError, Page, RecordKind};
use furrow_store::record_kit::{self, Order};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::marker::PhantomData;
use utoipa::IntoParams;
use utoipa::openapi::path::{HttpMethod, ParameterIn, PathItem, Paths, PathsBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Content, RefOr, Required, ResponseBuilder, Schema};
use utoipa_actix_web::OpenApiFactory;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

const CSV_TYPE: &str = "text/csv; charset=utf-8";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The export's own parameters; the filters are the list's.
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    pub format: ExportFormat,
    #[serde(flatten)]
    pub sort: SortQuery,
}

/// A list that can be exported: where it lives, who may read it, its filters
/// and how one page of it is read for an actor.
pub trait Export: 'static {
    /// The collection's path (`/customers`); the export is at `{PATH}/export`.
    const PATH: &'static str;
    const TAG: &'static str;
    /// The collection in the operation id (`export_customers`).
    const MANY: &'static str;
    /// The kind of record: who may export it is the permission table's
    /// [`Action::Export`] on it.
    const RECORD: RecordKind;
    /// The columns `sort` accepts.
    const SORTABLE: &'static [&'static str];
    type Query: DeserializeOwned + IntoParams + Clone + 'static;
    type Row: Exported + Send;

    /// One page of the list from the store position `cursor` (`None`: the first).
    fn page(
        state: &AppState,
        actor: &Actor,
        query: &Self::Query,
        sort: &SortQuery,
        cursor: Option<String>,
    ) -> impl Future<Output = Result<Page<Self::Row>, ApiError>>;
}

impl<R: Resource> Export for R
where
    R::View: Exported,
{
    const PATH: &'static str = R::PATH;
    const TAG: &'static str = R::TAG;
    const MANY: &'static str = R::MANY;
    const RECORD: RecordKind = <R as furrow_store::record_kit::Record>::KIND;
    const SORTABLE: &'static [&'static str] = R::SORTABLE;
    type Query = R::Filters;
    type Row = R::View;

    async fn page(
        state: &AppState,
        actor: &Actor,
        query: &R::Filters,
        sort: &SortQuery,
        cursor: Option<String>,
    ) -> Result<Page<R::View>, ApiError> {
        let sync = R::updated_since(query).is_some();
        let order = sort.order::<R>(sync)?.map(|(o, _)| o);
        let paging = Paging::largest(R::MANY, cursor);
        let listing = paging.listing(query.clone(), ());
        let order: Option<Order<'_>> = order;
        Ok(record_kit::list_ordered::<R>(&state.store, actor, &listing, order).await?)
    }
}

/// The listing of one export page of `many`, a list with one order: a
/// `sort` is refused as the list refuses it.
pub fn one_order_listing<F: Clone>(
    many: &str,
    filters: &F,
    sort: &SortQuery,
    cursor: Option<String>,
) -> Result<furrow_store::Listing<F>, ApiError> {
    if let Some(name) = &sort.sort {
        return Err(ApiError::BadRequest {
            code: "invalid_sort",
            detail: format!("{many} cannot be sorted by `{name}`; sortable: none"),
        });
    }
    Ok(Paging::largest(many, cursor).listing(filters.clone(), ()))
}

/// An [`Export`] named `$name` of a list with one order (`$path`, its
/// OpenAPI tag, its paging name `$many`, its kind of record), read page by
/// page by the store function `$list(store, actor, listing)`.
macro_rules! one_order_export {
    ($name:ident, $path:literal, $tag:literal, $many:literal, $record:expr, $filters:ty, $row:ty, $list:path) => {
        #[doc = concat!("`GET ", $path, "/export`.")]
        pub struct $name;

        impl $crate::record_kit::Export for $name {
            const PATH: &'static str = $path;
            const TAG: &'static str = $tag;
            const MANY: &'static str = $many;
            const RECORD: furrow_domain::RecordKind = $record;
            const SORTABLE: &'static [&'static str] = &[];
            type Query = $filters;
            type Row = $row;

            async fn page(
                state: &$crate::state::AppState,
                actor: &furrow_domain::auth::Actor,
                query: &$filters,
                sort: &$crate::record_kit::SortQuery,
                cursor: Option<String>,
            ) -> Result<furrow_domain::Page<$row>, $crate::error::ApiError> {
                let listing = $crate::record_kit::one_order_listing($many, query, sort, cursor)?;
                Ok($list(&state.store, actor, &listing).await?)
            }
        }
    };
}
pub(crate) use one_order_export;

/// The refusal of a selection too large for one file.
fn too_many_rows() -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: "filters".into(),
        code: "too_many_rows".into(),
        message: format!(
            "the export would hold more than {MAX_EXPORT_ROWS} rows; narrow the filters and export again"
        ),
    }])
}

/// Every row of the pages `fetch` reads from each position on, as cells;
/// refused beyond [`MAX_EXPORT_ROWS`] as soon as the pages pass it.
async fn all_rows<T: Exported, F: Future<Output = Result<Page<T>, ApiError>>>(
    mut fetch: impl FnMut(Option<String>) -> F,
) -> Result<Vec<Vec<String>>, ApiError> {
    let mut rows = Vec::new();
    let mut cursor = None;
    loop {
        let page = fetch(cursor).await?;
        rows.extend(page.items.iter().map(Exported::cells));
        if rows.len() > MAX_EXPORT_ROWS {
            return Err(too_many_rows());
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(rows),
        }
    }
}

fn internal(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("writing the {what} export failed: {e}"))
}

/// RFC 4180 CSV in UTF-8 with a byte-order mark, which Excel needs to read
/// Chinese text as UTF-8 rather than the system code page.
fn csv_file(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(headers).map_err(|e| internal("CSV", e))?;
    for row in rows {
        out.write_record(row).map_err(|e| internal("CSV", e))?;
    }
    out.into_inner().map_err(|e| internal("CSV", e.error()))
}

/// One worksheet, cells as text (codes such as `0451...` phone numbers keep
/// their leading zeros), the header row bold and frozen.
fn xlsx_file(sheet: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| internal("XLSX", e);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(e)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(e)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, cell).map_err(e)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(e)?;
    book.save_to_buffer().map_err(e)
}

async fn export<E: Export>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<E::Query>,
    opts: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(E::RECORD, Action::Export)?;
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = HeaderLang::from_accept_language(accept);
    let rows = all_rows(|cursor| E::page(&state, &auth.actor, &query, &opts.sort, cursor)).await?;
    let headers = E::Row::headers(lang);
    let (body, content_type, ext) = match opts.format {
        ExportFormat::Csv => (csv_file(&headers, &rows)?, CSV_TYPE, "csv"),
        ExportFormat::Xlsx => (xlsx_file(E::Row::FILE, &headers, &rows)?, XLSX_TYPE, "xlsx"),
    };
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(format!(
            "{}.{ext}",
            E::Row::FILE
        ))],
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(disposition)
        .insert_header((header::VARY, "Accept-Language"))
        .body(body))
}

/// The export route of list `E`, for `ServiceConfig::service`. Register it
/// before the record's `{id}` routes, which would otherwise take `export`
/// for an id.
pub struct Exports<E>(PhantomData<E>);

impl<E: Export> Exports<E> {
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<E: Export> Default for Exports<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Export> HttpServiceFactory for Exports<E> {
    fn register(self, config: &mut AppService) {
        web::resource(format!("{}/export", E::PATH))
            .route(web::get().to(export::<E>))
            .register(config);
    }
}

impl<E: Export> OpenApiFactory for Exports<E> {
    fn paths(&self) -> Paths {
        let format = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["csv", "xlsx"]));
        let binary = || {
            Content::new(Some(Schema::Object(
                string()
                    .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                        utoipa::openapi::KnownFormat::Binary,
                    )))
                    .build(),
            )))
        };
        let file = ResponseBuilder::new()
            .description(format!(
                "The file, its header row in the `Accept-Language` language (zh or en; zh when \
                 neither). More than {MAX_EXPORT_ROWS} rows answer 422 `too_many_rows`."
            ))
            .content("text/csv", binary())
            .content(XLSX_TYPE, binary())
            .build();
        let summary = format!(
            "Exports the {} the list shows with the same filters and order, as CSV or XLSX.",
            E::MANY.replace('_', " ")
        );
        let in_query = || Some(ParameterIn::Query);
        let mut op = E::Query::into_params(in_query)
            .into_iter()
            .fold(
                operation_for(E::TAG, format!("export_{}", E::MANY), &summary),
                |o, p| o.parameter(p),
            )
            .parameter(param("format", ParameterIn::Query, Required::True, format));
        for p in sort_param(E::SORTABLE) {
            op = op.parameter(p);
        }
        let mut accept = param(
            "Accept-Language",
            ParameterIn::Header,
            Required::False,
            string(),
        );
        accept.description = Some("The language of the header row: zh or en.".into());
        let op = op.parameter(accept).response("200", file).build();
        PathsBuilder::new()
            .path(
                format!("{}/export", E::PATH),
                PathItem::new(HttpMethod::Get, op),
            )
            .build()
    }

    /// A file has no schema of its own; the filters' enumerations are the list's.
    fn schemas(&self, _: &mut Vec<(String, RefOr<Schema>)>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record_kit::SortDir;
    use furrow_domain::dealers::DealerView;

    #[test]
    fn a_csv_starts_with_a_byte_order_mark_and_quotes_what_needs_it() {
        let rows = vec![vec!["a,b".to_owned(), "say \"hi\"".to_owned()]];
        let file = csv_file(&["名称", "备注"], &rows).unwrap();
        let text = String::from_utf8(file).unwrap();
        assert_eq!(text, "\u{feff}名称,备注\n\"a,b\",\"say \"\"hi\"\"\"\n");
    }

    /// Pages of `n` dealers in total, 200 at a time.
    fn pages(
        n: usize,
    ) -> impl FnMut(Option<String>) -> std::future::Ready<Result<Page<DealerView>, ApiError>> {
        move |cursor| {
            let from: usize = cursor.map_or(0, |c| c.parse().unwrap());
            let to = (from + 200).min(n);
            let items = (from..to).map(dealer).collect();
            let next_cursor = (to < n).then(|| to.to_string());
            std::future::ready(Ok(Page::new(items, next_cursor)))
        }
    }

    fn dealer(i: usize) -> DealerView {
        DealerView {
            id: uuid::Uuid::nil(),
            code: format!("D{i}"),
            name: format!("经销商{i}"),
            region: "黑龙江".into(),
            contact_name: None,
            contact_phone: None,
            address: None,
            active: true,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[tokio::test]
    async fn an_export_holds_every_page_up_to_the_bound_and_is_refused_past_it() {
        let rows = all_rows(pages(MAX_EXPORT_ROWS)).await.unwrap();
        assert_eq!(rows.len(), MAX_EXPORT_ROWS);
        assert_eq!(rows[0][0], "D0");
        assert_eq!(
            rows[MAX_EXPORT_ROWS - 1][0],
            format!("D{}", MAX_EXPORT_ROWS - 1)
        );
        match all_rows(pages(MAX_EXPORT_ROWS + 1)).await {
            Err(ApiError::Validation(e)) => assert_eq!(e[0].code, "too_many_rows"),
            other => panic!(
                "expected 422 too_many_rows, got {:?}",
                other.map(|r| r.len())
            ),
        }
    }

    #[test]
    fn an_unknown_format_is_refused_by_the_query() {
        let q = web::Query::<ExportQuery>::from_query("format=pdf");
        assert!(q.is_err());
        let q = web::Query::<ExportQuery>::from_query("format=xlsx&sort=name&dir=desc").unwrap();
        assert_eq!(q.format, ExportFormat::Xlsx);
        assert_eq!(q.sort.dir, Some(SortDir::Desc));
    }
}
