//! The replay: the plan's steps of every request, in time order across all
//! requests, each run through the store's real command at its time on a
//! manual clock. The history is valid by construction: a step the workflow
//! refuses fails the load instead of writing a record no user could make.

use super::faults::{self, Fault};
use super::master::{CREW, DEALERS};
use super::plan::{self, Action, Story};
use super::signature;
use crate::clock::Clock;
use crate::entities::{customer, dealer, machine, product_model, user};
use crate::error::StoreError;
use crate::service::requests::Intake;
use crate::service::{desk, reports, requests, signoff, work_orders};
use crate::{Store, users};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineCategory;
use furrow_domain::parts::{IssueInput, LineQuantity};
use furrow_domain::service::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// A machine of the demo with what its requests need.
struct Owned {
    id: Uuid,
    customer_id: Uuid,
    customer_name: String,
    category: MachineCategory,
    dealer: usize,
    sold: Option<NaiveDate>,
}

/// The people who work the requests.
struct Staff {
    agent: Actor,
    supervisor: Actor,
    /// In [`CREW`] order.
    engineers: Vec<Actor>,
    /// The parts clerk, who issues the approved reports' requisitions.
    clerk: Actor,
    /// The central warehouse they are issued from.
    central: Option<Uuid>,
}

/// What a request has so far: the ids later steps address.
#[derive(Default)]
struct Progress {
    request: Option<Uuid>,
    work_order: Option<Uuid>,
    engineer: usize,
    report: Option<Uuid>,
    token: Option<String>,
    drafts: usize,
}

/// Replays the history of `seed` ending at `end` through `store`'s commands.
/// Returns the number of requests and of commands run.
pub async fn replay(
    store: &Store,
    seed: u64,
    end: DateTime<Utc>,
) -> Result<(usize, usize), StoreError> {
    let machines = machines(store).await?;
    let staff = staff(store).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let candidates: Vec<plan::Machine> = machines
        .iter()
        .map(|m| plan::Machine {
            dealer: m.dealer,
            category: m.category,
            sold: m.sold,
        })
        .collect();
    let stories = plan::draw(&mut rng, &candidates, end);
    let mut order: Vec<(DateTime<Utc>, usize, usize)> = stories
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.steps
                .iter()
                .enumerate()
                .map(move |(j, (t, _))| (*t, i, j))
        })
        .collect();
    order.sort();
    let clock = Clock::manual(order.first().map_or(end, |o| o.0));
    let replay = store.clone().with_clock(clock.clone());
    let mut progress: Vec<Progress> = stories.iter().map(|_| Progress::default()).collect();
    for (t, i, j) in &order {
        clock.set(*t);
        let story = &stories[*i];
        let ctx = Step {
            store: &replay,
            staff: &staff,
            story,
            machine: &machines[story.machine],
            now: *t,
        };
        ctx.run(story.steps[*j].1, &mut progress[*i])
            .await
            .map_err(|e| step_failed(story, *j, e))?;
    }
    let (calls, repeats) = super::follow_ups::call(&replay, &clock, &staff.agent, end).await?;
    clock.set(end);
    super::absences::record(&replay, &staff.supervisor, &staff.engineers, end).await?;
    Ok((stories.len() + repeats, order.len() + calls))
}

/// Names the step that failed: a refused step is a bug in the plan.
fn step_failed(story: &Story, step: usize, e: StoreError) -> StoreError {
    tracing::error!(
        step = ?story.steps[step],
        kind = ?story.kind,
        "a demo history step was refused: {e}"
    );
    e
}

/// One step of one story, with what it needs to run.
struct Step<'a> {
    store: &'a Store,
    staff: &'a Staff,
    story: &'a Story,
    machine: &'a Owned,
    now: DateTime<Utc>,
}

