//! Small-cell suppression, so that no published figure describes fewer than `threshold` claims
//! and none can be worked back out of the totals.
//!
//! Primary suppression hides every cell with fewer claims than the threshold. Complementary
//! suppression then protects each margin: a margin is the sum of the cells that share their
//! values on some of the dimensions (a row or column total, the grand total), and it is
//! published by the coarser report that groups by those dimensions alone. Where a published
//! margin covers exactly one suppressed cell, a reader could subtract the published cells from
//! it and recover that cell, so the next-smallest published cell in the margin is suppressed
//! too; this repeats until no published margin covers exactly one suppressed cell. Whether a
//! margin is published is decided by running the same procedure on the coarser table, so a
//! margin that is itself suppressed needs no protection. The procedure is deterministic: ties
//! are broken by the cell's key.
//!
//! One case is left as it is: a margin made of a single cell equals that cell, so a cell
//! suppressed only to protect another (it has at least `threshold` claims) can be read from
//! a coarser report when it is alone in its margin. Nothing is subtracted there, and the small
//! cell it protects stays covered by its own margins.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A cell's position: its value on each grouped dimension, in the order grouped by.
pub type CellKey = Vec<String>;

/// The cells to suppress in a table of claim counts grouped by `dimensions` dimensions.
pub fn suppressed_cells(
    counts: &BTreeMap<CellKey, u64>,
    dimensions: usize,
    threshold: u64,
) -> BTreeSet<CellKey> {
    debug_assert!(
        dimensions < 32,
        "a report groups by at most five dimensions"
    );
    debug_assert!(counts.keys().all(|key| key.len() == dimensions));
    let everything = (1u32 << dimensions) - 1;
    Suppression {
        counts,
        dimensions,
        threshold,
        tables: HashMap::new(),
    }
    .table(everything)
}

/// The margins of a table: each way of keeping a proper subset of its dimensions.
pub fn margins(kept: u32) -> impl Iterator<Item = u32> {
    (0..kept).filter(move |subset| subset & !kept == 0)
}

/// The key of `key` (which has the dimensions in `from`) projected onto the dimensions in `onto`.
pub fn project(key: &[String], from: u32, onto: u32) -> CellKey {
    debug_assert!(
        onto & !from == 0,
        "a projection keeps a subset of the dimensions"
    );
    let mut values = key.iter();
    (0..32)
        .filter(|dimension| from & (1 << dimension) != 0)
        .filter_map(|dimension| {
            let value = values.next()?;
            (onto & (1 << dimension) != 0).then(|| value.clone())
        })
        .collect()
}

/// The counts of the table that keeps the dimensions in `kept` (a bit per dimension).
pub fn counts_of(
    counts: &BTreeMap<CellKey, u64>,
    dimensions: usize,
    kept: u32,
) -> BTreeMap<CellKey, u64> {
    let everything = (1u32 << dimensions) - 1;
    let mut table = BTreeMap::new();
    for (key, count) in counts {
        *table.entry(project(key, everything, kept)).or_insert(0) += count;
    }
    table
}

/// The suppressed cells of every coarser table worked out so far, by the dimensions it keeps.
struct Suppression<'a> {
    counts: &'a BTreeMap<CellKey, u64>,
    dimensions: usize,
    threshold: u64,
    tables: HashMap<u32, BTreeSet<CellKey>>,
}

impl Suppression<'_> {
    fn table(&mut self, kept: u32) -> BTreeSet<CellKey> {
        if let Some(done) = self.tables.get(&kept) {
            return done.clone();
        }
        let counts = counts_of(self.counts, self.dimensions, kept);
        let mut suppressed: BTreeSet<CellKey> = counts
            .iter()
            .filter(|(_, count)| **count < self.threshold)
            .map(|(key, _)| key.clone())
            .collect();
        let mut published_margins = Vec::new();
        for margin in margins(kept) {
            let margin_suppressed = self.table(margin);
            published_margins.extend(
                groups(&counts, kept, margin)
                    .into_iter()
                    .filter(|(margin_key, _)| !margin_suppressed.contains(margin_key))
                    .map(|(_, cells)| cells),
            );
        }
        while let Some(complement) = next_complement(&published_margins, &suppressed) {
            suppressed.insert(complement);
        }
        self.tables.insert(kept, suppressed.clone());
        suppressed
    }
}

/// The cells of a table (keeping the dimensions in `kept`) by their key in a margin.
fn groups(
    counts: &BTreeMap<CellKey, u64>,
    kept: u32,
    margin: u32,
) -> BTreeMap<CellKey, Vec<(&CellKey, u64)>> {
    let mut groups: BTreeMap<CellKey, Vec<(&CellKey, u64)>> = BTreeMap::new();
    for (key, count) in counts {
        groups
            .entry(project(key, kept, margin))
            .or_default()
            .push((key, *count));
    }
    groups
}

