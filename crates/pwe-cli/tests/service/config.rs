//! One configuration for the service and the operator's commands, and the
//! code key the database was first used with: a shell without the service's
//! secret, or with another one, is refused instead of printing letters whose
//! codes never work (docs/deploy.md, "The operator's commands").

use std::path::Path;

use crate::http::{Server, client, login, session, survey_file};
use crate::{pwe, repo, text};

const SECRET: &str = "the-service-code-secret-0123456789abcdef";

/// The deployment's configuration file in `dir`, as docs/deploy.md writes it.
fn configuration(dir: &Path, survey: &str) -> String {
    crate::write_secret(&dir.join("code.secret"), SECRET);
    // The survey's companion file: how the population's columns make up the margins.
    std::fs::copy(
        repo().join("surveys/mall-parkeren.population.toml"),
        Path::new(survey).with_extension("population.toml"),
    )
    .unwrap();
    let config = format!(
        "db = \"sqlite://{}\"\ncode_secret_file = \"code.secret\"\nsurvey = \"{survey}\"\npopulation = \"{}\"\n",
        dir.join("pwe.sqlite").display(),
        repo().join("fixtures/mall-buurten.csv").display(),
    );
    let path = dir.join("pwe.toml");
    std::fs::write(&path, config).unwrap();
    path.display().to_string()
}

#[test]
fn the_operators_codes_work_on_the_service_and_another_key_is_refused() {
    let dir = crate::temp_dir("config");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let config = configuration(&dir, &survey);
    let server = Server::start(&dir, &survey, &["--config", &config]);

    // The deploy guide's operator command: everything from the configuration.
    let output = pwe(
        &dir,
        &[
            "--config",
            &config,
            "codes",
            "generate",
            "--per-buurt",
            "1",
            "--test",
            "--out",
            "codes.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let codes = std::fs::read_to_string(dir.join("codes.csv")).unwrap();
    let code = codes.lines().nth(1).unwrap().split(',').nth(2).unwrap();
    // ... and the code opens a session on the running service.
    session(&login(&server, client(1), code));

    // An operator's shell with only the database: refused, and no second
    // secret is made beside the database.
    let db = format!("sqlite://{}", dir.join("pwe.sqlite").display());
    let bare = [
        "--db",
        db.as_str(),
        "--survey",
        survey.as_str(),
        "--households",
    ];
    let households = repo().join("fixtures/mall-buurten.csv");
    let households = households.to_str().unwrap();
    let mut args: Vec<&str> = bare.to_vec();
    args.extend([households, "--out", "bare.csv"]);
    let output = generate(&dir, &args, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("has no key") && stderr.contains("code.secret"),
        "{stderr}"
    );
    assert!(!dir.join("pwe.sqlite.secret").exists());
    assert!(!dir.join("bare.csv").exists());

    // Another secret in the shell: refused, naming both keys' sources.
    let output = generate(
        &dir,
        &args,
        &[(
            "PWE_CODE_SECRET",
            "another-secret-of-the-operators-own-0123",
        )],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("PWE_CODE_SECRET")
            && stderr.contains(&format!("the file {}", dir.join("code.secret").display()))
            && stderr.contains("is another one"),
        "{stderr}"
    );
    assert!(!dir.join("bare.csv").exists());

    // A secret every user may read is refused, with how to fix it.
    use std::os::unix::fs::PermissionsExt;
    let secret = dir.join("code.secret");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = pwe(
        &dir,
        &[
            "--config",
            &config,
            "codes",
            "generate",
            "--per-buurt",
            "1",
            "--test",
            "--out",
            "readable.csv",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("is readable by every user of the machine (mode 644)"),
        "{}",
        text(&output.stderr)
    );
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o640)).unwrap();

    // `pwe serve` with another key refuses to start as well.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args([
            "serve",
            "--survey",
            &survey,
            "--db",
            &db,
            "--addr",
            "127.0.0.1:0",
        ])
        .env(
            "PWE_CODE_SECRET",
            "another-secret-of-the-operators-own-0123",
        )
        .env_remove("PWE_CONFIG")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("is another one"));
}

#[test]
fn a_configuration_with_a_secret_in_it_or_a_misspelt_key_is_refused() {
    let dir = crate::temp_dir("config-wrong");
    let survey = survey_file(&dir, None);
    for (config, expected) in [
        (
            "code_secret = \"abc\"\n",
            "code_secret: a secret is not written",
        ),
        (
            "db = \"sqlite://x\"\npublic_ulr = \"https://x\"\n",
            "public_ulr",
        ),
        ("public_url = \"http://pwe.example.nl\"\n", "plain http"),
    ] {
        std::fs::write(dir.join("pwe.toml"), config).unwrap();
        let output = pwe(
            &dir,
            &[
                "--config",
                "pwe.toml",
                "serve",
                "--survey",
                &survey,
                "--addr",
                "127.0.0.1:0",
            ],
        );
        assert_eq!(output.status.code(), Some(1), "{config}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{config}: {stderr}");
    }
}

/// A mistyped `--db` is refused by every command that works on an existing
/// consultation, naming the file, instead of showing an empty one; nothing
/// is made there.
#[test]
fn a_mistyped_database_is_refused_and_not_made() {
    let dir = crate::temp_dir("config-typo");
    let survey = survey_file(&dir, None);
    let db = "sqlite://pwe.sqllite";
    let commands: [&[&str]; 4] = [
        &["status", "--survey", &survey, "--db", db],
        &["export", "--survey", &survey, "--out", "out", "--db", db],
        &["codes", "void", "--ref", "H1", "--db", db],
        &["staff", "list", "--db", db],
    ];
    for args in commands {
        let output = pwe(&dir, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("there is no database at pwe.sqllite"),
            "{args:?}: {stderr}"
        );
        assert!(!dir.join("pwe.sqllite").exists(), "{args:?} made the file");
    }
}

/// `pwe codes generate` in `dir` with `args`, in a shell with only `env`.
fn generate(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pwe"));
    command
        .args(["codes", "generate", "--per-buurt", "1", "--test"])
        .args(args)
        .current_dir(dir)
        .env_remove("PWE_DB")
        .env_remove("PWE_CODE_SECRET")
        .env_remove("PWE_CONFIG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}
