//! The loader refuses what would lose data: a repeated header, a key repeated within a file,
//! an alias that shadows another state, NUL bytes, absurd sizes; its messages name the column
//! and stay short; re-importing rows already present stays linear.

use std::fs;
use std::time::{Duration, Instant};

use crate::common::{count, dump, write_visits_csv, Workspace};
use predicates::prelude::*;

/// Runs `reldb import TABLE FILE ARGS`, where FILE holds `text`; asserts exit 1, that the
/// database is unchanged, and returns stderr.
fn refused_import(ws: &Workspace, table: &str, text: &[u8], args: &[&str]) -> String {
    let file = ws.path("input.csv");
    fs::write(&file, text).unwrap();
    let before = dump(&ws.db);
    let output = ws
        .reldb()
        .args(["import", table])
        .arg(&file)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(
        dump(&ws.db),
        before,
        "a refused import changed the database"
    );
    stderr
}

#[test]
fn a_repeated_header_name_is_refused_with_both_column_numbers() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "visits",
        b"visitor_name,visitor_name,visitor_state,host_state,start_date\nAlice,Bob,TJ,AZ,2001\n",
        &[],
    );
    assert!(
        stderr.contains("input.csv:1: the header names visitor_name (columns 1 and 2) twice"),
        "{stderr}"
    );
    let stderr = refused_import(
        &ws,
        "visits",
        b"visitor_name,start_date,visitor_state,host_state,start_date\nAlice,2001,TJ,AZ,2002\n",
        &[],
    );
    assert!(stderr.contains("start_date (columns 2 and 5)"), "{stderr}");
}

#[test]
fn a_header_that_names_a_column_already_mapped_is_refused() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "visits",
        b"who,visitor_name,visitor_state,host_state,start_date\nAlice,Bob,TJ,AZ,2001\n",
        &["--map", "visitor_name=who"],
    );
    assert!(
        stderr.contains(
            "input.csv:1: column visitor_name comes twice: from header who (column 1, by --map \
             visitor_name=who) and from header visitor_name (column 2)"
        ),
        "{stderr}"
    );
    let stderr = refused_import(
        &ws,
        "visits",
        b"who,name,visitor_state,host_state,start_date\nAlice,Bob,TJ,AZ,2001\n",
        &["--map", "visitor_name=who", "--map", "visitor_name=name"],
    );
    assert!(
        stderr.contains("visitor_name is already read from who (column 1)"),
        "{stderr}"
    );
}

#[test]
fn seed_dir_refuses_an_id_repeated_in_a_file_with_both_lines() {
    let ws = Workspace::seeded();
    let dir = ws.path("edited");
    fs::create_dir(&dir).unwrap();
    let missions =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seed/missions.csv")).unwrap();
    let lines = missions.lines().count();
    // A whole row (every column of the header), so only its id is wrong.
    fs::write(
        dir.join("missions.csv"),
        format!("{missions}2,US,AZ,embassy,Baku,1992-03-16,,1,,stated,,,\n"),
    )
    .unwrap();
    let before = dump(&ws.db);
    ws.reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "missions.csv:{}:id: id 2 is already on line 3",
            lines + 1
        )));
    assert_eq!(
        dump(&ws.db),
        before,
        "the Tajik embassy in Baku is still there"
    );
    let rows = ws.query("missions", &["state=TJ"]);
    assert!(rows.iter().any(|r| r["sending_state"] == "TJ"));
}

