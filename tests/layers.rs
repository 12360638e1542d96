//! The layers of `docs/architecture.md`, held by their sources: each layer
//! of the library imports only the layers below it, the library names no
//! clap type, and the command line's own refusal (`CommandError::Refused`,
//! worded with flags) lives in the binary alone: the library's error type
//! has no variant for it. The error type, which every layer uses, names
//! only leaves (modules that import nothing of the crate), so no import
//! runs in a circle through it.
//!
//! The check reads the code (comments left out) for paths into the crate's
//! modules (`crate::ops`, `crate::report::…`), so a new file, or a new
//! upward import, is held to the same rule.

use std::fs;
use std::path::{Path, PathBuf};

/// Each library layer (a folder of `src/`) and the layers it may not use.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "domain",
        &["store", "books", "ops", "report", "audit", "render"],
    ),
    ("store", &["books", "ops", "report", "audit", "render"]),
    ("books", &["ops", "report", "audit", "render"]),
    ("ops", &["report", "audit"]),
    ("report", &["ops", "audit"]),
    ("render", &["store", "books", "ops", "report", "audit"]),
    ("audit", &["ops"]),
];

/// The one write command that may use `audit`: a backup verifies its copy.
const ALLOWED: &[(&str, &str)] = &[("src/ops/backup.rs", "audit")];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's code without its comments (line comments and doc comments; the
/// crate writes no block comments).
fn code(path: &Path) -> String {
    without_comments(&fs::read_to_string(path).unwrap())
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `code` uses module `layer` of the crate: a path `crate::layer`
/// (`crate::layer::…`, `crate::layer;`), or `layer` among the names of a
/// grouped `use crate::{…}`, on one line or over several.
fn uses(code: &str, layer: &str) -> bool {
    let direct = format!("crate::{layer}");
    let path = code.match_indices(&direct).any(|(at, _)| {
        !code[at + direct.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    });
    path || code.split("use crate::{").skip(1).any(|group| {
        let group = group.split(';').next().unwrap_or_default();
        group
            .split(['{', '}', ',', ' ', '\n'])
            .any(|part| part == layer || part.starts_with(&format!("{layer}::")))
    })
}

fn relative(path: &Path) -> String {
    path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let mut upward = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let mut files = sources(&src().join(layer));
        let top = src().join(format!("{layer}.rs"));
        if top.exists() {
            files.push(top);
        }
        assert!(!files.is_empty(), "src/{layer} has no sources");
        for file in files {
            let code = code(&file);
            let name = relative(&file);
            for other in *forbidden {
                if uses(&code, other) && !ALLOWED.contains(&(name.as_str(), *other)) {
                    upward.push(format!("{name} uses crate::{other}"));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the layers:\n{upward:#?}"
    );
}

/// The modules the error type may name: leaves, which import nothing of the
/// crate, so `error` sits below every layer that uses it.
const LEAVES: &[&str] = &["domain::ids", "domain::settings", "progress"];

/// Every path into the crate that `code` names (`crate::domain::ids`, and
/// each name of a grouped `use crate::{…}`), as written after `crate::`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's names at its own level, each with its own braces.
            let (mut depth, mut name) = (0, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        paths.push(name.trim().to_owned());
                        name.clear();
                        continue;
                    }
                    _ => {}
                }
                name.push(c);
            }
            paths.push(name.trim().to_owned());
            paths.retain(|p| !p.is_empty());
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            paths.push(rest[..end].to_owned());
        }
    }
    paths
}

#[test]
fn the_error_type_rests_only_on_leaves() {
    let mut files = sources(&src().join("error"));
    files.push(src().join("error.rs"));
    let mut found = Vec::new();
    for file in files {
        for path in crate_paths(&code(&file)) {
            if !LEAVES
                .iter()
                .any(|leaf| path.starts_with(&format!("{leaf}::")))
            {
                found.push(format!("{} uses crate::{path}", relative(&file)));
            }
        }
    }
    for leaf in LEAVES {
        let file = src().join(format!("{}.rs", leaf.replace("::", "/")));
        for path in crate_paths(&code(&file)) {
            found.push(format!("{} (a leaf) uses crate::{path}", relative(&file)));
        }
    }
    assert!(
        found.is_empty(),
        "the error type reaches above the leaves:\n{found:#?}"
    );
}

#[test]
fn the_check_sees_every_path_into_the_crate() {
    assert_eq!(
        crate_paths("use crate::domain::ids::TxnId;\nlet k = crate::domain::settings::LANGUAGE;"),
        ["domain::ids::TxnId", "domain::settings::LANGUAGE"]
    );
    assert_eq!(
        crate_paths("use crate::{\n    domain::money,\n    ops::{Book, X},\n};"),
        ["domain::money", "ops::{Book, X}"]
    );
}

