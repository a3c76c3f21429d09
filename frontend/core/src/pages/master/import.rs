//! The import wizard (批量导入): choose what to import (master data, or the
//! parts catalog for the parts clerks), download the template,
//! pick a .csv or .xlsx file, check it (a dry run: nothing is written) and see
//! every row's outcome, then import it. A file with any error cannot be
//! imported: the API refuses it as a whole (422 with the same report).

use super::common::use_can;
use crate::components::dom::save_file;
use crate::components::form::ticked;
use crate::components::{
    AppLinkProps, ErrorBannerProps, NoticeKind, NoticeProps, Tone, app_link, badge, error_banner,
    notice,
};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::master::{M, import_action, import_kind, part_category};
use crate::route::Route;
use crate::services::imports::{self, ImportFailure, XLSX_MIME};
use crate::services::requests::ApiError;
use furrow_domain::Permission;
use furrow_domain::import::{
    ImportAction, ImportCellError, ImportKind, ImportReport, MAX_IMPORT_BYTES,
};
use furrow_domain::parts::PartCategory;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A file read into memory, ready to send.
#[derive(Debug, Clone, PartialEq)]
struct Picked {
    name: String,
    bytes: Vec<u8>,
    content_type: &'static str,
}

/// What the last call answered.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// A dry run's report.
    Checked(ImportReport),
    /// The import was applied.
    Imported(ImportReport),
    /// The import was refused; the report says why when there is one.
    Refused(ImportFailure),
}

impl Outcome {
    fn report(&self) -> Option<&ImportReport> {
        match self {
            Outcome::Checked(r) | Outcome::Imported(r) => Some(r),
            Outcome::Refused(f) => f.report.as_ref(),
        }
    }
}

fn content_type_of(name: &str) -> &'static str {
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        XLSX_MIME
    } else {
        "text/csv"
    }
}

