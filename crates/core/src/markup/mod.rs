//! The page as escaped HTML, with no DOM: the page and its slots, the matrix section and its
//! rows, the filter bar, panel and chips, the help, credit, profile and map marks, and the text
//! and colour helpers they share.

#[cfg(feature = "compare")]
pub mod brief;
pub mod chips;
pub mod colour;
pub mod filter_panel;
pub mod html;
pub mod map_marks;
pub mod page;
pub mod page_parts;
pub mod panels;
pub mod profile;
pub mod row_patch;
pub mod rows;
pub mod shell;
pub mod text;