/// The library's modules by name (`store::records`, `audit::bundle`), each
/// with its file; the binary's (`cli`, `commands`) are left out.
fn modules() -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    for file in sources(&src()) {
        let rel = file.strip_prefix(src()).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let top = parts[0].as_str();
        if ["main", "lib", "cli", "commands"].contains(&top) {
            continue;
        }
        found.push((parts.join("::"), file));
    }
    found
}

/// The module a path names: the longest of `names` it starts with.
fn module_of<'a>(path: &str, names: &'a [String]) -> Option<&'a String> {
    names
        .iter()
        .filter(|name| path == name.as_str() || path.starts_with(&format!("{name}::")))
        .max_by_key(|name| name.len())
}

/// Which modules each module uses, outside its tests: by `crate::` paths and
/// by `super::` paths, leaving out a module's use of the modules it is in
/// (a child uses its parent's types, and the parent declares the child).
fn imports() -> Vec<(String, Vec<String>)> {
    let modules = modules();
    let names: Vec<String> = modules.iter().map(|(n, _)| n.clone()).collect();
    let mut graph = Vec::new();
    for (name, file) in &modules {
        let code = code(file);
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
        let mut paths: Vec<String> = crate_paths(code);
        for (at, _) in code.match_indices("super::") {
            let rest = &code[at + "super::".len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            paths.push(format!("{parent}::{}", &rest[..end]));
        }
        let mut used: Vec<String> = paths
            .iter()
            .filter_map(|p| module_of(p.trim_end_matches(':'), &names))
            .filter(|m| *m != name && !name.starts_with(&format!("{m}::")))
            .cloned()
            .collect();
        used.sort();
        used.dedup();
        graph.push((name.clone(), used));
    }
    graph
}

/// A circle of imports in `graph`, if there is one, as the modules on it.
fn circle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        graph: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if done.iter().any(|m| m == at) {
            return None;
        }
        path.push(at.to_owned());
        let next = graph.iter().find(|(m, _)| m == at).map(|(_, u)| u.clone());
        for other in next.unwrap_or_default() {
            if let Some(found) = visit(&other, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(at.to_owned());
        None
    }
    let mut done = Vec::new();
    graph
        .iter()
        .find_map(|(m, _)| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_in_a_circle() {
    let graph = imports();
    assert!(graph.len() > 100, "only {} modules were read", graph.len());
    if let Some(found) = circle(&graph) {
        panic!(
            "these modules import each other in a circle: {}",
            found.join(" -> ")
        );
    }
}

#[test]
fn the_check_sees_a_circle() {
    let graph = |edges: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        edges
            .iter()
            .map(|(m, u)| (m.to_string(), u.iter().map(|x| x.to_string()).collect()))
            .collect()
    };
    let found = circle(&graph(&[
        ("error", &["domain::ids"]),
        ("domain::ids", &["domain::money"]),
        ("domain::money", &["error"]),
    ]));
    assert_eq!(
        found.map(|f| f.join(" -> ")).as_deref(),
        Some("error -> domain::ids -> domain::money -> error")
    );
    assert_eq!(
        circle(&graph(&[("a", &["b", "c"]), ("b", &["c"]), ("c", &[])])),
        None
    );
    let names = ["store".to_owned(), "store::records".to_owned()];
    assert_eq!(
        module_of("store::records::append", &names).map(String::as_str),
        Some("store::records")
    );
    assert_eq!(
        module_of("store::recordsx", &names).map(String::as_str),
        Some("store")
    );
    assert_eq!(module_of("storex", &names), None);
}

#[test]
fn the_library_has_no_command_line() {
    let binary = [
        src().join("main.rs"),
        src().join("cli"),
        src().join("commands"),
    ];
    let mut found = Vec::new();
    for file in sources(&src()) {
        if binary.iter().any(|b| file.starts_with(b)) {
            continue;
        }
        let code = code(&file);
        for needle in ["clap", "CommandLine", "CommandError"] {
            if code.contains(needle) {
                found.push(format!("{} has {needle}", relative(&file)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the library reaches the command line:\n{found:#?}"
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    // The checker itself: a `use` of a higher layer in either form is seen,
    // a layer whose name another starts with is not mistaken for it.
    assert!(uses("use crate::report::pools::holdings;", "report"));
    assert!(uses("use crate::{domain::money, ops::Book};", "ops"));
    assert!(uses(
        "use crate::{\n    domain::money,\n    ops::{Book, NewCommodity},\n};",
        "ops"
    ));
    assert!(!uses("use crate::{\n    domain::ops_like,\n};", "ops"));
    assert!(uses("    crate::ops::grant_state::sync(conn)?;", "ops"));
    assert!(!uses("use crate::reporting::x;", "report"));
    assert!(!uses(
        &without_comments("/// see crate::ops::x\nlet a = 1;"),
        "ops"
    ));
}
