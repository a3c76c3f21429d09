//! What happens to each demo request, drawn from the seed: when it is reported,
//! about which machine and fault, and the commands that follow with their
//! times. Pure: [`super::history`] runs the plan through the store's commands,
//! which decide whether each step is allowed, so the plan only has to be
//! plausible, not valid.

use super::{faults, master};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use furrow_domain::master::MachineCategory;
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::service::{Priority, RequestKind};
use rand::Rng;
use rand::rngs::StdRng;

/// How far back the history reaches: about eighteen months.
pub(super) const DAYS: i64 = 548;
/// Requests a day out of season and in the busy seasons (三夏, 三秋), when
/// machines run all day and break down more.
const PER_DAY: (f64, f64) = (0.55, 1.7);
/// The newest requests are left at the stages of [`TAIL`], so the desk has
/// work in every state when the server starts.
const TAIL: [Stage; 18] = [
    Stage::Signed,
    Stage::New,
    Stage::Contacted,
    Stage::Assigned,
    Stage::Scheduled,
    Stage::Reassigned,
    Stage::Remote,
    Stage::OnSite,
    Stage::Finished,
    Stage::Drafted,
    Stage::Submitted,
    Stage::Rejected,
    Stage::Approved,
    Stage::Refused,
    Stage::Cancelled,
    Stage::Signed,
    Stage::New,
    Stage::OnSite,
];

/// A machine a request can be about.
pub struct Machine {
    /// Index into the demo's dealers.
    pub dealer: usize,
    pub category: MachineCategory,
    pub sold: Option<NaiveDate>,
}

/// One command of a story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    Intake,
    Contact,
    /// To the engineer at this index of [`master::CREW`].
    Dispatch(usize),
    Reassign(usize),
    /// With the appointment agreed.
    Schedule(DateTime<Utc>),
    CheckIn,
    Finish,
    Draft,
    Submit,
    Review {
        approve: bool,
    },
    Link,
    Sign,
    Refuse,
    ResolveRemotely,
    Cancel,
}

/// One request and what happens to it.
pub struct Story {
    /// Index into the machines the plan was drawn for.
    pub machine: usize,
    pub kind: RequestKind,
    pub priority: Priority,
    pub needs_onsite: bool,
    pub stopped: bool,
    /// Index into [`faults::of`] the machine's category, or into
    /// [`faults::consultations`] when no visit is needed.
    pub topic: usize,
    /// Also picks the texts of cancellations, rejections and refusals.
    pub variant: usize,
    /// In time order; the first is the intake.
    pub steps: Vec<(DateTime<Utc>, Action)>,
}

/// Where one of the newest requests stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    New,
    Contacted,
    Assigned,
    Scheduled,
    Reassigned,
    OnSite,
    Finished,
    Drafted,
    Submitted,
    Rejected,
    Approved,
    Refused,
    Signed,
    Remote,
    Cancelled,
}

impl Stage {
    /// The story's shape this stage needs.
    fn shape(self, s: &mut Shape) {
        s.remote = self == Stage::Remote;
        s.cancel = self == Stage::Cancelled;
        match self {
            Stage::Contacted => s.contact = true,
            Stage::Scheduled => s.schedule = true,
            Stage::Reassigned => s.reassign = true,
            Stage::Rejected => s.reject = true,
            Stage::Refused => s.refuse = true,
            _ => {}
        }
    }

    /// Whether `a` is the last step kept; `Signed`, `Remote` and `Cancelled`
    /// keep the whole story.
    fn ends_at(self, a: &Action) -> bool {
        matches!(
            (self, a),
            (Stage::New, Action::Intake)
                | (Stage::Contacted, Action::Contact)
                | (Stage::Assigned, Action::Dispatch(_))
                | (Stage::Scheduled, Action::Schedule(_))
                | (Stage::Reassigned, Action::Reassign(_))
                | (Stage::OnSite, Action::CheckIn)
                | (Stage::Finished, Action::Finish)
                | (Stage::Drafted, Action::Draft)
                | (Stage::Submitted, Action::Submit)
                | (Stage::Rejected, Action::Review { approve: false })
                | (Stage::Approved, Action::Link)
                | (Stage::Refused, Action::Refuse)
        )
    }

    /// Whether a request stopped here still has a work order in progress.
    fn leaves_work_order_open(self) -> bool {
        matches!(
            self,
            Stage::Assigned
                | Stage::Scheduled
                | Stage::Reassigned
                | Stage::OnSite
                | Stage::Finished
                | Stage::Drafted
        )
    }
}