#[test]
fn import_refuses_a_key_repeated_in_the_file_with_both_lines() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "visits",
        b"id,visitor_name,visitor_state,host_state,start_date\n100,A,TJ,AZ,2001\n\n100,B,TJ,AZ,2002\n",
        &[],
    );
    assert!(
        stderr.contains("input.csv:4:id: id 100 is already on line 2"),
        "{stderr}"
    );
    // A UNIQUE key other than the primary key: a source's title.
    let stderr = refused_import(&ws, "sources", b"title\nNotes A\nNotes B\nNotes A\n", &[]);
    assert!(
        stderr.contains("input.csv:4:title: title Notes A is already on line 2"),
        "{stderr}"
    );
    // A composite key.
    let stderr = refused_import(
        &ws,
        "memberships",
        b"organization,state,note\nUN,FR,a\nUN,FR,b\n",
        &[],
    );
    assert!(
        stderr.contains("(organization, state) (UN, FR) is already on line 2"),
        "{stderr}"
    );
}

#[test]
fn a_check_failure_names_the_column_and_the_value() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "visits",
        b"visitor_name,visitor_state,host_state,start_date,documents_signed\nA,TJ,AZ,2001,-3\n",
        &[],
    );
    assert!(
        stderr.contains(
            "input.csv:2:documents_signed: documents_signed = '-3' breaks a rule of the schema: \
             documents_signed IS NULL OR documents_signed >= 0"
        ),
        "{stderr}"
    );
}

#[test]
fn a_nul_byte_in_a_text_field_is_refused_with_its_column() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "visits",
        b"visitor_name,visitor_state,host_state,start_date,notes\nA,TJ,AZ,2001,before\0after\n",
        &[],
    );
    assert!(
        stderr.contains("input.csv:2:notes: holds a NUL byte (\\0) at byte 7 of the field"),
        "{stderr}"
    );
}

