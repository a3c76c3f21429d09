//! User administration (用户管理): the list, creating a user, and one user's
//! page (change, deactivate/activate, reset password, history).

mod create;
mod detail;
mod fields;
mod list;

pub use create::CreateUserPage;
pub use detail::{UserDetailProps, user_detail_page};
pub use list::UserListPage;
// The API clients' form picks a dealer the same way.
pub(crate) use fields::{DealerPickerProps, dealer_label, dealer_picker};
