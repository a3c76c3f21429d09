//! The quality assessment app (售后服务质量考核), served at `/kpis`: the
//! month's KPIs and the records behind each figure, for supervisors,
//! managers and engineers (their own figures). Kept out of the service desk's
//! app, which is over its size budget (issue #17); the assessments, the
//! dashboard and the monthly report will land here too. Links to the desk's
//! requests are page loads.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Quality, routes::switch);
}
