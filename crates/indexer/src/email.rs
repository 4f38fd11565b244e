//! E-mail as articles: one message (`.eml`) or a mailbox of them (`.mbox`),
//! for newsletters, press releases and tips kept as mail. The subject is the
//! headline, `Date:` the date, `From:` the author, and the text part (or the
//! HTML part, as text) the body; attachments are counted, never read.
//! mail-parser decodes MIME, transfer encodings and character sets; the
//! mailbox is split here, a line at a time, so that one message bounds the
//! memory whatever the mailbox's size.

use std::io::BufRead;

use mail_parser::MessageParser;
use serde_json::{json, Value};

use crate::parse::{article_from_json, ParseProblem};
use crate::read::{bounded_line, MAX_RECORD_BYTES};
use crate::Article;

/// The article of one message, and how many attachments it had.
///
/// ```
/// let mail = b"From: Press Office <press@example.org>\r\n\
/// Subject: Harbour reopens after storm\r\n\
/// Date: Tue, 3 Aug 2004 09:30:00 +0200\r\n\
/// Content-Type: text/plain; charset=utf-8\r\n\r\n\
/// The harbour of Split reopened on Tuesday.\r\n\r\nFerries sailed again.\r\n";
/// let (article, attachments) = dateline_indexer::email::message_article(mail).unwrap();
/// assert_eq!(article.title, "Harbour reopens after storm");
/// assert_eq!(article.lead, "The harbour of Split reopened on Tuesday.");
/// assert_eq!(article.authors, ["Press Office"]);
/// assert_eq!(article.date.unwrap().to_rfc3339(), "2004-08-03T07:30:00+00:00");
/// assert_eq!(attachments, 0);
/// ```
pub fn message_article(bytes: &[u8]) -> Result<(Article, usize), String> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or("not an e-mail message: no headers")?;
    let text = message
        .body_text(0)
        .map(|text| text.replace("\r\n", "\n"))
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Err("no text in the message (attachments only, or empty)".to_string());
    }
    let mut object = serde_json::Map::new();
    object.insert("text".into(), Value::String(text));
    if let Some(subject) = message.subject().map(str::trim).filter(|s| !s.is_empty()) {
        object.insert("title".into(), json!(subject));
    }
    if let Some(date) = message.date() {
        object.insert("date".into(), json!(date.to_rfc3339()));
    }
    let from = message.from().and_then(|a| a.first());
    if let Some(author) = from.and_then(|a| a.name().or(a.address())) {
        object.insert("authors".into(), json!([author.trim()]));
    }
    let mut article = article_from_json(Value::Object(object))?;
    if article.date.is_none() {
        let reason = match message.header_raw("Date").map(str::trim) {
            Some(raw) => format!("bad `Date:` header `{raw}`"),
            None => "no `Date:` header".to_string(),
        };
        for warning in &mut article.warnings {
            if warning.ends_with(crate::parse::UNDATED) {
                *warning = format!("{reason}: {}", crate::parse::UNDATED);
            }
        }
    }
    // mail-parser keeps a part it could not decode as it is, and says so.
    if message.text_part(0).is_some_and(|p| p.is_encoding_problem) {
        article.warnings.push(
            "the text could not be decoded as its Content-Transfer-Encoding says: indexed as it is"
                .to_string(),
        );
    }
    Ok((article, message.attachment_count()))
}

/// What a mailbox held besides its articles.
#[derive(Debug, Default)]
pub struct Mailbox {
    /// Messages read (articles or not).
    pub messages: u64,
    /// Attachments of those messages, not read.
    pub attachments: u64,
}

