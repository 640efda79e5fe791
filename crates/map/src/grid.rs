//! A uniform grid of rectangles, so that placing thousands of marks and labels checks only
//! near neighbours instead of every pair.

use std::collections::HashMap;

pub type Rect = [f64; 4];

/// Rectangles (x, y, width, height) bucketed by the cells they cover.
pub struct Grid {
    cell: f64,
    cells: HashMap<(i64, i64), Vec<usize>>,
    /// Rectangles too big (or not finite) to bucket: checked on every look-up.
    big: Vec<usize>,
    rects: Vec<Rect>,
}

/// The most cells one rectangle is bucketed in; a bigger one goes to `big`, so a huge or
/// infinite rectangle costs one entry, not a loop over every cell it covers.
const MAX_SPAN: i128 = 4096;

pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

impl Grid {
    pub fn new(cell: f64) -> Grid {
        let cell = if cell.is_finite() && cell > 0.0 {
            cell
        } else {
            1.0
        };
        Grid {
            cell,
            cells: HashMap::new(),
            big: Vec::new(),
            rects: Vec::new(),
        }
    }

    /// The cells `r` covers, or None when they are too many to list.
    fn span(&self, r: &Rect) -> Option<impl Iterator<Item = (i64, i64)>> {
        if !r.iter().all(|v| v.is_finite()) {
            return None;
        }
        let c = |v: f64| (v / self.cell).floor() as i64;
        let (x0, y0, x1, y1) = (c(r[0]), c(r[1]), c(r[0] + r[2]), c(r[1] + r[3]));
        let count = |a: i64, b: i64| (i128::from(b) - i128::from(a) + 1).max(0);
        if count(x0, x1) * count(y0, y1) > MAX_SPAN {
            return None;
        }
        Some((x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y))))
    }

    /// Adds a rectangle; its index is the number of rectangles added before it.
    pub fn insert(&mut self, r: Rect) -> usize {
        let i = self.rects.len();
        match self.span(&r).map(Iterator::collect::<Vec<_>>) {
            Some(cells) => {
                for key in cells {
                    self.cells.entry(key).or_default().push(i);
                }
            }
            None => self.big.push(i),
        }
        self.rects.push(r);
        i
    }

    /// Indices of the rectangles that overlap `r`.
    pub fn hits(&self, r: &Rect) -> Vec<usize> {
        let near: Vec<usize> = match self.span(r) {
            Some(cells) => cells
                .filter_map(|key| self.cells.get(&key))
                .flatten()
                .chain(&self.big)
                .copied()
                .collect(),
            None => (0..self.rects.len()).collect(),
        };
        let mut out: Vec<usize> = near
            .into_iter()
            .filter(|&i| self.rects.get(i).is_some_and(|o| overlaps(r, o)))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlaps_across_cells_and_only_those() {
        let mut g = Grid::new(10.0);
        let a = g.insert([0.0, 0.0, 25.0, 5.0]);
        let b = g.insert([100.0, 100.0, 5.0, 5.0]);
        assert_eq!(g.hits(&[22.0, 2.0, 1.0, 1.0]), vec![a]);
        assert_eq!(g.hits(&[-5.0, -5.0, 200.0, 200.0]), vec![a, b]);
        assert!(g.hits(&[50.0, 50.0, 5.0, 5.0]).is_empty());
    }

    #[test]
    fn huge_and_infinite_rectangles_cost_one_entry_and_are_still_found() {
        let mut g = Grid::new(1.0);
        let small = g.insert([0.0, 0.0, 1.0, 1.0]);
        let huge = g.insert([-1e12, -1e12, 2e12, 2e12]);
        g.insert([f64::NEG_INFINITY, 0.0, f64::INFINITY, 1.0]);
        assert!(g.cells.values().map(Vec::len).sum::<usize>() <= 4);
        assert_eq!(g.hits(&[0.5, 0.5, 0.1, 0.1]), vec![small, huge]);
        assert_eq!(g.hits(&[-1e15, -1e15, 3e15, 3e15]), vec![small, huge]);
        assert_eq!(g.hits(&[f64::NAN, 0.0, 1.0, 1.0]), Vec::<usize>::new());
    }
}