/// Which turns a story takes.
#[derive(Debug, Default, Clone, Copy)]
struct Shape {
    remote: bool,
    cancel: bool,
    contact: bool,
    schedule: bool,
    reassign: bool,
    reject: bool,
    refuse: bool,
}

/// The plan of a history ending at `end`, oldest request first.
pub fn draw(rng: &mut StdRng, machines: &[Machine], end: DateTime<Utc>) -> Vec<Story> {
    let sla = SlaSettings::default();
    let mut stories = Vec::new();
    // Midnights in the company's time zone; requests come in office hours.
    let zone = sla.zone();
    let today = end.with_timezone(&zone).date_naive();
    let last_midnight = zone
        .from_local_datetime(&today.and_time(NaiveTime::MIN))
        .single()
        .map_or(end, |t| t.with_timezone(&Utc));
    for day in (0..DAYS).rev() {
        let midnight = last_midnight - Duration::days(day);
        let season = sla.in_season_somewhere(midnight);
        let rate = if season { PER_DAY.1 } else { PER_DAY.0 };
        let count = rate as usize + usize::from(rng.gen_bool(rate.fract()));
        for _ in 0..count {
            let reported = midnight + minutes(rng, 7 * 60, 20 * 60);
            if reported >= end - Duration::hours(2) {
                continue;
            }
            let shape = regular_shape(rng);
            stories.push(story(rng, machines, reported, season, shape, false));
        }
    }
    stories.sort_by_key(|s| s.steps[0].0);
    let tail_from = stories.len().saturating_sub(TAIL.len());
    let mut sun_busy = false;
    for (i, stage) in TAIL.iter().enumerate() {
        let Some(s) = stories.get_mut(tail_from + i) else {
            break;
        };
        let reported = s.steps[0].0;
        let mut shape = regular_shape(rng);
        stage.shape(&mut shape);
        let season = sla.in_season_somewhere(reported);
        let open = stage.leaves_work_order_open();
        let mut t = story(rng, machines, reported, season, shape, open && sun_busy);
        if let Some(cut) = t.steps.iter().position(|(_, a)| stage.ends_at(a)) {
            t.steps.truncate(cut + 1);
        }
        let holder = t.steps.iter().rev().find_map(|(_, a)| match a {
            Action::Dispatch(e) | Action::Reassign(e) => Some(*e),
            _ => None,
        });
        sun_busy |= open && holder == Some(0);
        *s = t;
    }
    leave_one_overdue(&mut stories[..tail_from], machines, end);
    for s in &mut stories {
        fit_before(s, end - Duration::minutes(5));
    }
    stories
}

/// How long before the end the overdue repair was reported: past the 30
/// working days of the 三包 repair deadline whatever the holidays.
const OVERDUE_DAYS: i64 = 50;

/// Leaves the newest in-warranty repair reported [`OVERDUE_DAYS`] or more
/// before `end` on site unrepaired (waiting for parts), so the demo has a
/// request whose customer may choose further repair or a new machine (换货).
/// Its engineer is not the demo `engineer` account, whose work stays light.
fn leave_one_overdue(stories: &mut [Story], machines: &[Machine], end: DateTime<Utc>) {
    let before = end - Duration::days(OVERDUE_DAYS);
    let in_warranty = |s: &Story| {
        let day = s.steps[0].0.date_naive();
        machines[s.machine]
            .sold
            .is_some_and(|sold| sold < day && day - sold < Duration::days(300))
    };
    let candidate = stories.iter_mut().rev().find(|s| {
        s.kind == RequestKind::Repair
            && s.steps[0].0 < before
            && in_warranty(s)
            && s.steps.iter().any(|(_, a)| *a == Action::CheckIn)
            && !s
                .steps
                .iter()
                .any(|(_, a)| matches!(a, Action::Dispatch(0) | Action::Reassign(_)))
    });
    if let Some(s) = candidate {
        let on_site = s.steps.iter().position(|(_, a)| *a == Action::CheckIn);
        s.steps.truncate(on_site.map_or(s.steps.len(), |i| i + 1));
    }
}

/// The turns of a request that is not one of the newest.
fn regular_shape(rng: &mut StdRng) -> Shape {
    Shape {
        remote: rng.gen_bool(0.10),
        cancel: rng.gen_bool(0.05),
        contact: rng.gen_bool(0.85),
        schedule: rng.gen_bool(0.75),
        reassign: rng.gen_bool(0.08),
        reject: rng.gen_bool(0.15),
        refuse: rng.gen_bool(0.07),
    }
}

