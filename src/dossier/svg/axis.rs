//! The time axis: a linear scale from the first event to the last, whatever the span (a day to
//! centuries), and calendar steps (days, months, years) for its ticks and for the buckets
//! that lanes of many events are counted in.

/// Short month names, for tick labels.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The shortest span the axis shows, in years (two days), so that one event, or events on one
/// day, still get an axis with ticks.
const MIN_SPAN: f64 = 2.0 / 365.0;
/// Axis kept before the first and after the last event, as a share of the span.
const PAD_SHARE: f64 = 0.03;
/// Least room per tick, in units, by kind of step: room for its label (`1995`, `Mar`,
/// `Jan 2008`, `12 Mar`) and a gap.
const YEAR_ROOM: f64 = 36.0;
const MONTH_ROOM: f64 = 56.0;
const DAY_ROOM: f64 = 60.0;

/// A calendar step: ticks every so many days, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Days(u32),
    Months(u32),
    Years(u32),
}

/// The steps tried, finest first.
const STEPS: [Step; 15] = [
    Step::Days(1),
    Step::Days(7),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(25),
    Step::Years(50),
    Step::Years(100),
    Step::Years(250),
    Step::Years(500),
    Step::Years(1000),
];

impl Step {
    /// Its length in years (months and days as [`time_of`] counts them).
    pub(super) fn years(self) -> f64 {
        match self {
            Step::Days(n) => f64::from(n) / 365.0,
            Step::Months(n) => f64::from(n) / 12.0,
            Step::Years(n) => f64::from(n),
        }
    }

    /// A step of one of its units: `Days(1)`, `Months(1)` or `Years(1)`.
    pub(super) fn unit(self) -> Step {
        match self {
            Step::Days(_) => Step::Days(1),
            Step::Months(_) => Step::Months(1),
            Step::Years(_) => Step::Years(1),
        }
    }

    fn room(self) -> f64 {
        match self {
            Step::Days(_) => DAY_ROOM,
            Step::Months(_) => MONTH_ROOM,
            Step::Years(_) => YEAR_ROOM,
        }
    }

    /// "per year", "per 5 years", "per month", "per day": the period a bucket counts.
    pub(super) fn per(self) -> String {
        let (n, unit) = match self {
            Step::Days(n) => (n, "day"),
            Step::Months(n) => (n, "month"),
            Step::Years(n) => (n, "year"),
        };
        if n == 1 {
            format!("per {unit}")
        } else {
            format!("per {n} {unit}s")
        }
    }

    /// The first day of the step's period that holds `day` (weeks start on the 1st, 8th,
    /// 15th, 22nd and 29th of a month).
    pub(super) fn floor(self, day: Day) -> Day {
        match self {
            Step::Days(n) => Day {
                d: (day.d - 1) / n * n + 1,
                ..day
            },
            Step::Months(n) => Day {
                m: (day.m - 1) / n * n + 1,
                d: 1,
                ..day
            },
            Step::Years(n) => Day {
                y: day.y.div_euclid(i64::from(n)) * i64::from(n),
                m: 1,
                d: 1,
            },
        }
    }

    /// The first day of the period after the one starting on `start` (a day [`Step::floor`]
    /// gives).
    pub(super) fn next(self, start: Day) -> Day {
        match self {
            Step::Days(n) => {
                let d = start.d + n;
                if d > days_in_month(start.y, start.m) {
                    next_month(start)
                } else {
                    Day { d, ..start }
                }
            }
            Step::Months(n) => {
                let m = start.m + n;
                if m > 12 {
                    Day {
                        y: start.y + 1,
                        m: m - 12,
                        d: 1,
                    }
                } else {
                    Day { m, d: 1, ..start }
                }
            }
            Step::Years(n) => Day {
                y: start.y + i64::from(n),
                m: 1,
                d: 1,
            },
        }
    }

    /// A tick's label: the year for year steps; a month's name, with the year in January and
    /// on the first tick; a day and month, with the year on the first tick and on 1 January.
    fn label(self, day: Day, first: bool) -> String {
        let month = MONTHS[(day.m - 1) as usize];
        match self {
            Step::Years(_) => day.y.to_string(),
            Step::Months(_) if day.m == 1 => day.y.to_string(),
            Step::Months(_) if first => format!("{month} {}", day.y),
            Step::Months(_) => month.to_string(),
            Step::Days(_) if first || (day.m == 1 && day.d == 1) => {
                format!("{} {month} {}", day.d, day.y)
            }
            Step::Days(_) => format!("{} {month}", day.d),
        }
    }
}

/// A day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Day {
    pub(super) y: i64,
    pub(super) m: u32,
    pub(super) d: u32,
}

impl Day {
    /// The first day of the period a partial ISO date names (`2007` → 1 January 2007).
    pub(super) fn of(date: &str) -> Day {
        let mut parts = date.splitn(3, '-');
        let y = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let m = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
        let d = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
        Day {
            y,
            m: m.clamp(1, 12),
            d: d.clamp(1, 31),
        }
    }

    /// The day as a year with a fraction, the axis's time.
    pub(super) fn time(self) -> f64 {
        self.y as f64 + f64::from(self.m - 1) / 12.0 + f64::from(self.d - 1) / 365.0
    }

