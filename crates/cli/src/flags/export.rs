//! Flags of `export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::FilterArgs;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only articles matching this query (the `search` language); all when empty.
    #[arg(default_value = "", hide_default_value = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// ndjson: one JSON article per line; es-bulk: bulk API `create` action and article lines; csv: one row per article.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Ndjson)]
    pub format: ExportFormatArg,
    /// Index name in es-bulk actions and in the Quickwit config.
    #[arg(long, default_value = "dateline")]
    pub index_name: String,
    /// Write here instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Print the Quickwit index config for exported articles, and nothing else.
    #[arg(long, conflicts_with = "es_mapping")]
    pub quickwit_config: bool,
    /// Print the Elasticsearch/OpenSearch index mapping for exported articles, and nothing else.
    #[arg(long)]
    pub es_mapping: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    Ndjson,
    EsBulk,
    /// A header, then one row per article; several values joined with "; ".
    Csv,
}

#[cfg(test)]
mod tests {
    use crate::flags::{parse, Command, ExportFormatArg};

    #[test]
    fn export_takes_the_search_filters_and_one_config_at_a_time() {
        let Command::Export(args) = parse(&[
            "export", "oil", "--person", "Volcker", "--format", "es-bulk",
        ])
        .unwrap()
        .command
        else {
            panic!("export")
        };
        assert_eq!(args.query, ["oil"]);
        assert_eq!(args.filters.person, ["Volcker"]);
        assert!(matches!(args.format, ExportFormatArg::EsBulk));
        assert!(parse(&["export", "--quickwit-config", "--es-mapping"]).is_err());
    }
}
