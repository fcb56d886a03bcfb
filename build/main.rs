//! The one generator: everything schema-shaped comes from `proto/` (parsed by protox, so no
//! `protoc` is needed) and the hand-kept tables in `build/tables.rs`.
//!
//! Into `$OUT_DIR` (Rust, not committed): `api.rs` (prost types for native Rust users),
//! `schema_table.rs` (the codec's field tables), `errors.rs`, `layout.rs`.
//! Into `js/gen/` (committed; `scripts/check-generated.sh` fails when they are stale):
//! `codec.js`, `json.js`, `api.js`, `constants.js`, `api.d.ts`.

mod js;
mod rust;
mod schema;
mod tables;
mod ts;

use std::path::{Path, PathBuf};

use prost_types::FileDescriptorSet;

fn main() {
    println!("cargo:rerun-if-changed=proto");
    println!("cargo:rerun-if-changed=build");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());

    let fds = compile(&manifest_dir.join("proto"));
    prost_build::Config::new()
        // BTreeMap: the crate is no_std (with alloc) in the shipped wasm.
        .btree_map(["."])
        .compile_fds(fds.clone())
        .expect("prost-build");
    let schema = schema::Schema::collect(&fds);

    write(
        &out_dir.join("schema_table.rs"),
        &rust::schema_table(&schema),
    );
    write(&out_dir.join("errors.rs"), &rust::errors());
    write(&out_dir.join("layout.rs"), &rust::layout());

    let gen = manifest_dir.join("js/gen");
    std::fs::create_dir_all(&gen).unwrap();
    write(&gen.join("constants.js"), &js::constants(&schema));
    write(&gen.join("codec.js"), &js::codec(&schema));
    write(&gen.join("json.js"), &js::json(&schema));
    write(&gen.join("api.js"), &js::api(&schema));
    write(&gen.join("api.d.ts"), &ts::declarations(&schema));
}

/// Every `.proto` under `proto/`, in path order.
fn compile(root: &Path) -> FileDescriptorSet {
    let mut files = Vec::new();
    collect_protos(root, root, &mut files);
    files.sort();
    protox::Compiler::new([root])
        .expect("proto include path")
        .include_imports(true)
        .include_source_info(true)
        .open_files(&files)
        .unwrap_or_else(|e| panic!("parsing proto/: {e}"))
        .file_descriptor_set()
}

fn collect_protos(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_protos(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// Writes only when the content changed, so that unchanged outputs keep their mtime.
fn write(path: &Path, content: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