async fn read_file(file: web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn cell_error_text(i18n: &I18n, e: &ImportCellError) -> String {
    if i18n.lang == crate::i18n::Lang::En {
        return e.message.clone();
    }
    let key = match e.code.as_str() {
        "required" => crate::i18n::T::FeRequired,
        "too_long" => crate::i18n::T::FeTooLong,
        "invalid" | "not_a_number" | "invalid_date" => crate::i18n::T::FeInvalid,
        "unknown" => return i18n.m(M::FeUnknownRef).to_owned(),
        "duplicate" | "taken" => return i18n.m(M::FeTaken).to_owned(),
        _ => return e.message.clone(),
    };
    i18n.t(key).to_owned()
}

/// The part categories as the file writes them, each with its label
/// (`filter（滤清器）`): the import reads the codes only.
fn part_categories(i18n: &I18n) -> String {
    PartCategory::ALL
        .iter()
        .map(|c| format!("{}（{}）", c.as_str(), i18n.m(part_category(*c))))
        .collect::<Vec<_>>()
        .join(if i18n.lang == crate::i18n::Lang::En {
            ", "
        } else {
            "、"
        })
}

fn action_badge(i18n: &I18n, a: ImportAction) -> Html {
    let tone = match a {
        ImportAction::Create => Tone::Success,
        ImportAction::Update => Tone::Info,
        ImportAction::Unchanged => Tone::Neutral,
        ImportAction::Error => Tone::Danger,
    };
    html! { { badge(tone, i18n.m(import_action(a)), None) } }
}

#[function_component(ImportPage)]
pub fn import_page() -> Html {
    let i18n = use_i18n();
    let can_master = use_can(Permission::EditMasterData);
    let can_catalog = use_can(Permission::ManageCatalog);
    let can_parts = use_can(Permission::ImportParts);
    let kinds: Vec<ImportKind> = [
        (ImportKind::Customers, can_master),
        (ImportKind::Machines, can_master),
        (ImportKind::ProductModels, can_catalog),
        (ImportKind::Parts, can_parts),
    ]
    .into_iter()
    .filter_map(|(k, ok)| ok.then_some(k))
    .collect();
    let kind = use_state(|| kinds.first().copied().unwrap_or(ImportKind::Customers));
    let file = use_state(|| None::<Picked>);
    let file_error = use_state(|| None::<M>);
    let outcome = use_state(|| None::<Outcome>);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let only_errors = use_state(|| false);
    let input_ref = use_node_ref();

    let choose_kind = |k: ImportKind| {
        let (kind, outcome, failure) = (kind.clone(), outcome.clone(), failure.clone());
        Callback::from(move |_: Event| {
            kind.set(k);
            outcome.set(None);
            failure.set(None);
        })
    };
    let on_template = {
        let (kind, failure) = (kind.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let (k, failure) = (*kind, failure.clone());
            spawn_local(async move {
                match imports::template(k).await {
                    Ok(text) => {
                        let name = format!("furrow-{}-template.csv", k.as_str());
                        let _ = save_file(&name, text.as_bytes());
                    }
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let on_file = {
        let (file, file_error, outcome, failure) = (
            file.clone(),
            file_error.clone(),
            outcome.clone(),
            failure.clone(),
        );
        Callback::from(move |e: Event| {
            outcome.set(None);
            failure.set(None);
            file_error.set(None);
            let Some(f) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|l| l.get(0))
            else {
                file.set(None);
                return;
            };
            if f.size() > MAX_IMPORT_BYTES as f64 {
                file.set(None);
                file_error.set(Some(M::FileTooLarge));
                return;
            }
            let (file, file_error) = (file.clone(), file_error.clone());
            spawn_local(async move {
                let name = f.name();
                match read_file(f).await {
                    Ok(bytes) => file.set(Some(Picked {
                        content_type: content_type_of(&name),
                        name,
                        bytes,
                    })),
                    Err(()) => {
                        file.set(None);
                        file_error.set(Some(M::FileUnreadable));
                    }
                }
            });
        })
    };
    let send = |dry_run: bool| {
        let (kind, file, outcome, failure, busy, only_errors) = (
            kind.clone(),
            file.clone(),
            outcome.clone(),
            failure.clone(),
            busy.clone(),
            only_errors.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(picked) = (*file).clone() else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            failure.set(None);
            let (k, outcome, failure, busy, only_errors) = (
                *kind,
                outcome.clone(),
                failure.clone(),
                busy.clone(),
                only_errors.clone(),
            );
            spawn_local(async move {
                let result = imports::run(k, picked.bytes, picked.content_type, dry_run).await;
                busy.set(false);
                match result {
                    Ok(r) if dry_run => {
                        only_errors.set(r.has_errors() && r.rows.len() > 20);
                        outcome.set(Some(Outcome::Checked(r)));
                    }
                    Ok(r) => outcome.set(Some(Outcome::Imported(r))),
                    Err(f) if f.report.is_some() => outcome.set(Some(Outcome::Refused(f))),
                    Err(f) => {
                        outcome.set(None);
                        failure.set(Some(f.error));
                    }
                }
            });
        })
    };
    let start_over = {
        let (file, outcome, failure, input_ref) = (
            file.clone(),
            outcome.clone(),
            failure.clone(),
            input_ref.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            file.set(None);
            outcome.set(None);
            failure.set(None);
            if let Some(i) = input_ref.cast::<HtmlInputElement>() {
                i.set_value("");
            }
        })
    };
    let toggle_only_errors = {
        let only_errors = only_errors.clone();
        Callback::from(move |e: Event| only_errors.set(ticked(&e)))
    };

    let report = (*outcome).as_ref().and_then(Outcome::report).cloned();
    let checked_clean =
        matches!(&*outcome, Some(Outcome::Checked(r)) if !r.has_errors() && r.total_rows > 0);
    let imported = matches!(&*outcome, Some(Outcome::Imported(_)));
    let status = match &*outcome {
        None => Html::default(),
        Some(Outcome::Checked(r)) if r.has_errors() => html! {
            <div class="banner banner-error" role="alert" data-testid="import-has-errors">
                <div class="banner-text">{ i18n.mf(M::ImportHasErrors, &[&r.errors_count.to_string()]) }</div>
            </div>
        },
        Some(Outcome::Checked(r)) if r.total_rows == 0 => {
            html! { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Warning, text: i18n.m(M::ImportNothing), testid: "import-empty" })) } }
        }
        Some(Outcome::Checked(_)) => {
            html! { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.m(M::ImportReady), testid: "import-ready" })) } }
        }
        Some(Outcome::Imported(r)) => html! {
            { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, testid: "import-done", text: i18n.mf(M::ImportDone, &[&r.created.to_string(), &r.updated.to_string(), &r.unchanged.to_string()]) })) }
        },
        Some(Outcome::Refused(f)) => html! {
            <>
                <div class="banner banner-error" role="alert" data-testid="import-refused">
                    <div class="banner-text">{ i18n.m(M::ImportRefused) }</div>
                </div>
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: f.error.clone() })) }
            </>
        },
    };
    let table = report.as_ref().map(|r| {
        let rows = r
            .rows
            .iter()
            .filter(|row| !*only_errors || row.action == ImportAction::Error)
            .map(|row| {
                let is_error = row.action == ImportAction::Error;
                html! {
                    <tr key={row.row} data-testid="import-row" data-row={row.row.to_string()}
                        data-action={row.action.as_str()}
                        class={classes!(is_error.then_some("row-error"))}>
                        <td class="num">{ row.row }</td>
                        <td class="mono">{ &row.key }</td>
                        <td>{ action_badge(&i18n, row.action) }</td>
                        <td class="changes">
                            { for row.errors.iter().map(|e| html! {
                                <div class="import-error" data-testid="import-cell-error" data-field={e.field.clone()} title={e.message.clone()}>
                                    <strong>{ &e.column }</strong>{ format!("：{}", cell_error_text(&i18n, e)) }
                                </div>
                            }) }
                        </td>
                    </tr>
                }
            });
        html! {
            <section class="panel" aria-labelledby="import-report-h" data-testid="import-report">
                <h2 id="import-report-h">{ i18n.m(M::ImportStep3) }</h2>
                <p data-testid="import-summary">
                    { i18n.mf(M::ImportSummary, &[
                        &r.total_rows.to_string(), &r.created.to_string(), &r.updated.to_string(),
                        &r.unchanged.to_string(), &r.errors_count.to_string(),
                    ]) }
                </p>
                if !r.ignored_columns.is_empty() {
                    { notice(&yew::props!(NoticeProps { kind: NoticeKind::Warning, testid: "import-ignored", text: i18n.mf(M::IgnoredColumns, &[&r.ignored_columns.join("、")]) })) }
                }
                if r.has_errors() {
                    <label class="check inline-check" for="import-only-errors">
                        <input type="checkbox" id="import-only-errors" checked={*only_errors} onchange={toggle_only_errors} />
                        <span class="check-label">{ i18n.m(M::ShowOnlyErrors) }</span>
                    </label>
                }
                <div class="table-wrap">
                    <table class="table" data-testid="import-table">
                        <thead>
                            <tr>
                                <th scope="col" class="num">{ i18n.m(M::ColRow) }</th>
                                <th scope="col">{ i18n.m(M::ColKey) }</th>
                                <th scope="col">{ i18n.m(M::ColAction) }</th>
                                <th scope="col">{ i18n.m(M::ColErrors) }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </section>
        }
    });

    let list_route = match *kind {
        ImportKind::Customers => Route::Customers,
        ImportKind::Machines => Route::Machines,
        ImportKind::ProductModels => Route::ProductModels,
        ImportKind::Parts => Route::Parts,
    };
    let picked = (*file).clone();
    html! {
        <div class="page" data-testid="import-page">
            <header class="page-header"><h1>{ i18n.m(M::ImportTitle) }</h1></header>
            <p class="muted page-intro">{ i18n.m(M::ImportIntro) }</p>
            <section class="panel" aria-labelledby="import-kind-h">
                <h2 id="import-kind-h">{ i18n.m(M::ImportStep1) }</h2>
                <div class="segmented" role="radiogroup" aria-labelledby="import-kind-h">
                    { for kinds.iter().map(|k| {
                        let id = format!("import-kind-{}", k.as_str());
                        html! {
                            <label class={classes!("segment", (*kind == *k).then_some("selected"))} for={id.clone()} key={k.as_str()}>
                                <input type="radio" name="import-kind" id={id.clone()} data-testid={id}
                                       checked={*kind == *k} onchange={choose_kind(*k)} disabled={*busy} />
                                { i18n.m(import_kind(*k)) }
                            </label>
                        }
                    }) }
                </div>
                if *kind == ImportKind::Machines {
                    <p class="hint">{ i18n.m(M::ImpMachinesHint) }</p>
                }
                if *kind == ImportKind::Parts {
                    <p class="hint" data-testid="import-parts-hint">{ i18n.mf(M::ImpPartsHint, &[&part_categories(&i18n)]) }</p>
                }
                <div class="form-actions">
                    <button type="button" class="btn" onclick={on_template} data-testid="import-template">
                        { format!("⤓ {}", i18n.m(M::DownloadTemplate)) }
                    </button>
                    <span class="hint">{ i18n.m(M::TemplateHint) }</span>
                </div>
            </section>
            <section class="panel" aria-labelledby="import-file-h">
                <h2 id="import-file-h">{ i18n.m(M::ImportStep2) }</h2>
                <div class="field">
                    <label for="import-file">{ i18n.m(M::ChooseFile) }</label>
                    <input id="import-file" type="file" data-testid="import-file" ref={input_ref}
                           accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           onchange={on_file} disabled={*busy} />
                    if let Some(p) = &picked {
                        <div class="hint" data-testid="import-file-name">
                            { i18n.mf(M::FileChosen, &[&p.name, &format!("{:.1}", p.bytes.len() as f64 / 1024.0)]) }
                        </div>
                    }
                    if let Some(e) = *file_error {
                        <div class="field-error" data-testid="import-file-error">
                            { i18n.mf(e, &[&(MAX_IMPORT_BYTES / (1024 * 1024)).to_string()]) }
                        </div>
                    }
                </div>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" data-testid="import-check"
                            disabled={picked.is_none() || *busy || imported} onclick={send(true)}>
                        { i18n.m(if *busy && !checked_clean { M::Checking } else { M::CheckFile }) }
                    </button>
                    <button type="button" class="btn btn-primary" data-testid="import-confirm"
                            disabled={!checked_clean || *busy} onclick={send(false)}
                            title={(!checked_clean).then(|| AttrValue::from(i18n.m(M::ImportStep3)))}>
                        { i18n.m(if *busy && checked_clean { M::Importing } else { M::ConfirmImport }) }
                    </button>
                    if outcome.is_some() {
                        <button type="button" class="btn btn-ghost" onclick={start_over} data-testid="import-start-over">
                            { i18n.m(M::StartOver) }
                        </button>
                    }
                    if imported {
                        { app_link(&yew::props!(AppLinkProps { to: list_route, classes: "btn", children: html! { <>{ i18n.m(M::OpenList) }</> } })) }
                    }
                </div>
            </section>
            if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e, testid: "import-error" })) } }
            { status }
            { for table }
        </div>
    }
}
