//! A batch as an ISO 20022 customer credit transfer initiation (`pain.001.001.09`), the file
//! a bank imports to make the transfers.
//!
//! A euro batch follows the EPC's SEPA Credit Transfer implementation guidelines and validates
//! against their schema (tests/schemas/pain.001.001.09-EPC132-08-2023-SCT.xsd): service level
//! SEPA, charges SLEV, names of at most 70 characters in the SEPA character set. Pounds and
//! dollars use the same structure without the SEPA service level; the EPC schema does not apply
//! to them (it admits euros only), and their charges are borne by the scheme (DEBT), so that a
//! victim receives the award in full. Names are converted to the SEPA character set in every
//! currency: UK and US bank formats are no more generous.

use super::latin::to_sepa_text;
use super::xml::XmlWriter;
use super::{BankError, BatchFile, BatchOrder, check_batch, control_sum};
use crate::domain::money::Currency;
use crate::domain::payout::{Bic, Iban};

pub const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
/// The EPC limits names to 70 characters, although the ISO type allows 140.
pub const NAME_MAXIMUM_CHARACTERS: usize = 70;

/// The batch's pain.001 document. The same batch always gives the same bytes.
pub fn write(batch: &BatchFile) -> Result<String, BankError> {
    check_batch(batch)?;
    let mut writer = XmlWriter::new();
    writer.element("Document", &[("xmlns", NAMESPACE)], |writer| {
        writer.element("CstmrCdtTrfInitn", &[], |writer| {
            group_header(writer, batch);
            payment_information(writer, batch);
        });
    });
    Ok(writer.finish())
}

/// Written in the SEPA character set and cut to the EPC's length.
pub fn name_as_sent(name: &str) -> String {
    to_sepa_text(name, NAME_MAXIMUM_CHARACTERS)
}

fn group_header(writer: &mut XmlWriter, batch: &BatchFile) {
    writer.element("GrpHdr", &[], |writer| {
        writer.text("MsgId", &batch.message_id);
        // The batch's time is UTC, as every time the service keeps; whole seconds are enough.
        let created_at = batch.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        writer.text("CreDtTm", &created_at);
        counts(writer, batch);
        writer.element("InitgPty", &[], |writer| {
            writer.text("Nm", &name_as_sent(&batch.debtor.name));
        });
    });
}

/// The number of transactions and their sum, which the bank checks the file against.
fn counts(writer: &mut XmlWriter, batch: &BatchFile) {
    writer.text("NbOfTxs", &batch.orders.len().to_string());
    writer.text("CtrlSum", &control_sum(batch).amount().to_string());
}

/// The one payment instruction: every order is paid from the scheme's account on the same day.
fn payment_information(writer: &mut XmlWriter, batch: &BatchFile) {
    let sepa = batch.currency == Currency::Eur;
    writer.element("PmtInf", &[], |writer| {
        writer.text("PmtInfId", &batch.message_id);
        writer.text("PmtMtd", "TRF");
        // One debit per order on the scheme's statement, so each payment is reconciled alone.
        writer.text("BtchBookg", "false");
        counts(writer, batch);
        if sepa {
            writer.element("PmtTpInf", &[], |writer| {
                writer.element("SvcLvl", &[], |writer| writer.text("Cd", "SEPA"));
            });
        }
        writer.element("ReqdExctnDt", &[], |writer| {
            writer.text("Dt", &batch.requested_execution_date.to_string());
        });
        party(writer, "Dbtr", &batch.debtor.name);
        account(writer, "DbtrAcct", &batch.debtor.iban);
        writer.element("DbtrAgt", &[], |writer| {
            writer.element("FinInstnId", &[], |writer| match &batch.debtor.bic {
                Some(bic) => writer.text("BICFI", bic.as_str()),
                None => writer.element("Othr", &[], |writer| writer.text("Id", "NOTPROVIDED")),
            });
        });
        writer.text("ChrgBr", if sepa { "SLEV" } else { "DEBT" });
        for order in &batch.orders {
            transaction(writer, order);
        }
    });
}