impl Step<'_> {
    fn fault(&self) -> &'static Fault {
        &faults::of(self.machine.category)[self.story.topic]
    }

    fn pick<T: Copy>(&self, items: &[T]) -> T {
        items[self.story.variant % items.len()]
    }

    async fn run(&self, action: Action, p: &mut Progress) -> Result<(), StoreError> {
        let (store, staff) = (self.store, self.staff);
        let request = || p.request.ok_or(StoreError::NotFound);
        match action {
            Action::Intake => p.request = Some(self.intake().await?),
            Action::Contact => {
                let input = ContactRequest::default();
                desk::record_contact(store, &staff.agent, request()?, None, &input).await?;
            }
            Action::Dispatch(e) => {
                let input = DispatchRequest {
                    engineer_id: staff.engineers[e].user_id,
                    site_address: None,
                    requirements: self.story.stopped.then(|| "机器停机，请尽快到场".into()),
                };
                let (_, wo) =
                    desk::dispatch(store, &staff.supervisor, request()?, None, &input).await?;
                (p.work_order, p.engineer) = (Some(wo), e);
            }
            Action::Reassign(e) => {
                let input = ReassignRequest {
                    engineer_id: staff.engineers[e].user_id,
                    reason: self.pick(faults::REASSIGN_REASONS).into(),
                    requirements: None,
                };
                let wo =
                    work_orders::reassign(store, &staff.supervisor, wo(p)?, None, &input).await?;
                (p.work_order, p.engineer) = (Some(wo.id), e);
            }
            Action::Schedule(at) => {
                let input = ScheduleRequest {
                    appointment_at: at,
                    note: Some("已与机主电话约定上门时间".into()),
                };
                work_orders::schedule(store, engineer(staff, p), wo(p)?, None, &input).await?;
            }
            Action::CheckIn => {
                work_orders::check_in(store, engineer(staff, p), wo(p)?, None).await?;
            }
            Action::Finish => {
                let input = FinishRequest {
                    inspection_passed: true,
                    notes: Some("试车正常，机主现场确认".into()),
                };
                work_orders::finish(store, engineer(staff, p), wo(p)?, None, &input).await?;
            }
            Action::Draft => {
                let draft = self.draft(p.drafts);
                let r =
                    reports::save_draft(store, engineer(staff, p), wo(p)?, None, &draft).await?;
                p.report = Some(r.id);
                p.drafts += 1;
            }
            Action::Submit => {
                reports::submit(store, engineer(staff, p), report(p)?, None).await?;
            }
            Action::Review { approve } => {
                let comment = (!approve).then(|| self.pick(faults::REJECT_COMMENTS));
                reports::review(store, &staff.supervisor, report(p)?, None, approve, comment)
                    .await?;
                if approve {
                    self.issue(wo(p)?).await?;
                }
            }
            Action::Link => {
                let link = signoff::create_link(store, &staff.supervisor, report(p)?, None).await?;
                p.token = Some(link.token);
            }
            Action::Sign => {
                let png = signature::png(self.story.variant);
                let input = SignRequest {
                    signer_name: self.machine.customer_name.clone(),
                    signature_png: signature::data_url(&png),
                };
                signoff::sign(store, token(p)?, &input, png, None).await?;
            }
            Action::Refuse => {
                let input = RefuseSignatureRequest {
                    signer_name: Some(self.machine.customer_name.clone()),
                    reason: self.pick(faults::REFUSE_REASONS).into(),
                };
                signoff::refuse(store, token(p)?, &input).await?;
            }
            Action::ResolveRemotely => {
                let input = ResolveRemotelyRequest {
                    resolution: faults::consultations()[self.story.topic].1.into(),
                };
                desk::resolve_remotely(store, &staff.agent, request()?, None, &input).await?;
            }
            Action::Cancel => {
                let input = ReasonRequest {
                    reason: self.pick(faults::CANCEL_REASONS).into(),
                };
                desk::cancel(store, &staff.agent, request()?, None, &input).await?;
            }
        }
        Ok(())
    }

    /// The parts clerk issues the approved report's requisition from the
    /// central warehouse to the engineer, through the real issue command;
    /// one story in five is left waiting in the clerk's queue, and a line
    /// the warehouse has run out of stays outstanding.
    async fn issue(&self, work_order: Uuid) -> Result<(), StoreError> {
        let Some(central) = self.staff.central else {
            return Ok(());
        };
        if self.story.variant.is_multiple_of(5) {
            return Ok(());
        }
        let clerk = &self.staff.clerk;
        let listing = crate::Listing::of(furrow_domain::parts::RequisitionFilters {
            work_order_id: Some(work_order),
            status: Some(furrow_domain::parts::RequisitionStatus::Open),
            ..Default::default()
        });
        let open = crate::requisitions::list(self.store, clerk, &listing).await?;
        for r in open.items {
            let lines: Vec<LineQuantity> = r
                .lines
                .iter()
                .filter(|l| l.issuable)
                .map(|l| LineQuantity {
                    line_id: l.id,
                    quantity: l.outstanding,
                })
                .collect();
            let input = IssueInput {
                warehouse_id: central,
                recipient: self.engineer_name(work_order).await?,
                lines,
                note: None,
            };
            match crate::requisitions::issue(self.store, clerk, r.id, None, &input).await {
                Ok(_) => {}
                Err(StoreError::Domain(furrow_domain::DomainError::InsufficientStock {
                    ..
                })) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The display name of the work order's engineer (the recipient, 领用人员).
    async fn engineer_name(&self, work_order: Uuid) -> Result<String, StoreError> {
        let w =
            crate::db::by_id::<crate::entities::work_order::Entity>(self.store.conn(), work_order)
                .await?;
        let u = crate::db::by_id::<user::Entity>(self.store.conn(), w.engineer_id).await?;
        Ok(u.display_name)
    }

    async fn intake(&self) -> Result<Uuid, StoreError> {
        let s = self.story;
        let (symptoms, judgement, part, operation) = if s.needs_onsite {
            let f = self.fault();
            (
                f.symptoms,
                Some(f.judgement),
                Some(f.part),
                Some(f.operation),
            )
        } else {
            (faults::consultations()[s.topic].0, None, None, None)
        };
        let input = CreateServiceRequest {
            kind: s.kind,
            preliminary_judgement: judgement.map(Into::into),
            needs_onsite: s.needs_onsite,
            priority: s.priority,
            machine_stopped: s.stopped,
            operation_at_risk: operation.filter(|_| s.stopped),
            suspected_part: part,
            ..CreateServiceRequest::onsite_repair(
                self.machine.customer_id,
                Some(self.machine.id),
                symptoms,
            )
        };
        match requests::intake(self.store, &self.staff.agent, &input, None).await? {
            Intake::Created(view) => Ok(view.id),
            Intake::Replayed(_) => Err(StoreError::NotFound),
        }
    }

    /// The engineer's report; a revision after a rejection adds what the
    /// supervisor asked for.
    fn draft(&self, earlier: usize) -> ReportDraft {
        let f = self.fault();
        // The date in the company's time zone (UTC+8), as the engineer writes it.
        let day = (self.now + Duration::hours(8)).format("%m月%d日");
        let mut cause = f.cause.to_owned();
        if earlier > 0 {
            cause.push_str("。复查测量数据已附在维修过程中");
        }
        ReportDraft {
            process: format!(
                "{} 到达现场，与机主确认故障：{}。按{}的思路逐项检查，确认故障点后维修。",
                day, f.symptoms, f.judgement
            ),
            cause,
            measures: f.measures.into(),
            further_problems: None,
            proposals: Some("按保养手册定期保养，作业前检查易损件".into()),
            labour_hours: Decimal::new(f.labour_tenths, 1),
            parts: f
                .parts
                .iter()
                .map(|(number, name, qty, unit)| PartLine {
                    part_number: Some((*number).into()),
                    name: (*name).into(),
                    quantity: Decimal::from(*qty),
                    unit: Some((*unit).into()),
                    coverage: None,
                })
                .collect(),
            part_type: None,
            fault: Default::default(),
        }
    }
}

fn wo(p: &Progress) -> Result<Uuid, StoreError> {
    p.work_order.ok_or(StoreError::NotFound)
}

fn report(p: &Progress) -> Result<Uuid, StoreError> {
    p.report.ok_or(StoreError::NotFound)
}

fn token(p: &Progress) -> Result<&str, StoreError> {
    p.token.as_deref().ok_or(StoreError::NotFound)
}

fn engineer<'a>(staff: &'a Staff, p: &Progress) -> &'a Actor {
    &staff.engineers[p.engineer]
}

