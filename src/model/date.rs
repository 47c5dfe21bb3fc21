//! Calendar dates: `YYYY-MM-DD` text in, a [`Date`] that exists in the calendar out (no
//! 2027-02-30, no 02-29 in a common year), or why not. The one parser for every date the
//! content and the command line give: `site.toml`'s edition, release notes, `release --date`;
//! the pages, the Atom feeds and `CITATION.cff` print these dates, so an impossible one would
//! be published.

use std::fmt;

/// A day of the Gregorian calendar, years 0001–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD` with a month 01–12 and a day 01–31.
    Shape,
    /// Well formed, but the month has fewer days (`2027-02-30`).
    NoSuchDay { year: u16, month: u8, days: u8 },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateError {
    /// The end of a message about the date `"…"`: `is not a date like 2026-12-01`, or `is not
    /// a date: February 2027 has 28 days`.
    pub fn says(&self, example: &str) -> String {
        match self {
            DateError::Shape => format!("is not a date like {example}"),
            DateError::NoSuchDay { year, month, days } => format!(
                "is not a date: {} {year} has {days} days",
                MONTHS[usize::from(*month - 1)]
            ),
        }
    }
}

impl Date {
    /// Parses `YYYY-MM-DD` (ASCII digits only), checking the day exists.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(DateError::Shape);
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().map_err(|_| DateError::Shape);
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if year == 0 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(DateError::Shape);
        }
        let (month, day) = (month as u8, day as u8);
        let days = days_in_month(year, month);
        if day > days {
            return Err(DateError::NoSuchDay { year, month, days });
        }
        Ok(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's civil-from-days), for "today".
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(1, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_parse_and_print_as_written() {
        for ok in [
            "2026-11-29",
            "2024-02-29",
            "2000-02-29",
            "2026-12-31",
            "0001-01-01",
        ] {
            assert_eq!(Date::parse(ok).unwrap().to_string(), ok);
        }
        assert!(Date::parse("2026-11-30").unwrap() < Date::parse("2026-12-01").unwrap());
    }

    #[test]
    fn impossible_days_say_how_many_days_the_month_has() {
        let no = |s| Date::parse(s).unwrap_err().says("2026-12-01");
        assert_eq!(no("2027-02-30"), "is not a date: February 2027 has 28 days");
        assert_eq!(no("2027-02-29"), "is not a date: February 2027 has 28 days");
        assert_eq!(no("1900-02-29"), "is not a date: February 1900 has 28 days");
        assert_eq!(no("2028-02-30"), "is not a date: February 2028 has 29 days");
        assert_eq!(no("2026-04-31"), "is not a date: April 2026 has 30 days");
        assert_eq!(no("2026-11-31"), "is not a date: November 2026 has 30 days");
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "2026-13-01",
            "2026-00-10",
            "2026-1-29",
            "29-11-2026",
            "2026-11-32",
            "2026-11-00",
            "0000-01-01",
            "２026-11-29",
            "2026-11-2x",
            "+026-11-29",
            "",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError::Shape), "{bad} accepted");
        }
    }

    #[test]
    fn days_since_1970_become_dates() {
        let d = |n| Date::from_unix_days(n).to_string();
        assert_eq!(d(0), "1970-01-01");
        assert_eq!(d(20_423), "2025-12-01");
        assert_eq!(d(11_016), "2000-02-29");
    }
}