fn transaction(writer: &mut XmlWriter, order: &BatchOrder) {
    writer.element("CdtTrfTxInf", &[], |writer| {
        writer.element("PmtId", &[], |writer| {
            writer.text("EndToEndId", &order.end_to_end_id);
        });
        writer.element("Amt", &[], |writer| {
            let currency = order.amount.currency().code();
            let amount = order.amount.amount().to_string();
            writer.text_with("InstdAmt", &[("Ccy", currency)], &amount);
        });
        // Without a BIC the bank finds the payee's bank from the IBAN (EPC: leave it out).
        if let Some(bic) = &order.bic {
            agent(writer, "CdtrAgt", bic);
        }
        party(writer, "Cdtr", &order.payee_name);
        account(writer, "CdtrAcct", &order.iban);
        writer.element("RmtInf", &[], |writer| {
            writer.text("Ustrd", order.reference.as_str());
        });
    });
}

fn party(writer: &mut XmlWriter, element: &'static str, name: &str) {
    writer.element(element, &[], |writer| {
        writer.text("Nm", &name_as_sent(name))
    });
}

fn account(writer: &mut XmlWriter, element: &'static str, iban: &Iban) {
    writer.element(element, &[], |writer| {
        writer.element("Id", &[], |writer| writer.text("IBAN", iban.as_str()));
    });
}

