//! Deadlines computed from a jurisdiction's rules. Dates in, dates out: the clock stays outside.

use chrono::{Days, Months, NaiveDate};

use super::claim::{ClaimFacts, OffenceType};
use super::rules::FilingRules;

/// The last day an application may be lodged: the latest of every period that applies.
///
/// `None` only when date arithmetic overflows, which validated rules and real dates never reach.
pub fn filing_deadline(rules: &FilingRules, facts: &ClaimFacts) -> Option<NaiveDate> {
    let from_crime = add_months(facts.crime_date, rules.period_months);
    let for_minor = rules
        .minor
        .filter(|_| facts.victim_was_minor())
        .and_then(|minor| {
            let birth = facts.victim_birth_date?;
            let coming_of_age =
                birth.checked_add_months(Months::new(minor.until_age_years * 12))?;
            add_months(coming_of_age, minor.period_months)
        });
    let for_trafficking = facts
        .trafficking_identified_on
        .filter(|_| rules.trafficking_from_identification)
        .filter(|_| facts.offence_type == OffenceType::TraffickingInHumanBeings)
        .and_then(|identified| add_months(identified, rules.period_months));
    let from_discovery = facts
        .crime_discovered_on
        .filter(|_| rules.from_discovery)
        .and_then(|discovered| add_months(discovered, rules.period_months));
    [from_crime, for_minor, for_trafficking, from_discovery]
        .into_iter()
        .flatten()
        .max()
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
