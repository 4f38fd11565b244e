//! Articles in several languages: each is stored with its language (the
//! input's, as a code, or detected), filtered by it, and only English ones
//! get the English name rules and topic model.

use std::fs;

use serde_json::{json, Value};
use tempfile::TempDir;

use super::{dateline, json_out};

const GERMAN: &str = "Bundeskanzlerin Angela Merkel hat am Dienstag in Berlin mit den \
    Ministerpräsidenten der Länder über die Maßnahmen gegen die Pandemie beraten. Die Runde \
    einigte sich darauf, die Kontaktbeschränkungen bis Ende Januar zu verlängern. Schulen und \
    Kindergärten bleiben weitgehend geschlossen, teilte die Bundesregierung nach der Sitzung mit.";
const FRENCH: &str = "Le président Emmanuel Macron a reçu mardi à Paris les représentants \
    des agriculteurs, qui réclament des aides après les inondations dans le sud-ouest du pays. \
    Le gouvernement a promis un plan de soutien avant la fin du mois, selon l'Élysée.";
const SPANISH: &str = "El Gobierno de España aprobó el martes en Madrid un nuevo paquete de \
    ayudas para los agricultores afectados por la sequía, que según el ministerio ha reducido \
    la cosecha de cereal a la mitad en varias regiones del país.";
const QUOTING: &str = "German Chancellor Olaf Scholz defended the coalition's budget on \
    Tuesday. \"Wir werden die Schuldenbremse einhalten, das haben wir versprochen\", Scholz told \
    reporters in Berlin. Opposition leader Friedrich Merz accused the government of hiding debts.";
const ENGLISH: &str = "Chancellor Angela Merkel met the premiers of Germany's states in Berlin \
    on Tuesday to discuss measures against the pandemic. They agreed to extend restrictions on \
    contacts until the end of January, and schools will stay largely closed, the government said.";

fn search(index: &std::path::Path, args: &[&str]) -> (Value, i32) {
    json_out(
        dateline()
            .args(["search", "--json", "--limit", "50", "--index"])
            .arg(index)
            .args(args),
    )
}

/// An index of the five articles above, with the indexing report.
fn index_of_languages(dir: &TempDir) -> (std::path::PathBuf, Value) {
    index_lines(
        dir,
        &[
            json!({"title": "Kontaktbeschränkungen verlängert", "date": "2021-01-05", "text": GERMAN}),
            json!({"title": "Macron reçoit les agriculteurs", "date": "2021-01-05", "text": FRENCH, "language": "fr-FR"}),
            json!({"title": "Ayudas por la sequía", "date": "2021-01-05", "text": SPANISH, "language": "Spanish"}),
            json!({"title": "Restrictions extended", "date": "2021-01-05", "text": ENGLISH, "language": "xx"}),
            json!({"title": "Budget defended", "date": "2021-01-06", "text": QUOTING}),
        ],
    )
}

/// An index of `lines`, one article each in a JSON Lines file, with the
/// indexing report (which must say nothing went wrong).
fn index_lines(dir: &TempDir, lines: &[Value]) -> (std::path::PathBuf, Value) {
    let input = dir.path().join("news");
    fs::create_dir_all(&input).unwrap();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(input.join("wire.jsonl"), text).unwrap();
    let index = dir.path().join("idx");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&index)
            .arg(&input),
    );
    assert_eq!(code, 0, "{report}");
    (index, report)
}

