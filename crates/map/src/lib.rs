//! The map of the places, without the DOM: build-time preparation of the Census boundaries
//! (`topo`, `simplify`, `prepare`), the projection shared by outlines and marks (`project`),
//! the compact same-origin geometry files (`geo`), and the run-time drawing of outlines and
//! marks as SVG text with its summary (`marks`, `palette`, `render`, `summary`).

pub mod annotate;
pub mod geo;
pub mod grid;
pub mod marks;
pub mod palette;
pub mod prepare;
pub mod project;
pub mod render;
pub mod simplify;
pub mod states;
pub mod summary;
pub mod svg;
pub mod symbols;
pub mod topo;
pub mod view;
