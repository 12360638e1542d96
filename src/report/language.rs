//! Which language a page for people is written in: the one asked for, else
//! the fund's `language` setting, else English.

use rusqlite::Connection;

use crate::domain::lang::Lang;
use crate::domain::settings::LANGUAGE;
use crate::error::Result;
use crate::store::settings;

/// The language of a page: `asked` when given, else the fund's setting,
/// else English.
///
/// # Errors
/// [`crate::error::Error::UnknownLanguage`] when the setting holds no
/// language fondo writes (only a changed database can hold one).
pub fn page_language(conn: &Connection, asked: Option<Lang>) -> Result<Lang> {
    if let Some(lang) = asked {
        return Ok(lang);
    }
    settings::get(conn, LANGUAGE)?.map_or(Ok(Lang::En), |tag| tag.parse())
}
