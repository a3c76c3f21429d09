//! The warranty of machines as `domain::master::machine_warranty` computes it
//! from every request of each machine, whoever asks: the actor's scope narrows
//! which machines are shown, never which requests extend their 三包 period, so
//! an engineer, a dealer and the service desk read the same end date.

use crate::db::now;
use crate::entities::{machine, parts_wait, service_request};
use crate::error::StoreError;
use crate::settings;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use furrow_domain::master::{
    PartsWait, RepairSpan, WarrantyState, WarrantyStatus, WarrantyTerms, machine_warranty,
};
use furrow_domain::service::{RequestKind, RequestStatus};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The company's time zone and today's date in it: 三包 days are its dates.
async fn calendar_day(conn: &impl ConnectionTrait) -> Result<(FixedOffset, NaiveDate), StoreError> {
    let zone = settings::sla(conn).await?.0.zone();
    Ok((zone, now().with_timezone(&zone).date_naive()))
}

pub(crate) fn terms(m: &machine::Model) -> WarrantyTerms {
    WarrantyTerms {
        sale_date: m.sale_date,
        warranty_end: m.warranty_end,
        extended_warranty_end: m.extended_warranty_end,
        replaced_on: m.replaced_on,
    }
}

type SpanRow = (
    Uuid,
    Option<Uuid>,
    String,
    Option<Uuid>,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// The waits for parts of the requests `requests` selects, by request.
async fn waits(
    conn: &impl ConnectionTrait,
    requests: sea_orm::sea_query::SelectStatement,
) -> Result<HashMap<Uuid, Vec<PartsWait>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<PartsWait>> = HashMap::new();
    for w in parts_wait::Entity::find()
        .filter(parts_wait::Column::RequestId.in_subquery(requests))
        .all(conn)
        .await?
    {
        out.entry(w.request_id).or_default().push(PartsWait {
            since: w.since,
            until: w.until,
        });
    }
    Ok(out)
}

