//! Deadlines computed from a jurisdiction's rules. Dates in, dates out: the clock stays outside.

use chrono::{Days, Months, NaiveDate};

use super::claim::{ClaimFacts, OffenceType};
use super::rules::FilingRules;

/// The dates a filing deadline depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FilingFacts {
    pub crime_date: NaiveDate,
    pub victim_birth_date: Option<NaiveDate>,
    /// Only for a trafficking victim: when the authority identified them as one.
    pub trafficking_identified_on: Option<NaiveDate>,
    pub crime_discovered_on: Option<NaiveDate>,
}

impl FilingFacts {
    pub fn of(facts: &ClaimFacts) -> Self {
        FilingFacts {
            crime_date: facts.crime_date,
            victim_birth_date: facts.victim_birth_date,
            trafficking_identified_on: facts
                .trafficking_identified_on
                .filter(|_| facts.offence_type == OffenceType::TraffickingInHumanBeings),
            crime_discovered_on: facts.crime_discovered_on,
        }
    }

    /// Dates that cannot be: a victim born after the crime, a crime identified or discovered
    /// before it happened, or a crime in the future. Names the field at fault.
    pub fn check(&self, today: NaiveDate) -> Result<(), (&'static str, &'static str)> {
        if self.crime_date > today {
            return Err(("crime_date", "must not be in the future"));
        }
        if self
            .victim_birth_date
            .is_some_and(|birth| birth > self.crime_date)
        {
            return Err(("birth_date", "must be on or before the crime date"));
        }
        if self
            .trafficking_identified_on
            .is_some_and(|identified| identified < self.crime_date)
        {
            return Err(("identified_date", "must be on or after the crime date"));
        }
        if self
            .crime_discovered_on
            .is_some_and(|discovered| discovered < self.crime_date)
        {
            return Err(("discovery_date", "must be on or after the crime date"));
        }
        Ok(())
    }

    /// Whether the victim was under 18 on the day of the crime; an unknown birth date counts
    /// as adult.
    pub fn victim_was_minor(&self) -> bool {
        self.victim_birth_date
            .and_then(|birth| self.crime_date.years_since(birth))
            .is_some_and(|age_years| age_years < 18)
    }
}

/// Which rule set the last filing day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilingBasis {
    FromCrime { months: u32 },
    AfterComingOfAge { age_years: u32, months: u32 },
    FromIdentification { months: u32 },
    FromDiscovery { months: u32 },
}

impl std::fmt::Display for FilingBasis {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilingBasis::FromCrime { months } => {
                write!(formatter, "{months} months from the crime")
            }
            FilingBasis::AfterComingOfAge {
                age_years,
                months: 0,
            } => {
                write!(
                    formatter,
                    "a victim who was a minor: until the day before turning {age_years}"
                )
            }
            FilingBasis::AfterComingOfAge { age_years, months } => write!(
                formatter,
                "a victim who was a minor: {months} months after turning {age_years}"
            ),
            FilingBasis::FromIdentification { months } => write!(
                formatter,
                "{months} months from identification as a victim of trafficking"
            ),
            FilingBasis::FromDiscovery { months } => {
                write!(formatter, "{months} months from discovery of the crime")
            }
        }
    }
}

/// The last filing day and the rule that set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilingDeadline {
    pub last_day: NaiveDate,
    pub basis: FilingBasis,
}

/// The last day an application may be lodged: the latest of every period that applies.
///
/// `None` only when date arithmetic overflows, which validated rules and real dates never reach.
pub fn filing_deadline(rules: &FilingRules, facts: &ClaimFacts) -> Option<NaiveDate> {
    explain_filing_deadline(rules, &FilingFacts::of(facts)).map(|deadline| deadline.last_day)
}