    /// The day at (or just before) time `t`.
    fn at(t: f64) -> Day {
        let y = t.floor();
        let m = (((t - y) * 12.0).floor() as u32).min(11) + 1;
        let rest = t - y - f64::from(m - 1) / 12.0;
        let d = ((rest * 365.0).floor() as u32 + 1).min(days_in_month(y as i64, m));
        Day { y: y as i64, m, d }
    }
}

/// A partial ISO date's time on the axis.
pub(super) fn time_of(date: &str) -> f64 {
    Day::of(date).time()
}

fn next_month(day: Day) -> Day {
    Step::Months(1).next(Day { d: 1, ..day })
}

/// The number of days of month `m` of year `y`.
pub(super) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A linear map from time (years) to x, over the span of the events.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pub(super) t0: f64,
    pub(super) t1: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
}

impl Scale {
    /// A scale over `x0..x1` holding every time of `times` (not empty), padded a little at
    /// both ends, and never shorter than [`MIN_SPAN`].
    pub(super) fn over(times: &[f64], x0: f64, x1: f64) -> Scale {
        let first = times.iter().copied().fold(f64::INFINITY, f64::min);
        let last = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let span = (last - first).max(MIN_SPAN);
        let middle = (first + last) / 2.0;
        let half = span / 2.0 * (1.0 + 2.0 * PAD_SHARE);
        Scale {
            t0: middle - half,
            t1: middle + half,
            x0,
            x1,
        }
    }

    pub(super) fn x_of(&self, t: f64) -> f64 {
        self.x0 + (t - self.t0) / (self.t1 - self.t0) * (self.x1 - self.x0)
    }

    /// Units per year.
    pub(super) fn per_year(&self) -> f64 {
        (self.x1 - self.x0) / (self.t1 - self.t0)
    }

    /// The finest step whose ticks leave room for their labels.
    pub(super) fn tick_step(&self) -> Step {
        self.finest(|step| step.room())
    }

    /// The finest step whose periods are at least `width` units wide.
    pub(super) fn finest(&self, width: impl Fn(Step) -> f64) -> Step {
        let per_year = self.per_year();
        STEPS
            .into_iter()
            .find(|step| step.years() * per_year >= width(*step))
            .unwrap_or(Step::Years(1000))
    }

    /// The ticks within the scale at `step`: (x, label).
    pub(super) fn ticks(&self, step: Step) -> Vec<(f64, String)> {
        let mut ticks = Vec::new();
        let mut day = step.floor(Day::at(self.t0));
        while day.time() <= self.t1 {
            if day.time() >= self.t0 {
                let label = step.label(day, ticks.is_empty());
                ticks.push((self.x_of(day.time()), label));
            }
            day = step.next(day);
        }
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(first: &str, last: &str) -> Scale {
        Scale::over(&[time_of(first), time_of(last)], 100.0, 668.0)
    }

    fn labels(scale: &Scale) -> Vec<String> {
        scale
            .ticks(scale.tick_step())
            .into_iter()
            .map(|(_, label)| label)
            .collect()
    }

    #[test]
    fn three_days_are_ticked_by_the_day() {
        let s = scale("2007-03-15", "2007-03-17");
        assert_eq!(s.tick_step(), Step::Days(1));
        assert_eq!(labels(&s), ["15 Mar 2007", "16 Mar", "17 Mar"]);
    }

    #[test]
    fn twenty_years_are_ticked_every_two_years() {
        let s = scale("1992-02-12", "2012-11-03");
        assert_eq!(s.tick_step(), Step::Years(2));
        let years = labels(&s);
        assert_eq!(years.first().map(String::as_str), Some("1992"));
        assert_eq!(years.last().map(String::as_str), Some("2012"));
        assert_eq!(years.len(), 11);
    }

    #[test]
    fn two_hundred_forty_years_are_ticked_every_quarter_century() {
        let s = scale("1776-07-04", "2016");
        assert_eq!(s.tick_step(), Step::Years(25));
        assert_eq!(
            labels(&s),
            ["1775", "1800", "1825", "1850", "1875", "1900", "1925", "1950", "1975", "2000"]
        );
    }

    #[test]
    fn ticks_are_placed_at_their_dates() {
        let s = scale("1990", "2010");
        let ticks = s.ticks(Step::Years(10));
        assert_eq!(ticks.len(), 3);
        let (x1990, x2010) = (s.x_of(1990.0), s.x_of(2010.0));
        assert!((ticks[1].0 - (x1990 + x2010) / 2.0).abs() < 1e-9);
        assert!(x1990 > 100.0 && x2010 < 668.0);
    }

    #[test]
    fn months_cross_the_year_and_days_the_month() {
        let s = scale("2006-11-20", "2007-06-10");
        assert_eq!(s.tick_step(), Step::Months(1));
        assert_eq!(labels(&s)[..3], ["Dec 2006", "2007", "Feb"]);
        assert_eq!(
            Step::Days(7).next(Day::of("2008-02-29")),
            Day::of("2008-03-01")
        );
        assert_eq!(
            Step::Years(25).floor(Day::of("1776-07-04")),
            Day::of("1775")
        );
    }

    #[test]
    fn one_event_gets_an_axis_of_a_few_days() {
        let s = Scale::over(&[time_of("2007-03-15")], 100.0, 668.0);
        assert!(s.t1 > s.t0);
        assert!(!labels(&s).is_empty());
    }
}