/// The demo's machines with owner, category and dealer, in a fixed order (by
/// customer code, then serial number) so the same seed draws the same ones.
async fn machines(store: &Store) -> Result<Vec<Owned>, StoreError> {
    let conn = store.conn();
    let dealers: HashMap<Uuid, usize> = dealer::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|d| {
            DEALERS
                .iter()
                .position(|x| x.0 == d.code)
                .map(|i| (d.id, i))
        })
        .collect();
    let categories: HashMap<Uuid, MachineCategory> = product_model::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|m| MachineCategory::parse(&m.category).map(|c| (m.id, c)))
        .collect();
    let customers: HashMap<Uuid, customer::Model> = customer::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut out: Vec<(String, String, Owned)> = Vec::new();
    for m in machine::Entity::find().all(conn).await? {
        let (Some(c), Some(category)) =
            (customers.get(&m.customer_id), categories.get(&m.model_id))
        else {
            continue;
        };
        let Some(dealer) = c.dealer_id.and_then(|d| dealers.get(&d)) else {
            continue;
        };
        out.push((
            c.code.clone(),
            m.serial_number.clone(),
            Owned {
                id: m.id,
                customer_id: c.id,
                customer_name: c.name.clone(),
                category: *category,
                dealer: *dealer,
                sold: m.sale_date,
            },
        ));
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    if out.is_empty() {
        return Err(StoreError::NotFound);
    }
    Ok(out.into_iter().map(|(_, _, m)| m).collect())
}

/// The desk agent, the supervisor and the engineers, as the commands see them.
async fn staff(store: &Store) -> Result<Staff, StoreError> {
    let ids: HashMap<String, Uuid> = user::Entity::find()
        .all(store.conn())
        .await?
        .into_iter()
        .map(|u| (u.username, u.id))
        .collect();
    let actor = async |name: &str| -> Result<Actor, StoreError> {
        let id = *ids.get(name).ok_or(StoreError::NotFound)?;
        let (actor, _) = users::actor(store, id).await?.ok_or(StoreError::NotFound)?;
        Ok(actor)
    };
    let mut engineers = Vec::new();
    for member in &CREW {
        engineers.push(actor(member.0).await?);
    }
    let central = crate::entities::warehouse::Entity::find()
        .filter(crate::entities::warehouse::Column::Code.eq("WH-CENTRAL"))
        .one(store.conn())
        .await?
        .map(|w| w.id);
    Ok(Staff {
        agent: actor("agent").await?,
        supervisor: actor("supervisor").await?,
        engineers,
        clerk: actor("parts").await?,
        central,
    })
}
