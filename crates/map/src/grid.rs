//! A uniform grid of rectangles, so that placing thousands of marks and labels checks only
//! near neighbours instead of every pair.

use std::collections::HashMap;

pub type Rect = [f64; 4];

/// Rectangles (x, y, width, height) bucketed by the cells they cover.
pub struct Grid {
    cell: f64,
    cells: HashMap<(i64, i64), Vec<usize>>,
    rects: Vec<Rect>,
}

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
            rects: Vec::new(),
        }
    }

    fn span(&self, r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let c = |v: f64| (v / self.cell).floor() as i64;
        let (x0, y0, x1, y1) = (c(r[0]), c(r[1]), c(r[0] + r[2]), c(r[1] + r[3]));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Adds a rectangle; its index is the number of rectangles added before it.
    pub fn insert(&mut self, r: Rect) -> usize {
        let i = self.rects.len();
        let cells: Vec<(i64, i64)> = self.span(&r).collect();
        for key in cells {
            self.cells.entry(key).or_default().push(i);
        }
        self.rects.push(r);
        i
    }

    /// Indices of the rectangles that overlap `r`.
    pub fn hits(&self, r: &Rect) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .span(r)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
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
}