/// Draws one story reported at `reported`. `spare_sun` keeps the demo
/// `engineer` account (孙立军) out of it, so he has at most one job in
/// progress when the server starts and ranks first for a combine near 哈尔滨.
fn story(
    rng: &mut StdRng,
    machines: &[Machine],
    reported: DateTime<Utc>,
    season: bool,
    shape: Shape,
    spare_sun: bool,
) -> Story {
    let machine = pick_machine(rng, machines, reported.date_naive());
    let m = &machines[machine];
    let kind = match rng.gen_range(0..100) {
        _ if shape.remote => RequestKind::Consultation,
        0..=12 => RequestKind::Maintenance,
        13..=19 => RequestKind::Complaint,
        _ => RequestKind::Repair,
    };
    let stopped = kind == RequestKind::Repair && rng.gen_bool(0.45);
    let priority = match (kind, stopped, season) {
        (RequestKind::Maintenance, ..) => Priority::Low,
        (_, true, true) if rng.gen_bool(0.3) => Priority::Critical,
        (_, true, _) => Priority::High,
        _ => Priority::Normal,
    };
    let topic = if shape.remote {
        rng.gen_range(0..faults::consultations().len())
    } else {
        rng.gen_range(0..faults::of(m.category).len())
    };
    let mut tl = Timeline {
        t: reported,
        steps: vec![(reported, Action::Intake)],
    };
    // In the busy season everyone is slower: the clocks run out more often.
    let slow = if season { 2 } else { 1 };
    if shape.contact {
        tl.after(rng, 10, 180 * slow, Action::Contact);
    }
    if shape.remote {
        tl.after(rng, 10, 180, Action::ResolveRemotely);
    } else if shape.cancel {
        tl.after(rng, 60, 48 * 60, Action::Cancel);
    } else {
        let group = master::crew_of_dealer(m.dealer);
        let first = pick_engineer(rng, group, m.category, None, spare_sun);
        tl.after(rng, 20, 180 * slow, Action::Dispatch(first));
        if shape.reassign {
            let other = pick_engineer(rng, group, m.category, Some(first), spare_sun);
            if other != first {
                tl.after(rng, 60, 300, Action::Reassign(other));
            }
        }
        let arrival = minutes(rng, 180 * slow, 30 * 60 * slow);
        if shape.schedule {
            tl.after(rng, 30, 180, Action::Schedule(tl.t));
            let agreed = tl.t + arrival;
            if let Some((_, Action::Schedule(at))) = tl.steps.last_mut() {
                *at = agreed;
            }
            // Engineers arrive up to twenty minutes early.
            tl.t = agreed - minutes(rng, 0, 20);
        } else {
            tl.t += arrival;
        }
        tl.steps.push((tl.t, Action::CheckIn));
        // Some repairs wait a day for parts.
        let repair = if rng.gen_bool(0.15) { 24 * 60 } else { 60 };
        tl.after(rng, repair, repair + 5 * 60, Action::Finish);
        tl.after(rng, 30, 12 * 60, Action::Draft);
        tl.after(rng, 5, 60, Action::Submit);
        if shape.reject {
            // The engineer goes back: another visit, then the report again
            // (the visit's times are fixed so the draw stays as it was).
            tl.after(rng, 120, 30 * 60, Action::Review { approve: false });
            tl.after(rng, 180, 24 * 60, Action::CheckIn);
            tl.t += Duration::minutes(90);
            tl.steps.push((tl.t, Action::Finish));
            tl.t += Duration::minutes(30);
            tl.steps.push((tl.t, Action::Draft));
            tl.after(rng, 10, 60, Action::Submit);
        }
        tl.after(rng, 120, 30 * 60, Action::Review { approve: true });
        tl.after(rng, 30, 12 * 60, Action::Link);
        if shape.refuse {
            tl.after(rng, 120, 72 * 60, Action::Refuse);
            tl.after(rng, 240, 48 * 60, Action::Link);
        }
        tl.after(rng, 120, 72 * 60, Action::Sign);
    }
    let steps = tl.steps;
    Story {
        machine,
        kind,
        priority,
        needs_onsite: !shape.remote,
        stopped,
        topic,
        variant: rng.gen_range(0..12),
        steps,
    }
}

/// A story being written: the time of its last step and the steps so far.
struct Timeline {
    t: DateTime<Utc>,
    steps: Vec<(DateTime<Utc>, Action)>,
}

