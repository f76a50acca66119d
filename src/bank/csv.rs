//! A batch as CSV, for banks that do not import ISO 20022: one line per order, RFC 4180
//! quoting, `\r\n` line ends, UTF-8 (names keep their letters here, the bank's import decides).
//!
//! Written by hand rather than with the csv crate's writer: quoting is four characters' worth of
//! rules, and a writer to a `String` that cannot fail keeps `write` infallible.

use std::borrow::Cow;

use super::BatchFile;

pub const HEADER: [&str; 8] = [
    "end_to_end_id",
    "payee_name",
    "iban",
    "bic",
    "amount",
    "currency",
    "reference",
    "requested_execution_date",
];

/// The batch's CSV file, orders in the batch's order. The same batch always gives the same bytes.
pub fn write(batch: &BatchFile) -> String {
    let mut output = String::new();
    push_record(&mut output, &HEADER);
    let requested_execution_date = batch.requested_execution_date.to_string();
    for order in &batch.orders {
        let amount = order.amount.amount().to_string();
        let bic = order
            .bic
            .as_ref()
            .map(|bic| bic.as_str())
            .unwrap_or_default();
        push_record(
            &mut output,
            &[
                &order.end_to_end_id,
                &order.payee_name,
                order.iban.as_str(),
                bic,
                &amount,
                order.amount.currency().code(),
                order.reference.as_str(),
                &requested_execution_date,
            ],
        );
    }
    output
}

fn push_record(output: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            output.push(',');
        }
        output.push_str(&quoted(field));
    }
    output.push_str("\r\n");
}

/// A field quoted if it holds a separator, a quote or a line break, with quotes doubled.
fn quoted(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_batch::*;
    use super::*;

    #[test]
    fn each_order_is_a_line_after_the_header_with_crlf_line_ends() {
        let text = write(&three_orders());
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert_eq!(
            lines[0],
            "end_to_end_id,payee_name,iban,bic,amount,currency,reference,requested_execution_date"
        );
        assert_eq!(
            lines[1],
            "REDRESS-O000123,Drita Çeliku-Krasniqi,XK051212012345678906,RBKOXKPR,4245.00,EUR,\
             Compensation KS-2026-000123,2026-03-03"
        );
        assert_eq!(
            lines[2],
            "REDRESS-O000124,Ђорђе Петровић,XK051212012345678906,,1500.50,EUR,\
             Compensation KS-2026-000124 1/3,2026-03-03"
        );
        assert_eq!(lines.len(), 4);
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn the_same_batch_gives_the_same_bytes() {
        assert_eq!(write(&three_orders()), write(&three_orders()));
    }

    #[test]
    fn fields_with_separators_quotes_or_line_breaks_are_quoted() {
        assert_eq!(quoted("plain name"), "plain name");
        assert_eq!(quoted("Krasniqi, Drita"), "\"Krasniqi, Drita\"");
        assert_eq!(quoted("Drita \"Dita\" K"), "\"Drita \"\"Dita\"\" K\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn what_is_written_reads_back_field_for_field() {
        let mut batch = three_orders();
        batch.orders[0].payee_name = "Krasniqi, Drita \"Dita\"\r\nc/o Spitali".to_owned();
        batch.orders[1].reference =
            crate::domain::payout::RemittanceReference::parse("Kompensim, pjesa 1").unwrap();
        let text = write(&batch);
        let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let records: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(reader.headers().unwrap(), &HEADER[..]);
        assert_eq!(records.len(), 3);
        assert_eq!(&records[0][1], "Krasniqi, Drita \"Dita\"\r\nc/o Spitali");
        assert_eq!(&records[1][6], "Kompensim, pjesa 1");
        assert_eq!(&records[2][4], "0.01");
        assert_eq!(&records[2][6], batch.orders[2].reference.as_str());
    }
}
