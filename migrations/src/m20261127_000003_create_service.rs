//! The service workflow: requests, work orders, repair reports, sign-off links,
//! follow-ups, idempotency keys and settings.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn uuid(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .uuid()
        .not_null()
        .to_owned()
}
fn uuid_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).uuid().null().to_owned()
}
fn text(name: &str, len: u32) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string_len(len)
        .not_null()
        .to_owned()
}
fn text_null(name: &str, len: u32) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string_len(len)
        .null()
        .to_owned()
}
fn long_text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .text()
        .not_null()
        .to_owned()
}
fn long_text_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).text().null().to_owned()
}
fn ts(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}
fn ts_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}
fn boolean(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .boolean()
        .not_null()
        .to_owned()
}
fn bool_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).boolean().null().to_owned()
}
fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .to_owned()
}

fn table(name: &str, pk: ColumnDef, cols: Vec<ColumnDef>) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Alias::new(name)).col(pk.to_owned().primary_key());
    for mut c in cols {
        t.col(&mut c);
    }
    t.to_owned()
}

fn index(name: &str, table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(Alias::new(table));
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(table(
            "service_requests",
            uuid("id"),
            vec![
                text("number", 20),
                text("status", 20),
                boolean("is_open"),
                text("channel", 20),
                text("kind", 20),
                text("priority", 10),
                int("priority_rank"),
                uuid("customer_id"),
                uuid_null("machine_id"),
                uuid_null("model_id"),
                text_null("reported_serial", 64),
                uuid_null("dealer_id"),
                text_null("region", 50),
                long_text("symptoms"),
                long_text_null("preliminary_judgement"),
                boolean("needs_onsite"),
                boolean("harvest_critical"),
                boolean("machine_stopped"),
                // 0 when the machine is stopped in the busy season: sorts first.
                int("stopped_rank"),
                text_null("operation_at_risk", 20),
                text("suspected_part", 20),
                boolean("in_season"),
                ts_null("promised_arrival_at"),
                ts("reported_at"),
                ts("first_contact_due"),
                ts_null("first_contact_at"),
                ts_null("arrival_due"),
                ts_null("arrived_at"),
                ts_null("repair_due"),
                ts_null("repaired_at"),
                ts_null("completed_at"),
                ts_null("closed_at"),
                // Earliest running clock; far future when none runs (sort key).
                ts("sort_due"),
                uuid_null("work_order_id"),
                uuid_null("engineer_id"),
                uuid_null("repeat_of"),
                long_text_null("cancel_reason"),
                long_text_null("resolution"),
                uuid_null("created_by"),
                text("created_by_name", 100),
                int("version"),
                ts("created_at"),
                ts("updated_at"),
            ],
        ))
        .await?;
        for (name, cols, unique) in [
            ("idx_sr_number", &["number"][..], true),
            (
                "idx_sr_urgency",
                &["is_open", "stopped_rank", "priority_rank", "sort_due", "id"][..],
                false,
            ),
            (
                "idx_sr_recent",
                &["is_open", "reported_at", "id"][..],
                false,
            ),
            ("idx_sr_updated", &["updated_at", "id"][..], false),
            (
                "idx_sr_dealer_updated",
                &["dealer_id", "updated_at", "id"][..],
                false,
            ),
            (
                "idx_sr_dealer_open",
                &["dealer_id", "is_open", "reported_at"][..],
                false,
            ),
            (
                "idx_sr_customer",
                &["customer_id", "reported_at"][..],
                false,
            ),
            ("idx_sr_machine", &["machine_id", "reported_at"][..], false),
            ("idx_sr_engineer", &["engineer_id", "is_open"][..], false),
        ] {
            m.create_index(index(name, "service_requests", cols, unique))
                .await?;
        }

        m.create_table(table(
            "work_orders",
            uuid("id"),
            vec![
                text("number", 20),
                text("status", 20),
                boolean("is_open"),
                uuid("request_id"),
                uuid("engineer_id"),
                uuid_null("dispatcher_id"),
                text("dispatcher_name", 100),
                text("site_address", 300),
                long_text_null("requirements"),
                ts_null("arrival_due"),
                ts_null("appointment_at"),
                ts_null("arrived_at"),
                ts_null("finished_at"),
                bool_null("inspection_passed"),
                long_text_null("finish_notes"),
                long_text_null("close_reason"),
                int("version"),
                ts("created_at"),
                ts("updated_at"),
            ],
        ))
        .await?;
        for (name, cols, unique) in [
            ("idx_wo_number", &["number"][..], true),
            ("idx_wo_request", &["request_id"][..], false),
            (
                "idx_wo_engineer",
                &["engineer_id", "is_open", "created_at"][..],
                false,
            ),
            ("idx_wo_arrival_due", &["arrival_due"][..], false),
            ("idx_wo_finished", &["finished_at"][..], false),
        ] {
            m.create_index(index(name, "work_orders", cols, unique))
                .await?;
        }

        m.create_table(table(
            "repair_reports",
            uuid("id"),
            vec![
                uuid("work_order_id"),
                uuid("request_id"),
                uuid("engineer_id"),
                text("status", 20),
                long_text("process"),
                long_text("cause"),
                long_text("measures"),
                long_text_null("further_problems"),
                long_text_null("proposals"),
                // Decimal as text: exact on both databases.
                text("labour_hours", 20),
                ColumnDef::new(Alias::new("parts"))
                    .json()
                    .not_null()
                    .to_owned(),
                bool_null("inspection_passed"),
                ts_null("submitted_at"),
                uuid_null("reviewer_id"),
                text_null("reviewer_name", 100),
                long_text_null("review_comment"),
                ts_null("reviewed_at"),
                text_null("signer_name", 100),
                ColumnDef::new(Alias::new("signature_png"))
                    .blob()
                    .null()
                    .to_owned(),
                ts_null("signed_at"),
                text_null("signed_ip", 64),
                long_text_null("refusal_reason"),
                int("version"),
                ts("created_at"),
                ts("updated_at"),
            ],
        ))
        .await?;
        m.create_index(index(
            "idx_rr_work_order",
            "repair_reports",
            &["work_order_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "idx_rr_status",
            "repair_reports",
            &["status", "submitted_at"],
            false,
        ))
        .await?;
        m.create_index(index(
            "idx_rr_request",
            "repair_reports",
            &["request_id"],
            false,
        ))
        .await?;

        m.create_table(table(
            "sign_links",
            uuid("id"),
            vec![
                uuid("report_id"),
                text("token_hash", 64),
                ts("expires_at"),
                ts_null("used_at"),
                uuid_null("created_by"),
                ts("created_at"),
            ],
        ))
        .await?;
        m.create_index(index(
            "idx_sign_links_token",
            "sign_links",
            &["token_hash"],
            true,
        ))
        .await?;

        m.create_table(table(
            "follow_ups",
            uuid("id"),
            vec![
                uuid("request_id"),
                ts("due_at"),
                text("status", 20),
                text_null("method", 20),
                int("attempts"),
                bool_null("reached"),
                text_null("satisfaction", 30),
                bool_null("machine_running_normally"),
                long_text_null("comments"),
                long_text_null("suggestions"),
                ts_null("completed_at"),
                int("version"),
                ts("created_at"),
                ts("updated_at"),
            ],
        ))
        .await?;
        m.create_index(index(
            "idx_follow_ups_due",
            "follow_ups",
            &["status", "due_at"],
            false,
        ))
        .await?;
        m.create_index(index(
            "idx_follow_ups_request",
            "follow_ups",
            &["request_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("idempotency_keys"))
                .col(uuid("user_id"))
                .col(text("key", 200))
                .col(text("request_hash", 64))
                .col(int("status_code"))
                .col(long_text("response_body"))
                .col(ts("created_at"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("user_id"))
                        .col(Alias::new("key")),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(table(
            "settings",
            text("key", 60),
            vec![
                ColumnDef::new(Alias::new("value"))
                    .json()
                    .not_null()
                    .to_owned(),
                int("version"),
                ts("updated_at"),
            ],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "settings",
            "idempotency_keys",
            "follow_ups",
            "sign_links",
            "repair_reports",
            "work_orders",
            "service_requests",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