fn agent(writer: &mut XmlWriter, element: &'static str, bic: &Bic) {
    writer.element(element, &[], |writer| {
        writer.element("FinInstnId", &[], |writer| {
            writer.text("BICFI", bic.as_str())
        });
    });
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::process::{Command, Stdio};

    use super::super::test_batch::*;
    use super::*;
    use crate::domain::money::Money;

    const EPC_SCHEMA: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/pain.001.001.09-EPC132-08-2023-SCT.xsd"
    );

    /// Runs xmllint on `xml`, against `schema` if given; `None` where xmllint is missing outside
    /// CI (CI installs it, see .ci/run).
    fn xmllint(xml: &str, schema: Option<&str>) -> Option<(bool, String)> {
        let mut command = Command::new("xmllint");
        command.arg("--noout");
        if let Some(schema) = schema {
            command.args(["--schema", schema]);
        }
        let spawned = command
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(error) if std::env::var_os("CI").is_none() => {
                eprintln!("NOTE: xmllint could not run ({error}); schema validation SKIPPED");
                return None;
            }
            Err(error) => panic!("xmllint is required in CI: {error}"),
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(xml.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        Some((
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ))
    }

    fn elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        xml.split(open.as_str())
            .skip(1)
            .filter_map(|rest| rest.split(close.as_str()).next())
            .collect()
    }

    #[test]
    fn a_euro_batch_validates_against_the_epc_sepa_schema() {
        let xml = write(&three_orders()).unwrap();
        if let Some((valid, messages)) = xmllint(&xml, Some(EPC_SCHEMA)) {
            assert!(valid, "{messages}\n{xml}");
        }
    }

    #[test]
    fn the_schema_check_notices_what_the_epc_forbids() {
        let xml = write(&three_orders()).unwrap().replace(
            "<Nm>Spitali Rajonal Gjilan</Nm>",
            &format!("<Nm>{}</Nm>", "a".repeat(71)),
        );
        if let Some((valid, messages)) = xmllint(&xml, Some(EPC_SCHEMA)) {
            assert!(!valid, "a 71-character name passed the schema");
            assert!(messages.contains("Nm"), "{messages}");
        }
    }

    #[test]
    fn a_debtor_bank_without_a_bic_is_not_provided_and_still_validates() {
        let mut batch = three_orders();
        batch.debtor.bic = None;
        let xml = write(&batch).unwrap();
        assert!(xml.contains("<Id>NOTPROVIDED</Id>"), "{xml}");
        assert_eq!(elements(&xml, "BICFI"), ["RBKOXKPR"]);
        if let Some((valid, messages)) = xmllint(&xml, Some(EPC_SCHEMA)) {
            assert!(valid, "{messages}");
        }
    }

    #[test]
    fn the_same_batch_gives_the_same_bytes() {
        assert_eq!(
            write(&three_orders()).unwrap(),
            write(&three_orders()).unwrap()
        );
    }

    #[test]
    fn the_control_sums_are_the_sum_of_the_amounts() {
        let xml = write(&three_orders()).unwrap();
        assert_eq!(elements(&xml, "CtrlSum"), ["5745.51", "5745.51"]);
        assert_eq!(elements(&xml, "NbOfTxs"), ["3", "3"]);
        let amounts: Vec<&str> = xml
            .lines()
            .filter_map(|line| line.trim().strip_prefix("<InstdAmt Ccy=\"EUR\">"))
            .filter_map(|rest| rest.strip_suffix("</InstdAmt>"))
            .collect();
        assert_eq!(amounts, ["4245.00", "1500.50", "0.01"]);
    }

    #[test]
    fn names_are_written_in_the_sepa_character_set_and_references_in_full() {
        let batch = three_orders();
        let xml = write(&batch).unwrap();
        assert_eq!(
            elements(&xml, "Nm"),
            [
                "Komisioni per Kompensimin e Viktimave te Krimit",
                "Komisioni per Kompensimin e Viktimave te Krimit",
                "Drita Celiku-Krasniqi",
                "Djordje Petrovic",
                "Spitali Rajonal Gjilan",
            ]
        );
        assert!(xml.contains(&format!("<Ustrd>{}</Ustrd>", batch.orders[2].reference)));
        assert_eq!(batch.orders[2].reference.as_str().len(), 140);
    }

    #[test]
    fn names_are_cut_to_seventy_characters() {
        let mut batch = three_orders();
        batch.orders[0].payee_name = "Drita ".repeat(20);
        let xml = write(&batch).unwrap();
        assert!(
            elements(&xml, "Nm")
                .iter()
                .all(|name| name.chars().count() <= 70)
        );
    }

    #[test]
    fn text_is_escaped() {
        let mut batch = three_orders();
        batch.orders[0].payee_name = "O'Brien & Sons <Ltd> \"Dublin\"".to_owned();
        let xml = write(&batch).unwrap();
        assert!(
            xml.contains("<Nm>O&apos;Brien + Sons .Ltd. &apos;Dublin&apos;</Nm>"),
            "{xml}"
        );
    }

    #[test]
    fn the_creditor_agent_is_written_only_when_the_bic_is_known() {
        let xml = write(&three_orders()).unwrap();
        assert_eq!(xml.matches("<CdtrAgt>").count(), 1);
        assert_eq!(elements(&xml, "BICFI"), ["RBKOXKPRXXX", "RBKOXKPR"]);
    }

    #[test]
    fn a_pound_batch_has_no_sepa_service_level_and_the_scheme_bears_the_charges() {
        let mut batch = three_orders();
        batch.currency = Currency::Gbp;
        for order in &mut batch.orders {
            order.amount = Money::from_minor_units(order.amount.minor_units(), Currency::Gbp);
        }
        let xml = write(&batch).unwrap();
        assert!(!xml.contains("<SvcLvl>"));
        assert!(xml.contains("<ChrgBr>DEBT</ChrgBr>"));
        assert!(xml.contains("<InstdAmt Ccy=\"GBP\">4245.00</InstdAmt>"));
        if let Some((well_formed, messages)) = xmllint(&xml, None) {
            assert!(well_formed, "{messages}");
        }
    }

    #[test]
    fn a_batch_that_fails_the_checks_writes_nothing() {
        let batch = BatchFile {
            orders: vec![],
            ..three_orders()
        };
        assert_eq!(
            write(&batch).unwrap_err().code(),
            "order_count_out_of_range"
        );
    }

    #[test]
    fn the_document_starts_as_the_bank_expects() {
        let xml = write(&three_orders()).unwrap();
        let expected_start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
            <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">\n\
            \x20\x20<CstmrCdtTrfInitn>\n\
            \x20\x20\x20\x20<GrpHdr>\n\
            \x20\x20\x20\x20\x20\x20<MsgId>REDRESS-B000042</MsgId>\n\
            \x20\x20\x20\x20\x20\x20<CreDtTm>2026-03-02T09:15:30Z</CreDtTm>\n";
        assert!(xml.starts_with(expected_start), "{xml}");
    }
}