/// The cell to suppress next: the smallest published cell of the first published margin that
/// covers exactly one suppressed cell.
fn next_complement(
    published_margins: &[Vec<(&CellKey, u64)>],
    suppressed: &BTreeSet<CellKey>,
) -> Option<CellKey> {
    for cells in published_margins {
        let hidden = cells.iter().filter(|(key, _)| suppressed.contains(*key));
        if hidden.count() != 1 {
            continue;
        }
        let smallest = cells
            .iter()
            .filter(|(key, _)| !suppressed.contains(*key))
            .min_by(|(left_key, left), (right_key, right)| {
                left.cmp(right).then(left_key.cmp(right_key))
            });
        if let Some((key, _)) = smallest {
            return Some((*key).clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(values: &[&str]) -> CellKey {
        values.iter().map(|value| value.to_string()).collect()
    }

    fn table(cells: &[(&[&str], u64)]) -> BTreeMap<CellKey, u64> {
        cells
            .iter()
            .map(|(values, count)| (key(values), *count))
            .collect()
    }

    #[test]
    fn a_small_cell_is_hidden_with_the_next_smallest_so_the_total_does_not_give_it_away() {
        let counts = table(&[(&["a"], 12), (&["b"], 6), (&["c"], 2)]);
        let suppressed = suppressed_cells(&counts, 1, 5);
        assert_eq!(suppressed, BTreeSet::from([key(&["b"]), key(&["c"])]));
    }

    #[test]
    fn two_small_cells_protect_each_other() {
        let counts = table(&[(&["a"], 12), (&["b"], 3), (&["c"], 2)]);
        let suppressed = suppressed_cells(&counts, 1, 5);
        assert_eq!(suppressed, BTreeSet::from([key(&["b"]), key(&["c"])]));
    }

    #[test]
    fn a_table_without_small_cells_is_published_whole() {
        let counts = table(&[(&["a", "x"], 5), (&["b", "y"], 9)]);
        assert!(suppressed_cells(&counts, 2, 5).is_empty());
    }

    #[test]
    fn a_cell_alone_in_its_rows_is_still_protected_by_the_grand_total() {
        // (a, x) is alone in its row and its column, whose totals are suppressed, but the grand
        // total less (b, y) would give it away.
        let counts = table(&[(&["a", "x"], 3), (&["b", "y"], 10)]);
        let suppressed = suppressed_cells(&counts, 2, 5);
        assert_eq!(
            suppressed,
            BTreeSet::from([key(&["a", "x"]), key(&["b", "y"])])
        );
    }

    #[test]
    fn a_total_below_the_threshold_is_itself_suppressed() {
        let counts = table(&[(&[], 4)]);
        assert_eq!(suppressed_cells(&counts, 0, 5), BTreeSet::from([key(&[])]));
    }

    fn any_table() -> impl Strategy<Value = (usize, BTreeMap<CellKey, u64>, u64)> {
        (0usize..=3, 1u64..=8).prop_flat_map(|(dimensions, threshold)| {
            let key = proptest::collection::vec(
                prop_oneof![Just("a"), Just("b"), Just("c")].prop_map(String::from),
                dimensions,
            );
            (
                Just(dimensions),
                proptest::collection::btree_map(key, 1u64..=15, 1..=20),
                Just(threshold),
            )
        })
    }

    proptest! {
        #[test]
        fn every_small_cell_is_suppressed_and_the_rest_keep_their_counts(
            (dimensions, counts, threshold) in any_table()
        ) {
            let suppressed = suppressed_cells(&counts, dimensions, threshold);
            for (key, count) in &counts {
                if *count < threshold {
                    prop_assert!(suppressed.contains(key));
                }
            }
            prop_assert!(suppressed.iter().all(|key| counts.contains_key(key)));
        }

        #[test]
        fn no_published_margin_lets_a_reader_subtract_back_a_suppressed_cell(
            (dimensions, counts, threshold) in any_table()
        ) {
            let everything = (1u32 << dimensions) - 1;
            let suppressed = suppressed_cells(&counts, dimensions, threshold);
            for margin in margins(everything) {
                // The margin as its own coarser report publishes it.
                let margin_counts = counts_of(&counts, dimensions, margin);
                let margin_suppressed = suppressed_cells(&margin_counts, margin.count_ones() as usize, threshold);
                let mut groups: BTreeMap<CellKey, Vec<&CellKey>> = BTreeMap::new();
                for key in counts.keys() {
                    groups.entry(project(key, everything, margin)).or_default().push(key);
                }
                for (margin_key, cells) in groups {
                    if margin_suppressed.contains(&margin_key) {
                        continue;
                    }
                    let published: u64 = cells.iter()
                        .filter(|key| !suppressed.contains(**key))
                        .map(|key| counts[*key])
                        .sum();
                    let hidden: Vec<_> = cells.iter().filter(|key| suppressed.contains(**key)).collect();
                    if hidden.len() == 1 {
                        // Subtraction would recover it: allowed only when the margin is that
                        // cell alone (nothing subtracted) and the cell is not a small one.
                        prop_assert_eq!(cells.len(), 1);
                        prop_assert!(margin_counts[&margin_key] - published >= threshold);
                    }
                }
            }
        }
    }
}