#[test]
fn an_endless_input_is_refused_at_the_header_limit() {
    let ws = Workspace::seeded();
    let started = Instant::now();
    ws.reldb()
        .args(["import", "visits", "/dev/zero"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero:1: the header starting on this line is longer than 64 KiB",
        ));
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_field_over_1_mib_and_a_row_over_16_mib_are_refused() {
    let ws = Workspace::seeded();
    let mut text =
        b"visitor_name,visitor_state,host_state,start_date,notes\nA,TJ,AZ,2001,".to_vec();
    text.extend(std::iter::repeat_n(b'x', (1 << 20) + 1));
    text.push(b'\n');
    let stderr = refused_import(&ws, "visits", &text, &[]);
    assert!(
        stderr.contains(
            "input.csv:2:notes: the field is 1048577 bytes long, more than the limit of 1 MiB"
        ),
        "{stderr}"
    );
    // A quoted field spread over many short lines: no line is long, the row is.
    let mut text =
        b"visitor_name,visitor_state,host_state,start_date,notes\nA,TJ,AZ,2001,\"".to_vec();
    for _ in 0..(17 << 10) {
        text.extend(std::iter::repeat_n(b'y', 1023));
        text.push(b'\n');
    }
    text.extend(b"\"\n");
    let stderr = refused_import(&ws, "visits", &text, &[]);
    assert!(
        stderr.contains("input.csv:2: the row starting on this line is longer than 16 MiB"),
        "{stderr}"
    );
}

#[test]
fn a_list_of_ten_thousand_unknown_columns_is_cut_to_twenty() {
    let ws = Workspace::seeded();
    let mut header: Vec<String> = ["visitor_name", "visitor_state", "host_state", "start_date"]
        .map(str::to_string)
        .to_vec();
    header.extend((0..10_000).map(|i| format!("x{i}")));
    let text = format!("{}\n", header.join(","));
    let stderr = refused_import(&ws, "visits", text.as_bytes(), &[]);
    assert!(stderr.contains("x19, … and 9980 more;"), "{stderr}");
    assert!(!stderr.contains("x20,"), "{stderr}");
    assert!(stderr.len() < 2000, "{} bytes: {stderr}", stderr.len());
}

#[test]
fn re_importing_rows_already_present_stays_linear() {
    let ws = Workspace::seeded();
    let file = ws.path("visits.csv");
    write_visits_csv(&file, 40_000);
    assert!(
        fs::metadata(&file).unwrap().len() >= 1 << 20,
        "big enough to drop indexes"
    );
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
    let started = Instant::now();
    // Quadratic, this took minutes; linear, a few seconds even in a debug build.
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("40000 rows refused"))
        .stderr(predicate::str::contains("already has the same values"));
    let took = started.elapsed();
    assert_eq!(count(&ws.db, "visits"), 40_002);
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn an_alias_may_not_shadow_another_states_code_name_or_alias() {
    let ws = Workspace::seeded();
    let stderr = refused_import(
        &ws,
        "state_aliases",
        b"alias,state\nTajikistan,AZ\nTJ,AZ\ntjk,AZ\nBurma,AZ\nNew Alias,AZ\nnew alias,TJ\n",
        &[],
    );
    for expected in [
        "input.csv:2:alias: alias 'Tajikistan' of AZ would shadow another state: 'Tajikistan' \
         is the name of TJ (Tajikistan)",
        "input.csv:3:alias: alias 'TJ' of AZ would shadow another state: 'TJ' is the code of TJ",
        "input.csv:4:alias: alias 'tjk' of AZ would shadow another state: 'tjk' is the code of TJ",
        "input.csv:5:alias: alias 'Burma' of AZ would shadow another state: 'Burma' is an alias \
         of MM (Myanmar)",
        "input.csv:7:alias: alias 'new alias' of TJ would shadow another state: 'new alias' is \
         an alias of AZ on line 6",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(stderr.contains("5 rows refused"), "{stderr}");
    // Years that tell the states apart make the same name fine: a name may pass from one state
    // to another.
    let file = ws.path("aliases.csv");
    fs::write(
        &file,
        "alias,state,valid_from,valid_until\nSoviet Russia,SUHH,,1991-12-26\nSoviet Russia,RU,1991-12-27,\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "state_aliases"])
        .arg(&file)
        .assert()
        .success();
    ws.reldb().arg("check").assert().success();
}

#[test]
fn seed_dir_refuses_an_alias_that_shadows_another_state() {
    let ws = Workspace::seeded();
    let dir = ws.path("edited");
    fs::create_dir(&dir).unwrap();
    let aliases = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seed/state_aliases.csv"
    ))
    .unwrap();
    let lines = aliases.lines().count();
    fs::write(
        dir.join("state_aliases.csv"),
        format!("{aliases}9999,Tajikistan,AZ,,,variant,,\n"),
    )
    .unwrap();
    let before = dump(&ws.db);
    ws.reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "state_aliases.csv:{}:alias: alias 'Tajikistan' of AZ would shadow another state",
            lines + 1
        )));
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn check_finds_an_alias_written_by_hand_that_shadows_another_state() {
    let ws = Workspace::seeded();
    ws.reldb().arg("check").assert().success();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(
        "INSERT INTO state_aliases (alias, state) VALUES ('Tajikistan', 'AZ'), ('TJ', 'AZ'); \
         INSERT INTO state_aliases (alias, state, valid_until) VALUES ('Burma', 'AZ', '1980');",
    )
    .unwrap();
    drop(conn);
    let output = ws.reldb().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("alias 'Tajikistan' of AZ is also the name 'Tajikistan' of TJ"),
        "{stdout}"
    );
    assert!(
        stdout.contains("alias 'TJ' of AZ is also the code 'TJ' of TJ"),
        "{stdout}"
    );
    // Azerbaijan exists from 1991: an alias of it until 1980 can mean nothing, and shadows
    // nothing.
    assert!(!stdout.contains("Burma"), "{stdout}");
}

#[test]
fn seed_dir_reads_a_file_that_never_ends_only_up_to_the_header_limit() {
    let ws = Workspace::seeded();
    let dir = ws.path("edited");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("visits.csv")).unwrap();
    let before = dump(&ws.db);
    ws.reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "visits.csv:1: the header starting on this line is longer than 64 KiB",
        ));
    assert_eq!(dump(&ws.db), before);
}