/// Hands each message of an mbox mailbox to `each` as an article (its
/// `line` is the message's number) or the problem that kept it from being
/// one. A `>From ` line is unquoted (mboxrd); a message longer than
/// [`MAX_RECORD_BYTES`] is skipped.
pub fn mbox_articles(
    mut input: impl BufRead,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Mailbox, String> {
    let mut mailbox = Mailbox::default();
    let mut message: Vec<u8> = Vec::new();
    let mut too_long = false;
    let mut line = Vec::new();
    let mut finish = |message: &mut Vec<u8>, too_long: bool, mailbox: &mut Mailbox| {
        let number = mailbox.messages;
        let result = if too_long {
            Err(format!(
                "longer than {} MB: skipped",
                MAX_RECORD_BYTES >> 20
            ))
        } else {
            message_article(message)
        };
        each(match result {
            Ok((mut article, attachments)) => {
                mailbox.attachments += attachments as u64;
                article.line = Some(number);
                Ok(article)
            }
            Err(reason) => Err(ParseProblem {
                line: None,
                record: Some(number),
                reason: format!("message {number}: {reason}"),
            }),
        });
        message.clear();
    };
    while let Some(fits) = bounded_line(&mut input, &mut line, MAX_RECORD_BYTES)
        .map_err(|e| format!("cannot read: {e}"))?
    {
        if line.starts_with(b"From ") {
            if mailbox.messages > 0 {
                finish(&mut message, too_long, &mut mailbox);
            }
            mailbox.messages += 1;
            too_long = false;
            continue;
        }
        if mailbox.messages == 0 {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Err("not an mbox mailbox: it does not start with a `From ` line".to_string());
        }
        let quoted_from = {
            let unquoted = line.iter().position(|&b| b != b'>').unwrap_or(line.len());
            unquoted > 0 && line[unquoted..].starts_with(b"From ")
        };
        let text = if quoted_from { &line[1..] } else { &line[..] };
        if !fits || message.len() + text.len() + 1 > MAX_RECORD_BYTES {
            too_long = true;
        }
        if !too_long {
            message.extend_from_slice(text);
            message.push(b'\n');
        }
    }
    if mailbox.messages > 0 {
        finish(&mut message, too_long, &mut mailbox);
    }
    Ok(mailbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAILBOX: &str = "From press@example.org Tue Aug  3 09:30:00 2004
From: Press Office <press@example.org>
Subject: Harbour reopens
Date: Tue, 3 Aug 2004 09:30:00 +0200

The harbour of Split reopened on Tuesday.
>From today, ferries sail every hour.

From tips@example.org Wed Aug  4 10:00:00 2004
From: tips@example.org
Subject: Only a photo
Date: Wed, 4 Aug 2004 10:00:00 +0200
Content-Type: multipart/mixed; boundary=\"b\"

--b
Content-Type: image/jpeg
Content-Disposition: attachment; filename=\"a.jpg\"
Content-Transfer-Encoding: base64

/9j/4AAQ
--b--

From desk@example.org Thu Aug  5 11:00:00 2004
From: News Desk <desk@example.org>
Subject: Budget vote delayed
Date: Thu, 5 Aug 2004 11:00:00 +0200
Content-Type: multipart/mixed; boundary=\"c\"

--c
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

The vote in Zagreb was delayed to September, the minister said caf=E9.
--c
Content-Type: application/pdf
Content-Disposition: attachment; filename=\"budget.pdf\"

%PDF-1.4
--c--
";

    #[test]
    fn a_mailbox_gives_one_article_per_message_with_text() {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        let mailbox = mbox_articles(MAILBOX.as_bytes(), &mut |r| match r {
            Ok(article) => articles.push(article),
            Err(problem) => problems.push(problem),
        })
        .unwrap();
        assert_eq!(mailbox.messages, 3);
        assert_eq!(mailbox.attachments, 1, "the PDF of message 3");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].line, Some(1));
        assert_eq!(articles[0].title, "Harbour reopens");
        // The quoted `>From` line is text again, not a new message.
        assert!(
            articles[0]
                .lead
                .ends_with("\nFrom today, ferries sail every hour."),
            "{:?}",
            articles[0]
        );
        assert_eq!(articles[1].line, Some(3));
        assert_eq!(articles[1].authors, ["News Desk"]);
        assert!(
            articles[1].lead.ends_with("caf\u{e9}."),
            "{:?}",
            articles[1].lead
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].record, Some(2));
        assert!(
            problems[0].reason.starts_with("message 2: no text"),
            "{:?}",
            problems[0]
        );
    }

    #[test]
    fn a_malformed_message_keeps_its_text_and_says_what_is_wrong() {
        // A multipart message whose boundary is never closed, with a
        // damaged attachment: the text part is the article.
        let unclosed = b"From: Desk <desk@example.org>\r\nSubject: Port strike\r\n\
            Date: Tue, 3 Aug 2004 09:00:00 +0200\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\n\
            Content-Type: text/plain\r\n\r\nDock workers in Rijeka walked out on Tuesday.\r\n\
            --XYZ\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n\
            JVBERi0xLjQK!!!notbase64\r\n";
        let (article, attachments) = message_article(unclosed).unwrap();
        assert_eq!(
            article.lead,
            "Dock workers in Rijeka walked out on Tuesday."
        );
        assert_eq!(attachments, 1);
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
        // A bad date and a text part that is not the base64 it claims.
        let garbled = b"From: desk@example.org\r\nSubject: Garbled\r\nDate: not a date\r\n\
            Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n\
            !!!! this is not base64 ~~~~\r\n";
        let (article, _) = message_article(garbled).unwrap();
        assert_eq!(
            article.warnings,
            [
                format!("bad `Date:` header `not a date`: {}", crate::parse::UNDATED),
                "the text could not be decoded as its Content-Transfer-Encoding says: indexed as it is"
                    .to_string()
            ]
        );
    }

    #[test]
    fn text_that_is_not_a_mailbox_is_refused() {
        let err = mbox_articles("Dear editor,\nhello\n".as_bytes(), &mut |_| {}).unwrap_err();
        assert!(err.contains("not an mbox"), "{err}");
        assert!(message_article(b"just some words, no headers").is_err());
    }
}