impl Timeline {
    /// Adds `a` between `lo` and `hi` minutes after the last step.
    fn after(&mut self, rng: &mut StdRng, lo: i64, hi: i64, a: Action) {
        self.t += minutes(rng, lo, hi);
        self.steps.push((self.t, a));
    }
}

/// A machine already sold on `day`; the first one drawn if none is found soon.
fn pick_machine(rng: &mut StdRng, machines: &[Machine], day: NaiveDate) -> usize {
    let first = rng.gen_range(0..machines.len());
    (0..40)
        .map(|n| {
            if n == 0 {
                first
            } else {
                rng.gen_range(0..machines.len())
            }
        })
        .find(|&i| machines[i].sold.is_some_and(|s| s < day))
        .unwrap_or(first)
}

/// An engineer of `group` for a machine of `category`, qualified ones first,
/// never `not`.
fn pick_engineer(
    rng: &mut StdRng,
    group: &[usize],
    category: MachineCategory,
    not: Option<usize>,
    spare_sun: bool,
) -> usize {
    let free: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&e| Some(e) != not && !(spare_sun && e == 0))
        .collect();
    let skilled: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&e| master::CREW[e].5.contains(&category))
        .collect();
    let from = if skilled.is_empty() { &free } else { &skilled };
    match from.len() {
        0 => not.unwrap_or(group[0]),
        n => from[rng.gen_range(0..n)],
    }
}

/// Squeezes a story that would run past `limit` so its last step is at
/// `limit`, keeping the order and proportions of its steps.
fn fit_before(s: &mut Story, limit: DateTime<Utc>) {
    let start = s.steps[0].0;
    let last = s.steps[s.steps.len() - 1].0;
    if last <= limit || limit <= start {
        return;
    }
    let span = (last - start).num_seconds() as f64;
    let room = (limit - start).num_seconds() as f64;
    for (t, a) in &mut s.steps {
        *t = start + Duration::seconds(((*t - start).num_seconds() as f64 * room / span) as i64);
        if let Action::Schedule(at) = a {
            let off = (*at - start).num_seconds() as f64 * room / span;
            *at = start + Duration::seconds(off as i64);
        }
    }
}

fn minutes(rng: &mut StdRng, lo: i64, hi: i64) -> Duration {
    Duration::minutes(rng.gen_range(lo..=hi.max(lo)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rand::SeedableRng;

    fn machines() -> Vec<Machine> {
        let sold = NaiveDate::from_ymd_opt(2020, 3, 1);
        let categories = [
            MachineCategory::CombineHarvester,
            MachineCategory::Tractor,
            MachineCategory::Sprayer,
        ];
        categories
            .into_iter()
            .flat_map(|category| {
                (0..5).map(move |dealer| Machine {
                    dealer,
                    category,
                    sold,
                })
            })
            .collect()
    }

    fn draw_at(seed: u64, end: DateTime<Utc>) -> Vec<Story> {
        draw(&mut StdRng::seed_from_u64(seed), &machines(), end)
    }

    #[test]
    fn the_same_seed_and_end_draw_the_same_history() {
        let end = Utc.with_ymd_and_hms(2026, 12, 6, 5, 30, 0).unwrap();
        let (a, b) = (draw_at(7, end), draw_at(7, end));
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.steps, y.steps);
            assert_eq!(
                (x.machine, x.topic, x.variant),
                (y.machine, y.topic, y.variant)
            );
        }
        let other = draw_at(8, end);
        assert!(a.iter().zip(&other).any(|(x, y)| x.steps != y.steps));
    }

    #[test]
    fn every_story_starts_with_its_intake_keeps_time_order_and_ends_before_the_end() {
        let end = Utc.with_ymd_and_hms(2026, 7, 1, 2, 0, 0).unwrap();
        let stories = draw_at(3, end);
        assert!(stories.len() > 300);
        for s in &stories {
            assert_eq!(s.steps[0].1, Action::Intake);
            assert!(s.steps.windows(2).all(|w| w[0].0 <= w[1].0));
            assert!(s.steps.last().is_some_and(|(t, _)| *t < end));
        }
        // The newest requests stop at the tail's stages, so some are still new.
        let tail = &stories[stories.len() - TAIL.len()..];
        assert!(tail.iter().any(|s| s.steps.len() == 1));
        assert!(
            tail.iter()
                .any(|s| s.steps.last().is_some_and(|(_, a)| *a == Action::Refuse))
        );
    }
}