/// The repairs of the machines `machines` selects (a subquery or a list),
/// by machine: every request of the repair kind not cancelled, unscoped,
/// with its waits for parts.
async fn repairs(
    conn: &impl ConnectionTrait,
    machines: Condition,
) -> Result<HashMap<Uuid, Vec<RepairSpan>>, StoreError> {
    use service_request::Column as C;
    let selected = || {
        service_request::Entity::find()
            .filter(machines.clone())
            .filter(C::Kind.eq(RequestKind::Repair.as_str()))
            .filter(C::Status.ne(RequestStatus::Cancelled.as_str()))
    };
    let mut waits = waits(conn, selected().select_only().column(C::Id).into_query()).await?;
    let rows: Vec<SpanRow> = selected()
        .select_only()
        .columns([
            C::Id,
            C::MachineId,
            C::Number,
            C::DealerId,
            C::Kind,
            C::Status,
            C::ReportedAt,
        ])
        .columns([C::RepairedAt, C::CompletedAt, C::ClosedAt])
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: HashMap<Uuid, Vec<RepairSpan>> = HashMap::new();
    for (
        id,
        machine_id,
        number,
        dealer_id,
        kind,
        status,
        reported_at,
        repaired,
        completed,
        closed,
    ) in rows
    {
        let Some(machine_id) = machine_id else {
            continue;
        };
        let corrupt = |field: &'static str, value: &str| {
            StoreError::corrupt(
                format!("service request {number}"),
                field,
                format!("unknown {field} {value:?}"),
            )
        };
        let kind = RequestKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?;
        let status = RequestStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?;
        out.entry(machine_id).or_default().push(RepairSpan {
            request_id: id,
            number,
            dealer_id,
            kind,
            status,
            reported_at,
            // Repair done: the engineer finished; a request closed without a
            // finished visit (resolved remotely) is done when it was resolved.
            done_at: repaired.or(completed).or(closed),
            parts_waits: waits.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The warranty of a machine without its repairs, where no one reads the
/// extension (the audit summary of an import row).
pub(crate) fn as_sold(m: &machine::Model) -> WarrantyState {
    machine_warranty(
        &terms(m),
        &[],
        now().date_naive(),
        FixedOffset::east_opt(0).expect("UTC"),
    )
}

/// The warranty of each machine, by id.
pub(crate) async fn of_machines(
    conn: &impl ConnectionTrait,
    rows: &[machine::Model],
) -> Result<HashMap<Uuid, WarrantyState>, StoreError> {
    let (zone, today) = calendar_day(conn).await?;
    let ids: Vec<Uuid> = rows
        .iter()
        .filter(|m| m.warranty_end.is_some())
        .map(|m| m.id)
        .collect();
    let spans = if ids.is_empty() {
        HashMap::new()
    } else {
        repairs(
            conn,
            Condition::all().add(service_request::Column::MachineId.is_in(ids)),
        )
        .await?
    };
    Ok(rows
        .iter()
        .map(|m| {
            let mine = spans.get(&m.id).map_or(&[][..], Vec::as_slice);
            (m.id, machine_warranty(&terms(m), mine, today, zone))
        })
        .collect())
}

/// The machines whose 三包 period as sold has ended but whose repairs extend
/// it past today: the only ones a date comparison on the row gets wrong.
async fn extended_into_today(
    conn: &impl ConnectionTrait,
    today: NaiveDate,
    zone: FixedOffset,
) -> Result<Vec<Uuid>, StoreError> {
    use machine::Column as M;
    let past = || Condition::all().add(M::WarrantyEnd.lt(today));
    let past_ids = machine::Entity::find()
        .select_only()
        .column(M::Id)
        .filter(past())
        .into_query();
    let spans = repairs(
        conn,
        Condition::all().add(service_request::Column::MachineId.in_subquery(past_ids)),
    )
    .await?;
    if spans.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for ids in spans.keys().copied().collect::<Vec<_>>().chunks(1000) {
        let machines = machine::Entity::find()
            .filter(M::Id.is_in(ids.to_vec()))
            .all(conn)
            .await?;
        for m in machines {
            let mine = spans.get(&m.id).map_or(&[][..], Vec::as_slice);
            if machine_warranty(&terms(&m), mine, today, zone).status == WarrantyStatus::InWarranty
            {
                out.push(m.id);
            }
        }
    }
    Ok(out)
}

/// The condition of the machine list's warranty filter, exact for today:
/// the 三包 end with its extension, then the extended warranty.
pub(crate) async fn filter(
    conn: &impl ConnectionTrait,
    status: WarrantyStatus,
) -> Result<Condition, StoreError> {
    use machine::Column as M;
    let (zone, today) = calendar_day(conn).await?;
    let extended = extended_into_today(conn, today, zone).await?;
    let in_sanbao = Condition::any()
        .add(M::WarrantyEnd.gte(today))
        .add(M::Id.is_in(extended.clone()));
    // Spelled out rather than `in_sanbao.not()`: a missing end compares as
    // NULL, and NOT NULL would drop those rows from every status.
    let out_of_sanbao = Condition::all()
        .add(
            Condition::any()
                .add(M::WarrantyEnd.is_null())
                .add(M::WarrantyEnd.lt(today)),
        )
        .add(M::Id.is_not_in(extended));
    Ok(match status {
        WarrantyStatus::InWarranty => in_sanbao,
        WarrantyStatus::ExtendedWarranty => out_of_sanbao.add(M::ExtendedWarrantyEnd.gte(today)),
        WarrantyStatus::Expired => out_of_sanbao.add(
            Condition::any().add(M::ExtendedWarrantyEnd.lt(today)).add(
                Condition::all()
                    .add(M::ExtendedWarrantyEnd.is_null())
                    .add(M::WarrantyEnd.is_not_null()),
            ),
        ),
        WarrantyStatus::Unknown => Condition::all()
            .add(M::WarrantyEnd.is_null())
            .add(M::ExtendedWarrantyEnd.is_null()),
    })
}

/// Whether the machine was covered on `day` (a report day), for the 三包
/// clocks of an intake. A day inside the 三包 period as sold needs no
/// repair read (extensions only lengthen it); past it, the machine's repairs
/// decide whether the extension reaches the day.
pub(crate) async fn status_on(
    conn: &impl ConnectionTrait,
    m: &machine::Model,
    day: NaiveDate,
    zone: FixedOffset,
) -> Result<WarrantyStatus, StoreError> {
    let sold = terms(m);
    let spans = match sold.warranty_end {
        Some(end) if day <= end && sold.sale_date.is_none_or(|s| s <= day) => {
            return Ok(WarrantyStatus::InWarranty);
        }
        Some(_) => repairs(
            conn,
            Condition::all().add(service_request::Column::MachineId.eq(m.id)),
        )
        .await?
        .remove(&m.id)
        .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(machine_warranty(&sold, &spans, day, zone).status)
}
