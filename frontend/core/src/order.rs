//! Puts a few items in a fixed order by rebuilding the list, not by sorting
//! it: every `sort`/`sort_by_key` instantiation brings its own copy of the
//! standard library's stable sort (about 3 KB of wasm each), for lists that
//! here hold a handful of form fields, roles or skills.

/// `items` in the order their names take in `order` (stable among equals);
/// names not in `order` come last, in their own order.
pub fn by_names<T>(items: Vec<T>, order: &[&str], name: impl Fn(&T) -> &str) -> Vec<T> {
    let rank = |t: &T| {
        order
            .iter()
            .position(|o| *o == name(t))
            .unwrap_or(order.len())
    };
    let mut slots: Vec<Vec<T>> = (0..=order.len()).map(|_| Vec::new()).collect();
    for t in items {
        slots[rank(&t)].push(t);
    }
    slots.into_iter().flatten().collect()
}

/// The members of `all` (in its order) for which `keep` holds.
pub fn subset<T: Copy>(all: &[T], keep: impl Fn(T) -> bool) -> Vec<T> {
    all.iter().copied().filter(|t| keep(*t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_names_follows_the_order_and_keeps_strangers_last_in_their_order() {
        let items = vec!["notes", "x", "serial", "model", "y", "serial"];
        let got = by_names(items, &["serial", "model", "notes"], |s| s);
        assert_eq!(got, ["serial", "serial", "model", "notes", "x", "y"]);
    }

    #[test]
    fn subset_keeps_the_order_of_all() {
        assert_eq!(subset(&[1, 2, 3, 4], |n| n % 2 == 0), [2, 4]);
    }
}
