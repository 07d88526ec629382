//! ARCHITECTURE.md's rule for this crate, checked on its sources: the CLI
//! only parses arguments and calls the libraries. Its only types are clap's
//! argument types, it has no constant tables (a model's figures belong in a
//! library), and it touches neither SQL nor data frames.

use super::repo;

#[test]
fn the_cli_only_parses_arguments_and_calls_the_libraries() {
    let src = repo().join("crates/pwe-cli/src");
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let at = format!("{name}:{}", i + 1);
            let item = line
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            if item.starts_with("const ") || item.starts_with("static ") {
                problems.push(format!("{at}: a constant in the CLI: {line}"));
            }
            if item.starts_with("struct ") || item.starts_with("enum ") {
                let derive = lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| l.starts_with("#[") || l.starts_with("///"))
                    .any(|l| {
                        l.starts_with("#[derive(")
                            && ["clap::", "Parser", "Subcommand", "ValueEnum"]
                                .iter()
                                .any(|c| l.contains(c))
                    });
                if !derive {
                    problems.push(format!("{at}: a type that is not clap's arguments: {line}"));
                }
            }
            if line.contains("sqlx::") || line.contains("polars") {
                problems.push(format!("{at}: SQL or data frames in the CLI: {line}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
