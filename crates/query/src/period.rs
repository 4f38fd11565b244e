//! Calendar periods (`2025`, `2025-06`, `2025-06-30`) and timeline buckets.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use dateline_indexer::schema::clamp_query_day;

use crate::QueryError;

/// A calendar period a user names by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatePeriod {
    /// First day of the period.
    pub first: NaiveDate,
    /// Last day of the period (inclusive).
    pub last: NaiveDate,
}

impl DatePeriod {
    /// Parses a period.
    ///
    /// ```
    /// use dateline_query::DatePeriod;
    /// let p = DatePeriod::parse("2024-02").unwrap();
    /// assert_eq!(p.last.to_string(), "2024-02-29");
    /// assert_eq!(DatePeriod::parse("2025").unwrap().first.to_string(), "2025-01-01");
    /// assert!(DatePeriod::parse("2025-13").is_err());
    /// // Before the dates an index can hold: the day before them.
    /// assert_eq!(DatePeriod::parse("1000").unwrap().last.to_string(), "1677-12-31");
    /// ```
    pub fn parse(text: &str) -> Result<DatePeriod, QueryError> {
        let period = Self::parse_calendar(text)?;
        // Days outside what an index can hold select as they should
        // (nothing before 1678, everything after) without overflowing.
        Ok(DatePeriod {
            first: clamp_query_day(period.first),
            last: clamp_query_day(period.last),
        })
    }

    fn parse_calendar(text: &str) -> Result<DatePeriod, QueryError> {
        let bad = || QueryError::Date {
            value: text.to_string(),
            reason: "expected YYYY, YYYY-MM or YYYY-MM-DD",
        };
        let no_such_day = || QueryError::Date {
            value: text.to_string(),
            reason: "there is no such day or month in the calendar",
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, QueryError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse().map_err(|_| bad())
        };
        let year = number(parts[0], 4)? as i32;
        match parts.len() {
            1 => Ok(DatePeriod {
                first: NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
                last: NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?,
            }),
            2 => {
                let month = number(parts[1], 2)?;
                let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(no_such_day)?;
                Ok(DatePeriod {
                    first,
                    last: next_month(first) - Duration::days(1),
                })
            }
            3 => {
                let day = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, number(parts[2], 2)?)
                    .ok_or_else(no_such_day)?;
                Ok(DatePeriod {
                    first: day,
                    last: day,
                })
            }
            _ => Err(bad()),
        }
    }
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first)
}

/// Timeline bucket sizes: calendar days, ISO weeks (from Monday), calendar
/// months and years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// One bucket per calendar day.
    Day,
    /// One bucket per ISO week, starting on Monday.
    Week,
    /// One bucket per calendar month.
    Month,
    /// One bucket per calendar year.
    Year,
}

impl std::str::FromStr for Interval {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            other => Err(QueryError::Invalid(format!(
                "unknown timeline interval `{other}`: use day, week, month or year"
            ))),
        }
    }
}

impl Interval {
    /// The first day of the bucket holding `day`.
    pub fn bucket_start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start + Duration::days(1),
            Interval::Week => start + Duration::days(7),
            Interval::Month => next_month(start),
            Interval::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(start),
        }
    }
}