/// Like `filing_deadline`, saying which rule applied.
pub fn explain_filing_deadline(rules: &FilingRules, facts: &FilingFacts) -> Option<FilingDeadline> {
    let months = rules.period_months;
    let candidate =
        |date: Option<NaiveDate>, basis| date.map(|last_day| FilingDeadline { last_day, basis });
    let from_crime = candidate(
        add_months(facts.crime_date, months),
        FilingBasis::FromCrime { months },
    );
    let for_minor = rules
        .minor
        .filter(|_| facts.victim_was_minor())
        .and_then(|minor| {
            let birth = facts.victim_birth_date?;
            let coming_of_age =
                birth.checked_add_months(Months::new(minor.until_age_years * 12))?;
            let basis = FilingBasis::AfterComingOfAge {
                age_years: minor.until_age_years,
                months: minor.period_months,
            };
            // "Until their 20th birthday" ends the day before it; a period after it ends on its
            // anniversary, like every other period here.
            let last_day = match minor.period_months {
                0 => coming_of_age.pred_opt(),
                months => add_months(coming_of_age, months),
            };
            candidate(last_day, basis)
        });
    let for_trafficking = facts
        .trafficking_identified_on
        .filter(|_| rules.trafficking_from_identification)
        .and_then(|identified| {
            candidate(
                add_months(identified, months),
                FilingBasis::FromIdentification { months },
            )
        });
    let from_discovery = facts
        .crime_discovered_on
        .filter(|_| rules.from_discovery)
        .and_then(|discovered| {
            candidate(
                add_months(discovered, months),
                FilingBasis::FromDiscovery { months },
            )
        });
    // On a tie the earlier (more general) rule is named.
    [from_crime, for_minor, for_trafficking, from_discovery]
        .into_iter()
        .flatten()
        .reduce(|latest, next| {
            if next.last_day > latest.last_day {
                next
            } else {
                latest
            }
        })
}

/// `days` calendar days after `date`; `None` only on overflow.
pub fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::facts;
    use crate::domain::rules::MinorFilingRule;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn six_months() -> FilingRules {
        FilingRules {
            period_months: 6,
            minor: Some(MinorFilingRule {
                until_age_years: 18,
                period_months: 6,
            }),
            trafficking_from_identification: true,
            from_discovery: false,
        }
    }

    #[test]
    fn an_adult_has_six_months_from_the_crime() {
        assert_eq!(
            filing_deadline(&six_months(), &facts()),
            Some(date("2026-09-10"))
        );
    }

    #[test]
    fn a_minor_has_until_six_months_after_coming_of_age() {
        let mut facts = facts();
        facts.victim_birth_date = Some(date("2012-05-01"));
        assert_eq!(
            filing_deadline(&six_months(), &facts),
            Some(date("2030-11-01"))
        );
    }

    #[test]
    fn a_trafficking_victim_counts_from_identification() {
        let mut facts = facts();
        facts.offence_type = OffenceType::TraffickingInHumanBeings;
        facts.trafficking_identified_on = Some(date("2026-08-01"));
        assert_eq!(
            filing_deadline(&six_months(), &facts),
            Some(date("2027-02-01"))
        );
    }

    #[test]
    fn identification_is_ignored_for_other_offences() {
        let mut facts = facts();
        facts.trafficking_identified_on = Some(date("2026-08-01"));
        assert_eq!(
            filing_deadline(&six_months(), &facts),
            Some(date("2026-09-10"))
        );
    }

    #[test]
    fn the_rule_that_set_the_deadline_is_named() {
        let mut facts = FilingFacts::of(&facts());
        facts.victim_birth_date = Some(date("2012-05-01"));
        let deadline = explain_filing_deadline(&six_months(), &facts).unwrap();
        assert_eq!(deadline.last_day, date("2030-11-01"));
        assert_eq!(
            deadline.basis.to_string(),
            "a victim who was a minor: 6 months after turning 18"
        );
    }

    #[test]
    fn discovery_counts_only_where_the_rules_say() {
        let mut facts = facts();
        facts.crime_discovered_on = Some(date("2027-01-01"));
        assert_eq!(
            filing_deadline(&six_months(), &facts),
            Some(date("2026-09-10"))
        );
        let rules = FilingRules {
            from_discovery: true,
            ..six_months()
        };
        assert_eq!(filing_deadline(&rules, &facts), Some(date("2027-07-01")));
    }
}
