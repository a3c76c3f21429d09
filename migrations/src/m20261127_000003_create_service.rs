//! The service workflow: requests, work orders, repair reports, sign-off links,
//! follow-ups, idempotency keys and settings.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn table(name: &str, pk: ColumnDef, cols: Vec<ColumnDef>) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Alias::new(name)).col(pk.to_owned().primary_key());
    for mut c in cols {
        t.col(&mut c);
    }
    t.to_owned()
}

/// An index on `table`'s `cols`, unique where a number must not repeat.
fn index_of(
    name: &str,
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = index(name, table, cols.iter().copied());
    if unique {
        i.unique();
    }
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(table(
            "service_requests",
            uuid("id"),
            vec![
                string("number", 20),
                string("status", 20),
                boolean("is_open"),
                string("channel", 20),
                string("kind", 20),
                string("priority", 10),
                integer("priority_rank"),
                uuid("customer_id"),
                uuid_null("machine_id"),
                uuid_null("model_id"),
                string_null("reported_serial", 64),
                uuid_null("dealer_id"),
                string_null("region", 50),
                text("symptoms"),
                text_null("preliminary_judgement"),
                boolean("needs_onsite"),
                boolean("harvest_critical"),
                boolean("machine_stopped"),
                // 0 when the machine is stopped in the busy season: sorts first.
                integer("stopped_rank"),
                string_null("operation_at_risk", 20),
                string("suspected_part", 20),
                boolean("in_season"),
                timestamp_null("promised_arrival_at"),
                timestamp("reported_at"),
                timestamp("first_contact_due"),
                timestamp_null("first_contact_at"),
                timestamp_null("arrival_due"),
                timestamp_null("arrived_at"),
                timestamp_null("repair_due"),
                timestamp_null("repaired_at"),
                timestamp_null("completed_at"),
                timestamp_null("closed_at"),
                // Earliest running clock; far future when none runs (sort key).
                timestamp("sort_due"),
                uuid_null("work_order_id"),
                uuid_null("engineer_id"),
                uuid_null("repeat_of"),
                text_null("cancel_reason"),
                text_null("resolution"),
                uuid_null("created_by"),
                string("created_by_name", 100),
                integer("version"),
                timestamp("created_at"),
                timestamp("updated_at"),
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
            m.create_index(index_of(name, "service_requests", cols, unique))
                .await?;
        }

        m.create_table(table(
            "work_orders",
            uuid("id"),
            vec![
                string("number", 20),
                string("status", 20),
                boolean("is_open"),
                uuid("request_id"),
                uuid("engineer_id"),
                uuid_null("dispatcher_id"),
                string("dispatcher_name", 100),
                string("site_address", 300),
                text_null("requirements"),
                timestamp_null("arrival_due"),
                timestamp_null("appointment_at"),
                timestamp_null("arrived_at"),
                timestamp_null("finished_at"),
                boolean_null("inspection_passed"),
                text_null("finish_notes"),
                text_null("close_reason"),
                integer("version"),
                timestamp("created_at"),
                timestamp("updated_at"),
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
            m.create_index(index_of(name, "work_orders", cols, unique))
                .await?;
        }

        m.create_table(table(
            "repair_reports",
            uuid("id"),
            vec![
                uuid("work_order_id"),
                uuid("request_id"),
                uuid("engineer_id"),
                string("status", 20),
                text("process"),
                text("cause"),
                text("measures"),
                text_null("further_problems"),
                text_null("proposals"),
                // Decimal as text: exact on both databases.
                string("labour_hours", 20),
                json("parts"),
                boolean_null("inspection_passed"),
                timestamp_null("submitted_at"),
                uuid_null("reviewer_id"),
                string_null("reviewer_name", 100),
                text_null("review_comment"),
                timestamp_null("reviewed_at"),
                string_null("signer_name", 100),
                ColumnDef::new(Alias::new("signature_png"))
                    .blob()
                    .null()
                    .to_owned(),
                timestamp_null("signed_at"),
                string_null("signed_ip", 64),
                text_null("refusal_reason"),
                integer("version"),
                timestamp("created_at"),
                timestamp("updated_at"),
            ],
        ))
        .await?;
        m.create_index(index_of(
            "idx_rr_work_order",
            "repair_reports",
            &["work_order_id"],
            true,
        ))
        .await?;
        m.create_index(index_of(
            "idx_rr_status",
            "repair_reports",
            &["status", "submitted_at"],
            false,
        ))
        .await?;
        m.create_index(index_of(
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
                string("token_hash", 64),
                timestamp("expires_at"),
                timestamp_null("used_at"),
                uuid_null("created_by"),
                timestamp("created_at"),
            ],
        ))
        .await?;
        m.create_index(index_of(
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
                timestamp("due_at"),
                string("status", 20),
                string_null("method", 20),
                integer("attempts"),
                boolean_null("reached"),
                string_null("satisfaction", 30),
                boolean_null("machine_running_normally"),
                text_null("comments"),
                text_null("suggestions"),
                timestamp_null("completed_at"),
                integer("version"),
                timestamp("created_at"),
                timestamp("updated_at"),
            ],
        ))
        .await?;
        m.create_index(index_of(
            "idx_follow_ups_due",
            "follow_ups",
            &["status", "due_at"],
            false,
        ))
        .await?;
        m.create_index(index_of(
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
                .col(string("key", 200))
                .col(string("request_hash", 64))
                .col(integer("status_code"))
                .col(text("response_body"))
                .col(timestamp("created_at"))
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
            string("key", 60),
            vec![json("value"), integer("version"), timestamp("updated_at")],
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