#[test]
fn articles_carry_their_language_and_only_english_gets_english_name_rules() {
    let dir = TempDir::new().unwrap();
    let (index, report) = index_of_languages(&dir);
    // A language Dateline does not know is detected instead, and said so.
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("language `xx` is not one Dateline knows: detected as en"),
        "{problems}"
    );

    let (all, _) = search(&index, &[""]);
    let language_of = |title: &str| {
        all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["title"] == title)
            .map(|h| h["language"].clone())
            .unwrap()
    };
    assert_eq!(language_of("Kontaktbeschränkungen verlängert"), "de");
    assert_eq!(language_of("Macron reçoit les agriculteurs"), "fr");
    assert_eq!(language_of("Ayudas por la sequía"), "es");
    assert_eq!(language_of("Restrictions extended"), "en");

    // Filters by code or name, on the command line and in the query.
    for args in [
        ["--language", "de"],
        ["--language", "German"],
        ["--language", "ger"],
    ] {
        let (found, _) = search(&index, &args);
        assert_eq!(found["total"], 1, "{args:?} {found}");
    }
    let (found, _) = search(&index, &["language:fr OR language:spanish"]);
    assert_eq!(found["total"], 2, "{found}");
    let (found, _) = search(&index, &["merkel", "--language", "en"]);
    assert_eq!(
        found["hits"][0]["title"], "Restrictions extended",
        "{found}"
    );

    // English quoting German is not German: it keeps its people, and its
    // language is left unknown, which `--language unknown` selects.
    let (found, _) = search(&index, &["--language", "unknown"]);
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["title"], "Budget defended");
    assert!(
        found["hits"][0]["people"]
            .to_string()
            .contains("Olaf Scholz"),
        "{found}"
    );

    // The English article's people; none from the German one's nouns, but its places.
    let (english, _) = search(&index, &["--language", "en", "--facets", "people"]);
    assert!(
        english["hits"][0]["people"]
            .to_string()
            .contains("Angela Merkel"),
        "{english}"
    );
    let (german, _) = search(&index, &["--language", "de", "--facets", "people,topics"]);
    assert_eq!(german["hits"][0]["people"], json!([]), "{german}");
    assert_eq!(german["hits"][0]["topics"], json!([]), "{german}");
    assert!(
        german["hits"][0]["places"].to_string().contains("Berlin"),
        "{german}"
    );

    // `stats` counts the articles of each language.
    let (stats, _) = json_out(dateline().args(["stats", "--json", "--index"]).arg(&index));
    let languages: Vec<String> = stats["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{} {}", v["value"].as_str().unwrap(), v["count"]))
        .collect();
    assert_eq!(languages, ["de 1", "en 1", "es 1", "fr 1", "unknown 1"]);
    // And a search counts them over its matches.
    let (found, _) = search(&index, &["Berlin", "--facets", "languages"]);
    assert_eq!(
        found["facets"]["languages"],
        json!([{"value": "de", "count": 1}, {"value": "en", "count": 1}]),
        "{found}"
    );

    // A language no article is in, known or not, is an error that lists
    // those of the index.
    for language in ["klingon", "ja"] {
        let output = dateline()
            .args(["search", "--language", language, "--index"])
            .arg(&index)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("no language `{language}`"))
                && stderr.contains("de, en, es, fr"),
            "{stderr}"
        );
    }
}

#[test]
fn each_language_is_searched_with_its_own_stemmer() {
    let dir = TempDir::new().unwrap();
    let (index, _) = index_of_languages(&dir);
    let titles = |args: &[&str]| -> Vec<String> {
        let (found, _) = search(&index, args);
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Other forms of words the articles hold ("Schulen", "inondations",
    // "agricultores"), which English stemming leaves apart.
    assert_eq!(titles(&["Schule"]), ["Kontaktbeschränkungen verlängert"]);
    assert_eq!(
        titles(&["Kontaktbeschränkung"]),
        ["Kontaktbeschränkungen verlängert"]
    );
    assert_eq!(titles(&["inondation"]), ["Macron reçoit les agriculteurs"]);
    assert_eq!(titles(&["agricultor"]), ["Ayudas por la sequía"]);
    // With the other words of a query, in English articles as before.
    assert_eq!(
        titles(&["Schule Maßnahme"]),
        ["Kontaktbeschränkungen verlängert"]
    );
    assert_eq!(
        titles(&["school", "--language", "en"]),
        ["Restrictions extended"]
    );
    // The passage shown is where the article writes the word, in its form.
    let (found, _) = search(&index, &["Schule"]);
    let snippet = &found["hits"][0]["snippet"];
    let [start, end] = [0, 1].map(|i| snippet["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(
        &snippet["text"].as_str().unwrap()[start..end],
        "Schulen",
        "{snippet}"
    );
    // A field named in the query is searched as English text: exact forms.
    assert_eq!(
        titles(&["title:Kontaktbeschränkungen"]),
        ["Kontaktbeschränkungen verlängert"]
    );
    assert!(titles(&["title:Kontaktbeschränkung"]).is_empty());
}

#[test]
fn a_word_two_languages_share_ranks_an_article_in_either_alike() {
    // "Gift" is poison in German: the same word, once in articles of the
    // same shape. The German one is also matched through `text_de`, where
    // only German articles count; it must not outrank the English one for
    // that alone.
    let dir = TempDir::new().unwrap();
    let lines = [
        json!({"title": "Shops report busy weekend", "date": "2024-12-01", "language": "en",
            "text": "Shoppers bought a gift for almost everyone this year. Retailers in Leeds \
                said the weekend was busy and the car parks were full by noon."}),
        json!({"title": "Polizei sucht Zeugen im Stadtpark", "date": "2024-12-01", "language": "de",
            "text": "Unbekannte haben im Park ein Gift ausgelegt. Die Polizei in Leipzig \
                bittet um Hinweise und hat die Wege am Mittag gesperrt."}),
    ];
    let (index, _) = index_lines(&dir, &lines);
    let (found, _) = search(&index, &["gift"]);
    let score = |language: &str| {
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["language"] == language)
            .and_then(|h| h["score"].as_f64())
            .unwrap()
    };
    let (german, english) = (score("de"), score("en"));
    assert!(
        german < english * 1.2,
        "German {german} against English {english}: {found}"
    );
}
