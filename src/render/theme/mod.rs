//! The theme's helpers: a theme folder in (templates, strings, stylesheet), out the parsed
//! templates (kept between builds), the strings' `t()` function, the accent colour and the
//! words for the dataset's levels, which every page kind uses.

pub(crate) mod accent;
pub(crate) mod ast_cache;
pub(crate) mod level_words;
pub(crate) mod strings;
pub(crate) mod templates;
