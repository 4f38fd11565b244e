//! Flags of the commands that look at an index or at Dateline itself:
//! `show`, `people`/`topics`/`places`/`orgs`, `stats`, `completions`, `man`.

use clap::Args;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, path, or a unique ending of the path.
    pub id: String,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ValuesArgs {
    /// Only values with a word starting with this (case- and accent-insensitive); a
    /// person or organisation also by another form of its name.
    #[arg(default_value = "", hide_default_value = true)]
    pub prefix: String,
    /// How many to list.
    #[arg(long, default_value_t = 25)]
    pub top: usize,
    /// Skip this many first (to page on: `--offset 25` lists the next ones).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// JSON Lines: one `{"value", "count"}` per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (dateline-search(1)); the main page without one.
    pub command: Option<String>,
}

#[cfg(test)]
mod tests {
    use crate::flags::{parse, Command};

    #[test]
    fn listings_take_a_prefix_and_a_count() {
        let Command::People(args) = parse(&["people", "vol", "--top", "5", "--offset", "10"])
            .unwrap()
            .command
        else {
            panic!("people")
        };
        assert_eq!(
            (args.prefix.as_str(), args.top, args.offset),
            ("vol", 5, 10)
        );
        let Command::Orgs(args) = parse(&["orgs"]).unwrap().command else {
            panic!("orgs")
        };
        assert_eq!((args.prefix.as_str(), args.top, args.offset), ("", 25, 0));
    }

    #[test]
    fn show_needs_an_id_and_completions_a_known_shell() {
        assert!(parse(&["show"]).is_err());
        assert!(parse(&["completions", "zsh"]).is_ok());
        assert!(parse(&["completions", "tcsh"]).is_err());
        let Command::Man(args) = parse(&["man", "search"]).unwrap().command else {
            panic!("man")
        };
        assert_eq!(args.command.as_deref(), Some("search"));
    }
}
