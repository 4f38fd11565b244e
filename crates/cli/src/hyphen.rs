//! Lets a search query start with `-word` (`dateline search -oil gas`).
//!
//! clap reads any argument that starts with `-` as options, so `-oil` was
//! "unexpected argument '-o'". Before clap parses, an argument of `search`
//! or `export` that starts with `-` and a letter or quote that is no short
//! option of the command is marked as a query word (its `-` becomes U+2212,
//! a minus sign clap does not read); after parsing, the query words get their
//! `-` back. Options keep working anywhere: `search -oil --limit 5`.

use std::ffi::OsString;

use clap::CommandFactory;

use crate::flags::{Cli, Command};

/// The mark a query word's leading `-` carries through clap.
const MINUS: char = '\u{2212}';

/// Gives the query words that [`mark_query_words`] marked their `-` back.
pub fn unmark_query_words(cli: &mut Cli) {
    let query = match &mut cli.command {
        Command::Search(args) => &mut args.query,
        Command::Export(args) => &mut args.query,
        _ => return,
    };
    for word in query.iter_mut() {
        if let Some(rest) = word.strip_prefix(MINUS) {
            *word = format!("-{rest}");
        }
    }
}

/// `args` with the query words of `search` and `export` that start with `-`
/// marked.
pub fn mark_query_words(mut args: Vec<OsString>) -> Vec<OsString> {
    let command = Cli::command();
    let Some((at, sub)) = args.iter().enumerate().skip(1).find_map(|(i, arg)| {
        let name = arg.to_str()?;
        matches!(name, "search" | "export")
            .then(|| command.find_subcommand(name).map(|sub| (i, sub)))
            .flatten()
    }) else {
        return args;
    };
    let shorts: Vec<char> = command
        .get_arguments()
        .chain(sub.get_arguments())
        .filter_map(|arg| arg.get_short())
        .chain(['h'])
        .collect();
    for arg in args.iter_mut().skip(at + 1) {
        let Some(text) = arg.to_str() else {
            continue;
        };
        if text == "--" {
            break;
        }
        let mut chars = text.chars();
        let (Some('-'), Some(next)) = (chars.next(), chars.next()) else {
            continue;
        };
        let word_start = next.is_alphabetic() || next == '"' || next == '(';
        // One argument holding a space is a quoted query, never options.
        let quoted_query = text.contains(' ') && next != '-';
        if (word_start && !shorts.contains(&next)) || quoted_query {
            *arg = format!("{MINUS}{}", &text[1..]).into();
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        mark_query_words(args)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn query_words_are_marked_and_options_are_not() {
        assert_eq!(
            marked(&["dateline", "search", "-oil", "gas", "--limit", "5", "-v"]),
            [
                "dateline",
                "search",
                "\u{2212}oil",
                "gas",
                "--limit",
                "5",
                "-v"
            ]
        );
        assert_eq!(
            marked(&["dateline", "--index", "x", "export", "-\"natural gas\""]),
            [
                "dateline",
                "--index",
                "x",
                "export",
                "\u{2212}\"natural gas\""
            ]
        );
        // A group, and a quoted query whose first letter is a flag's.
        assert_eq!(
            marked(&["dateline", "search", "-(oil OR gas)", "-n", "3"]),
            ["dateline", "search", "\u{2212}(oil OR gas)", "-n", "3"]
        );
        assert_eq!(
            marked(&["dateline", "export", "-oil gas"]),
            ["dateline", "export", "\u{2212}oil gas"]
        );
        // Not other commands, not negative numbers, not after `--`.
        assert_eq!(
            marked(&["dateline", "index", "-oil"]),
            ["dateline", "index", "-oil"]
        );
        assert_eq!(
            marked(&["dateline", "search", "--", "-oil", "-5"]),
            ["dateline", "search", "--", "-oil", "-5"]
        );
    }
}
