//! `dateline serve`: the index in a browser tab, and an HTTP API.
//!
//! People explore an archive in a browser (who dominates these results,
//! when did this story peak, what else does this article name), and
//! scripts in other languages want the CLI's answers over HTTP. This crate
//! serves both from one open [`dateline_query::Engine`]: HTML pages drawn
//! on the server (facets, timeline charts as SVG, no framework), one small
//! script for what links cannot do (dragging over the timeline, reading an
//! uploaded file), and a JSON API whose shapes are the CLI's `--json`.
//!
//! Read-only by construction: handlers only search and read stored
//! articles; ids are looked up in the index, never opened as paths.

mod api;
mod assets;
mod error;
mod guard;
mod pages;
mod params;
mod server;
mod state;

pub use error::WebError;
pub use server::{serve, Options};
